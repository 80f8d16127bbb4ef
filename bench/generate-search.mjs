#!/usr/bin/env node
// Generates a search data set straight into Foyer's schema (after the server's own migrations,
// so the 013_search triggers fill the queue exactly as live writes do) and indexes it with the
// server's own indexer, in chunks while importing: the import commits a chunk, the indexer
// drains it. Reports import time and indexer throughput (items/s).
//
//   node bench/generate-search.mjs [--scale tiny|small|full] [--db sqlite|postgres] [--seed N]
//
// full = 1,000,000 posts + 100,000 pages + 1,000,000 messages, 1,000 spaces; the bench user
// (id 1) is a member of 50 of them. Text: words drawn from a Zipf distribution over a German and
// English vocabulary of 30,000 words (real words at the top ranks, generated ones below), so
// one-word queries range from very common to rare. Data stays outside the repository
// (default /tmp/foyer-bench/search-<db>-<scale>).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT, PG_ADMIN, parseArgs, rng, log } from './lib/common.mjs';

const require = createRequire(path.join(ROOT, 'packages/server/package.json'));

export const SEARCH_SCALES = {
  tiny: { users: 500, spaces: 100, posts: 20_000, pages: 2_000, messages: 20_000, conversations: 1_000 },
  small: { users: 2_000, spaces: 1_000, posts: 200_000, pages: 20_000, messages: 200_000, conversations: 5_000 },
  full: { users: 10_000, spaces: 1_000, posts: 1_000_000, pages: 100_000, messages: 1_000_000, conversations: 20_000 },
};
export const MEMBER_SPACES = 50;

export const searchDataDir = (scale, db) => path.join(process.env.BENCH_DATA ?? '/tmp/foyer-bench', `search-${db}-${scale}`);
export const searchPgUrl = (scale) => {
  const u = new URL(PG_ADMIN);
  u.pathname = `/bench_search_${scale}`;
  return u.toString();
};

const REAL = `the und der die das and to of in a ist nicht mit für on is we team projekt project update meeting besprechung plan
quartal quarter review launch release kunde customer feedback idee idea frage question heute today morgen tomorrow woche week
danke thanks bitte please neu new entwurf draft roadmap budget büro office reise travel schulung training einarbeitung
onboarding vertrieb sales zahlen numbers support ticket deployment fehler bug funktion feature demo workshop mittagessen lunch
kaffee coffee umfrage survey ergebnis results ziele goals prozess process richtlinie policy dokument document urlaub vacation
antrag request abrechnung expense server störung outage sicherheit security datenschutz privacy vertrag contract rechnung
invoice lieferung delivery lager warehouse produktion production qualität quality kosten costs umsatz revenue personal
staff bewerbung application einstellung hiring kündigung termination gehalt salary betriebsrat council straße street
münchen munich berlin hamburg wien vienna zürich zurich`.split(/\s+/).filter(Boolean);
const SYL = ['ka', 'ber', 'lin', 'to', 'mar', 'sch', 'ung', 'en', 'ei', 'au', 'rat', 'hof', 'ver', 'ge', 'ar', 'tor', 'li', 'mo', 'na', 'ter', 'stra', 'ko', 'pe', 'wi', 'dor', 'zu', 'fel', 'gan', 'hei', 'ro', 'sa', 'ti', 'ul', 'vo', 'ka', 'len', 'mi', 'no', 'que', 'ri'];

/** Vocabulary in rank order and a Zipf sampler over it. */
export function vocabulary(R, size = 30_000) {
  const words = [...new Set(REAL)];
  const seen = new Set(words);
  while (words.length < size) {
    let w = '';
    const n = 2 + R.int(3);
    for (let i = 0; i < n; i++) w += SYL[R.int(SYL.length)];
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  const cum = new Float64Array(size);
  let acc = 0;
  for (let i = 0; i < size; i++) cum[i] = acc += 1 / Math.pow(i + 1, 1.05);
  const sample = () => {
    const x = R() * acc;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo];
  };
  return { words, sample };
}

