import type { SealedItemPage } from '@foyer/shared';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { API_BASE, get } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { ErrorText, LoadMore, Loading } from '../bits';

/** The sealed viewer: exactly the approved scope, read-only, every page logged on the server. */
export function Viewer({ requestId, onClose }: { requestId: number; onClose(): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const q = useInfiniteQuery({
    queryKey: ['sealed', requestId, 'items'],
    queryFn: ({ pageParam, signal }) => get<SealedItemPage>(`/sealed/${requestId}/items`, { cursor: pageParam || undefined }, signal),
    initialPageParam: '',
    getNextPageParam: (p) => p.nextCursor ?? undefined,
  });
  const watermark = q.data?.pages[0]?.watermark;
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="card sealed-viewer" aria-labelledby="sealed-viewer-title" data-testid="sealed-viewer">
      <div className="sealed-banner" role="note" data-testid="sealed-banner">
        <strong>{t('sealed.viewer.banner')}</strong>
        {watermark && <span className="small">{watermark.text}</span>}
      </div>
      <div className="sealed-viewer-head">
        <h2 id="sealed-viewer-title">{t('sealed.viewer.title', { id: requestId })}</h2>
        <div className="form-actions">
          <a className="btn" href={`${API_BASE}/sealed/${requestId}/export`} download data-testid="sealed-export">
            {t('sealed.viewer.export')}
          </a>
          <button type="button" className="btn" onClick={onClose}>
            {t('sealed.viewer.close')}
          </button>
        </div>
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorText error={q.error} />
      ) : items.length === 0 ? (
        <p className="muted">{t('sealed.viewer.empty')}</p>
      ) : (
        <ol className="sealed-items">
          {items.map((i) => (
            <li key={`${i.kind}-${i.id}`} data-testid="sealed-item">
              <p className="small muted">{t('sealed.viewer.meta', { kind: t(`sealed.kind.${i.kind}`), name: i.author?.name ?? t('sealed.viewer.unknown'), when: f.dateTime(i.createdAt) })}</p>
              <p className="sealed-body">{i.body}</p>
            </li>
          ))}
        </ol>
      )}
      <LoadMore query={q} />
    </section>
  );
}
