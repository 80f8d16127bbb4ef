import { useQuery } from '@tanstack/react-query';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Empty, ErrorText, Loading, PageHeader, Time, useTitle } from '../components/bits';
import { LabelBadge } from '../components/labels/LabelBadge';
import { get } from '../lib/api';
import type { PageSummary } from '../lib/types';
import { wikiKeys } from '../lib/wiki';

/** How many pages the grouped overview looks at (the API's maximum per request). */
const OVERVIEW = 100;
const TOP = 8;

function useKnowledge(sort: 'recent' | 'linked', limit: number) {
  return useQuery({
    queryKey: [...wikiKeys.knowledge(sort), limit],
    queryFn: async ({ signal }) => (await get<{ items: PageSummary[] }>('/pages', { sort, limit }, signal)).items,
  });
}

/** The company's knowledge: recently updated and most linked pages, and pages grouped by space. */
export function KnowledgePage() {
  const { t } = useTranslation();
  useTitle(t('wiki.knowledge'));
  const recent = useKnowledge('recent', OVERVIEW);
  const linked = useKnowledge('linked', TOP);
  const bySpace = useMemo(() => {
    const groups = new Map<number, { space: PageSummary['space']; pages: PageSummary[] }>();
    for (const p of recent.data ?? []) {
      const g = groups.get(p.space.id) ?? { space: p.space, pages: [] };
      g.pages.push(p);
      groups.set(p.space.id, g);
    }
    return [...groups.values()].sort((a, b) => a.space.name.localeCompare(b.space.name));
  }, [recent.data]);

  return (
    <div className="page knowledge">
      <PageHeader title={t('wiki.knowledge')} sub={t('wiki.knowledgeSub')} />
      {recent.isPending ? (
        <Loading />
      ) : recent.error ? (
        <ErrorText error={recent.error} />
      ) : recent.data.length === 0 ? (
        <div className="card">
          <Empty>{t('wiki.knowledgeEmpty')}</Empty>
        </div>
      ) : (
        <div className="knowledge-grid">
          <section className="card" aria-labelledby="k-recent">
            <h2 id="k-recent">{t('wiki.recentlyUpdated')}</h2>
            <ul className="knowledge-list" data-testid="knowledge-recent">
              {recent.data.slice(0, TOP).map((p) => (
                <PageItem key={p.id} page={p} meta={<Time iso={p.updatedAt} />} />
              ))}
            </ul>
          </section>
          <section className="card" aria-labelledby="k-linked">
            <h2 id="k-linked">{t('wiki.mostLinked')}</h2>
            {linked.isPending ? (
              <Loading />
            ) : linked.error ? (
              <ErrorText error={linked.error} />
            ) : linked.data.every((p) => p.backlinks === 0) ? (
              <p className="muted">{t('wiki.noLinksYet')}</p>
            ) : (
              <ul className="knowledge-list" data-testid="knowledge-linked">
                {linked.data.filter((p) => p.backlinks > 0).map((p) => (
                  <PageItem key={p.id} page={p} meta={t('wiki.backlinksShort', { count: p.backlinks })} />
                ))}
              </ul>
            )}
          </section>
          <section className="card knowledge-spaces" aria-labelledby="k-spaces">
            <h2 id="k-spaces">{t('wiki.perSpace')}</h2>
            {recent.data.length >= OVERVIEW && <p className="hint">{t('wiki.perSpaceHint', { count: OVERVIEW })}</p>}
            <div className="knowledge-space-groups" data-testid="knowledge-spaces">
              {bySpace.map((g) => (
                <section key={g.space.id} aria-labelledby={`k-space-${g.space.id}`}>
                  <h3 id={`k-space-${g.space.id}`}>
                    <Link to={`/spaces/${g.space.slug}/wiki`}>{g.space.name}</Link>{' '}
                    <span className="muted small">{t('wiki.pageCount', { count: g.pages.length })}</span>
                  </h3>
                  <ul className="knowledge-list compact">
                    {g.pages.map((p) => (
                      <li key={p.id}>
                        <Link to={`/pages/${p.id}`}>{p.title}</Link>
                      </li>
                    ))}
                  </ul>
                </section>
              ))}
            </div>
          </section>
        </div>
      )}
    </div>
  );
}

function PageItem({ page, meta }: { page: PageSummary; meta: ReactNode }) {
  const { t } = useTranslation();
  return (
    <li>
      <Link to={`/pages/${page.id}`} className="knowledge-title">
        {page.title}
      </Link>
      <span className="muted small knowledge-meta">
        <span>{t('wiki.inSpace', { space: page.space.name })}</span>
        <span aria-hidden="true"> · </span>
        {meta}
        <LabelBadge level={page.label} small />
      </span>
    </li>
  );
}
