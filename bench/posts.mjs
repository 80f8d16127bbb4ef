// Post creation throughput: N concurrent clients (different people, each posting into a space they
// are a member of) for a fixed time, against Foyer's POST /api/v1/posts and, in the same run, the
// raw floor (bench/lib/raw-server.mjs: session lookup + one transaction inserting the post and its
// outbox row, on the same database).
import path from 'node:path';
import { httpClient, summary, rng, startHelper } from './lib/common.mjs';

const RAW = path.join(path.dirname(new URL(import.meta.url).pathname), 'lib/raw-server.mjs');

async function drive(port, urlPath, clients, seconds, warmupSeconds) {
  const http = httpClient(port, { maxSockets: clients.length });
  const lat = [];
  let ok = 0;
  let failed = 0;
  const statuses = {};
  const tStart = performance.now();
  const measureFrom = tStart + warmupSeconds * 1000;
  const until = measureFrom + seconds * 1000;
  let seq = 0;
  await Promise.all(
    clients.map(async (c) => {
      while (performance.now() < until) {
        const body = { spaceId: c.spaceId, body: `Benchmark post ${++seq} from ${c.session.id}: quarterly numbers look good, see #kudos` };
        const t = performance.now();
        let r;
        try {
          r = await http.request('POST', urlPath, { session: c.session, body, parse: false });
        } catch {
          failed++;
          continue;
        }
        if (t < measureFrom) continue;
        if (performance.now() > until) break;
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        if (r.status === 200) {
          ok++;
          lat.push(r.ms);
        } else failed++;
      }
    }),
  );
  http.close();
  return { perSecond: ok / seconds, ok, failed, statuses, latency: summary(lat) };
}

export async function benchPosts({ foyer, meta, dataDir, databaseUrl, concurrency = 50, seconds = 20, warmup = 2, seed = 11 }) {
  const R = rng(seed);
  const employees = meta.sessions.filter((s) => s.role !== 'guest' && meta.userSpaces[s.id].length);
  const clients = [];
  const used = new Set();
  while (clients.length < concurrency) {
    const s = employees[R.int(employees.length)];
    if (used.has(s.id)) continue;
    used.add(s.id);
    const spaces = meta.userSpaces[s.id];
    clients.push({ session: s, spaceId: spaces[R.int(spaces.length)] });
  }
  const cpu0 = foyer.cpu();
  const foyerRes = await drive(foyer.port, '/api/v1/posts', clients, seconds, warmup);
  foyerRes.serverCpuPercent = ((foyer.cpu() - cpu0) / (seconds + warmup)) * 100;
  const raw = await startHelper(RAW, [], { RAW_DATA_DIR: dataDir, RAW_DATABASE_URL: databaseUrl ?? '' });
  let rawRes;
  try {
    rawRes = await drive(raw.port, '/posts', clients, seconds, warmup);
  } finally {
    await raw.stop();
  }
  return { concurrency, seconds, foyer: foyerRes, raw: rawRes };
}
