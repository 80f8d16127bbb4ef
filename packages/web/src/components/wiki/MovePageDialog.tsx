import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PageSummary } from '../../lib/types';
import { buildTree, flattenTree, invalidateWiki, isCycleError, planMove, runMove, siblingsOf, subtreeIds, wikiKeys } from '../../lib/wiki';
import { ErrorText } from '../bits';
import { Dialog } from '../Dialog';

interface Props {
  page: PageSummary | null;
  pages: PageSummary[];
  onClose: () => void;
}

/** Move or reorder a page with two selects (new parent, place among its children): no dragging needed. */
export function MovePageDialog({ page, pages, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Dialog open={page !== null} onClose={onClose} title={page ? t('wiki.moveDialogTitle', { title: page.title }) : ''} testId="wiki-move-dialog">
      {page && <MoveForm key={page.id} page={page} pages={pages} onDone={onClose} />}
    </Dialog>
  );
}

function MoveForm({ page, pages, onDone }: { page: PageSummary; pages: PageSummary[]; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = useId();
  const [parentId, setParentId] = useState<number | null>(page.parentId);
  const siblings = useMemo(() => siblingsOf(pages, parentId).filter((p) => p.id !== page.id), [pages, parentId, page.id]);
  const currentIndex = siblingsOf(pages, page.parentId).findIndex((p) => p.id === page.id);
  const [index, setIndex] = useState(Math.max(0, currentIndex));
  // The page itself and those below it cannot be chosen; if someone changes the tree meanwhile,
  // the server's 400 still explains it (isCycleError).
  const below = useMemo(() => subtreeIds(pages, page.id), [pages, page.id]);
  const parents = useMemo(() => flattenTree(buildTree(pages)), [pages]);

  const move = useMutation({
    mutationFn: () => runMove(planMove(pages, page.id, parentId, index)),
    onSuccess: (moved) => {
      invalidateWiki(qc, moved);
      onDone();
    },
    // A refused move usually means the tree changed under us (or some steps ran): show it fresh.
    onError: () => void qc.invalidateQueries({ queryKey: wikiKeys.tree(page.space.id) }),
  });

  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        move.mutate();
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-parent`}>{t('wiki.parent')}</label>
        <select
          id={`${id}-parent`}
          value={parentId ?? ''}
          data-testid="wiki-move-parent"
          onChange={(e) => {
            setParentId(e.target.value ? Number(e.target.value) : null);
            setIndex(0);
          }}
        >
          <option value="">{t('wiki.topLevel')}</option>
          {parents.map(({ page: p, depth }) => (
            <option key={p.id} value={p.id} disabled={below.has(p.id)}>
              {'\u00a0\u00a0'.repeat(depth + 1)}
              {p.title}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-place`}>{t('wiki.place')}</label>
        <select id={`${id}-place`} value={index} onChange={(e) => setIndex(Number(e.target.value))} data-testid="wiki-move-place">
          <option value={0}>{t('wiki.placeFirst')}</option>
          {siblings.map((s, i) => (
            <option key={s.id} value={i + 1}>
              {t('wiki.placeAfter', { title: s.title })}
            </option>
          ))}
        </select>
      </div>
      {move.error && (isCycleError(move.error) ? <p className="error" role="alert">{t('wiki.moveCycle')}</p> : <ErrorText error={move.error} />)}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onDone}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={move.isPending} data-testid="wiki-move-submit">
          {t('wiki.moveSubmit')}
        </button>
      </div>
    </form>
  );
}
