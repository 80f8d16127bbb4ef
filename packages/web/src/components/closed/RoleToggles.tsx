import { useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, del, put } from '../../lib/api';
import { setMe, useMe } from '../../lib/session';
import type { FunctionalRole, Me, Page } from '../../lib/types';
import { ErrorText } from '../bits';

const ROLES: FunctionalRole[] = ['communications', 'governance', 'moderator'];

/** A person's functional roles as switches, granted and revoked one at a time. */
export function RoleToggles({ person }: { person: Me }) {
  const { t } = useTranslation();
  const id = useId();
  const me = useMe();
  const qc = useQueryClient();
  // The switch shows the state asked for in the same render as the click: a controlled checkbox
  // that waits for the mutation's own state would flip back for a moment.
  const [asked, setAsked] = useState<{ role: FunctionalRole; on: boolean } | null>(null);
  const toggle = useMutation({
    mutationFn: ({ role, on }: { role: FunctionalRole; on: boolean }) =>
      on ? put<Me>(`/admin/people/${person.id}/roles/${role}`) : del<Me>(`/admin/people/${person.id}/roles/${role}`),
    onSuccess: (updated) => {
      // My own roles change what the menu offers.
      if (updated.id === me.id) setMe({ ...me, roles: updated.roles });
      // Patch the lists in place so the switch settles at once, without waiting for a refetch.
      qc.setQueriesData<InfiniteData<Page<Me>>>({ queryKey: ['admin', 'people'] }, (data) =>
        data && { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.map((x) => (x.id === updated.id ? { ...x, roles: updated.roles } : x)) })) },
      );
    },
    onSettled: () => setAsked(null),
  });
  const guestError = toggle.error instanceof ApiError && toggle.error.status === 400;
  return (
    <fieldset className="role-toggles">
      <legend className="sr-only">{t('adminRoles.legend', { name: person.name })}</legend>
      <span className="muted small" aria-hidden="true">
        {t('adminRoles.label')}
      </span>
      {ROLES.map((role) => (
        <label key={role} className="toggle" htmlFor={`${id}-${role}`}>
          <input
            id={`${id}-${role}`}
            type="checkbox"
            role="switch"
            checked={asked?.role === role ? asked.on : person.roles.includes(role)}
            disabled={asked !== null}
            onChange={(e) => {
              setAsked({ role, on: e.target.checked });
              toggle.mutate({ role, on: e.target.checked });
            }}
            data-testid={`role-${role}`}
          />
          <span>{t(`adminRoles.roles.${role}`)}</span>
        </label>
      ))}
      {guestError ? (
        <p className="error" role="alert">
          {t('adminRoles.guest')}
        </p>
      ) : (
        <ErrorText error={toggle.error} />
      )}
    </fieldset>
  );
}
