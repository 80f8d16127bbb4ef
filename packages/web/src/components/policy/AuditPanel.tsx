import type { AuditEntry, AuditVerification } from '@foyer/shared';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../../lib/api';
import { ErrorText, Loading, Time } from '../bits';

/** Audit log for administrators and the works council: check the chain, read the latest entries. */
export function AuditPanel() {
  const { t } = useTranslation();
  const id = useId();
  const verify = useMutation({ mutationFn: () => get<AuditVerification>('/audit/verify') });
  const entries = useQuery({ queryKey: ['policy', 'audit'], queryFn: () => get<{ items: AuditEntry[] }>('/audit', { limit: 20 }) });
  const r = verify.data;
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('compliance.audit.title')}</h2>
      <p className="hint">{t('compliance.audit.intro')}</p>
      <div className="form-actions">
        <button type="button" className="btn" onClick={() => verify.mutate()} disabled={verify.isPending} data-testid="audit-verify">
          {verify.isPending ? t('compliance.audit.checking') : t('compliance.audit.verify')}
        </button>
      </div>
      <ErrorText error={verify.error} />
      <div aria-live="polite">
        {r && (
          <p className={r.ok ? 'success' : 'error'} data-testid="audit-result">
            {r.ok
              ? t('compliance.audit.ok', { count: r.entries })
              : t(`compliance.audit.problem.${r.problem!.kind}`, { seq: r.problem!.seq })}
            {r.ok && <code className="audit-hash">{r.lastHash}</code>}
          </p>
        )}
        {r && r.prunedThrough > 0 && (
          <p className="hint" data-testid="audit-pruned">
            {t('compliance.audit.pruned', { seq: r.prunedThrough })}
          </p>
        )}
      </div>
      <h3>{t('compliance.audit.recent')}</h3>
      {entries.isPending ? (
        <Loading />
      ) : entries.error ? (
        <ErrorText error={entries.error} />
      ) : (
        <div className="table-scroll">
          <table className="audit-table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('compliance.audit.when')}</th>
                <th scope="col">{t('compliance.audit.who')}</th>
                <th scope="col">{t('compliance.audit.what')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.data.items.map((e) => (
                <tr key={e.seq}>
                  <td>{e.seq}</td>
                  <td>
                    <Time iso={e.at} relative={false} />
                  </td>
                  <td>{e.actor?.name ?? t('compliance.audit.system')}</td>
                  <td>{t(`compliance.audit.actions.${e.action.replaceAll('.', '_')}`, { defaultValue: e.action })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
