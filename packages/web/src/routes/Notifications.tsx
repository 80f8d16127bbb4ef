import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadMore, Avatar, Empty, ErrorText, Loading, PageHeader, Time, useTitle } from '../components/bits';
import { useUnreadCount } from '../components/Layout';
import { get, post } from '../lib/api';
import { useFormat } from '../lib/format';
import type { Notification, Page } from '../lib/types';

export function notificationLink(n: Notification): string | null {
  if (n.type === 'report_received') return '/moderation';
  if (n.type === 'chat_mention' && typeof n.data.conversationId === 'number')
    return `/chat/${n.data.conversationId}${typeof n.data.messageId === 'number' ? `?message=${n.data.messageId}` : ''}`;
  if (n.type === 'question_answered' && typeof n.data.questionId === 'number')
    return `/questions/${n.data.questionId}${typeof n.data.answerId === 'number' ? `#answer-${n.data.answerId}` : ''}`;
  if (n.postId) return `/posts/${n.postId}${n.commentId ? `#comment-${n.commentId}` : ''}`;
  if (n.space) return n.type === 'join_request' ? `/spaces/${n.space.slug}/members` : `/spaces/${n.space.slug}`;
  return null;
}

export function NotificationText({ n }: { n: Notification }) {
  const { t } = useTranslation();
  const actor = n.actor?.name ?? t('notifications.someone');
  const space = n.space?.name ?? '';
  const f = useFormat();
  const { data } = n;
  // Its count is how many arrived while I was off, not how many people acted.
  if (n.type === 'quiet_hours_summary') return <>{t('quietHours.summary', { count: typeof data.count === 'number' ? data.count : 0 })}</>;
  const approved = data.approved === true ? 'true' : data.approved === false ? 'false' : 'other';
  const values = {
    actor,
    space,
    // ICU cannot test for an empty string: `where` picks the wording without a space.
    where: space ? 'space' : 'none',
    count: n.count,
    others: Math.max(0, n.count - 1),
    approved,
    archived: data.archived === true ? 'true' : 'false',
    archiveAt: typeof data.archiveAt === 'string' ? f.date(data.archiveAt) : '',
    action: typeof data.action === 'string' ? data.action : 'other',
    reason: typeof data.reason === 'string' ? data.reason : '',
  };
  return <>{t(`notifications.types.${n.type}`, values)}</>;
}

export function NotificationsPage() {
  const { t } = useTranslation();
  useTitle(t('notifications.title'));
  const qc = useQueryClient();
  const unread = useUnreadCount();
  const list = useInfiniteQuery({
    queryKey: ['notifications', 'list'],
    queryFn: ({ pageParam, signal }) => get<Page<Notification>>('/notifications', { cursor: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const markRead = useMutation({
    mutationFn: (input: { ids?: number[]; all?: boolean }) => post<{ count: number }>('/notifications/read', input),
    onSuccess: (r) => {
      qc.setQueryData(['notifications', 'count'], r);
      void qc.invalidateQueries({ queryKey: ['notifications', 'list'] });
    },
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="page">
      <PageHeader title={t('notifications.title')} sub={t('notifications.unread', { count: unread })}>
        <button type="button" className="btn" onClick={() => markRead.mutate({ all: true })} disabled={unread === 0 || markRead.isPending}>
          {t('notifications.markAll')}
        </button>
      </PageHeader>
      <ErrorText error={markRead.error} />
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <ErrorText error={list.error} />
      ) : items.length === 0 ? (
        <Empty>{t('notifications.empty')}</Empty>
      ) : (
        <ul className="notification-list card">
          {items.map((n) => {
            const href = notificationLink(n);
            const unreadItem = n.readAt === null;
            return (
              <li key={n.id} className={unreadItem ? 'notification unread' : 'notification'} data-testid={`notification-${n.id}`}>
                {n.actor ? <Avatar user={n.actor} size={36} /> : <span className="avatar avatar-initials" aria-hidden="true" />}
                <div className="grow">
                  {unreadItem && <span className="sr-only">{t('notifications.unreadLabel')} </span>}
                  {href ? (
                    <Link to={href} onClick={() => unreadItem && markRead.mutate({ ids: [n.id] })}>
                      <NotificationText n={n} />
                    </Link>
                  ) : (
                    <NotificationText n={n} />
                  )}
                  <div className="muted small">
                    <Time iso={n.createdAt} />
                  </div>
                </div>
                {unreadItem && (
                  <button type="button" className="btn btn-small btn-ghost" onClick={() => markRead.mutate({ ids: [n.id] })}>
                    {t('notifications.markRead')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <LoadMore query={list} />
    </div>
  );
}
