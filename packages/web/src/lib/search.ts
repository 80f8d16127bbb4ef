/**
 * Search: the state of /search as it stands in the URL (so results are linkable and Back works),
 * the result and suggestion queries, and where each kind of hit leads.
 * Contract: packages/shared/src/search.ts; docs/api.md (Search).
 */
import { SEARCH_COUNT_CAP, SEARCH_QUERY_MAX, SEARCH_TYPES } from '@foyer/shared';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { get, isApiError, type Query } from './api';
import type { SearchHit, SearchResult, SearchType, SuggestResult } from './types';
import { useDebounced } from './useDebounced';

export { SEARCH_COUNT_CAP, SEARCH_QUERY_MAX, SEARCH_TYPES };
export type SearchSort = 'relevance' | 'date';

/** Everything /search shows, read from and written to the URL. Days are `YYYY-MM-DD` or ''. */
export interface SearchState {
  q: string;
  type: SearchType | null;
  spaceId: number | null;
  authorId: number | null;
  from: string;
  to: string;
  hasFiles: boolean;
  sort: SearchSort;
}

export const EMPTY_SEARCH: SearchState = { q: '', type: null, spaceId: null, authorId: null, from: '', to: '', hasFiles: false, sort: 'relevance' };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (s: string | null): s is string => !!s && DAY.test(s) && !Number.isNaN(Date.parse(s));
const idParam = (s: string | null): number | null => (s && /^[1-9]\d{0,14}$/.test(s) ? Number(s) : null);
const isType = (s: string | null): s is SearchType => !!s && (SEARCH_TYPES as readonly string[]).includes(s);

/** The state in a URL; anything malformed (a hand-edited link) falls back to its default. */
export function readSearchState(p: URLSearchParams): SearchState {
  const type = p.get('type');
  const from = p.get('from');
  const to = p.get('to');
  return {
    q: p.get('q') ?? '',
    type: isType(type) ? type : null,
    spaceId: idParam(p.get('spaceId')),
    authorId: idParam(p.get('authorId')),
    from: isDay(from) ? from : '',
    to: isDay(to) ? to : '',
    hasFiles: p.get('hasFiles') === 'true',
    sort: p.get('sort') === 'date' ? 'date' : 'relevance',
  };
}

/** The URL of a search; defaults are left out so links stay short. */
export function searchUrl(s: Partial<SearchState>): string {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  if (s.type) p.set('type', s.type);
  if (s.spaceId) p.set('spaceId', String(s.spaceId));
  if (s.authorId) p.set('authorId', String(s.authorId));
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  if (s.hasFiles) p.set('hasFiles', 'true');
  if (s.sort === 'date') p.set('sort', 'date');
  const qs = p.toString();
  return qs ? `/search?${qs}` : '/search';
}

