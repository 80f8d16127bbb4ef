#!/usr/bin/env node
// Search latency with and without the permission filter, in the same run, on the same data.
//
//   node bench/search.mjs [--scale tiny|small|full] [--db sqlite|postgres] [--queries 200] [--generate]
//
// Data: bench/generate-search.mjs (run with --generate, or before). The viewer is user 1, a
// member of 50 of the spaces. For each one- and two-word query (words drawn log-uniformly from
// vocabulary ranks 30..20,000, so from common to rare) three things are timed, interleaved:
//   service   SearchService.search(): results, counts, space facet, hashtags, snippets, presenting
//   all       the same with every match ranked in one tier (no candidate bound), as before 2026-11-29
//   filtered  the full-text statements search() runs (candidate bound, top 21 + facet scan), with the filter
//   bare      the same statements without the permission filter
// The variants of one query run in rotating order, so that each reads cold pages equally often.
// Reported: p50/p95 per kind and the filtered/bare ratio of the p95s.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, parseArgs, rng, summary, fmt, log } from './lib/common.mjs';
import { generateSearch, searchDataDir, vocabulary } from './generate-search.mjs';

const args = parseArgs();
const scale = args.scale ?? 'tiny';
const db = args.db ?? 'sqlite';
const N = Number(args.queries ?? 200);
const dataDir = searchDataDir(scale, db);
if (args.generate || !fs.existsSync(path.join(dataDir, 'search-meta.json'))) await generateSearch({ scale, db });
const meta = JSON.parse(fs.readFileSync(path.join(dataDir, 'search-meta.json'), 'utf8'));

const dist = (p) => import(path.join(ROOT, 'packages/server/dist', p));
const { openDb } = await dist('db/connection.js');
const { SearchService, CANDIDATES } = await dist('search/service.js');
const { visibleDocs } = await dist('search/permissions.js');
const { parseQuery } = await dist('search/query.js');
const { sql } = await import(path.join(ROOT, 'node_modules/kysely/dist/esm/index.js'));
const { DEFAULT_POLICY } = await import(path.join(ROOT, 'packages/shared/dist/index.js'));
const conn = openDb({ databaseUrl: meta.databaseUrl, dataDir, poolSize: 4 });
const service = new SearchService(conn.kysely, conn.dialect);
const rankAll = new SearchService(conn.kysely, conn.dialect, { candidates: 0 });
// --candidates N: also time the service with another candidate count, for choosing CANDIDATES.
const alt = args.candidates ? new SearchService(conn.kysely, conn.dialect, { candidates: Number(args.candidates) }) : null;
const actor = { id: 1, role: 'member', scope: 'session' };

// Words of the generator's vocabulary (same seed), from common to rare.
const { words } = vocabulary(rng(7));
const R = rng(99);
const pickWord = () => words[Math.floor(Math.exp(Math.log(30) + R() * (Math.log(20_000) - Math.log(30))))];
const queries = { one: Array.from({ length: N }, () => pickWord()), two: Array.from({ length: N }, () => `${pickWord()} ${pickWord()}`) };

async function statements(q, filtered) {
  const source = service.store.match(parseQuery(q));
  if (!source) return 0;
  const where = filtered ? sql`${source.where} and ${visibleDocs(conn.kysely, actor, DEFAULT_POLICY)}` : source.where;
  const bound = await source.candidateBound(conn.kysely, CANDIDATES);
  const topOf = (w) => sql`select d.kind, d.item_id, d.title, d.body, ${source.score} as score from ${source.from} where ${w} order by score desc, d.id desc limit 21`;
  const top = await source.viaIndex(conn.kysely, (db) => topOf(bound === undefined ? where : sql`${where} and ${source.docId} >= ${bound}`).execute(db));
  await source.viaIndex(conn.kysely, (db) => sql`select d.kind, d.space_id from ${source.from} where ${where} limit 1001`.execute(db));
  return top.rows.length;
}
const time = async (fn) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

// Warm-up: caches and statement preparation.
for (const q of queries.one.slice(0, 20)) {
  await service.search(actor, { q, sort: 'relevance', cursor: { position: 0 }, limit: 20 });
  await statements(q, false);
}

const results = {};
for (const [kind, list] of Object.entries(queries)) {
  const s = { service: [], all: [], alt: [], filtered: [], bare: [] };
  let hits = 0;
  for (const [i, q] of list.entries()) {
    const variants = [
      ['service', () => service.search(actor, { q, sort: 'relevance', cursor: { position: 0 }, limit: 20 })],
      ['all', () => rankAll.search(actor, { q, sort: 'relevance', cursor: { position: 0 }, limit: 20 })],
      ...(alt ? [['alt', () => alt.search(actor, { q, sort: 'relevance', cursor: { position: 0 }, limit: 20 })]] : []),
      ['filtered', async () => (hits += (await statements(q, true)) > 0 ? 1 : 0)],
      ['bare', () => statements(q, false)],
    ];
    // The first variant of a query reads its pages cold and warms them for the others: each
    // variant goes first equally often.
    for (let k = 0; k < variants.length; k++) {
      const [name, run] = variants[(i + k) % variants.length];
      s[name].push(await time(run));
    }
  }
  results[kind] = { service: summary(s.service), all: summary(s.all), ...(alt ? { alt: summary(s.alt) } : {}), filtered: summary(s.filtered), bare: summary(s.bare), withHits: hits / list.length };
}
await conn.close();

const machine = `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, load ${os.loadavg()[0].toFixed(1)}`;
log(`search bench: ${db}, scale ${scale} (${meta.counts.posts} posts, ${meta.counts.pages} pages, ${meta.counts.messages} messages, ${meta.counts.spaces} spaces), ${N} queries per kind; ${machine}`);
log(`indexing while importing: ${Math.round(meta.itemsPerSecond)} items/s (${meta.indexed} items in ${fmt(meta.indexSeconds, 1)} s)`);
for (const [kind, r] of Object.entries(results))
  log(
    `${kind}-word (${Math.round(r.withHits * 100)}% with hits): service p50 ${fmt(r.service.p50)} p95 ${fmt(r.service.p95)} ms | rank-all p50 ${fmt(r.all.p50)} p95 ${fmt(r.all.p95)} ms${r.alt ? ` | ${args.candidates} candidates p50 ${fmt(r.alt.p50)} p95 ${fmt(r.alt.p95)} ms` : ''} | filtered p50 ${fmt(r.filtered.p50)} p95 ${fmt(r.filtered.p95)} ms | bare p50 ${fmt(r.bare.p50)} p95 ${fmt(r.bare.p95)} ms | filtered/bare p95 ${fmt(r.filtered.p95 / r.bare.p95)}x`,
  );
if (args.json) fs.writeFileSync(args.json, JSON.stringify({ scale, db, machine, meta, results }, null, 2));
