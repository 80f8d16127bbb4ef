import { useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useId } from 'react';
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
            // While the server answers, show the state asked for.
            checked={toggle.isPending && toggle.variables.role === role ? toggle.variables.on : person.roles.includes(role)}
            disabled={toggle.isPending}
            onChange={(e) => toggle.mutate({ role, on: e.target.checked })}
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
