import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LoadMore, Avatar, Empty, ErrorText, Loading, PageHeader, useTitle } from '../components/bits';
import { get } from '../lib/api';
import type { Facet, Page, UserProfile } from '../lib/types';

export function PeoplePage() {
  const { t } = useTranslation();
  useTitle(t('people.title'));
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debounced, setDebounced] = useState(q.trim());
  const department = params.get('department') ?? '';
  const site = params.get('site') ?? '';
  useEffect(() => {
    const h = setTimeout(() => setDebounced(q.trim()), 250);
    return () => clearTimeout(h);
  }, [q]);

  const facets = useQuery({ queryKey: ['people', 'facets'], queryFn: () => get<{ departments: Facet[]; sites: Facet[] }>('/people/facets') });
  const list = useInfiniteQuery({
    queryKey: ['people', 'list', debounced, department, site],
    queryFn: ({ pageParam, signal }) =>
      get<Page<UserProfile>>('/people', { q: debounced, department, site, cursor: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const setParam = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const people = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="page">
      <PageHeader title={t('people.title')} sub={t('people.intro')} />
      <form className="toolbar filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="people-q">{t('people.search')}</label>
          <input id="people-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('people.searchPlaceholder')} />
        </div>
        <div className="field">
          <label htmlFor="people-dept">{t('people.department')}</label>
          <select id="people-dept" value={department} onChange={(e) => setParam('department', e.target.value)}>
            <option value="">{t('people.allDepartments')}</option>
            {facets.data?.departments.map((f) => (
              <option key={f.name} value={f.name}>
                {t('people.facet', { name: f.name, count: f.count })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="people-site">{t('people.site')}</label>
          <select id="people-site" value={site} onChange={(e) => setParam('site', e.target.value)}>
            <option value="">{t('people.allSites')}</option>
            {facets.data?.sites.map((f) => (
              <option key={f.name} value={f.name}>
                {t('people.facet', { name: f.name, count: f.count })}
              </option>
            ))}
          </select>
        </div>
      </form>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <ErrorText error={list.error} />
      ) : people.length === 0 ? (
        <Empty>{t('people.none')}</Empty>
      ) : (
        <ul className="grid-list people-grid" aria-label={t('people.results')}>
          {people.map((p) => (
            <li key={p.id} className="card person-card" data-testid={`person-${p.handle}`}>
              <Avatar user={p} size={48} />
              <div className="person-card-text">
                <Link to={`/people/${p.handle}`} className="person-name">
                  {p.name}
                </Link>
                {p.title && <div className="small">{p.title}</div>}
                <div className="muted small">{[p.department, p.site].filter(Boolean).join(' · ')}</div>
              </div>
            </li>
          ))}
        </ul>
      )}
      <LoadMore query={list} />
    </div>
  );
}
