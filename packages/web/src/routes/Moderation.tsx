import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty, ErrorText, Loading, PageHeader, useTitle } from '../components/bits';
import { ReportCard } from '../components/moderation/ReportCard';
import { get } from '../lib/api';
import type { Report } from '../lib/types';

type Status = 'open' | 'resolved';

/** Reports I moderate: spaces I own or administer, and escalated ones for company moderators. */
export function ModerationPage() {
  const { t } = useTranslation();
  useTitle(t('moderation.title'));
  const [status, setStatus] = useState<Status>('open');
  const q = useQuery({ queryKey: ['moderation', 'reports', status], queryFn: ({ signal }) => get<{ items: Report[] }>('/moderation/reports', { status }, signal) });
  return (
    <div className="page page-narrow">
      <PageHeader title={t('moderation.title')} sub={t('moderation.intro')} />
      <div className="tabs" role="group" aria-label={t('moderation.filter')}>
        {(['open', 'resolved'] as const).map((s) => (
          <button key={s} type="button" className={status === s ? 'btn btn-small btn-primary' : 'btn btn-small'} aria-pressed={status === s} onClick={() => setStatus(s)}>
            {t(`moderation.status.${s}`)}
          </button>
        ))}
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorText error={q.error} />
      ) : q.data.items.length === 0 ? (
        <Empty>{t(`moderation.empty.${status}`)}</Empty>
      ) : (
        <div className="stack">
          {q.data.items.map((r) => (
            <ReportCard key={r.id} report={r} />
          ))}
        </div>
      )}
    </div>
  );
}
