#!/usr/bin/env node
// Foyer benchmark suite. `npm run bench` runs everything at the small scale in a few minutes;
// `node bench/run.mjs --scale full` runs the recorded scale (see docs/benchmarks.md).
//
//   --scale tiny|small|full   data set size (default small)
//   --db sqlite|postgres      database (default sqlite); postgres runs feed + posts unless --only
//   --only feed,posts,freshness,fanout,memory,mixed
//   --reuse                   keep an existing generated data set of the same scale
//   --keep-data               do not delete the data set / drop the bench_* database at the end
//   --mixed-steps 10,25,50    override the mixed-load ramp
//   --old-feed                sizes for servers before 6ce1924 (OR-query feed: seconds per call at full)
//   --patched-feed            experiment: start Foyer with the suggested home-feed SQL fix applied
//                             in memory (bench/lib/feed-fix-hook.mjs); the server's files are untouched
//
// Data lives in $BENCH_DATA (default /tmp/foyer-bench), results in $BENCH_DATA/results-*.json.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { createRequire } from 'node:module';
import { ROOT, PG_ADMIN, parseArgs, dataDirFor, pgUrlFor, readMeta, startFoyer, log, fmt, sleep } from './lib/common.mjs';
import { generate } from './generate.mjs';
import { benchFeed } from './feed.mjs';
import { benchPosts } from './posts.mjs';
import { benchFreshness } from './freshness.mjs';
import { benchFanout, benchMemory } from './ws.mjs';
import { benchMixed } from './mixed.mjs';

const require = createRequire(path.join(ROOT, 'packages/server/package.json'));
const args = parseArgs();
const scale = args.scale ?? 'small';
const db = args.db ?? 'sqlite';
const full = scale === 'full';
const defaultOnly = db === 'postgres' ? 'feed,posts,freshness' : 'feed,posts,freshness,fanout,memory,mixed';
const only = new Set(String(args.only ?? defaultOnly).split(','));
const dataDir = dataDirFor(scale, db);
const patched = !!args['patched-feed'];
const nodeArgs = patched ? ['--import', path.join(ROOT, 'bench/lib/feed-fix-hook.mjs')] : [];
const databaseUrl = db === 'postgres' ? pgUrlFor(scale) : undefined;

const P = {
  feed: patched
    ? { people: full ? 1000 : 300, fixedOnly: 0, warmup: 50, bareIsFixed: true }
    : args['old-feed'] && full
      ? { people: 20, fixedOnly: 1000, warmup: 50 } // servers before 6ce1924: the SQLite feed query takes seconds
      : full
        ? { people: 1000, fixedOnly: 0, warmup: 50 }
      : { people: 200, fixedOnly: 300, warmup: 30 },
  posts: { concurrency: 50, seconds: full ? 20 : 8, warmup: 2 },
  freshness: { samples: full ? 200 : 100 },
  fanout: { clients: 1000, rounds: full ? 100 : 40 },
  memory: { levels: full ? [1000, 10000] : [1000, 4000] },
  mixed: {
    steps: (args['mixed-steps'] ?? (full ? (args['old-feed'] ? '5,10,25,50,100,250,500,1000' : '250,500,1000,1500,2000,3000') : '10,25,50,100,200,400')).split(',').map(Number),
    stepSeconds: full ? 40 : 15,
    rampSeconds: full ? 15 : 8,
  },
};

function machine() {
  const cpu = /model name\s*:\s*(.*)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model;
  let sqlite = '';
  try {
    const Database = require('better-sqlite3');
    sqlite = new Database(':memory:').prepare('select sqlite_version() v').get().v;
  } catch {
    /* ignore */
  }
  return { nproc: os.cpus().length, cpu, ramGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, sqlite, date: new Date().toISOString() };
}

