import { describe, it, expect, afterAll } from 'vitest';
import { freshDatabase, PASSWORD } from '../test/harness.js';
import { startServerProcess, HttpSession, type ServerProcess } from '../test/process.js';
import { connectWs } from '../test/ws.js';

describe('several app processes with REDIS_URL', () => {
  const procs: ServerProcess[] = [];
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop()));
    await drop?.();
  });

  it('deliver each other\'s events through Redis', async () => {
    const db = await freshDatabase();
    drop = db.drop;
    // A long safety-net poll proves that the Redis wake-up, not polling, delivers the event.
    const env: Record<string, string> = { FOYER_DATA_DIR: db.dataDir, REDIS_URL: 'redis://127.0.0.1:6379', FOYER_OUTBOX_POLL_MS: '600000' };
    if (db.databaseUrl) env.DATABASE_URL = db.databaseUrl;
    procs.push(await startServerProcess(env));
    procs.push(await startServerProcess(env));
    const [a, b] = procs;
    const admin = new HttpSession(a.url);
    const setup = await admin.call('POST', '/setup', {
      organisation: { name: 'Multi', defaultLocale: 'en', allowedDomains: ['example.com'] },
      admin: { name: 'Ada', email: 'ada@example.com', password: PASSWORD },
    });
    expect(setup.status).toBe(200);
    const reader = new HttpSession(b.url);
    expect((await reader.call('POST', '/auth/sign-up', { name: 'Rob', email: 'rob@example.com', password: PASSWORD })).status).toBe(200);
    const space = (await admin.call('POST', '/spaces', { name: 'Across nodes', visibility: 'public' })).body;
    const ws = await connectWs(b.url, reader.cookie);
    const post = await admin.call('POST', '/posts', { spaceId: space.id, body: 'from node A' });
    expect(post.status).toBe(200);
    const ev = await ws.waitFor((m) => m.kind === 'event' && m.type === 'post.created', 5000);
    expect(ev).toMatchObject({ data: { postId: post.body.id } });
    // Signing out on node A closes the socket held by node B.
    const second = new HttpSession(a.url);
    await second.call('POST', '/auth/sign-in', { email: 'rob@example.com', password: PASSWORD });
    const ws2 = await connectWs(b.url, second.cookie);
    await second.call('POST', '/auth/sign-out');
    await ws2.waitFor((m) => m.kind === 'bye');
    ws.close();
  });
});
