import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../lib/api';
import { getNewPosts, resetNewPosts, useNewPosts } from '../lib/newPosts';
import type { Page, Post } from '../lib/types';
import { LoadMore, Empty, ErrorText, Loading } from './bits';
import { PostCard } from './PostCard';

interface Props {
  queryKey: unknown[];
  path: string;
  /** Realtime banner name ('home', 'space:<id>'); lists without one just refresh when revisited. */
  feed?: string;
  empty: ReactNode;
  showSpace?: boolean;
  label: string;
  /** Called with the newest post's id whenever it changes (unread markers). */
  onFirstPost?: (postId: number) => void;
}

export function usePostPages(queryKey: unknown[], path: string) {
  return useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => get<Page<Post>>(path, { cursor: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function PostList({ queryKey, path, feed, empty, showSpace = true, label, onFirstPost }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = usePostPages(queryKey, path);
  const newCount = useNewPosts(feed ?? '');
  const top = useRef<HTMLDivElement>(null);
  const keyRef = useRef(queryKey);
  keyRef.current = queryKey;

  useEffect(() => {
    if (!feed) return;
    return () => {
      // Leaving a feed with unseen posts: refetch when it is shown again.
      if (getNewPosts(feed) > 0) {
        resetNewPosts(feed);
        void qc.invalidateQueries({ queryKey: keyRef.current, exact: true, refetchType: 'none' });
      }
    };
  }, [feed, qc]);

  const showNew = async () => {
    if (feed) resetNewPosts(feed);
    await q.refetch();
    top.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    top.current?.focus();
  };

  const posts = q.data?.pages.flatMap((p) => p.items) ?? [];
  const firstId = posts[0]?.id;
  const onFirstRef = useRef(onFirstPost);
  onFirstRef.current = onFirstPost;
  useEffect(() => {
    if (firstId !== undefined) onFirstRef.current?.(firstId);
  }, [firstId]);
  return (
    <section className="post-list" aria-label={label}>
      <div ref={top} tabIndex={-1} className="list-top" />
      {feed && newCount > 0 && (
        <div className="new-posts-wrap">
          <button type="button" className="new-posts-banner" data-testid="new-posts-banner" onClick={() => void showNew()}>
            <span aria-hidden="true">↑ </span>
            {t('feed.newPosts', { count: newCount })}
          </button>
        </div>
      )}
      <div aria-live="polite" className="sr-only">
        {feed && newCount > 0 ? t('feed.newPosts', { count: newCount }) : ''}
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorText error={q.error} />
      ) : posts.length === 0 ? (
        <Empty>{empty}</Empty>
      ) : (
        <>
          {posts.map((p) => (
            <PostCard key={p.id} post={p} showSpace={showSpace} />
          ))}
          <LoadMore query={q} />
        </>
      )}
    </section>
  );
}
