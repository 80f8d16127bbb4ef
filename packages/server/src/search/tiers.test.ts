/**
 * Frequent words are ranked in two tiers (the newest CANDIDATES matches first, then the older
 * ones; PostgreSQL estimates where the newest CANDIDATES begin). Paging through both tiers must still return every readable match exactly once, the
 * permission filter must hold in both, and the cursor must carry the tier state safely.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestFoyer, type TestFoyer, type TestClient } from '../test/harness.js';
import { indexed } from './testing.js';
import { sql } from 'kysely';
import { SearchService, decodeCursor, encodeCursor, type SearchCursor } from './service.js';
import { parseQuery } from './query.js';

describe('search tiers for frequent words', () => {
  let t: TestFoyer;
  let reader: TestClient;
  const readable: number[] = [];
  const hidden: number[] = [];

  beforeAll(async () => {
    t = await startTestFoyer();
    const owner = await t.user('tia');
    reader = await t.user('tom');
    const open = (await owner.post('/spaces', { name: 'Open room', visibility: 'public' })).body;
    const closed = (await owner.post('/spaces', { name: 'Closed room', visibility: 'private' })).body;
    // Interleaved so both tiers hold readable and hidden matches; titles vary the score.
    for (let i = 0; i < 14; i++) {
      const inOpen = i % 3 !== 1;
      const body = `${'filler '.repeat(i % 4)}quokka report number ${i}${i % 5 === 0 ? ' quokka quokka' : ''}`;
      const post = (await owner.post('/posts', { spaceId: inOpen ? open.id : closed.id, body })).body;
      (inOpen ? readable : hidden).push(post.id);
    }
    await indexed(t);
  });
  afterAll(() => t?.close());

  async function all(service: SearchService, sort: 'relevance' | 'date', limit: number) {
    const seen: number[] = [];
    let cursor: SearchCursor | undefined = { position: 0 };
    while (cursor) {
      const res = await service.search(reader.actor, { q: 'quokka', sort, cursor, limit });
      seen.push(...res.items.map((h) => h.id));
      cursor = res.nextCursor ? decodeCursor(res.nextCursor) : undefined;
    }
    return seen;
  }

  it('returns every readable match once across both tiers, newest tier first', async () => {
    const tiered = new SearchService(t.foyer.svc.db, t.foyer.svc.dialect, { candidates: 5 });
    const oneTier = new SearchService(t.foyer.svc.db, t.foyer.svc.dialect, { candidates: 0 });
    // SQLite finds the exact n-th newest match; PostgreSQL's bound is the planner's estimate, so
    // there only the guarantees that hold for any bound are checked.
    const exactBound = t.foyer.svc.dialect === 'sqlite';
    for (const sort of ['relevance', 'date'] as const)
      for (const limit of [1, 2, 3, 20]) {
        const seen = await all(tiered, sort, limit);
        expect(seen.length, `${sort} ${limit}`).toBe(new Set(seen).size);
        expect([...seen].sort((a, b) => a - b)).toEqual(readable);
        // The newest five matches (readable or not) form the first tier when it fills a page;
        // otherwise the first page ranks every match in one tier.
        const newest = [...readable, ...hidden].sort((a, b) => b - a).slice(0, 5);
        const firstTier = readable.filter((id) => newest.includes(id));
        if (!exactBound) continue;
        if (firstTier.length > limit) expect(new Set(seen.slice(0, firstTier.length))).toEqual(new Set(firstTier));
        else expect(seen, `${sort} ${limit}`).toEqual(await all(oneTier, sort, limit));
      }
    // Fewer matches than candidates: one tier, the same order as ranking everything.
    const wide = new SearchService(t.foyer.svc.db, t.foyer.svc.dialect, { candidates: 100 });
    expect(await all(wide, 'relevance', 4)).toEqual(await all(oneTier, 'relevance', 4));
  });

  it('refuses forged cursors with a typed 400 and keeps the tier state in the cursor it hands out', async () => {
    for (const forged of ['b3', 'o5.c9', 'o5.b', 'o1001', 'o5.c3', 'o-1', 'o1.o2', 'x', 'o5b3'])
      expect((await reader.get(`/search?q=quokka&cursor=${Buffer.from(forged).toString('base64url')}`)).status, forged).toBe(400);
    expect(decodeCursor(encodeCursor({ position: 20, bound: 77, newer: 13 }))).toEqual({ position: 20, bound: 77, newer: 13 });
    // A bound from a cursor only narrows what the filter already allows: hidden items stay out.
    const res = await reader.get(`/search?q=quokka&limit=50&cursor=${encodeCursor({ position: 1, bound: 1 })}`);
    expect(res.status).toBe(200);
    for (const h of res.body.items) expect(hidden).not.toContain(h.id);
  });

  it('estimates the bound on PostgreSQL from the planner statistics, and none when few match', async () => {
    if (t.foyer.svc.dialect !== 'postgres') return;
    const db = t.foyer.svc.db;
    await sql`analyze search_docs`.execute(db);
    const service = new SearchService(db, t.foyer.svc.dialect);
    const source = service.store.match(parseQuery('quokka'))!;
    const matchesFrom = async (bound: number) =>
      Number((await sql<{ n: number }>`select count(*) as n from search_docs d where ${source.where} and d.id >= ${bound}`.execute(db)).rows[0].n);
    const bound = await source.candidateBound(db, 5);
    expect(bound).toBeDefined();
    // Ids grow with time: the bound keeps the newest matches and leaves the oldest out.
    const kept = await matchesFrom(bound!);
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(readable.length + hidden.length);
    expect(await source.candidateBound(db, 100)).toBeUndefined();
  });
});
