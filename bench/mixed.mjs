#!/usr/bin/env node
// Mixed load: simulated people, each with a WebSocket open, loop over
//   read the home feed (45%) · read a space (20%) · open a post with its comments (20%) ·
//   comment (7%) · react (5%) · post (3%)
// with a random think time between actions. The number of people is ramped in steps; each step
// is measured on its own, and the ramp stops at the first step that breaks the limits
// (average response >= 100 ms, p99 >= 2 s, or > 1% errors) or at the last step. Every loop is
// bounded in time and count, so the run ends by itself.
//
//   node bench/mixed.mjs [--scale small|full] [--db sqlite|postgres] [--steps 100,200,400]
//                        [--step-seconds 40] [--think 5,15]
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT, parseArgs, dataDirFor, pgUrlFor, readMeta, startFoyer, httpClient, summary, rng, sleep, log, fmt } from './lib/common.mjs';

const require = createRequire(path.join(ROOT, 'packages/server/package.json'));
const WebSocket = require('ws');

export async function benchMixed({ foyer, meta, steps, stepSeconds = 40, rampSeconds = 10, think = [5, 15], seed = 99, maxActionsPerPerson = 10_000 }) {
  const R = rng(seed);
  const http = httpClient(foyer.port, { maxSockets: 2048 });
  const employees = meta.sessions.filter((s) => s.role !== 'guest' && meta.userSpaces[s.id].length);
  const readable = meta.spaces.filter((s) => s.visibility === 'public').map((s) => s.id);
  let bucket = null; // the current step's samples
  let stopAll = false;
  let wsEvents = 0;
  let wsFailures = 0;
  const people = [];

  const record = (name, r) => {
    if (!bucket) return;
    bucket.lat.push(r.ms);
    bucket.byAction[name] ??= [];
    bucket.byAction[name].push(r.ms);
    if (r.status >= 400) {
      bucket.errors++;
      bucket.statuses[r.status] = (bucket.statuses[r.status] ?? 0) + 1;
    }
  };
  const call = async (name, method, url, session, body) => {
    try {
      const r = await http.request(method, url, { session, body });
      record(name, r);
      return r;
    } catch {
      if (bucket) {
        bucket.errors++;
        bucket.statuses.network = (bucket.statuses.network ?? 0) + 1;
      }
      return { status: 0, body: null };
    }
  };

  async function person(i) {
    const s = employees[i % employees.length];
    const mySpaces = meta.userSpaces[s.id];
    let ws = null;
    try {
      ws = new WebSocket(`ws://127.0.0.1:${foyer.port}/api/v1/realtime`, { headers: { cookie: `foyer_session=${s.token}`, origin: foyer.origin }, perMessageDeflate: false });
      ws.on('message', () => wsEvents++);
      ws.on('error', () => wsFailures++);
    } catch {
      wsFailures++;
    }
    let lastPosts = [];
    await sleep(R() * (think[1] * 1000)); // spread the arrivals
    for (let n = 0; n < maxActionsPerPerson && !stopAll; n++) {
      const x = R();
      if (x < 0.45 || !lastPosts.length) {
        const r = await call('feed', 'GET', '/api/v1/feed', s);
        if (r.status === 200) lastPosts = r.body.items.map((p) => p.id);
      } else if (x < 0.65) {
        const sp = R() < 0.7 ? mySpaces[R.int(mySpaces.length)] : readable[R.int(readable.length)];
        await call('space', 'GET', `/api/v1/spaces/${sp}`, s);
        const r = await call('space', 'GET', `/api/v1/spaces/${sp}/posts`, s);
        if (r.status === 200 && r.body.items.length) lastPosts = r.body.items.map((p) => p.id);
      } else if (x < 0.85) {
        const id = lastPosts[R.int(lastPosts.length)];
        await call('post', 'GET', `/api/v1/posts/${id}`, s);
        await call('post', 'GET', `/api/v1/posts/${id}/comments`, s);
      } else if (x < 0.92) {
        await call('comment', 'POST', `/api/v1/posts/${lastPosts[R.int(lastPosts.length)]}/comments`, s, { body: 'Thanks, good point! +1' });
      } else if (x < 0.97) {
        await call('react', 'PUT', `/api/v1/posts/${lastPosts[R.int(lastPosts.length)]}/reactions/like`, s);
      } else {
        await call('create', 'POST', '/api/v1/posts', s, { spaceId: mySpaces[R.int(mySpaces.length)], body: 'Mixed-load update: all good here #kudos' });
      }
      const wait = (think[0] + R() * (think[1] - think[0])) * 1000;
      const until = performance.now() + wait;
      while (!stopAll && performance.now() < until) await sleep(Math.min(500, until - performance.now()));
    }
    ws?.terminate();
  }

  const results = [];
  const running = [];
  let best = 0;
  for (const target of steps) {
    while (people.length < target) {
      const i = people.length;
      people.push(i);
      running.push(person(i));
    }
    await sleep(rampSeconds * 1000);
    bucket = { lat: [], byAction: {}, errors: 0, statuses: {} };
    const ev0 = wsEvents;
    const cpu0 = foyer.cpu();
    const self0 = process.cpuUsage();
    const t0 = performance.now();
    await sleep(stepSeconds * 1000);
    const b = bucket;
    bucket = null;
    const secs = (performance.now() - t0) / 1000;
    const st = summary(b.lat);
    const step = {
      people: target,
      requests: st.n,
      rps: st.n / secs,
      mean: st.mean,
      p50: st.p50,
      p95: st.p95,
      p99: st.p99,
      errorRate: b.errors / Math.max(1, st.n),
      errorStatuses: b.statuses,
      serverAlive: foyer.alive,
      serverCpuPercent: ((foyer.cpu() - cpu0) / secs) * 100,
      loadGeneratorCpuPercent: (((u) => (u.user + u.system) / 1e6)(process.cpuUsage(self0)) / secs) * 100,
      rssMb: foyer.rssKb() / 1024,
      wsEventsPerSecond: (wsEvents - ev0) / secs,
      byAction: Object.fromEntries(Object.entries(b.byAction).map(([k, v]) => [k, { n: v.length, mean: summary(v).mean, p99: summary(v).p99 }])),
    };
    step.ok = st.n > 0 && step.mean < 100 && step.p99 < 2000 && step.errorRate <= 0.01;
    results.push(step);
    log(`mixed: ${target} people: ${st.n} req (${fmt(step.rps, 1)}/s) mean ${fmt(step.mean)} ms p99 ${fmt(step.p99)} ms err ${fmt(step.errorRate * 100, 1)}% cpu ${fmt(step.serverCpuPercent, 0)}% (load generator ${fmt(step.loadGeneratorCpuPercent, 0)}%) ${step.ok ? 'OK' : 'FAIL'}`);
    if (!step.ok) break;
    best = target;
  }
  stopAll = true;
  await Promise.race([Promise.all(running), sleep(30_000)]);
  http.close();
  return { steps: results, maxPeople: best, wsFailures, think, stepSeconds };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = parseArgs();
  const scale = args.scale ?? 'small';
  const db = args.db ?? 'sqlite';
  const dataDir = args['data-dir'] ?? dataDirFor(scale, db);
  const databaseUrl = db === 'postgres' ? pgUrlFor(scale) : undefined;
  const meta = readMeta(dataDir);
  const steps = (args.steps ?? (scale === 'full' ? '250,500,1000,1500,2000' : '100,200,400,800')).split(',').map(Number);
  const foyer = await startFoyer({ dataDir, databaseUrl });
  try {
    const r = await benchMixed({ foyer, meta, steps, stepSeconds: Number(args['step-seconds'] ?? 40), think: (args.think ?? '5,15').split(',').map(Number) });
    console.log(JSON.stringify(r, null, 1));
  } finally {
    await foyer.stop();
  }
}