async function main() {
  const results = { machine: machine(), scale, db, patched, params: P };
  log(`foyer bench: scale=${scale} db=${db} only=${[...only].join(',')}`);

  const metaFile = path.join(dataDir, 'bench-meta.json');
  if (args.reuse && fs.existsSync(metaFile) && readMeta(dataDir).scale === scale) {
    log(`reusing data set in ${dataDir}`);
    results.generate = { reused: true, seconds: readMeta(dataDir).seconds, counts: readMeta(dataDir).counts };
  } else {
    results.generate = await generate({ scale, db, dataDir });
  }
  const meta = readMeta(dataDir);

  let foyer = await startFoyer({ dataDir, databaseUrl, nodeArgs: [...nodeArgs, ...(args.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(path.dirname(dataDir), 'prof')}`] : [])] });
  try {
    await sleep(1000);
    results.idleRssKb = foyer.rssKb();
    if (only.has('feed')) {
      log('feed ...');
      results.feed = await benchFeed({ foyer, meta, dataDir, databaseUrl, ...P.feed });
      results.warmRssKb = foyer.rssKb();
    }
    if (only.has('fanout')) {
      log('websocket fan-out ...');
      results.fanout = await benchFanout({ foyer, meta, ...P.fanout });
    }
    if (only.has('memory')) {
      log('memory ...');
      results.memory = await benchMemory({ foyer, meta, ...P.memory });
      results.memory.foyer.freshIdleKb = results.idleRssKb;
    }
    if (only.has('posts')) {
      log('post creation ...');
      results.posts = await benchPosts({ foyer, meta, dataDir, databaseUrl, ...P.posts });
    }
    if (only.has('freshness')) {
      log('search freshness ...');
      results.freshness = await benchFreshness({ foyer, meta, ...P.freshness });
    }
  } finally {
    await foyer.stop();
  }
  if (only.has('mixed')) {
    log('mixed load ...');
    foyer = await startFoyer({ dataDir, databaseUrl, nodeArgs });
    try {
      results.mixed = await benchMixed({ foyer, meta, ...P.mixed });
    } finally {
      await foyer.stop();
    }
  }

  const out = path.join(path.dirname(dataDir), `results-${db}-${scale}${patched ? '-patched' : ''}.json`);
  fs.writeFileSync(out, JSON.stringify(results, null, 1));
  printTable(results);
  log(`results written to ${out}`);

  if (!args['keep-data']) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (databaseUrl) {
      const pg = require('pg');
      const c = new pg.Client({ connectionString: PG_ADMIN });
      await c.connect();
      await c.query(`drop database if exists ${new URL(databaseUrl).pathname.slice(1)} with (force)`);
      await c.end();
    }
  }
}

function printTable(r) {
  const rows = [];
  const row = (what, foyer, base, ratio, target, ok) => rows.push([what, foyer, base, ratio, target, ok === undefined ? '' : ok ? 'yes' : 'NO']);
  const g = r.generate;
  row(`generate (${r.scale})`, `${fmt(g.seconds, 1)} s`, '', '', 'minutes', g.seconds < 1800);
  if (r.feed) {
    const f = r.feed;
    row(r.patched ? 'feed p50 (HTTP | fixed SQL)' : 'feed p50 (HTTP | server SQL)', `${fmt(f.http.p50)} ms`, `${fmt(f.bare.p50)} ms`, fmt(f.http.p50 / f.bare.p50), '', undefined);
    row(r.patched ? 'feed p95 (HTTP | fixed SQL)' : 'feed p95 (HTTP | server SQL)', `${fmt(f.http.p95)} ms`, `${fmt(f.bare.p95)} ms`, fmt(f.http.p95 / f.bare.p95), '<= 10 ms, <= 3x', f.http.p95 <= 10 && f.http.p95 <= 3 * f.bare.p95);
    row(r.patched ? 'feed p99 (HTTP | fixed SQL)' : 'feed p99 (HTTP | server SQL)', `${fmt(f.http.p99)} ms`, `${fmt(f.bare.p99)} ms`, fmt(f.http.p99 / f.bare.p99), '', undefined);
    if (f.page) {
      const pp = (k) => `${fmt(f.page[k])} ms`;
      row('feed p50 (HTTP | page SQL)', `${fmt(f.http.p50)} ms`, pp('p50'), fmt(f.http.p50 / f.page.p50), '', undefined);
      row('feed p95 (HTTP | page SQL)', `${fmt(f.http.p95)} ms`, pp('p95'), fmt(f.http.p95 / f.page.p95), '<= 10 ms, <= 3x', f.http.p95 <= 10 && f.http.p95 <= 3 * f.page.p95);
      row('feed p99 (HTTP | page SQL)', `${fmt(f.http.p99)} ms`, pp('p99'), fmt(f.http.p99 / f.page.p99), '', undefined);
      if (f.server)
        for (const k of ['p50', 'p95', 'p99'])
          row(`feed ${k} (in Foyer | page SQL)`, `${fmt(f.server[k])} ms`, pp(k), fmt(f.server[k] / f.page[k]), k === 'p95' ? '<= 3x' : '', k === 'p95' ? f.server.p95 <= 3 * f.page.p95 : undefined);
    }
    if (f.floor) row('HTTP floor GET /livez p50/p95', `${fmt(f.floor.p50)} / ${fmt(f.floor.p95)} ms`, '', '', '', undefined);
    if (!f.serverFeed?.startsWith('sources')) row('feed p50/p95/p99 fixed SQL', '', `${fmt(f.fixed.p50)} / ${fmt(f.fixed.p95)} / ${fmt(f.fixed.p99)} ms`, fmt(f.http.p95 / f.fixed.p95), '(suggested fix)', undefined);
    row('feed throughput, 8 clients', `${fmt(f.rps8, 1)} req/s`, '', '', '', undefined);
  }
  if (r.posts) {
    const p = r.posts;
    row(`posts/s, ${p.concurrency} clients`, fmt(p.foyer.perSecond, 0), fmt(p.raw.perSecond, 0), fmt(p.foyer.perSecond / p.raw.perSecond), '>= 1000/s', p.foyer.perSecond >= 1000);
    row('post latency p50 / p99', `${fmt(p.foyer.latency.p50)} / ${fmt(p.foyer.latency.p99)} ms`, `${fmt(p.raw.latency.p50)} / ${fmt(p.raw.latency.p99)} ms`, '', '', undefined);
  }
  if (r.freshness) {
    for (const [what, f] of [['idle', r.freshness.idle], [`${r.freshness.loaded.writers} writers, ${fmt(r.freshness.loaded.postsPerSecond, 0)} posts/s`, r.freshness.loaded]]) {
      const lost = f.missing ? `, ${f.missing} of ${f.samples} not found in 10 s` : '';
      row(`search freshness p50/p95, ${what} (ack -> found | one search)`, `${fmt(f.visible.p50)} / ${fmt(f.visible.p95)} ms${lost}`, `${fmt(f.search.p50)} / ${fmt(f.search.p95)} ms`, '', '<= 1 s', !f.missing && f.visible.p95 <= 1000);
    }
  }
  if (r.fanout) {
    const w = r.fanout;
    const ratio = w.foyer.fromRequest.p99 / w.raw.fromRequest.p99;
    row(`ws fan-out ${w.clients}, from response p50/p99`, `${fmt(w.foyer.fromResponse.p50)} / ${fmt(w.foyer.fromResponse.p99)} ms`, `${fmt(w.raw.fromResponse.p50)} / ${fmt(w.raw.fromResponse.p99)} ms`, '', '', undefined);
    row(`ws fan-out ${w.clients}, from request p50/p99`, `${fmt(w.foyer.fromRequest.p50)} / ${fmt(w.foyer.fromRequest.p99)} ms`, `${fmt(w.raw.fromRequest.p50)} / ${fmt(w.raw.fromRequest.p99)} ms`, fmt(ratio), 'p99 <= 100 ms, <= 2x', w.foyer.fromRequest.p99 <= 100 && ratio <= 2);
  }
  if (r.memory) {
    const m = r.memory;
    row('RSS idle (fresh | raw ws)', `${fmt(m.foyer.freshIdleKb / 1024, 0)} MB`, `${fmt(m.raw.idleKb / 1024, 0)} MB`, '', '', undefined);
    for (const n of r.params.memory.levels) row(`RSS with ${n} sockets`, `${fmt(m.foyer[n] / 1024, 0)} MB`, `${fmt(m.raw[n] / 1024, 0)} MB`, fmt(m.foyer[n] / m.raw[n]), '', undefined);
  }
  if (r.mixed) row('mixed load: max people', String(r.mixed.maxPeople), '', '', '>= 1000', r.mixed.maxPeople >= 1000);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((x) => String(x[i]).length), ['metric', 'foyer', 'baseline', 'ratio', 'target', 'met'][i].length));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ');
  console.log(`\nFoyer bench — ${r.db}${r.patched ? ' (feed fix applied in memory)' : ''}, scale ${r.scale}, ${r.machine.nproc} cores, ${r.machine.cpu}, Node ${r.machine.node}`);
  console.log(line(['metric', 'foyer', 'baseline', 'ratio', 'target', 'met']));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const x of rows) console.log(line(x));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
