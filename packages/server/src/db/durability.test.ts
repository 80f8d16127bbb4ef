import { describe, it, expect, afterAll } from 'vitest';
import { freshDatabase, PASSWORD } from '../test/harness.js';
import { startServerProcess, HttpSession, type ServerProcess } from '../test/process.js';

describe('crash safety', () => {
  let proc: ServerProcess | undefined;
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await proc?.stop('SIGKILL');
    await drop?.();
  });

  it('keeps every acknowledged post after SIGKILL in the middle of a burst, and nothing half-written', async () => {
    const db = await freshDatabase();
    drop = db.drop;
    const env: Record<string, string> = { FOYER_DATA_DIR: db.dataDir };
    if (db.databaseUrl) env.DATABASE_URL = db.databaseUrl;
    proc = await startServerProcess(env);
    const s = new HttpSession(proc.url);
    await s.call('POST', '/setup', {
      organisation: { name: 'Crash', defaultLocale: 'en', allowedDomains: ['example.com'] },
      admin: { name: 'Ada', email: 'ada@example.com', password: PASSWORD },
    });
    const space = (await s.call('POST', '/spaces', { name: 'Burst', visibility: 'public' })).body;
    const acked: number[] = [];
    let stop = false;
    const worker = async (w: number) => {
      for (let i = 0; !stop && i < 2000; i++) {
        try {
          const res = await s.call('POST', '/posts', { spaceId: space.id, body: `burst ${w}-${i} #crash` });
          if (res.status === 200) acked.push(res.body.id);
        } catch {
          return; // connection died with the server
        }
      }
    };
    const workers = Array.from({ length: 8 }, (_, w) => worker(w));
    while (acked.length < 150) await new Promise((r) => setTimeout(r, 5));
    await proc.stop('SIGKILL');
    stop = true;
    await Promise.all(workers);

    proc = await startServerProcess(env);
    const again = new HttpSession(proc.url);
    await again.call('POST', '/auth/sign-in', { email: 'ada@example.com', password: PASSWORD });
    const stored = new Set<number>();
    let cursor: string | null = '';
    while (cursor !== null) {
      const res: any = await again.call('GET', `/spaces/${space.id}/posts?limit=50${cursor ? `&cursor=${cursor}` : ''}`);
      for (const p of res.body.items) {
        stored.add(p.id);
        // Whole or nothing: every stored post has its hashtag row and its outbox event.
        expect(p.hashtags).toEqual(['crash']);
      }
      cursor = res.body.nextCursor;
    }
    for (const id of acked) expect(stored.has(id)).toBe(true);
    const tag = await again.call('GET', '/tags/crash');
    expect(tag.body.postCount).toBe(stored.size);
  });
});
