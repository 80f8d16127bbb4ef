import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorText, Loading, PageHeader, useTitle } from '../components/bits';
import { NotFoundPage } from './NotFound';
import { PostList } from '../components/PostList';
import { del, get, isApiError, put } from '../lib/api';
import type { Hashtag } from '../lib/types';

export function TagPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const tag = (useParams().tag ?? '').replace(/^#/, '').toLowerCase();
  useTitle(`#${tag}`);
  const q = useQuery({ queryKey: ['tag', tag], queryFn: () => get<Hashtag>(`/tags/${encodeURIComponent(tag)}`) });
  const follow = useMutation({
    mutationFn: (on: boolean) => (on ? put : del)<Hashtag>(`/tags/${encodeURIComponent(tag)}/follow`),
    onSuccess: (h) => {
      qc.setQueryData(['tag', tag], h);
      void qc.invalidateQueries({ queryKey: ['feed'] });
    },
  });
  if (q.isPending) return <Loading />;
  if (isApiError(q.error, 'not_found')) return <NotFoundPage />;
  if (q.error) return <ErrorText error={q.error} />;
  const h = q.data;
  return (
    <div className="page page-feed">
      <PageHeader title={`#${h.tag}`} sub={t('tags.postCount', { count: h.postCount })}>
        <button
          type="button"
          className={h.followed ? 'btn' : 'btn btn-primary'}
          aria-pressed={h.followed}
          onClick={() => follow.mutate(!h.followed)}
          disabled={follow.isPending}
        >
          <span aria-hidden="true">{h.followed ? '✓ ' : '+ '}</span>
          {t('tags.follow')}
        </button>
      </PageHeader>
      <ErrorText error={follow.error} />
      <PostList queryKey={['tag', tag, 'posts']} path={`/tags/${encodeURIComponent(tag)}/posts`} label={t('tags.posts', { tag: h.tag })} empty={t('tags.empty')} />
    </div>
  );
}
