// Home feed, first page, for many different people: HTTP (GET /api/v1/feed) against the bare SQL
// that fetches the same 20 post rows. The bare SQL is the server's own feed code compiled by Kysely
// (no driver), run as prepared statements in this process: better-sqlite3 on the same file, or one
// pg connection. Current server: the statements homeFeed actually ran for that person (recent
// window walk, or sources + merged page), recorded and replayed; before that: the 3 source queries + the merged page query; servers before
// 6ce1924: the single OR query (and its unary-plus fix as a second baseline). Requests run one at a time, alternating HTTP and bare per person, so
// both see the same machine. The ids of both answers are compared.
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT, httpClient, summary, rng } from './lib/common.mjs';

const require = createRequire(path.join(ROOT, 'packages/server/package.json'));

async function compiler(dialect) {
  const k = await import('kysely');
  const captured = [];
  const db = new k.Kysely({
    dialect: {
      createAdapter: () => (dialect === 'postgres' ? new k.PostgresAdapter() : new k.SqliteAdapter()),
      createDriver: () => new k.DummyDriver(),
      createIntrospector: (d) => (dialect === 'postgres' ? new k.PostgresIntrospector(d) : new k.SqliteIntrospector(d)),
      createQueryCompiler: () => (dialect === 'postgres' ? new k.PostgresQueryCompiler() : new k.SqliteQueryCompiler()),
    },
    log: (e) => captured.push({ sql: e.query.sql, params: [...e.query.parameters] }),
  });
  const feeds = await import(path.join(ROOT, 'packages/server/dist/queries/feeds.js'));
  const capture = async (fn) => {
    captured.length = 0;
    await fn();
    return [...captured];
  };
  // Server >= 6ce1924: homeFeed = homeFeedSources (3 small queries) + homeFeedPage (one merged
  // query over per-source index ranges). Older servers: one query with an OR of IN-lists.
  const twoStep = typeof feeds.homeFeedPage === 'function' && typeof feeds.homeFeedSources === 'function';
  // Server with the recent-window walk (RECENT_WINDOW): which statements run depends on the data,
  // so the baseline records what homeFeed executes against the real database and replays that.
  const recorded = typeof feeds.RECENT_WINDOW === 'number';
  const presenters = await import(path.join(ROOT, 'packages/server/dist/presenters/posts.js'));
  return {
    twoStep,
    recorded,
    /**
     * Every statement the first page's content needs — the feed rows, then the presenter's
     * authors, spaces, memberships, reaction counts, my reactions, follows, bookmarks, tags and
     * images — as Foyer ran them for this person. Replayed prepared, it is the bare SQL of the
     * whole answer; HTTP minus this is Foyer's own overhead (HTTP, session, Kysely, JS, JSON).
     */
    async pagePlan(actor, realDb) {
      realDb.captured.length = 0;
      const rows = await feeds.homeFeed(realDb.db, actor, { limit: 21 });
      await presenters.presentPosts(realDb.db, actor, rows.slice(0, 20));
      return [...realDb.captured];
    },
    /** Statements the bare baseline runs, in order; `sourcesOf` runs the source queries for real. */
    async plan(actor, sourcesOf, realDb) {
      if (recorded && realDb) {
        realDb.captured.length = 0;
        await feeds.homeFeed(realDb.db, actor, { limit: 20 });
        return [...realDb.captured];
      }
      if (!twoStep) return capture(() => feeds.homeFeed(db, actor, { limit: 20 }));
      const sourceQs = await capture(() => feeds.homeFeedSources(db, actor));
      const sources = await sourcesOf(sourceQs);
      const page = await capture(async () => {
        const q = feeds.homeFeedPage(db, actor, sources, { limit: 20 });
        if (q) await q.execute();
      });
      return [...sourceQs, ...page];
    },
  };
}

export async function bareFeedRunner({ dataDir, databaseUrl }) {
  const c = await compiler(databaseUrl ? 'postgres' : 'sqlite');
  const toSources = (rows) => ({
    spaceIds: rows[0].map((r) => r.space_id),
    authorIds: rows[1].map((r) => r.followee_id),
    tags: rows[2].map((r) => r.tag),
  });
  if (databaseUrl) {
    const pg = require('pg');
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const names = new Map();
    const exec = async (q) => {
      if (!names.has(q.sql)) names.set(q.sql, `homefeed${names.size}`);
      return (await client.query({ name: names.get(q.sql), text: q.sql, values: q.params })).rows;
    };
    const k = await import('kysely');
    const realDb = { captured: [] };
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    realDb.db = new k.Kysely({
      dialect: new k.PostgresDialect({ pool }),
      log: (e) => realDb.captured.push({ sql: e.query.sql, params: [...e.query.parameters] }),
    });
    return {
      twoStep: c.twoStep,
      recorded: c.recorded,
      compile: (actor) =>
        c.plan(
          actor,
          async (qs) => {
            const rows = [];
            for (const q of qs) rows.push(await exec(q));
            return toSources(rows);
          },
          realDb,
        ),
      compilePage: (actor) => c.pagePlan(actor, realDb),
      async run(qs) {
        const t0 = performance.now();
        let rows = [];
        for (const q of qs) rows = await exec(q);
        return { ms: performance.now() - t0, ids: rows.slice(0, 20).map((x) => x.id) };
      },
      explain: async (qs) => (await client.query(`explain analyze ${qs.at(-1).sql}`, qs.at(-1).params)).rows.map((r) => r['QUERY PLAN']).join('\n'),
      close: async () => {
        await client.end();
        await realDb.db.destroy();
      },
    };
  }
  const Database = require('better-sqlite3');
  const db = new Database(path.join(dataDir, 'foyer.db'), { readonly: true });
  db.pragma('cache_size = -65536');
  const stmts = new Map();
  const stmt = (sql) => {
    let st = stmts.get(sql);
    if (!st) stmts.set(sql, (st = db.prepare(sql)));
    return st;
  };
  const k = await import('kysely');
  const realDb = { captured: [] };
  realDb.db = new k.Kysely({
    dialect: new k.SqliteDialect({ database: db }),
    log: (e) => realDb.captured.push({ sql: e.query.sql, params: [...e.query.parameters] }),
  });
  return {
    twoStep: c.twoStep,
    recorded: c.recorded,
    compile: (actor) => c.plan(actor, async (qs) => toSources(qs.map((q) => stmt(q.sql).all(q.params))), realDb),
    compilePage: (actor) => c.pagePlan(actor, realDb),
    async run(qs) {
      const t0 = performance.now();
      let rows = [];
      for (const q of qs) rows = stmt(q.sql).all(q.params);
      return { ms: performance.now() - t0, ids: rows.slice(0, 20).map((x) => x.id) };
    },
    explain: async (qs) => db.prepare(`explain query plan ${qs.at(-1).sql}`).all(qs.at(-1).params).map((r) => `${r.id}/${r.parent} ${r.detail}`).join('\n'),
    close: async () => db.close(),
  };
}

