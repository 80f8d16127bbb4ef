import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { buildUrl, get, post } from '../../lib/api';
import { useFormat } from '../../lib/format';
import type { DataExport } from '../../lib/types';
import { ErrorText, Loading } from '../bits';

const inProgress = (e: DataExport) => e.status === 'queued' || e.status === 'running';

/** Request a ZIP of my data, follow its progress, download it while it is available. */
export function ExportsCard() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['me', 'exports'],
    queryFn: ({ signal }) => get<{ items: DataExport[] }>('/me/exports', undefined, signal),
    // Poll only while something is being built.
    refetchInterval: (query) => (query.state.data?.items.some(inProgress) ? 1000 : false),
  });
  const request = useMutation({
    mutationFn: () => post<DataExport>('/me/exports'),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['me', 'exports'] }),
  });
  const busy = q.data?.items.some(inProgress) ?? false;
  return (
    <section className="card" aria-labelledby="privacy-export">
      <h2 id="privacy-export">{t('privacy.export.title')}</h2>
      <p className="hint">{t('privacy.export.intro')}</p>
      <div className="form-actions start">
        <button type="button" className="btn btn-primary" disabled={busy || request.isPending} onClick={() => request.mutate()} data-testid="export-request">
          {t('privacy.export.request')}
        </button>
      </div>
      <ErrorText error={request.error} />
      {q.isPending ? <Loading /> : q.error ? <ErrorText error={q.error} /> : <ExportList items={q.data.items} />}
    </section>
  );
}

function ExportList({ items }: { items: DataExport[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!items.length) return null;
  return (
    <ul className="privacy-list" data-testid="export-list">
      {items.map((e) => (
        <li key={e.id}>
          <span>{t('privacy.export.requested', { when: f.dateTime(e.createdAt) })}</span>
          {inProgress(e) ? (
            <span className="export-progress">
              <progress max={100} value={e.progress} aria-label={t('privacy.export.progressLabel')} />
              <span role="status">{t('privacy.export.progress', { percent: e.progress / 100 })}</span>
            </span>
          ) : e.status === 'ready' ? (
            <span>
              <a className="btn" href={buildUrl(`/me/exports/${e.id}/download`)} download data-testid="export-download">
                {t('privacy.export.download', { size: formatSize(f.locale, e.size ?? 0) })}
              </a>{' '}
              <span className="muted small">{t('privacy.export.until', { when: f.dateTime(e.expiresAt!) })}</span>
            </span>
          ) : (
            <span className="muted">{t(`privacy.export.status.${e.status}`)}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

function formatSize(locale: string, bytes: number): string {
  const mb = bytes >= 1_000_000;
  return new Intl.NumberFormat(locale, { style: 'unit', unit: mb ? 'megabyte' : 'kilobyte', maximumFractionDigits: 1 }).format(bytes / (mb ? 1_000_000 : 1000));
}
