#!/usr/bin/env node
// Audience preview (GET /api/v1/spaces/:id/audience?label=): the composer asks it while the author
// types. Measured for the biggest spaces of the generated company (the all-company space has every
// employee, ≈9,900 people; then the biggest private ones), against the bare SQL of the same
// preview (Foyer's own statement, recorded and replayed prepared), alternating per request.
//
//   node bench/audience.mjs [--scale full] [--requests 600]
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT, parseArgs, dataDirFor, readMeta, startFoyer, httpClient, summary, log, fmt } from './lib/common.mjs';

const require = createRequire(path.join(ROOT, 'packages/server/package.json'));

export async function benchAudience({ foyer, dataDir, meta, requests = 600 }) {
  const k = await import(require.resolve('kysely'));
  const Database = require('better-sqlite3');
  const db = new Database(path.join(dataDir, 'foyer.db'), { readonly: true });
  const captured = [];
  const kdb = new k.Kysely({ dialect: new k.SqliteDialect({ database: db }), log: (e) => captured.push({ sql: e.query.sql, params: [...e.query.parameters] }) });
  const { audiencePreview } = await import(path.join(ROOT, 'packages/server/dist/policies/audience.js'));
  const spaces = db.prepare(`select s.id, s.visibility, count(m.user_id) as n from spaces s join memberships m on m.space_id = s.id and m.state = 'member' group by s.id order by n desc limit 4`).all();
  const sessionBy = new Map(meta.sessions.map((s) => [s.id, s]));
  const memberOf = db.prepare(`select user_id from memberships where space_id = ? and state = 'member' limit 50`);
  const http = httpClient(foyer.port, { maxSockets: 2 });
  const out = [];
  for (const space of spaces) {
    const member = memberOf.all(space.id).map((r) => sessionBy.get(r.user_id)).find((s) => s && s.role !== 'guest');
    captured.length = 0;
    await audiencePreview(kdb, { space, label: 200 });
    const stmts = captured.map((q) => ({ stmt: db.prepare(q.sql), params: q.params }));
    const httpMs = [];
    const serverMs = [];
    const bareMs = [];
    for (let i = 0; i < requests + 20; i++) {
      const label = i % 2 ? 200 : 300;
      const h = await http.get(`/api/v1/spaces/${space.id}/audience?label=${label}`, member);
      if (h.status !== 200) throw new Error(`audience ${h.status} ${JSON.stringify(h.body)}`);
      const t0 = performance.now();
      for (const s of stmts) s.stmt.all(s.params);
      const b = performance.now() - t0;
      if (i < 20) continue;
      httpMs.push(h.ms);
      if (Number.isFinite(h.serverMs)) serverMs.push(h.serverMs);
      bareMs.push(b);
    }
    out.push({ spaceId: space.id, visibility: space.visibility, members: space.n, http: summary(httpMs), server: summary(serverMs), bare: summary(bareMs) });
  }
  http.close();
  db.close();
  return out;
}

async function main() {
  const args = parseArgs();
  const scale = args.scale ?? 'full';
  const dataDir = dataDirFor(scale, 'sqlite');
  if (!fs.existsSync(path.join(dataDir, 'bench-meta.json'))) throw new Error(`no data set in ${dataDir}: run node bench/run.mjs --scale ${scale} --keep-data first`);
  const meta = readMeta(dataDir);
  const foyer = await startFoyer({ dataDir });
  try {
    const results = await benchAudience({ foyer, dataDir, meta, requests: Number(args.requests ?? 600) });
    console.log('space (visibility, members)          | HTTP p50 / p95          | in Foyer p95 | bare SQL p50 / p95 | target p95 <= 20 ms');
    for (const r of results)
      console.log(
        `${`#${r.spaceId} (${r.visibility}, ${r.members})`.padEnd(37)}| ${`${fmt(r.http.p50)} / ${fmt(r.http.p95)} ms`.padEnd(24)}| ${`${fmt(r.server.p95)} ms`.padEnd(13)}| ${`${fmt(r.bare.p50)} / ${fmt(r.bare.p95)} ms`.padEnd(19)}| ${r.http.p95 <= 20 ? 'yes' : 'NO'}`,
      );
    fs.writeFileSync(path.join(path.dirname(dataDir), `results-audience-sqlite-${scale}.json`), JSON.stringify(results, null, 2));
  } finally {
    await foyer.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
