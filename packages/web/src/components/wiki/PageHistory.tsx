import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { get, post } from '../../lib/api';
import type { PageRevision, WikiPage } from '../../lib/types';
import { invalidateWiki, wikiKeys } from '../../lib/wiki';
import { Avatar, ErrorText, Loading, Time } from '../bits';
import { ConfirmDialog } from '../Dialog';

/**
 * Every revision with author and time. Two radio groups pick the versions to compare (like a
 * wiki's history page); an older revision can be restored, which saves it as a new revision.
 */
export function PageHistory({ page }: { page: WikiPage }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const q = useQuery({
    queryKey: wikiKeys.revisions(page.id),
    queryFn: async ({ signal }) => (await get<{ items: PageRevision[] }>(`/pages/${page.id}/revisions`, undefined, signal)).items,
  });
  const items = q.data ?? [];
  const [picked, setPicked] = useState<{ from?: number; to?: number }>({});
  const from = picked.from ?? items[1]?.version ?? items[0]?.version;
  const to = picked.to ?? items[0]?.version;
  const [restoring, setRestoring] = useState<PageRevision | null>(null);

  const restore = useMutation({
    mutationFn: (version: number) => post<WikiPage>(`/pages/${page.id}/restore`, { version }),
    onSuccess: (saved) => {
      setRestoring(null);
      invalidateWiki(qc, saved, saved);
      navigate(`/pages/${page.id}`);
    },
  });

  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorText error={q.error} />;
  return (
    <section className="card wiki-history" aria-labelledby="wiki-history-title">
      <h2 id="wiki-history-title">{t('wiki.historyTitle', { count: items.length })}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (from && to) navigate(`/pages/${page.id}/diff?from=${from}&to=${to}`);
        }}
      >
        <p className="hint">{t('wiki.compareHint')}</p>
        <ol className="wiki-revisions" data-testid="wiki-revisions">
          {items.map((r) => (
            <li key={r.version} data-testid={`revision-${r.version}`}>
              <div className="wiki-rev-pick">
                <label className="wiki-rev-radio">
                  <input type="radio" name="from" checked={from === r.version} onChange={() => setPicked({ ...picked, from: r.version })} />
                  <span className="sr-only">{t('wiki.compareFrom', { version: r.version })}</span>
                  <span aria-hidden="true">{t('wiki.fromShort')}</span>
                </label>
                <label className="wiki-rev-radio">
                  <input type="radio" name="to" checked={to === r.version} onChange={() => setPicked({ ...picked, to: r.version })} />
                  <span className="sr-only">{t('wiki.compareTo', { version: r.version })}</span>
                  <span aria-hidden="true">{t('wiki.toShort')}</span>
                </label>
              </div>
              <div className="wiki-rev-info grow">
                <div>
                  <strong>{t('wiki.version', { version: r.version })}</strong>
                  {r.version === page.version && <span className="badge">{t('wiki.currentBadge')}</span>}
                  <span className="wiki-rev-title"> {r.title}</span>
                </div>
                <div className="muted small wiki-rev-by">
                  <Avatar user={r.author} size={20} />
                  <span>{r.author.name}</span>
                  <span aria-hidden="true">·</span>
                  <Time iso={r.createdAt} relative={false} />
                </div>
              </div>
              {page.abilities.edit && r.version !== page.version && (
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => setRestoring(r)}
                  aria-label={t('wiki.restoreVersion', { version: r.version })}
                  data-testid={`restore-${r.version}`}
                >
                  {t('wiki.restore')}
                </button>
              )}
            </li>
          ))}
        </ol>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={items.length < 2 || !from || !to || from === to} data-testid="wiki-compare">
            {t('wiki.compare')}
          </button>
        </div>
      </form>
      <ConfirmDialog
        open={restoring !== null}
        title={t('wiki.restoreTitle', { version: restoring?.version ?? 0 })}
        message={t('wiki.restoreConfirm', { version: restoring?.version ?? 0, next: page.version + 1 })}
        confirmLabel={t('wiki.restore')}
        busy={restore.isPending}
        onConfirm={() => restoring && restore.mutate(restoring.version)}
        onClose={() => setRestoring(null)}
      />
      <ErrorText error={restore.error} />
    </section>
  );
}
