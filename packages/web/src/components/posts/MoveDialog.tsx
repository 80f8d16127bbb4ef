import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, get, post as apiPost } from '../../lib/api';
import { audienceConflict } from '../../lib/audience';
import { patchPost } from '../../lib/queryClient';
import type { AudiencePreview, Post } from '../../lib/types';
import { ErrorText, Loading } from '../bits';
import { Dialog } from '../Dialog';
import { AudienceBreakdown } from '../labels/AudiencePreview';
import { LabelError } from '../labels/LabelError';
import { useMySpaces } from '../Layout';

/** Moves a post to another space; new readers are shown and must be confirmed first. */
export function MoveDialog({ post, onClose }: { post: Post; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = useId();
  const spaces = (useMySpaces().data?.items ?? []).filter((s) => s.abilities.post && !s.archived && s.id !== post.space.id);
  const [spaceId, setSpaceId] = useState<number | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const target = spaceId ?? spaces[0]?.id ?? null;
  const diff = useQuery({
    queryKey: ['post', post.id, 'move-audience', target],
    queryFn: ({ signal }) => get<AudiencePreview>(`/posts/${post.id}/move-audience`, { spaceId: target }, signal),
    enabled: target !== null,
  });
  const move = useMutation({
    mutationFn: () => apiPost<Post>(`/posts/${post.id}/move`, { spaceId: target, confirmAudience: confirmed }),
    onSuccess: (p) => {
      patchPost(p);
      void qc.invalidateQueries({ queryKey: ['space', post.space.id, 'posts'] });
      void qc.invalidateQueries({ queryKey: ['space', p.space.id, 'posts'] });
      onClose();
    },
    onError: () => setConfirmed(false),
  });
  // The server's count wins when people joined since the preview.
  const newReaders = audienceConflict(move.error) ?? diff.data?.newReaders ?? 0;
  const ready = target !== null && diff.isSuccess && (newReaders === 0 || confirmed);
  const forbidden = move.error instanceof ApiError && move.error.status === 403;
  return (
    <Dialog open onClose={onClose} title={t('move.title')} testId="move-dialog">
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) move.mutate();
        }}
      >
        {spaces.length === 0 ? (
          <p className="muted">{t('move.nowhere')}</p>
        ) : (
          <div className="field">
            <label htmlFor={`${id}-space`}>{t('move.space')}</label>
            <select
              id={`${id}-space`}
              value={target ?? ''}
              onChange={(e) => {
                setSpaceId(Number(e.target.value));
                setConfirmed(false);
                move.reset();
              }}
              data-testid="move-space"
            >
              {spaces.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
        )}
        {diff.isFetching && <Loading label={t('labels.checking')} />}
        {diff.error && <ErrorText error={diff.error} />}
        {diff.data && !diff.isFetching && (
          newReaders > 0 ? (
            <div className="warning" role="alert" data-testid="move-new-readers">
              <p>{t('move.newReaders', { count: newReaders })}</p>
              <AudienceBreakdown data={diff.data} />
              <label className="checkbox" htmlFor={`${id}-confirm`}>
                <input id={`${id}-confirm`} type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} data-testid="move-confirm" />
                <span>{t('labels.confirmNewReaders', { count: newReaders })}</span>
              </label>
            </div>
          ) : (
            <p className="hint" role="status">
              {t('labels.noNewReaders')}
            </p>
          )
        )}
        {forbidden ? (
          <p className="error" role="alert">
            {t('move.forbidden')}
          </p>
        ) : (
          audienceConflict(move.error) === null && <LabelError error={move.error} />
        )}
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={!ready || move.isPending} data-testid="move-submit">
            {t('move.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
