/**
 * Chat delivery guarantees across three app processes sharing Redis: every participant receives
 * every message once, in the conversation's commit order, whichever node they are connected to —
 * also when their connection is cut at random points and they resume from their cursor on
 * another node. A client too far behind is told to resync.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { freshDatabase, PASSWORD } from '../test/harness.js';
import { startServerProcess, HttpSession, type ServerProcess } from '../test/process.js';
import { connectWs, type WsClient } from '../test/ws.js';

/** Small seeded generator, so a failing run can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('chat delivery across three nodes', () => {
  const nodes: ServerProcess[] = [];
  let drop: (() => Promise<void>) | undefined;
  const people: HttpSession[] = [];
  let conversationId = 0;
  let keySeq = 0;

  beforeAll(async () => {
    const db = await freshDatabase();
    drop = db.drop;
    // A long safety-net poll: delivery between nodes must come from the Redis wake-ups.
    const env: Record<string, string> = { FOYER_DATA_DIR: db.dataDir, REDIS_URL: 'redis://127.0.0.1:6379', FOYER_OUTBOX_POLL_MS: '600000' };
    if (db.databaseUrl) env.DATABASE_URL = db.databaseUrl;
    for (let i = 0; i < 3; i++) nodes.push(await startServerProcess(env));
    const admin = new HttpSession(nodes[0].url);
    await admin.call('POST', '/setup', {
      organisation: { name: 'Three nodes', defaultLocale: 'en', allowedDomains: ['example.com'] },
      admin: { name: 'Ada', email: 'ada@example.com', password: PASSWORD },
    });
    people.push(admin);
    for (const [i, name] of ['bea', 'cai', 'dev', 'eli', 'fay'].entries()) {
      const s = new HttpSession(nodes[(i + 1) % 3].url);
      expect((await s.call('POST', '/auth/sign-up', { name, email: `${name}@example.com`, password: PASSWORD })).status).toBe(200);
      people.push(s);
    }
    const ids = await Promise.all(people.slice(1).map(async (p) => (await p.call('GET', '/me')).body.id));
    const group = await admin.call('POST', '/conversations', { kind: 'group', userIds: ids, name: 'Everywhere' });
    expect(group.status).toBe(200);
    conversationId = group.body.id;
  }, 60_000);
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    await drop?.();
  });

  const send = (p: HttpSession, body: string) => p.call('POST', `/conversations/${conversationId}/messages`, { body, clientKey: `multi${(keySeq++).toString(36)}x${Date.now().toString(36)}` });
  const history = async () => (await people[0].call('GET', `/conversations/${conversationId}/messages?limit=100`)).body.items.map((m: { id: number }) => m.id);
  const received = (w: WsClient) => w.events('message.created').filter((e) => e.data.conversationId === conversationId).map((e) => e.data.messageId as number);

  it('delivers every message once and in the same order to clients spread over the nodes', async () => {
    const sockets = await Promise.all(people.map((p, i) => connectWs(nodes[i % 3].url, p.cookie)));
    const results = await Promise.all(Array.from({ length: 45 }, (_, i) => send(people[i % people.length], `message ${i}`)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const order = await history();
    expect(order).toHaveLength(45);
    for (const w of sockets) await expect.poll(() => received(w).length, { timeout: 10_000 }).toBe(45);
    for (const w of sockets) expect(received(w)).toEqual(order);
    sockets.forEach((w) => w.close());
  }, 60_000);

  it('resumes exactly from the cursor after connections are cut at random points, on any node', async () => {
    const random = rng(20261129);
    const reader = people[3];
    const got: number[] = [];
    let cursor: number | undefined;
    let ws = await connectWs(nodes[0].url, reader.cookie);
    const hello = (await ws.waitFor((m) => m.kind === 'hello')) as { cursor: number };
    cursor = hello.cursor;
    const collect = (w: WsClient) => {
      for (const e of w.events('message.created')) if (e.data.conversationId === conversationId) got.push(e.data.messageId as number);
      cursor = Math.max(cursor ?? 0, w.lastCursor() ?? 0);
    };
    const before = (await history()).length;
    const sent: number[] = [];
    for (let i = 0; i < 40; i++) {
      sent.push((await send(people[1 + (i % 5)], `cut ${i}`)).body.id);
      if (random() < 0.3) {
        // Cut: keep what arrived, reconnect with the cursor to a random node.
        ws.close();
        await ws.closed;
        collect(ws);
        ws = await connectWs(nodes[Math.floor(random() * 3)].url, reader.cookie, { cursor });
        await ws.waitFor((m) => m.kind === 'hello');
      }
    }
    await expect.poll(() => received(ws).at(-1), { timeout: 10_000 }).toBe(sent.at(-1));
    collect(ws);
    ws.close();
    expect(got).toEqual(sent);
    expect(new Set(got).size).toBe(got.length);
    expect((await history()).slice(before)).toEqual(sent);
  }, 60_000);

  it('tells a client whose cursor is older than the kept outbox to resync', async () => {
    const ws = await connectWs(nodes[1].url, people[2].cookie, { cursor: 10_000_000 });
    const msg = await ws.waitFor((m) => m.kind === 'resync' || m.kind === 'hello');
    expect(msg.kind).toBe('resync');
    ws.close();
  });
});
