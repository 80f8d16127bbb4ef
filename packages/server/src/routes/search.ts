/** Search and search-as-you-type. Contract in packages/shared/src/search.ts; docs/api.md (Search). */
import { SearchQuery, SearchResult, SuggestQuery, SuggestResult } from '@foyer/shared';
import type { FoyerApp } from '../app.js';
import type { Services } from '../services.js';
import { errors, actorOf, limit } from './common.js';
import { SearchService, decodeCursor } from '../search/service.js';
import { invalid } from '../errors.js';

export async function searchRoutes(app: FoyerApp, svc: Services) {
  const search = new SearchService(svc.db, svc.dialect);

  app.get('/search', { config: limit(svc, 300), schema: { querystring: SearchQuery, response: { 200: SearchResult, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    const q = req.query;
    const cursor = decodeCursor(q.cursor);
    if (cursor === undefined) throw invalid('invalid cursor', { fields: { cursor: 'invalid' } });
    if (q.from && q.to && Date.parse(q.from) > Date.parse(q.to)) throw invalid('from is after to', { fields: { from: 'after_to' } });
    return search.search(actor, {
      q: q.q,
      types: q.type,
      spaceId: q.spaceId,
      authorId: q.authorId,
      from: q.from,
      to: q.to,
      hasFiles: q.hasFiles,
      sort: q.sort,
      cursor,
      limit: q.limit,
    });
  });

  app.get('/search/suggest', { config: limit(svc, 600), schema: { querystring: SuggestQuery, response: { 200: SuggestResult, ...errors } } }, async (req) =>
    search.suggest(actorOf(req), req.query.q, req.query.limit),
  );
}
