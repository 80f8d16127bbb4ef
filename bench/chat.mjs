#!/usr/bin/env node
// Chat benchmarks (SQLite), each next to its baseline from the same run:
//  1. open a conversation: GET /conversations/:id/messages?limit=50 (the last 50 messages with
//     authors and reactions) at N stored messages, against the bare SQL of the same page (the
//     statements Foyer ran, recorded and replayed prepared);
//  2. delivery, one node: C sockets (every person of the load groups), G groups active at R
//     messages/s in total, open loop; latency from the send request to *every* recipient
//     (sender's other socket included), against a raw `ws` server sending the same message to
//     the same group sockets; RSS per idle connection;
//  3. delivery, three nodes sharing Redis: the same load, sockets and senders spread over them.
//
//   node bench/chat.mjs [--scale full|small] [--db sqlite|postgres] [--messages N] [--reuse]
//                       [--clients 10000] [--rate 200] [--seconds 20] [--only open,one,three]
//
// Several app processes need a server database: on SQLite, three processes writing one file queue
// on its lock (seconds at p99), so the three-node comparison is meant for --db postgres (one node
// and three nodes on the same PostgreSQL database). `open` is measured on SQLite only.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { createRequire } from 'node:module';
import { ROOT, parseArgs, dataDirFor, pgUrlFor, readMeta, startFoyer, startHelper, httpClient, summary, rng, sleep, log, fmt, pool } from './lib/common.mjs';
import { generateChat } from './generate-chat.mjs';
import { generate } from './generate.mjs';
import { connect } from './ws.mjs';

const require = createRequire(path.join(ROOT, 'packages/server/package.json'));
const RAW = path.join(path.dirname(new URL(import.meta.url).pathname), 'lib/raw-server.mjs');

/** Bare SQL of a conversation page: Foyer's own statements for it, recorded once and replayed prepared. */
async function bareRunner(dataDir) {
  const k = await import(require.resolve('kysely'));
  const Database = require('better-sqlite3');
  const db = new Database(path.join(dataDir, 'foyer.db'), { readonly: true });
  db.pragma('cache_size = -65536');
  const captured = [];
  const kdb = new k.Kysely({ dialect: new k.SqliteDialect({ database: db }), log: (e) => captured.push({ sql: e.query.sql, params: [...e.query.parameters] }) });
  const policy = await import(path.join(ROOT, 'packages/server/dist/policies/conversations.js'));
  const queries = await import(path.join(ROOT, 'packages/server/dist/queries/chat.js'));
  const presenters = await import(path.join(ROOT, 'packages/server/dist/presenters/chat.js'));
  const stmts = new Map();
  const stmt = (sql) => stmts.get(sql) ?? stmts.set(sql, db.prepare(sql)).get(sql);
  return {
    /** The statements that fetch the page's rows: history, authors, reactions, quotes, images. */
    async plan(actor, conversationId) {
      const ctx = await policy.loadConversationForRead(kdb, actor, conversationId);
      captured.length = 0;
      const { rows } = await queries.messagePage(kdb, conversationId, { limit: 50 });
      await presenters.presentMessages(kdb, actor, ctx, rows);
      return [...captured];
    },
    run(qs) {
      const t0 = performance.now();
      for (const q of qs) stmt(q.sql).all(q.params);
      return performance.now() - t0;
    },
    close: () => db.close(),
  };
}

export async function benchOpen({ foyer, dataDir, meta, people = 500, seed = 5 }) {
  const Database = require('better-sqlite3');
  const db = new Database(path.join(dataDir, 'foyer.db'), { readonly: true });
  // Conversations picked by how busy they are: the biggest first, then at random among the busiest 1,000.
  const busiest = db.prepare('select conversation_id as id, count(*) as n from messages group by conversation_id order by n desc limit 1000').all();
  const total = db.prepare('select count(*) as n from messages').get().n;
  db.close();
  const sessionBy = new Map(meta.sessions.map((s) => [s.id, s]));
  const R = rng(seed);
  const bare = await bareRunner(dataDir);
  const http = httpClient(foyer.port, { maxSockets: 4 });
  const httpMs = [];
  const serverMs = [];
  const bareMs = [];
  const reopen = new Database(path.join(dataDir, 'foyer.db'), { readonly: true });
  const members = (id) => reopen.prepare('select user_id from conversation_members where conversation_id = ?').all(id).map((r) => r.user_id);
  for (let i = 0; i < people + 30; i++) {
    const c = i === 0 ? busiest[0] : busiest[R.int(busiest.length)];
    const who = sessionBy.get(R.pick(members(c.id)));
    const actor = { id: who.id, role: who.role, scope: 'session' };
    const qs = await bare.plan(actor, c.id);
    const h = await http.get(`/api/v1/conversations/${c.id}/messages?limit=50`, who);
    const b = bare.run(qs);
    if (h.status !== 200) throw new Error(`open failed ${h.status} ${JSON.stringify(h.body).slice(0, 200)}`);
    if (i < 30) continue;
    httpMs.push(h.ms);
    if (Number.isFinite(h.serverMs)) serverMs.push(h.serverMs);
    bareMs.push(b);
  }
  reopen.close();
  http.close();
  bare.close();
  return { messages: total, biggest: busiest[0].n, http: summary(httpMs), server: serverMs.length ? summary(serverMs) : null, bare: summary(bareMs) };
}

