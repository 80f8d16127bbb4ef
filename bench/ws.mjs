// WebSocket fan-out and memory.
//  - benchFanout: N clients (members of one space) connected to /api/v1/realtime; a member posts
//    into the space over HTTP; latency = last client's receipt of that post's `post.created` minus
//    the moment the HTTP response arrived (also reported from the request's start). Baseline: the
//    raw `ws` server in bench/lib/raw-server.mjs, which replies to POST /broadcast and then sends a
//    message of the same size to every socket. Clients live in this process in both cases.
//  - benchMemory: server RSS idle and with 1,000 / 10,000 open sockets, next to the raw ws server.
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT, httpClient, summary, sleep, pool, startHelper, rssKb } from './lib/common.mjs';

const require = createRequire(path.join(ROOT, 'packages/server/package.json'));
const WebSocket = require('ws');
const RAW = path.join(path.dirname(new URL(import.meta.url).pathname), 'lib/raw-server.mjs');

/** Opens a socket and resolves once the server's hello arrived. */
export function connect(url, headers, onMessage) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers, perMessageDeflate: false });
    const timer = setTimeout(() => reject(new Error('hello timeout')), 30_000);
    ws.once('message', (d) => {
      clearTimeout(timer);
      ws.on('message', onMessage);
      resolve(ws);
    });
    ws.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    ws.once('unexpected-response', (_req, res) => {
      clearTimeout(timer);
      reject(new Error(`upgrade refused: ${res.statusCode}`));
    });
  });
}

export async function openFoyerSockets(foyer, sessions, n, onMessage = () => {}, concurrency = 50) {
  const list = Array.from({ length: n }, (_, i) => sessions[i % sessions.length]);
  const sockets = [];
  await pool(list, concurrency, async (s) => {
    const ws = await connect(`ws://127.0.0.1:${foyer.port}/api/v1/realtime`, { cookie: `foyer_session=${s.token}`, origin: foyer.origin }, (d) => onMessage(d, s));
    sockets.push(ws);
  });
  return sockets;
}

async function openRawSockets(port, n, onMessage = () => {}, concurrency = 50) {
  const sockets = [];
  await pool(Array.from({ length: n }), concurrency, async () => sockets.push(await connect(`ws://127.0.0.1:${port}/ws`, {}, onMessage)));
  return sockets;
}

const closeAll = async (sockets) => {
  for (const ws of sockets) ws.terminate();
  await sleep(200);
};

async function measureRounds(n, rounds, post) {
  // post() returns { id, tReq, tRes }; waiters resolve when all n sockets saw the id.
  const fromRes = [];
  const fromReq = [];
  let missing = 0;
  for (let r = 0; r < rounds; r++) {
    const done = waitFor.arm(n);
    const { id, tReq, tRes } = await post();
    waitFor.id = id;
    waitFor.check();
    const tLast = await Promise.race([done, sleep(5000).then(() => null)]);
    if (tLast === null) missing++;
    else {
      fromRes.push(tLast - tRes);
      fromReq.push(tLast - tReq);
    }
    waitFor.reset();
    await sleep(30);
  }
  return { fromResponse: summary(fromRes), fromRequest: summary(fromReq), missing };
}

// A tiny shared waiter: counts receipts of the current id (receipts may arrive before the id is known).
const waitFor = {
  id: null,
  seen: new Map(),
  target: 0,
  resolve: null,
  last: 0,
  arm(n) {
    this.target = n;
    this.seen = new Map();
    return new Promise((r) => (this.resolve = r));
  },
  hit(id) {
    const t = performance.now();
    const c = (this.seen.get(id)?.c ?? 0) + 1;
    this.seen.set(id, { c, t });
    if (id === this.id && c === this.target && this.resolve) this.resolve(t);
  },
  check() {
    const e = this.seen.get(this.id);
    if (e && e.c >= this.target && this.resolve) this.resolve(e.t);
  },
  reset() {
    this.id = null;
    this.resolve = null;
  },
};

export async function benchFanout({ foyer, meta, clients = 1000, rounds = 100 }) {
  const spaceId = meta.wsSpaceId;
  const memberIds = new Set(meta.wsMembers);
  const sessions = meta.sessions.filter((s) => memberIds.has(s.id));
  const n = Math.min(clients, sessions.length);
  let eventBytes = 0;
  const sockets = await openFoyerSockets(foyer, sessions.slice(0, n), n, (d) => {
    const m = JSON.parse(d);
    if (m.kind === 'event' && m.type === 'post.created') {
      eventBytes = d.length;
      waitFor.hit(m.data.postId);
    }
  });
  const http = httpClient(foyer.port, { maxSockets: 2 });
  const poster = sessions[n - 1];
  let seq = 0;
  const foyerRes = await measureRounds(n, rounds, async () => {
    const tReq = performance.now();
    const r = await http.post('/api/v1/posts', poster, { spaceId, body: `Fan-out test ${++seq}` });
    const tRes = performance.now();
    if (r.status !== 200) throw new Error(`post failed ${r.status} ${JSON.stringify(r.body)}`);
    return { id: r.body.id, tReq, tRes };
  });
  await closeAll(sockets);
  http.close();

  const raw = await startHelper(RAW);
  let rawRes;
  try {
    const rawSockets = await openRawSockets(raw.port, n, (d) => {
      const m = JSON.parse(d);
      if (m.kind === 'event') waitFor.hit(m.data.postId);
    });
    const rawHttp = httpClient(raw.port, { maxSockets: 2 });
    rawRes = await measureRounds(n, rounds, async () => {
      const tReq = performance.now();
      const r = await rawHttp.post(`/broadcast?bytes=${eventBytes || 100}`);
      return { id: r.body.id, tReq, tRes: performance.now() };
    });
    rawHttp.close();
    await closeAll(rawSockets);
  } finally {
    await raw.stop();
  }
  return { clients: n, rounds, eventBytes, spaceId, foyer: foyerRes, raw: rawRes };
}

export async function benchMemory({ foyer, meta, levels = [1000, 10000] }) {
  const out = { foyer: { idleKb: foyer.rssKb() }, raw: {}, client: {} };
  const sessions = meta.sessions.filter((s) => s.role !== 'guest');
  let sockets = [];
  for (const n of levels) {
    sockets.push(...(await openFoyerSockets(foyer, sessions.slice(sockets.length).concat(sessions), n - sockets.length)));
    await sleep(2000);
    out.foyer[n] = foyer.rssKb();
  }
  out.client.benchProcessKb = rssKb(process.pid);
  await closeAll(sockets);
  await sleep(1000);
  out.foyer.afterCloseKb = foyer.rssKb();
  const raw = await startHelper(RAW);
  try {
    await sleep(500);
    out.raw.idleKb = raw.rssKb();
    sockets = [];
    for (const n of levels) {
      sockets.push(...(await openRawSockets(raw.port, n - sockets.length)));
      await sleep(2000);
      out.raw[n] = raw.rssKb();
    }
    await closeAll(sockets);
  } finally {
    await raw.stop();
  }
  return out;
}
