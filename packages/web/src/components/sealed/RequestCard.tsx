import type { SealedRequest } from '@foyer/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { ErrorText } from '../bits';

/** One request: scope, reason, state and decisions; approve, deny or revoke for those who may. */
export function RequestCard({ request: r, onOpen }: { request: SealedRequest; onOpen(id: number): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const act = useMutation({
    mutationFn: (verb: 'approve' | 'deny' | 'revoke') => post<SealedRequest>(`/sealed/${r.id}/${verb}`, verb === 'revoke' ? undefined : { reason }),
    onSuccess: () => {
      setReason('');
      void qc.invalidateQueries({ queryKey: ['sealed'] });
    },
  });
  const decide = r.abilities.approve || r.abilities.deny;
  return (
    <li className="card sealed-request" data-testid="sealed-request" data-status={r.status}>
      <div className="sealed-request-head">
        <h3 id={`${id}-title`}>{t('sealed.list.item', { id: r.id, scope: t(`sealed.scope.${r.scopeType}`), name: r.scopeLabel })}</h3>
        <span className={`badge sealed-status sealed-status-${r.status}`}>{t(`sealed.status.${r.status}`)}</span>
      </div>
      <dl className="sealed-facts">
        <dt>{t('sealed.list.requester')}</dt>
        <dd>{t('sealed.list.requestedBy', { name: r.requester.name, when: f.dateTime(r.createdAt) })}</dd>
        <dt>{t('sealed.list.range')}</dt>
        <dd>{t('sealed.list.rangeValue', { from: f.dateTime(r.from), to: f.dateTime(r.to) })}</dd>
        <dt>{t('sealed.list.basis')}</dt>
        <dd>
          {t(`sealed.basis.${r.legalBasis}`)} — {r.legalBasisText}
        </dd>
        <dt>{t('sealed.list.reason')}</dt>
        <dd className="sealed-reason">{r.reason}</dd>
        <dt>{t('sealed.list.approvers')}</dt>
        <dd>{r.approverRoles.map((role) => t(`compliance.roles.${role}`, { defaultValue: role })).join(', ')}</dd>
        <dt>{t('sealed.list.expires')}</dt>
        <dd>{f.dateTime(r.expiresAt)}</dd>
      </dl>
      {r.decisions.length > 0 && (
        <ul className="sealed-decisions">
          {r.decisions.map((d) => (
            <li key={`${d.by.id}-${d.at}`}>
              {t(`sealed.decision.${d.decision}`, { name: d.by.name, role: t(`compliance.roles.${d.role}`, { defaultValue: d.role }), when: f.dateTime(d.at) })}
              {d.reason && <span className="muted"> — {d.reason}</span>}
            </li>
          ))}
        </ul>
      )}
      {decide && (
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('sealed.list.decisionReason')}</label>
          <textarea id={`${id}-reason`} rows={2} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="sealed-decision-reason" />
        </div>
      )}
      <ErrorText error={act.error} />
      <div className="form-actions">
        {r.abilities.approve && (
          <button type="button" className="btn btn-primary" disabled={act.isPending} onClick={() => act.mutate('approve')} data-testid="sealed-approve">
            {t('sealed.list.approve')}
          </button>
        )}
        {r.abilities.deny && (
          <button type="button" className="btn btn-danger" disabled={act.isPending || !reason.trim()} onClick={() => act.mutate('deny')} data-testid="sealed-deny">
            {t('sealed.list.deny')}
          </button>
        )}
        {r.abilities.read && (
          <button type="button" className="btn btn-primary" onClick={() => onOpen(r.id)} data-testid="sealed-open">
            {t('sealed.list.open')}
          </button>
        )}
        {r.abilities.revoke && (
          <button type="button" className="btn" disabled={act.isPending} onClick={() => act.mutate('revoke')} data-testid="sealed-revoke">
            {t('sealed.list.revoke')}
          </button>
        )}
      </div>
    </li>
  );
}