/**
 * Open-loop chat load: every person of the load groups holds a socket; messages go to random
 * groups at `rate` per second from random members. A message's latency is the time from its send
 * request to its receipt on the *last* of the group's sockets.
 */
async function runLoad({ sendTo, openSocket, groups, rate, seconds, label }) {
  const receipts = new Map(); // messageId -> { count, last }
  const started = new Map(); // messageId -> tReq
  const deliveries = [];
  const onMessage = (d) => {
    const t = performance.now();
    const m = JSON.parse(d);
    if (m.kind !== 'event' || m.type !== 'message.created') return;
    const id = m.data.messageId;
    const r = receipts.get(id) ?? { count: 0, last: 0 };
    r.count++;
    r.last = t;
    receipts.set(id, r);
    const t0 = started.get(id);
    if (t0 !== undefined) deliveries.push(t - t0);
  };
  const sockets = [];
  const jobs = groups.flatMap((g, gi) => g.members.map((userId, mi) => ({ g, gi, userId, mi })));
  await pool(jobs, 100, async (j) => sockets.push(await openSocket(j, onMessage)));
  log(`${label}: ${sockets.length} sockets open`);
  await sleep(1000);
  const R = rng(11);
  const sent = [];
  const responses = [];
  let errors = 0;
  const interval = 1000 / rate;
  // A warm-up at the same rate first (not measured): statement caches, JIT, audience caches.
  const warmupSeconds = Math.min(5, seconds / 4);
  const tWarm = performance.now();
  const tStart = tWarm + warmupSeconds * 1000;
  const inflight = [];
  for (let i = 0; performance.now() - tStart < seconds * 1000; i++) {
    const due = tWarm + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const g = groups[R.int(groups.length)];
    const from = g.members[R.int(g.members.length)];
    const tReq = performance.now();
    const measured = tReq >= tStart;
    inflight.push(
      sendTo(g, from, i)
        .then((id) => {
          if (!measured) return;
          if (id === null) return void errors++;
          responses.push(performance.now() - tReq);
          started.set(id, tReq);
          const r = receipts.get(id);
          // Receipts that arrived before the response.
          if (r) for (let k = 0; k < r.count; k++) deliveries.push(r.last - tReq);
          sent.push({ id, tReq, size: g.members.length });
        })
        .catch(() => void (measured && errors++)),
    );
  }
  await Promise.all(inflight);
  await sleep(3000);
  const lastLatency = [];
  let incomplete = 0;
  for (const s of sent) {
    const r = receipts.get(s.id);
    if (!r || r.count < s.size) incomplete++;
    else lastLatency.push(r.last - s.tReq);
  }
  const achieved = sent.length / seconds;
  for (const ws of sockets) ws.terminate();
  await sleep(500);
  return { sockets: sockets.length, sent: sent.length, ratePerSecond: achieved, errors, incomplete, response: summary(responses), toLast: summary(lastLatency), perDelivery: summary(deliveries) };
}

