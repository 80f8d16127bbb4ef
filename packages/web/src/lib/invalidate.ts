import type { InvalidateQueryFilters, Query, QueryClient } from '@tanstack/react-query';

const waiting = new WeakSet<Query>();

/**
 * invalidateQueries for realtime news. react-query lets an invalidation join a query's first fetch
 * when that fetch is still in flight (no data yet), and its answer may predate the news: a message
 * sent while the conversation was loading would never show. Such a query is invalidated once more
 * when its first fetch settles.
 */
export function invalidate(qc: QueryClient, filters: InvalidateQueryFilters): Promise<void> {
  for (const query of qc.getQueryCache().findAll(filters)) {
    const firstFetch = query.state.data === undefined && query.state.fetchStatus !== 'idle' ? query.promise : undefined;
    if (!firstFetch || waiting.has(query)) continue;
    waiting.add(query);
    const again = () => {
      waiting.delete(query);
      void qc.invalidateQueries({ queryKey: query.queryKey, exact: true, refetchType: filters.refetchType });
    };
    firstFetch.then(again, again);
  }
  return qc.invalidateQueries(filters);
}