export async function generateSearch({ scale = 'small', db = 'sqlite', seed = 7, quiet = false } = {}) {
  const S = SEARCH_SCALES[scale];
  if (!S) throw new Error(`unknown scale ${scale}`);
  const say = quiet ? () => {} : log;
  const dataDir = searchDataDir(scale, db);
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  let databaseUrl;
  if (db === 'postgres') {
    const pg = require('pg');
    databaseUrl = searchPgUrl(scale);
    const admin = new pg.Client({ connectionString: PG_ADMIN });
    await admin.connect();
    const name = new URL(databaseUrl).pathname.slice(1);
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    await admin.end();
  }
  const { openDb } = await import(path.join(ROOT, 'packages/server/dist/db/connection.js'));
  const { migrate } = await import(path.join(ROOT, 'packages/server/dist/db/migrate.js'));
  const { SearchIndexer } = await import(path.join(ROOT, 'packages/server/dist/search/indexer.js'));
  const conn = openDb({ databaseUrl, dataDir, poolSize: 4 });
  await migrate(conn);
  const indexer = new SearchIndexer({ db: conn.kysely, dialect: conn.dialect }, { batch: 2000 });
  const sink = db === 'postgres' ? await pgWriter(databaseUrl) : sqliteWriter(dataDir);

  const R = rng(seed);
  const { sample } = vocabulary(R);
  const text = (min, max) => {
    const n = min + R.int(max - min + 1);
    const w = new Array(n);
    for (let i = 0; i < n; i++) w[i] = sample();
    w[0] = w[0][0].toUpperCase() + w[0].slice(1);
    return `${w.join(' ')}.`;
  };
  const now = Date.now();
  const iso = (ms) => new Date(ms).toISOString();

  let importMs = 0;
  let indexMs = 0;
  let indexed = 0;
  const CHUNK = 20_000;
  let pending = 0;
  const settle = async (force = false) => {
    if (!force && pending < CHUNK) return;
    const t0 = performance.now();
    await sink.commit();
    importMs += performance.now() - t0;
    const t1 = performance.now();
    indexed += await indexer.drain();
    indexMs += performance.now() - t1;
    pending = 0;
  };
  const tImport = () => performance.now();

  let t = tImport();
  await sink.insert('organisation', ['id', 'name', 'default_locale', 'allowed_domains', 'demo', 'created_at'], [[1, 'Bench AG', 'de', '[]', 0, iso(now)]]);
  const users = [];
  for (let i = 1; i <= S.users; i++) users.push([`u${i}@example.com`, `u${i}`, `Person ${i} ${sample()}`, 'x', i === 1 ? 'member' : 'member', 'active', R() < 0.5 ? 'de' : 'en', iso(now)]);
  await sink.insert('users', ['email', 'handle', 'name', 'password_hash', 'role', 'status', 'locale', 'created_at'], users);
  const vis = (i) => (i % 10 < 6 ? 'public' : i % 10 < 9 ? 'private' : 'secret');
  const spaces = [];
  for (let i = 1; i <= S.spaces; i++) spaces.push([`space-${i}`, `Space ${i} ${sample()}`, text(5, 15), vis(i), 2, iso(now), iso(now)]);
  await sink.insert('spaces', ['slug', 'name', 'description', 'visibility', 'created_by', 'created_at', 'last_activity_at'], spaces);
  // The bench user: 50 spaces of every visibility (every 20th). Others: 20 random spaces each.
  const memberships = [];
  const mine = new Set();
  for (let s = 1; s <= S.spaces && mine.size < MEMBER_SPACES; s += Math.max(1, Math.floor(S.spaces / MEMBER_SPACES))) mine.add(s);
  for (const s of mine) memberships.push([s, 1, 'member', 'member', iso(now)]);
  for (let u = 2; u <= S.users; u++) {
    const set = new Set();
    for (let k = 0; k < Math.min(20, S.spaces); k++) set.add(1 + R.int(S.spaces));
    for (const s of set) memberships.push([s, u, 'member', 'member', iso(now)]);
  }
  await sink.insert('memberships', ['space_id', 'user_id', 'role', 'state', 'created_at'], memberships);
  // Conversations: one channel per space, the rest direct and group ones; the bench user is in 2%.
  const convs = [];
  for (let s = 1; s <= S.spaces; s++) convs.push(['channel', s, `general-${s}`, 2, iso(now)]);
  const members = [];
  for (let c = S.spaces + 1; c <= S.conversations; c++) {
    convs.push([R() < 0.5 ? 'direct' : 'group', null, null, 2, iso(now)]);
    const set = new Set([2 + R.int(S.users - 1), 2 + R.int(S.users - 1)]);
    if (c % 50 === 0) set.add(1);
    for (const u of set) members.push([c, u, iso(now)]);
  }
  await sink.insert('conversations', ['kind', 'space_id', 'name', 'created_by', 'created_at'], convs);
  await sink.insert('conversation_members', ['conversation_id', 'user_id', 'joined_at'], members);
  importMs += performance.now() - t;
  await settle(true);

  const author = () => 2 + R.int(S.users - 1);
  // Content arrives as in a real company: posts, pages and messages interleaved, each created a
  // little after the one before, so ids follow time across kinds (the indexer and the search
  // tiers see the newest items last). Until 2026-11-29 each kind was imported whole, one after
  // the other, with random dates: the newest ids were all messages.
  const total = S.posts + S.pages + S.messages;
  let made = 0;
  const when = () => iso(now - Math.round((365 * 24 * 3600 * 1000 * (total - made++)) / total));
  const kinds = [
    ['posts', S.posts, ['space_id', 'author_id', 'body', 'html', 'created_at', 'label'], () => { const b = text(8, 40); return [1 + R.int(S.spaces), author(), b, b, when(), R() < 0.05 ? 300 : 200]; }],
    ['pages', S.pages, ['space_id', 'title', 'body', 'html', 'label', 'version', 'created_by', 'created_at', 'updated_by', 'updated_at'], () => { const b = text(40, 150); const a = author(); const d = when(); return [1 + R.int(S.spaces), text(2, 5), b, b, 200, 1, a, d, a, d]; }],
    ['messages', S.messages, ['conversation_id', 'author_id', 'body', 'html', 'created_at'], () => { const b = text(3, 25); return [1 + R.int(S.conversations), author(), b, b, when()]; }],
  ];
  // Small slices of each kind in turn, in proportion to its count.
  const ROUNDS = Math.ceil(total / 2_000);
  const done = kinds.map(() => 0);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [k, [table, count, cols, row]] of kinds.entries()) {
      const n = Math.round((count * round) / ROUNDS) - done[k];
      if (n <= 0) continue;
      t = performance.now();
      const rows = new Array(n);
      for (let i = 0; i < n; i++) rows[i] = row();
      await sink.insert(table, cols, rows);
      importMs += performance.now() - t;
      done[k] += n;
      pending += n;
    }
    if (pending >= CHUNK) {
      await settle();
      say(`generate-search: ${kinds.map(([table, count], k) => `${table} ${done[k]}/${count}`).join(', ')}; indexed ${indexed} at ${Math.round(indexed / (indexMs / 1000))} items/s`);
    }
  }
  await settle(true);
  await sink.close();
  const meta = { scale, db, databaseUrl, dataDir, counts: S, memberSpaces: [...mine], importSeconds: importMs / 1000, indexSeconds: indexMs / 1000, indexed, itemsPerSecond: indexed / (indexMs / 1000) };
  if (db === 'postgres') {
    const { sql } = await import(path.join(ROOT, 'node_modules/kysely/dist/esm/index.js'));
    await sql`analyze`.execute(conn.kysely);
  }
  await conn.close();
  fs.writeFileSync(path.join(dataDir, 'search-meta.json'), JSON.stringify(meta, null, 2));
  say(`generate-search: import ${meta.importSeconds.toFixed(1)} s, indexing ${meta.indexSeconds.toFixed(1)} s for ${indexed} items = ${Math.round(meta.itemsPerSecond)} items/s`);
  return meta;
}