export async function benchDelivery({ nodes, meta, chatMeta, clients, rate, seconds, raw = true }) {
  const sessionBy = new Map(meta.sessions.map((s) => [s.id, s]));
  const groups = chatMeta.loadGroups.slice(0, Math.ceil(clients / chatMeta.loadGroups[0].members.length));
  const https = nodes.map((n) => httpClient(n.port, { maxSockets: 64 }));
  let keySeq = 0;
  const idleBefore = nodes.map((n) => n.rssKb());
  const foyer = await runLoad({
    label: `foyer x${nodes.length}`,
    groups,
    rate,
    seconds,
    openSocket: ({ userId, mi }, onMessage) => {
      const node = nodes[mi % nodes.length];
      return connect(`ws://127.0.0.1:${node.port}/api/v1/realtime`, { cookie: `foyer_session=${sessionBy.get(userId).token}`, origin: node.origin }, onMessage);
    },
    sendTo: async (g, from, i) => {
      const node = i % nodes.length;
      const r = await https[node].post(`/api/v1/conversations/${g.id}/messages`, sessionBy.get(from), { body: `Load message ${i}`, clientKey: `load${Date.now().toString(36)}x${(keySeq++).toString(36)}` });
      return r.status === 200 ? r.body.id : null;
    },
  });
  https.forEach((h) => h.close());
  const out = { nodes: nodes.length, groups: groups.length, foyer, idleBeforeKb: idleBefore };
  if (!raw) return out;
  const rawServer = await startHelper(RAW);
  try {
    const rawHttp = httpClient(rawServer.port, { maxSockets: 64 });
    out.raw = await runLoad({
      label: 'raw ws',
      groups,
      rate,
      seconds,
      openSocket: ({ g }, onMessage) => connect(`ws://127.0.0.1:${rawServer.port}/ws?group=${g.id}`, {}, onMessage),
      sendTo: async (g) => (await rawHttp.post(`/group-send?group=${g.id}&bytes=120`)).body.id,
    });
    rawHttp.close();
  } finally {
    await rawServer.stop();
  }
  return out;
}

/** RSS per idle connection: one node, C sockets open and idle, against the same node before. */
export async function benchIdleMemory({ foyer, meta, chatMeta, clients }) {
  const sessionBy = new Map(meta.sessions.map((s) => [s.id, s]));
  const people = chatMeta.loadGroups.flatMap((g) => g.members).slice(0, clients);
  await sleep(1000);
  const before = foyer.rssKb();
  const sockets = [];
  await pool(people, 100, async (id) => {
    const s = sessionBy.get(id);
    sockets.push(await connect(`ws://127.0.0.1:${foyer.port}/api/v1/realtime`, { cookie: `foyer_session=${s.token}`, origin: foyer.origin }, () => {}));
  });
  await sleep(3000);
  const after = foyer.rssKb();
  for (const ws of sockets) ws.terminate();
  return { sockets: sockets.length, beforeKb: before, afterKb: after, perConnectionKb: (after - before) / sockets.length };
}

