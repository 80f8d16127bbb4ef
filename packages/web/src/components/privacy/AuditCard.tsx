import type { AuditEntry } from '@foyer/shared';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { ErrorText, Loading } from '../bits';
import { SealedNotice } from '../sealed/SealedNotice';

/** Entries of the audit log that concern me: role changes, exports of my data, erasure. */
export function AuditCard() {
  const { t } = useTranslation();
  const f = useFormat();
  const q = useQuery({ queryKey: ['me', 'audit'], queryFn: ({ signal }) => get<{ items: AuditEntry[] }>('/me/audit', undefined, signal) });
  return (
    <section className="card" aria-labelledby="privacy-audit">
      <h2 id="privacy-audit">{t('privacy.audit.title')}</h2>
      <p className="hint">{t('privacy.audit.intro')}</p>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorText error={q.error} />
      ) : q.data.items.length === 0 ? (
        <p className="muted">{t('privacy.audit.none')}</p>
      ) : (
        <ul className="privacy-list" data-testid="privacy-audit">
          {q.data.items.map((e) => (
            <li key={e.seq}>
              <span className="grow">
                <span>{t(`compliance.audit.actions.${e.action.replaceAll('.', '_')}`, { defaultValue: e.action })}</span>
                <span className="muted small">{e.actor ? t('privacy.audit.by', { name: e.actor.name, when: f.dateTime(e.at) }) : t('privacy.audit.bySystem', { when: f.dateTime(e.at) })}</span>
                {e.action === 'sealed_access.notified' && <SealedNotice entry={e} />}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
