import type { PolicyVersion } from '@foyer/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../lib/api';
import { ErrorText } from '../bits';
import { Decisions } from './Decisions';

/** A pending version: what it changes, who still has to approve, and (for them) approve or reject. */
export function DecisionPanel({ version }: { version: PolicyVersion }) {
  const { t } = useTranslation();
  const id = useId();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const decide = useMutation({
    mutationFn: (verb: 'approve' | 'reject') => post<PolicyVersion>(`/policy/versions/${version.id}/${verb}`, { reason }),
    onSuccess: (v) => {
      setReason('');
      void qc.invalidateQueries({ queryKey: ['policy'] });
      // A version now in force may switch modules on or off: the navigation follows the session.
      if (v.status === 'active') void qc.invalidateQueries({ queryKey: ['session'] });
    },
  });
  const roles = version.awaiting.map((r) => t(`compliance.roles.${r}`)).join(', ');
  const mayDecide = version.abilities.approve || version.abilities.reject;
  return (
    <section className="card policy-pending" aria-labelledby={`${id}-title`} data-testid="policy-pending">
      <h2 id={`${id}-title`}>{t('compliance.pendingTitle', { version: version.version })}</h2>
      <p>{t('compliance.awaiting', { roles })}</p>
      <p className="small">{t('compliance.changes', { count: version.changes.length, list: version.changes.join(', ') })}</p>
      <Decisions version={version} />
      {mayDecide ? (
        <form className="form" onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t('compliance.reasonLabel')}</label>
            <textarea id={`${id}-reason`} rows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} aria-describedby={`${id}-reason-hint`} data-testid="policy-reason" />
            <p id={`${id}-reason-hint`} className="hint">
              {t('compliance.reasonHint')}
            </p>
          </div>
          <ErrorText error={decide.error} />
          <div className="form-actions">
            {version.abilities.approve && (
              <button type="button" className="btn btn-primary" disabled={decide.isPending} onClick={() => decide.mutate('approve')} data-testid="policy-approve">
                {t('compliance.approve')}
              </button>
            )}
            {version.abilities.reject && (
              <button type="button" className="btn btn-danger" disabled={decide.isPending || !reason.trim()} onClick={() => decide.mutate('reject')} data-testid="policy-reject">
                {t('compliance.reject')}
              </button>
            )}
          </div>
        </form>
      ) : (
        <p className="hint">{t('compliance.cannotDecide')}</p>
      )}
    </section>
  );
}