async function main() {
  const args = parseArgs();
  const scale = args.scale ?? 'full';
  const full = scale === 'full';
  const db = args.db ?? 'sqlite';
  const only = new Set(String(args.only ?? (db === 'postgres' ? 'one,three' : 'open,one')).split(','));
  if (db === 'postgres') only.delete('open');
  const dataDir = dataDirFor(scale, db);
  const databaseUrl = db === 'postgres' ? pgUrlFor(scale) : undefined;
  const clients = Number(args.clients ?? (full ? 10_000 : 2_000));
  const rate = Number(args.rate ?? 200);
  const seconds = Number(args.seconds ?? (full ? 20 : 8));
  if (!args.reuse || !fs.existsSync(path.join(dataDir, 'bench-meta.json'))) await generate({ scale, db, dataDir });
  let chatMeta = fs.existsSync(path.join(dataDir, 'chat-meta.json')) ? JSON.parse(fs.readFileSync(path.join(dataDir, 'chat-meta.json'), 'utf8')) : null;
  const wanted = args.messages ? Number(args.messages) : full && db === 'sqlite' ? 10_000_000 : 500_000;
  if (!args.reuse || !chatMeta || chatMeta.messages < wanted) chatMeta = await generateChat({ scale, db, messages: wanted });
  const meta = readMeta(dataDir);
  const results = { scale, db, date: new Date().toISOString(), machine: { nproc: os.cpus().length, node: process.version }, chat: { messages: chatMeta.messages, generateSeconds: chatMeta.seconds } };

  if (only.has('open') || only.has('one')) {
    const foyer = await startFoyer({ dataDir, databaseUrl });
    try {
      if (only.has('open')) {
        log('open conversation ...');
        results.open = await benchOpen({ foyer, dataDir, meta });
      }
      if (only.has('one')) {
        log('idle memory ...');
        results.memory = await benchIdleMemory({ foyer, meta, chatMeta, clients });
        log('delivery, one node ...');
        results.one = await benchDelivery({ nodes: [foyer], meta, chatMeta, clients, rate, seconds });
      }
    } finally {
      await foyer.stop();
    }
  }
  if (only.has('three')) {
    log('delivery, three nodes with Redis ...');
    const env = { REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' };
    const nodes = [];
    try {
      for (let i = 0; i < 3; i++) nodes.push(await startFoyer({ dataDir, databaseUrl, env }));
      results.three = await benchDelivery({ nodes, meta, chatMeta, clients, rate, seconds, raw: false });
    } finally {
      await Promise.all(nodes.map((n) => n.stop()));
    }
  }
  const file = path.join(path.dirname(dataDir), `results-chat-${db}-${scale}.json`);
  fs.writeFileSync(file, JSON.stringify(results, null, 2));
  printTable(results);
  log(`results written to ${file}`);
}

function printTable(r) {
  const rows = [];
  const row = (...cells) => rows.push(cells.map(String));
  row('metric', 'foyer', 'baseline', 'ratio', 'target', 'met');
  if (r.open) {
    const o = r.open;
    for (const k of ['p50', 'p95', 'p99']) row(`open conversation ${k} (HTTP | bare SQL)`, `${fmt(o.http[k])} ms`, `${fmt(o.bare[k])} ms`, fmt(o.http[k] / o.bare[k]), k === 'p95' ? '<= 10 ms' : '', k === 'p95' ? (o.http.p95 <= 10 ? 'yes' : 'NO') : '');
    if (o.server) row('open conversation p50/p95 in Foyer', `${fmt(o.server.p50)} / ${fmt(o.server.p95)} ms`, '', fmt(o.server.p95 / o.bare.p95), '', '');
    row('stored messages / biggest conversation', `${o.messages} / ${o.biggest}`, '', '', '', '');
  }
  if (r.memory) row(`RSS per idle connection (${r.memory.sockets})`, `${fmt(r.memory.perConnectionKb, 1)} KB`, '', '', '<= 20 KB', r.memory.perConnectionKb <= 20 ? 'yes' : 'NO');
  const load = (name, x, base) => {
    const f = x.foyer;
    row(`${name}: sockets / sent / rate`, `${f.sockets} / ${f.sent} / ${fmt(f.ratePerSecond, 0)}/s`, base ? `${base.sockets} / ${base.sent}` : '', '', '', '');
    row(`${name}: send -> last recipient p50/p99`, `${fmt(f.toLast.p50)} / ${fmt(f.toLast.p99)} ms`, base ? `${fmt(base.toLast.p50)} / ${fmt(base.toLast.p99)} ms` : '', base ? fmt(f.toLast.p99 / base.toLast.p99) : '', 'p99 <= 50 ms', f.toLast.p99 <= 50 ? 'yes' : 'NO');
    row(`${name}: send -> HTTP response p50/p99`, `${fmt(f.response.p50)} / ${fmt(f.response.p99)} ms`, base ? `${fmt(base.response.p50)} / ${fmt(base.response.p99)} ms` : '', '', '', '');
    row(`${name}: per delivery p50/p99`, `${fmt(f.perDelivery.p50)} / ${fmt(f.perDelivery.p99)} ms`, base ? `${fmt(base.perDelivery.p50)} / ${fmt(base.perDelivery.p99)} ms` : '', '', '', '');
    row(`${name}: errors / incomplete`, `${f.errors} / ${f.incomplete}`, '', '', '0', f.errors + f.incomplete === 0 ? 'yes' : 'NO');
  };
  if (r.one) load('one node', r.one, r.one.raw);
  if (r.three) {
    load('three nodes', r.three, null);
    if (r.one) row('three nodes p99 vs one node', `${fmt(r.three.foyer.toLast.p99)} ms`, `${fmt(r.one.foyer.toLast.p99)} ms`, fmt(r.three.foyer.toLast.p99 / r.one.foyer.toLast.p99), '<= 2x', r.three.foyer.toLast.p99 <= 2 * r.one.foyer.toLast.p99 ? 'yes' : 'NO');
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((x) => x[i].length)));
  for (const [i, x] of rows.entries()) {
    console.log(x.map((c, j) => c.padEnd(widths[j])).join(' | '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
