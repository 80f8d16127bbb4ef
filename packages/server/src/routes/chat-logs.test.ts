/** Server logs never contain message text, search terms or secrets, at the most verbose level. */
import { describe, it, expect, afterAll } from 'vitest';
import { freshDatabase, PASSWORD } from '../test/harness.js';
import { startServerProcess, HttpSession, type ServerProcess } from '../test/process.js';

describe('logs and chat', () => {
  let proc: ServerProcess | undefined;
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await proc?.stop();
    await drop?.();
  });

  it('keep message text and search terms out at trace level, also on errors', async () => {
    const db = await freshDatabase();
    drop = db.drop;
    const env: Record<string, string> = { FOYER_DATA_DIR: db.dataDir, FOYER_LOG_LEVEL: 'trace' };
    if (db.databaseUrl) env.DATABASE_URL = db.databaseUrl;
    proc = await startServerProcess(env);
    const ada = new HttpSession(proc.url);
    await ada.call('POST', '/setup', {
      organisation: { name: 'Logs', defaultLocale: 'en', allowedDomains: ['example.com'] },
      admin: { name: 'Ada', email: 'ada@example.com', password: PASSWORD },
    });
    const bob = new HttpSession(proc.url);
    const bobId = (await bob.call('POST', '/auth/sign-up', { name: 'Bob', email: 'bob@example.com', password: PASSWORD })).body.me.id;
    const c = (await ada.call('POST', '/conversations', { kind: 'direct', userId: bobId })).body;
    const secret = 'zebra-quartz-7741';
    expect((await ada.call('POST', `/conversations/${c.id}/messages`, { body: `the code is ${secret}`, clientKey: 'logtest0001' })).status).toBe(200);
    expect((await ada.call('POST', `/conversations/${c.id}/messages`, { body: `${secret} `.repeat(2000), clientKey: 'logtest0002' })).status).toBe(400);
    expect((await ada.call('POST', `/conversations/${c.id}/messages`, { body: secret, clientKey: 'bad key!' })).status).toBe(400);
    expect((await ada.call('GET', `/conversations/${c.id}/search?q=${secret}`)).status).toBe(200);
    expect((await ada.call('PATCH', `/messages/999999`, { body: secret })).status).toBe(404);
    await new Promise((r) => setTimeout(r, 200));
    const out = proc.output();
    expect(out).toContain('/search'); // requests are logged, by path
    expect(out).not.toContain(secret);
    expect(out).not.toContain(PASSWORD);
  });
});
