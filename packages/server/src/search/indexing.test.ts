/**
 * Index maintenance: new items are searchable within a second of the commit (woken over the bus,
 * not by a test helper), edits replace the old terms, deletes and moderation hides leave search
 * in the writing transaction (triggers), several indexers never take the same queued change, and
 * a reindex rebuilds the same results.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'kysely';
import { startTestFoyer, type TestFoyer, type TestClient } from '../test/harness.js';
import { SearchIndexer, enqueueAll } from './indexer.js';
import { indexed } from './testing.js';

describe('search indexing', () => {
  let t: TestFoyer;
  let u: TestClient;
  let spaceId: number;

  beforeAll(async () => {
    // The safety-net poll is a minute here: what arrives sooner was woken over the bus.
    t = await startTestFoyer({ outboxPollMs: 60_000 });
    u = await t.user('ingo');
    spaceId = (await u.post('/spaces', { name: 'Indexing', visibility: 'public' })).body.id;
  });
  afterAll(() => t?.close());

  const ids = async (q: string) => ((await u.get(`/search?q=${encodeURIComponent(q)}`)).body.items as { type: string; id: number }[]).map((i) => `${i.type}:${i.id}`);
  async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
    const started = Date.now();
    while (!(await check())) {
      if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return Date.now() - started;
  }

  it('finds a new post as soon as the commit wakes the indexer, long before its poll', async () => {
    const post = (await u.post('/posts', { spaceId, body: 'Kickoff for the zeppelinwerft project' })).body;
    // Polls the index itself. The time to visible (target 1 s) is measured by bench/search.mjs;
    // here a generous bound only has to tell a wake-up over the bus from the minute's poll.
    const db = t.foyer.svc.db;
    await within(20_000, async () => !!(await db.selectFrom('search_docs').select('id').where('kind', '=', 'post').where('item_id', '=', post.id).executeTakeFirst()));
    expect(await ids('zeppelinwerft')).toContain(`post:${post.id}`);
  });

  it('replaces the terms of an edited post and drops a deleted one at once', async () => {
    const post = (await u.post('/posts', { spaceId, body: 'Old wording: aubergine' })).body;
    await within(1000, async () => (await ids('aubergine')).includes(`post:${post.id}`));
    expect((await u.patch(`/posts/${post.id}`, { body: 'New wording: zucchini' })).status).toBe(200);
    await within(1000, async () => (await ids('zucchini')).includes(`post:${post.id}`));
    expect(await ids('aubergine')).not.toContain(`post:${post.id}`);
    expect((await u.del(`/posts/${post.id}`)).status).toBe(204);
    // No waiting: the delete's own transaction took the document out of search.
    expect(await ids('zucchini')).not.toContain(`post:${post.id}`);
  });

  it('copies deletes, hides and label changes into search_docs in the writing transaction', async () => {
    const post = (await u.post('/posts', { spaceId, body: 'trigger check' })).body;
    const comment = (await u.post(`/posts/${post.id}/comments`, { body: 'trigger comment' })).body;
    await indexed(t);
    const db = t.foyer.svc.db;
    const state = async () =>
      (
        await db
          .selectFrom('search_docs')
          .select(['kind', 'visible', 'label'])
          .where((eb) => eb.or([eb.and([eb('kind', '=', 'post'), eb('item_id', '=', post.id)]), eb.and([eb('kind', '=', 'comment'), eb('item_id', '=', comment.id)])]))
          .orderBy('kind')
          .execute()
      ).map(
        (r) => `${r.kind}:${r.visible}:${r.label}`,
      );
    expect(await state()).toEqual(['comment:1:200', 'post:1:200']);
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('posts').set({ label: 300 }).where('id', '=', post.id).execute();
      // Inside the same transaction, before any indexer could run.
      expect((await trx.selectFrom('search_docs').select('label').where('kind', '=', 'comment').where('item_id', '=', comment.id).executeTakeFirstOrThrow()).label).toBe(300);
      await trx.updateTable('posts').set({ hidden_at: new Date().toISOString() }).where('id', '=', post.id).execute();
    });
    expect(await state()).toEqual(['comment:0:300', 'post:0:300']);
    await db.updateTable('posts').set({ hidden_at: null }).where('id', '=', post.id).execute();
    expect(await state()).toEqual(['comment:1:300', 'post:1:300']);
  });

  it('never gives the same queued change to two indexers', async () => {
    for (let i = 0; i < 30; i++) await u.post('/posts', { spaceId, body: `parallel item ${i} quokka` });
    await indexed(t);
    const queued = await enqueueAll(t.foyer.svc.db);
    const a = new SearchIndexer(t.foyer.svc, { batch: 7 });
    const b = new SearchIndexer(t.foyer.svc, { batch: 5 });
    const [na, nb] = await Promise.all([a.drain(), b.drain()]);
    await indexed(t);
    // The server's own indexer may have taken some too; no row is processed twice or lost.
    expect(na + nb).toBeLessThanOrEqual(queued);
    expect((await u.get('/search?q=quokka')).body.counts).toEqual({ post: 30 });
    const { rows } = await sql<{ n: number }>`select count(*) as n from (select kind, item_id from search_docs group by kind, item_id having count(*) > 1) x`.execute(t.foyer.svc.db);
    expect(Number(rows[0].n)).toBe(0);
  });

  it('lets other work have its turn between batches while it drains a backlog', async () => {
    await indexed(t);
    expect(await enqueueAll(t.foyer.svc.db)).toBeGreaterThan(3);
    let drained = false;
    const draining = new SearchIndexer(t.foyer.svc, { batch: 1 })
      .drain()
      .then(() => (drained = true));
    // One turn of the event loop (what an HTTP request needs) comes before the backlog is done.
    await new Promise((resolve) => setImmediate(resolve));
    expect(drained).toBe(false);
    await draining;
    await indexed(t);
  });

  it('reclaims the queue\'s deleted rows during and after a drain, and refreshes the statistics at its end', async () => {
    const { db, dialect } = t.foyer.svc;
    const counts = async () => (await sql<{ vacuums: string; analyzes: string }>`select pg_stat_get_vacuum_count('search_queue'::regclass) as vacuums, pg_stat_get_analyze_count('search_docs'::regclass) as analyzes`.execute(db)).rows[0];
    await indexed(t);
    const before = dialect === 'postgres' ? await counts() : null;
    expect(await enqueueAll(db)).toBeGreaterThan(3);
    await new SearchIndexer(t.foyer.svc, { batch: 2, reclaimEvery: 2 }).drain();
    expect(Number((await db.selectFrom('search_queue').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
    // PostgreSQL vacuums the queue and analyses the documents; SQLite frees deleted rows itself and has nothing to do.
    if (before) {
      const after = await counts();
      expect(Number(after.vacuums)).toBeGreaterThan(Number(before.vacuums));
      expect(Number(after.analyzes)).toBeGreaterThan(Number(before.analyzes));
    }
    await indexed(t);
  });

  it('filters by type, space, author, date range and attachments', async () => {
    const other = await t.user('otto');
    const space2 = (await other.post('/spaces', { name: 'Filters two', visibility: 'public' })).body.id;
    const mine = (await u.post('/posts', { spaceId, body: 'filterword one' })).body;
    const theirs = (await other.post('/posts', { spaceId: space2, body: 'filterword two' })).body;
    const page = (await other.post(`/spaces/${space2}/pages`, { title: 'Filterword page', body: 'text' })).body;
    await t.foyer.svc.db
      .insertInto('images')
      .values({ uploader_id: other.id, post_id: theirs.id, message_id: null, key: 'k', thumb_key: 't', width: 1, height: 1, created_at: new Date().toISOString() })
      .execute();
    await indexed(t);
    const got = async (qs: string) => ((await u.get(`/search?q=filterword&${qs}`)).body.items as { type: string; id: number }[]).map((i) => `${i.type}:${i.id}`).sort();
    expect(await got('')).toEqual([`page:${page.id}`, `post:${mine.id}`, `post:${theirs.id}`].sort());
    expect(await got('type=page')).toEqual([`page:${page.id}`]);
    expect(await got(`spaceId=${space2}`)).toEqual([`page:${page.id}`, `post:${theirs.id}`].sort());
    expect(await got(`authorId=${u.id}`)).toEqual([`post:${mine.id}`]);
    expect(await got('hasFiles=true')).toEqual([`post:${theirs.id}`]);
    expect(await got('from=2000-01-01&to=2000-12-31')).toEqual([]);
    expect(await got(`from=${new Date(Date.now() - 60_000).toISOString()}`)).toHaveLength(3);
    // Counts ignore the type filter (tabs), but follow the other filters.
    expect((await u.get(`/search?q=filterword&type=page&spaceId=${space2}`)).body.counts).toEqual({ page: 1, post: 1 });
  });

  it('reindex rebuilds the same results and drops documents of vanished items', async () => {
    await indexed(t);
    const queries = ['quokka', 'zeppelinwerft', 'ingo', 'indexing', 'parallel -quokka'];
    const before = await Promise.all(queries.map((q) => u.get(`/search?q=${q}&limit=50`).then((r) => r.body)));
    const db = t.foyer.svc.db;
    await db
      .insertInto('search_docs')
      .values({ kind: 'post', item_id: 99999999, space_id: spaceId, label: 100, visible: 1, lang: 'en', title: '', body: 'ghost', created_at: new Date().toISOString() } as never)
      .execute()
      .catch(() => {
        /* PostgreSQL needs a tsvector: the ghost check below then covers SQLite only */
      });
    expect(await enqueueAll(db)).toBeGreaterThan(30);
    await new SearchIndexer(t.foyer.svc, { batch: 1000 }).drain();
    await indexed(t);
    const after = await Promise.all(queries.map((q) => u.get(`/search?q=${q}&limit=50`).then((r) => r.body)));
    expect(after).toEqual(before);
    expect(await db.selectFrom('search_docs').select('id').where('item_id', '=', 99999999).execute()).toEqual([]);
  });
});