/**
 * The same SQL with a unary plus on the three IN-terms: it stops SQLite from answering the OR with
 * a MULTI-INDEX OR (every post of every readable space, then a temp B-tree sort) and makes it walk
 * the primary key backwards until 21 rows match. The suggested fix; results must be identical.
 */
export const fixSql = (qs) => qs.map((q) => ({ sql: q.sql.replace(/"posts"\."(space_id|author_id|id)" in/g, '+"posts"."$1" in'), params: q.params }));

/**
 * `people` people get HTTP + bare server SQL + fixed SQL; `fixedOnly` more get only the fixed SQL
 * (the server SQL takes seconds at full scale on SQLite).
 */
export async function benchFeed({ foyer, meta, dataDir, databaseUrl, people = 500, fixedOnly = 0, warmup = 100, seed = 7, bareIsFixed = false }) {
  const R = rng(seed);
  const employees = meta.sessions.filter((s) => s.role !== 'guest');
  const chosen = [];
  const seen = new Set();
  while (chosen.length < Math.min(people + warmup + fixedOnly, employees.length)) {
    const s = employees[R.int(employees.length)];
    if (!seen.has(s.id)) {
      seen.add(s.id);
      chosen.push(s);
    }
  }
  const http = httpClient(foyer.port, { maxSockets: 4 });
  const bare = await bareFeedRunner({ dataDir, databaseUrl });
  const httpMs = [];
  const serverMs = [];
  const bareMs = [];
  const pageMs = [];
  const floorMs = [];
  const fixedMs = [];
  const bytes = [];
  let mismatches = 0;
  let errors = 0;
  for (let i = 0; i < chosen.length; i++) {
    const s = chosen[i];
    const compiled = await bare.compile({ id: s.id, role: s.role, scope: 'session' });
    // With the fix loaded into Foyer (run.mjs --patched-feed) the server runs the fixed SQL.
    const q = bareIsFixed ? fixSql(compiled) : compiled;
    const f = await bare.run(fixSql(compiled));
    const measured = i >= chosen.length - people;
    if (i >= warmup) fixedMs.push(f.ms);
    if (!measured && (i >= warmup || i % 10)) continue; // a few HTTP warm-ups, then fixed-SQL-only people
    const pageQs = bare.recorded ? await bare.compilePage({ id: s.id, role: s.role, scope: 'session' }) : null;
    const h = await http.get('/api/v1/feed', s);
    const b = await bare.run(q);
    const pg = pageQs ? await bare.run(pageQs) : null;
    // The cheapest unauthenticated round trip through the same server: what HTTP alone costs here.
    const fl = await http.get('/livez');
    if (h.status !== 200) {
      errors++;
      continue;
    }
    if (!measured) continue;
    httpMs.push(h.ms);
    if (Number.isFinite(h.serverMs)) serverMs.push(h.serverMs);
    bareMs.push(b.ms);
    if (pg) pageMs.push(pg.ms);
    floorMs.push(fl.ms);
    bytes.push(h.bytes);
    const ids = h.body.items.map((p) => p.id);
    if (ids.join() !== b.ids.join() || ids.join() !== f.ids.join()) mismatches++;
  }
  const q0 = await bare.compile({ id: chosen[0].id, role: chosen[0].role, scope: 'session' });
  const plan = await bare.explain(q0);
  const fixedPlan = await bare.explain(fixSql(q0));
  // Throughput at 8 concurrent clients (for context, not a target).
  const t0 = performance.now();
  let n = 0;
  const until = t0 + (bareMs.length && summary(bareMs).p50 > 100 ? 10000 : 5000);
  await Promise.all(
    Array.from({ length: 8 }, async (_, w) => {
      let j = w;
      while (performance.now() < until) {
        await http.get('/api/v1/feed', chosen[j++ % chosen.length]);
        n++;
      }
    }),
  );
  const rps = n / ((performance.now() - t0) / 1000);
  http.close();
  await bare.close();
  return {
    http: summary(httpMs),
    server: serverMs.length ? summary(serverMs) : null,
    bare: summary(bareMs),
    page: pageMs.length ? summary(pageMs) : null,
    floor: summary(floorMs),
    fixed: summary(fixedMs),
    avgBytes: bytes.reduce((a, b) => a + b, 0) / Math.max(1, bytes.length),
    mismatches,
    errors,
    rps8: rps,
    plan,
    fixedPlan,
    serverFeed: bare.twoStep ? 'sources + merged per-source page (>= 6ce1924)' : 'single OR query (< 6ce1924)',
  };
}
