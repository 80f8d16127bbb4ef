import { useId } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../lib/api';
import type { Page, UserSummary } from '../../lib/types';
import { Avatar, ErrorText, LoadMore, Loading, PersonLink } from '../bits';

/** The people behind an audience preview, a page at a time (only those the viewer can find). */
export function AudiencePeople({ path, label }: { path: string; label?: number }) {
  const { t } = useTranslation();
  const id = useId();
  const q = useInfiniteQuery({
    queryKey: ['audience-people', path, label ?? null],
    queryFn: ({ pageParam, signal }) =>
      get<Page<UserSummary>>(`${path}/people`, { cursor: pageParam || undefined, ...(label === undefined ? {} : { label }), limit: 50 }, signal),
    initialPageParam: '',
    getNextPageParam: (p) => p.nextCursor ?? undefined,
  });
  const people = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby={id} className="audience-people" data-testid="audience-people">
      <h3 id={id} className="audience-facet-title">
        {t('audience.people')}
      </h3>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorText error={q.error} />
      ) : (
        <>
          <ul className="audience-facet">
            {people.map((u) => (
              <li key={u.id}>
                <Avatar user={u} size={20} />
                <span className="grow">
                  <PersonLink user={u} />
                </span>
                {u.role === 'guest' && <span className="muted">{t('audience.guest')}</span>}
              </li>
            ))}
          </ul>
          <LoadMore query={q} />
        </>
      )}
    </section>
  );
}
