import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestFoyer, freshDatabase, type TestFoyer } from './test/harness.js';
import { startServerProcess, HttpSession } from './test/process.js';
import { connectWs } from './test/ws.js';
import { PASSWORD } from './test/harness.js';

describe('app surface', () => {
  let t: TestFoyer;
  beforeAll(async () => {
    t = await startTestFoyer();
  });
  afterAll(() => t.close());

  it('serves health endpoints', async () => {
    expect((await t.foyer.app.inject({ method: 'GET', url: '/livez' })).json()).toEqual({ status: 'ok' });
    expect((await t.foyer.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready' });
  });

  it('publishes an OpenAPI 3.1 document for every API route', async () => {
    const doc = (await t.foyer.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const p of ['/api/v1/posts', '/api/v1/feed', '/api/v1/spaces/{id}', '/api/v1/notifications', '/api/v1/people/autocomplete'])
      expect(Object.keys(doc.paths)).toContain(p);
    expect(doc.paths['/api/v1/posts'].post.requestBody).toBeDefined();
  });

  it('answers unknown API routes with the error format and sets security headers', async () => {
    const res = await t.foyer.app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('never answers malformed JSON with a 500', async () => {
    const res = await t.foyer.app.inject({
      method: 'POST',
      url: '/api/v1/posts',
      headers: { cookie: t.admin.cookie, 'x-csrf-token': t.admin.csrf, 'content-type': 'application/json' },
      payload: '{"spaceId": 1, "body": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBeDefined();
  });
});

describe('graceful shutdown', () => {
  it('closes sockets with a goodbye and exits cleanly on SIGTERM', async () => {
    const db = await freshDatabase();
    const env: Record<string, string> = { FOYER_DATA_DIR: db.dataDir };
    if (db.databaseUrl) env.DATABASE_URL = db.databaseUrl;
    const proc = await startServerProcess(env);
    try {
      const s = new HttpSession(proc.url);
      await s.call('POST', '/setup', {
        organisation: { name: 'Bye', defaultLocale: 'en', allowedDomains: [] },
        admin: { name: 'Ada', email: 'ada@example.com', password: PASSWORD },
      });
      const ws = await connectWs(proc.url, s.cookie);
      const code = await proc.stop('SIGTERM');
      expect(code).toBe(0);
      expect(ws.messages).toContainEqual({ kind: 'bye', reason: 'shutdown' });
    } finally {
      await proc.stop('SIGKILL');
      await db.drop();
    }
  });
});