/** How far a time zone is ahead of UTC at an instant, in ms. */
function zoneOffset(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(ms);
  const n = (type: string) => Number(parts.find((x) => x.type === type)?.value ?? 0);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * The first (or last) instant of a calendar day in the person's time zone, as ISO; the
 * browser's zone when none is set. "Until 3 May" includes all of 3 May where the person lives.
 */
export function dayBoundary(day: string, edge: 'start' | 'end', timeZone?: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const next = edge === 'end' ? 1 : 0;
  if (!timeZone) return new Date(new Date(y, m - 1, d + next).getTime() - next).toISOString();
  const wall = Date.UTC(y, m - 1, d + next);
  // Twice: the offset at the guessed instant may differ from the offset at the answer (DST).
  let t = wall - zoneOffset(wall, timeZone);
  t = wall - zoneOffset(t, timeZone);
  return new Date(t - next).toISOString();
}

/** The API query of a search state. */
export function searchParams(s: SearchState, timeZone?: string): Query {
  return {
    q: s.q.trim(),
    type: s.type ?? undefined,
    spaceId: s.spaceId ?? undefined,
    authorId: s.authorId ?? undefined,
    from: s.from ? dayBoundary(s.from, 'start', timeZone) : undefined,
    to: s.to ? dayBoundary(s.to, 'end', timeZone) : undefined,
    hasFiles: s.hasFiles ? 'true' : undefined,
    sort: s.sort === 'date' ? 'date' : undefined,
  };
}

export const searchKeys = {
  all: ['search'] as const,
  results: (params: Query) => ['search', 'results', params] as const,
  suggest: (q: string) => ['search', 'suggest', q] as const,
};

/** Results page by page ("load more"); no request without a query. */
export function useSearchResults(s: SearchState, timeZone?: string) {
  const params = searchParams(s, timeZone);
  const enabled = !!params.q && !(s.from && s.to && s.from > s.to);
  return useInfiniteQuery({
    queryKey: searchKeys.results(params),
    queryFn: ({ pageParam, signal }) => get<SearchResult>('/search', { ...params, cursor: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
    // Filters change the key: the old results stay visible (dimmed) until the new ones arrive.
    placeholderData: keepPreviousData,
  });
}

/** Why a search was refused, when it is the searcher's input (a 400): which field. */
export function rejectedField(error: unknown): 'q' | 'dates' | 'other' | null {
  if (!isApiError(error, 'validation_failed')) return null;
  const fields = (error.details as { fields?: Record<string, unknown> } | undefined)?.fields ?? {};
  if ('q' in fields) return 'q';
  if ('from' in fields || 'to' in fields) return 'dates';
  return 'other';
}

/** The shortest text the server suggests for (SuggestQuery answers nothing below 2 letters). */
export const SUGGEST_MIN = 2;
const SUGGEST_MAX = 200;

/** People, spaces and pages for what is being typed, asked once typing pauses. */
export function useSuggestions(q: string) {
  const settled = useDebounced(q.trim().slice(0, SUGGEST_MAX), 150);
  const enabled = settled.length >= SUGGEST_MIN;
  const res = useQuery({
    queryKey: searchKeys.suggest(settled),
    queryFn: ({ signal }) => get<SuggestResult>('/search/suggest', { q: settled }, signal),
    enabled,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
  return { data: enabled ? res.data : undefined, error: enabled ? res.error : null, settled: enabled && !res.isPlaceholderData && !res.isFetching };
}

/** Where a hit leads: the item itself, or its place inside the post, question or conversation; for a file, where it lives. */
export function hitHref(h: SearchHit): string | null {
  switch (h.type) {
    case 'post':
      return `/posts/${h.id}`;
    case 'comment':
      return h.parentId ? `/posts/${h.parentId}#comment-${h.id}` : null;
    case 'question':
      return `/questions/${h.id}`;
    case 'answer':
      return h.parentId ? `/questions/${h.parentId}#answer-${h.id}` : null;
    case 'page':
      return `/pages/${h.id}`;
    case 'message':
      return h.conversationId ? `/chat/${h.conversationId}?message=${h.id}` : null;
    case 'person':
      return h.author ? `/people/${h.author.handle}` : null;
    case 'space':
      return h.space ? `/spaces/${h.space.slug}` : null;
    case 'file':
      return fileOwnerHref(h);
  }
}

/** Where a file hit lives: the item it is attached to, or its folder in the space's files. */
function fileOwnerHref(h: SearchHit): string | null {
  const owner = h.file?.owner;
  if (!owner) return null;
  switch (owner.type) {
    case 'space':
      return h.space ? `/spaces/${h.space.slug}/files${h.file?.folderId ? `/${h.file.folderId}` : ''}` : null;
    case 'post':
      return `/posts/${owner.id}`;
    case 'comment':
      return owner.parentId ? `/posts/${owner.parentId}#comment-${owner.id}` : null;
    case 'question':
      return `/questions/${owner.id}`;
    case 'answer':
      return owner.parentId ? `/questions/${owner.parentId}#answer-${owner.id}` : null;
    case 'page':
      return `/pages/${owner.id}`;
    case 'message':
      return owner.parentId ? `/chat/${owner.parentId}?message=${owner.id}` : null;
  }
}

/** Hits in groups by type, the group of the best hit first; order inside a group is kept. */
export function groupHits(items: SearchHit[]): { type: SearchType; items: SearchHit[] }[] {
  const groups = new Map<SearchType, SearchHit[]>();
  for (const h of items) {
    const g = groups.get(h.type);
    if (g) g.push(h);
    else groups.set(h.type, [h]);
  }
  return [...groups].map(([type, hits]) => ({ type, items: hits }));
}
