import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post as apiPost } from '../../lib/api';
import { patchPost } from '../../lib/queryClient';
import { useMe } from '../../lib/session';
import type { AckProgress, Post } from '../../lib/types';
import { Avatar, Empty, ErrorText, Loading, PersonLink, Time } from '../bits';
import { Dialog } from '../Dialog';

type Announcement = NonNullable<Post['announcement']>;

/** Marks a post as an announcement: readers acknowledge it, its author and managers see progress. */
export function AnnouncementBanner({ post, announcement: a }: { post: Post; announcement: Announcement }) {
  const { t } = useTranslation();
  const me = useMe();
  const [showPending, setShowPending] = useState(false);
  const ack = useMutation({ mutationFn: () => apiPost<Post>(`/posts/${post.id}/acknowledge`), onSuccess: patchPost });
  const isAuthor = post.author.id === me.id;
  return (
    <div className="announcement" role="note" aria-label={t('announcement.label')} data-testid="announcement-banner">
      <p className="announcement-title">
        <span aria-hidden="true">📣 </span>
        <strong>{t('announcement.label')}</strong>
        {a.deadline && (
          <span className="muted small">
            {' · '}
            {t('announcement.deadline')} <Time iso={a.deadline} relative={false} />
          </span>
        )}
      </p>
      {a.progress && (
        <p className="small" data-testid="announcement-progress">
          <progress max={Math.max(1, a.progress.audience)} value={a.progress.acknowledged} aria-hidden="true" />{' '}
          {t('announcement.progress', { acknowledged: a.progress.acknowledged, audience: a.progress.audience })}
          {a.ackRequired && a.progress.acknowledged < a.progress.audience && (
            <>
              {' · '}
              <button type="button" className="link-btn" onClick={() => setShowPending(true)}>
                {t('announcement.whoPending')}
              </button>
            </>
          )}
        </p>
      )}
      {!isAuthor &&
        (a.acknowledged ? (
          <p className="small announcement-done" data-testid="acknowledged">
            <span aria-hidden="true">✓ </span>
            {t('announcement.acknowledged')}
          </p>
        ) : (
          <button type="button" className="btn btn-primary btn-small" onClick={() => ack.mutate()} disabled={ack.isPending} data-testid="acknowledge">
            {a.ackRequired ? t('announcement.acknowledgeRequired') : t('announcement.acknowledge')}
          </button>
        ))}
      <ErrorText error={ack.error} />
      {showPending && <PendingReaders postId={post.id} onClose={() => setShowPending(false)} />}
    </div>
  );
}

function PendingReaders({ postId, onClose }: { postId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['post', postId, 'acknowledgements'], queryFn: () => get<AckProgress>(`/posts/${postId}/acknowledgements`) });
  return (
    <Dialog open onClose={onClose} title={t('announcement.whoPending')}>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorText error={q.error} />
      ) : q.data.pending.length === 0 ? (
        <Empty>{t('announcement.nobodyPending')}</Empty>
      ) : (
        <ul className="people-mini" data-testid="ack-pending">
          {q.data.pending.map((u) => (
            <li key={u.id}>
              <Avatar user={u} size={28} />
              <PersonLink user={u} />
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