/** Plain multi-row inserts, committed per chunk so the indexer sees them (SQLite: one writer). */
function sqliteWriter(dataDir) {
  const Database = require('better-sqlite3');
  const db = new Database(path.join(dataDir, 'foyer.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 10000');
  const stmts = new Map();
  return {
    async insert(table, cols, rows) {
      const key = `${table}:${cols}`;
      if (!stmts.has(key)) stmts.set(key, db.prepare(`insert into ${table} (${cols.join(',')}) values (${cols.map(() => '?').join(',')})`));
      const stmt = stmts.get(key);
      db.transaction(() => {
        for (const r of rows) stmt.run(r);
      })();
    },
    async commit() {},
    async close() {
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}

function pgWriter(url) {
  const pg = require('pg');
  const client = new pg.Client({ connectionString: url });
  const ready = client.connect();
  const ints = new Set(['id', 'space_id', 'author_id', 'created_by', 'updated_by', 'user_id', 'conversation_id', 'label', 'version', 'demo']);
  return ready.then(() => ({
    async insert(table, cols, rows) {
      for (let i = 0; i < rows.length; i += 5000) {
        const chunk = rows.slice(i, i + 5000);
        const arrays = cols.map((_, c) => chunk.map((r) => r[c]));
        const casts = cols.map((c, j) => `$${j + 1}::${ints.has(c) ? 'int4' : 'text'}[]`).join(',');
        await client.query(`insert into ${table} (${cols.join(',')}) select * from unnest(${casts})`, arrays);
      }
    },
    async commit() {},
    async close() {
      await client.end();
    },
  }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = parseArgs();
  generateSearch({ scale: args.scale ?? 'small', db: args.db ?? 'sqlite', seed: Number(args.seed ?? 7) }).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
