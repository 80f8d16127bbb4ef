/**
 * /search: one query over everything the searcher may see, grouped by type, with filters. The
 * whole state lives in the URL, so a search can be linked and Back returns to the previous one.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Empty, ErrorText, Loading, LoadMore, PageHeader, useTitle } from '../components/bits';
import { SearchFilters } from '../components/search/SearchFilters';
import { SearchResults } from '../components/search/SearchResults';
import { TypeFilter } from '../components/search/TypeFilter';
import { useFormat } from '../lib/format';
import { readSearchState, rejectedField, SEARCH_COUNT_CAP, SEARCH_QUERY_MAX, searchUrl, useSearchResults, type SearchState } from '../lib/search';
import type { UserSummary } from '../lib/types';

export function SearchPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const id = useId();
  const [params] = useSearchParams();
  const state = readSearchState(params);
  const [draft, setDraft] = useState(state.q);
  const [filtersOpen, setFiltersOpen] = useState(false);
  // Names of chosen authors, picked here or seen in results: the URL only holds the id.
  const people = useRef(new Map<number, UserSummary>());
  useTitle(state.q ? t('search.titleFor', { q: state.q }) : t('search.title'));

  // Back/forward and the top bar change the URL: the field follows.
  useEffect(() => setDraft(state.q), [state.q]);

  const results = useSearchResults(state, f.timeZone);
  const pages = results.data?.pages ?? [];
  const first = pages[0];
  const items = pages.flatMap((p) => p.items);
  for (const h of items) if (h.author && h.type !== 'space') people.current.set(h.author.id, h.author);
  const author = state.authorId !== null ? (people.current.get(state.authorId) ?? null) : null;

  const update = (patch: Partial<SearchState>) => navigate(searchUrl({ ...state, ...patch }));
  const rejected = rejectedField(results.error);
  const filtered = state.spaceId !== null || state.authorId !== null || !!state.from || !!state.to || state.hasFiles;
  const activeFilters = [state.spaceId !== null, state.authorId !== null, !!state.from || !!state.to, state.hasFiles].filter(Boolean).length;
  // Counts ignore the type filter: with one type chosen, the summary counts that type only.
  const total = !first ? 0 : state.type ? (first.counts[state.type] ?? 0) : Object.values(first.counts).reduce((a, b) => a + b, 0);

  return (
    <div className="page search-page">
      <PageHeader title={t('search.title')} />
      <form
        role="search"
        aria-label={t('search.landmark')}
        className="search-bar"
        onSubmit={(e) => {
          e.preventDefault();
          update({ q: draft.trim() });
        }}
      >
        <label htmlFor={`${id}-q`} className="sr-only">
          {t('search.label')}
        </label>
        <input
          id={`${id}-q`}
          type="search"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder={t('search.placeholder')}
          aria-invalid={rejected === 'q' || undefined}
          aria-describedby={`${id}-tips`}
          enterKeyHint="search"
          data-testid="search-input"
        />
        <button type="submit" className="btn btn-primary">
          {t('search.submit')}
        </button>
      </form>
      <p id={`${id}-tips`} className="hint search-tips">
        {t('search.tips')}
      </p>

      <div className="search-layout">
        <aside className="search-aside" aria-labelledby={`${id}-filters`}>
          <h2 id={`${id}-filters`} className="search-aside-title">
            <button
              type="button"
              className="search-filters-toggle"
              aria-expanded={filtersOpen}
              aria-controls={`${id}-filters-panel`}
              onClick={() => setFiltersOpen((o) => !o)}
            >
              {activeFilters ? t('search.filtersActive', { count: activeFilters }) : t('search.filters.title')}
              <span aria-hidden="true" className="search-filters-caret">
                {filtersOpen ? '▴' : '▾'}
              </span>
            </button>
            <span className="search-filters-heading">{t('search.filters.title')}</span>
          </h2>
          <div id={`${id}-filters-panel`} className={filtersOpen ? 'search-filters-panel open' : 'search-filters-panel'}>
            <SearchFilters
              state={state}
              facets={first?.spaces ?? []}
              author={author}
              onChange={update}
              onAuthor={(p) => {
                if (p) people.current.set(p.id, p);
              }}
            />
          </div>
        </aside>

        <div className="search-main" aria-busy={results.isFetching && !results.isFetchingNextPage}>
          {first && <TypeFilter state={state} counts={first.counts} capped={first.countsCapped} />}
          <p className="search-summary muted" role="status" data-testid="search-summary">
            {first && !results.isPlaceholderData
              ? first.countsCapped
                ? state.type
                  ? t('search.summaryAtLeast', { count: total, q: state.q })
                  : t('search.summaryCapped', { count: SEARCH_COUNT_CAP, q: state.q })
                : t('search.summary', { count: total, q: state.q })
              : ''}
          </p>
          {first?.truncated && <p className="hint">{t('search.truncated')}</p>}
          {first && first.hashtags.length > 0 && (
            <p className="search-hashtags" data-testid="search-hashtags">
              <span className="muted">{t('search.hashtags')}</span>{' '}
              {first.hashtags.map((h) => (
                <Link key={h.tag} to={`/tags/${encodeURIComponent(h.tag)}`} className="chip">
                  {t('search.hashtag', { tag: h.tag, count: h.count })}
                </Link>
              ))}
            </p>
          )}
          {first?.didYouMean && (
            <p className="search-didyoumean" data-testid="search-did-you-mean">
              {t('search.didYouMean')}{' '}
              <Link to={searchUrl({ ...state, q: first.didYouMean })}>
                <strong>{first.didYouMean}</strong>
              </Link>
            </p>
          )}

          {!state.q.trim() ? (
            <Empty>{t('search.start')}</Empty>
          ) : rejected === 'q' ? (
            <p className="error" role="alert" data-testid="search-too-long">
              {t('search.tooLong', { max: SEARCH_QUERY_MAX })}
            </p>
          ) : rejected === 'dates' || (state.from && state.to && state.from > state.to) ? (
            <Empty>{t('search.datesWrong')}</Empty>
          ) : results.isPending ? (
            <Loading label={t('search.searching')} />
          ) : results.error ? (
            <ErrorText error={results.error} />
          ) : items.length === 0 ? (
            <div className="empty search-empty" data-testid="search-empty">
              <p>{t('search.none', { q: state.q })}</p>
              <p className="hint">{filtered || state.type ? t('search.noneFiltered') : t('search.noneHint')}</p>
              {(filtered || state.type) && (
                <Link className="btn" to={searchUrl({ q: state.q, sort: state.sort })}>
                  {t('search.everywhere')}
                </Link>
              )}
            </div>
          ) : (
            <>
              <SearchResults items={items} type={state.type} counts={first?.counts ?? {}} capped={first?.countsCapped ?? false} />
              <LoadMore query={results} />
            </>
          )}
        </div>
      </div>
    </div>
  );
}
