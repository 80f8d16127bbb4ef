import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import yauzl from 'yauzl';
import sharp from 'sharp';
import { startTestFoyer, type TestFoyer, type TestClient } from '../test/harness.js';
import { ExportWorker } from '../privacy/exports.js';

/** Every entry of a ZIP, by name. */
async function unzip(data: Buffer): Promise<Map<string, Buffer>> {
  const zip = await yauzl.fromBufferPromise(data, { lazyEntries: true });
  const out = new Map<string, Buffer>();
  for await (const entry of zip.eachEntry()) {
    const stream = await zip.openReadStreamPromise(entry);
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    out.set(entry.fileName, Buffer.concat(chunks));
  }
  return out;
}

describe('transparency centre and personal data export', () => {
  let t: TestFoyer;
  let ana: TestClient, ben: TestClient;
  let space: { id: number };

  const waitForExport = async (c: TestClient, id: number) => {
    for (let i = 0; i < 200; i++) {
      const e = (await c.get('/me/exports')).body.items.find((x: { id: number }) => x.id === id);
      if (e.status === 'ready' || e.status === 'failed') return e;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('export never finished');
  };
  const download = async (c: TestClient, id: number) =>
    t.foyer.app.inject({ method: 'GET', url: `/api/v1/me/exports/${id}/download`, headers: { cookie: c.cookie } });

  beforeAll(async () => {
    t = await startTestFoyer();
    ana = await t.user('ana');
    ben = await t.user('ben');
    space = (await ana.post('/spaces', { name: 'Garden', visibility: 'public' })).body;
    await ben.post(`/spaces/${space.id}/join`);
  });
  afterAll(() => t.close());

  it('counts what Foyer holds about me, by category, and only mine', async () => {
    const before = new Map((await ana.get('/me/data')).body.categories.map((c: { key: string; count: number }) => [c.key, c.count]));
    const post = (await ana.post('/posts', { spaceId: space.id, body: 'Tomatoes are ripe' })).body;
    await ana.post(`/posts/${post.id}/comments`, { body: 'first one' });
    await ben.post(`/posts/${post.id}/comments`, { body: 'Ben says hi' });
    await ana.put(`/posts/${post.id}/reactions/like`);
    const after = new Map((await ana.get('/me/data')).body.categories.map((c: { key: string; count: number }) => [c.key, c.count]));
    expect(after.get('profile')).toBe(1);
    expect(after.get('posts')).toBe(Number(before.get('posts')) + 1);
    expect(after.get('comments')).toBe(Number(before.get('comments')) + 1);
    expect(after.get('reactions')).toBe(Number(before.get('reactions')) + 1);
    expect((await ana.get('/me/data')).body.categories.find((c: { key: string }) => c.key === 'notifications')).toMatchObject({ retention: 'notifications', retentionDays: 365 });
  });

  it('lists my sessions without their keys and signs out others', async () => {
    const second = await t.user('ana2');
    // A second browser of the same person: a fresh session for Ana made like the harness does.
    const { createSession } = await import('../commands/accounts.js');
    const other = await createSession(t.foyer.svc.db, ana.id, 'Firefox on a phone');
    const list = (await ana.get('/me/sessions')).body.items;
    expect(list.length).toBeGreaterThanOrEqual(2);
    expect(list.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain(other.token);
    const phone = list.find((s: { userAgent: string }) => s.userAgent === 'Firefox on a phone');
    expect((await second.del(`/me/sessions/${phone.id}`)).status).toBe(404);
    expect((await ana.del('/me/sessions/not-an-id')).status).toBe(400);
    expect((await ana.del(`/me/sessions/${phone.id}`)).status).toBe(204);
    const res = await t.foyer.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `foyer_session=${other.token}` } });
    expect(res.statusCode).toBe(401);
    await createSession(t.foyer.svc.db, ana.id, 'Tablet');
    expect((await ana.post('/me/sessions/sign-out-others')).body.ended).toBeGreaterThanOrEqual(1);
    expect((await ana.get('/me/sessions')).body.items).toHaveLength(1);
  });

  it('builds a ZIP of my data as Activity Streams JSON and readable HTML, with my images, for me alone', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#3a7' } }).png().toBuffer();
    const upload = await t.foyer.app.inject({
      method: 'POST',
      url: '/api/v1/images',
      headers: { cookie: ana.cookie, 'x-csrf-token': ana.csrf, 'content-type': 'image/png' },
      payload: png,
    });
    expect(upload.statusCode).toBe(200);
    const image = JSON.parse(upload.body);
    await ana.post('/posts', { spaceId: space.id, body: 'Look <script>alert(1)</script>', imageIds: [image.id] });
    const dm = (await ana.post('/conversations', { kind: 'direct', userId: ben.id })).body;
    await ana.post(`/conversations/${dm.id}/messages`, { body: 'my message', clientKey: 'export-key-1' });
    await ben.post(`/conversations/${dm.id}/messages`, { body: 'bens private reply', clientKey: 'export-key-2' });

    const requested = await ana.post('/me/exports');
    expect(requested.status).toBe(202);
    expect(requested.body.status).toMatch(/queued|running/);
    const done = await waitForExport(ana, requested.body.id);
    expect(done).toMatchObject({ status: 'ready', progress: 100 });
    expect(Date.parse(done.expiresAt) - Date.parse(done.finishedAt)).toBe(7 * 24 * 3600 * 1000);

    const res = await download(ana, done.id);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="foyer-export-\d{4}-\d{2}-\d{2}\.zip"$/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const files = await unzip(res.rawPayload);
    expect(files.has('index.html')).toBe(true);
    const posts = JSON.parse(files.get('posts.json')!.toString());
    expect(posts).toMatchObject({ '@context': 'https://www.w3.org/ns/activitystreams', type: 'OrderedCollection' });
    expect(posts.totalItems).toBe(posts.orderedItems.length);
    expect(posts.orderedItems.map((p: { source: { content: string } }) => p.source.content)).toContain('Look <script>alert(1)</script>');
    const messages = JSON.parse(files.get('messages.json')!.toString());
    expect(messages.orderedItems.map((m: { source: { content: string } }) => m.source.content)).toEqual(['my message']);
    // Other people's words are theirs: Ben's reply is not in Ana's export.
    expect([...files.values()].some((b) => b.includes('bens private reply'))).toBe(false);
    const html = files.get('html/posts.html')!.toString();
    expect(html).toContain('Look &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    const media = [...files.keys()].filter((k) => k.startsWith('media/image-'));
    expect(media).toHaveLength(1);
    expect((await sharp(files.get(media[0])!).metadata()).width).toBe(8);

    // Requests and downloads are in the audit log, and the person sees them in their centre.
    const audit = (await ana.get('/me/audit')).body.items.map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['data_export.requested', 'data_export.downloaded']));
    expect((await ben.get('/me/audit')).body.items.map((e: { action: string }) => e.action)).not.toContain('data_export.downloaded');

    // Only the person themselves can download it; others get the same answer as for nothing.
    const bens = await download(ben, done.id);
    expect(bens.statusCode).toBe(404);
    expect(bens.body).toBe((await download(ben, 999999)).body);
  });

  it('refuses a second export while one is being built and more than three a day', async () => {
    const carl = await t.user('carl');
    const first = await carl.post('/me/exports');
    const again = await carl.post('/me/exports');
    expect(again.status).toBe(409);
    await waitForExport(carl, first.body.id);
    for (let i = 0; i < 2; i++) await waitForExport(carl, (await carl.post('/me/exports')).body.id);
    const fourth = await carl.post('/me/exports');
    expect(fourth.status).toBe(429);
    expect(fourth.body.error.code).toBe('rate_limited');
    expect((await carl.get('/me/exports')).body.items).toHaveLength(3);
  });

  it('rebuilds an export whose builder died, and deletes archives after they expire', async () => {
    const dora = await t.user('dora');
    const db = t.foyer.svc.db;
    const long = new Date(Date.now() - 10 * 60_000).toISOString();
    const { id } = await db
      .insertInto('data_exports')
      .values({ user_id: dora.id, status: 'running', progress: 40, created_at: long, started_at: long })
      .returning('id')
      .executeTakeFirstOrThrow();
    await new ExportWorker(t.foyer.svc, 'http://foyer.test').pass();
    const rebuilt = (await dora.get('/me/exports')).body.items[0];
    expect(rebuilt).toMatchObject({ id, status: 'ready', progress: 100 });
    expect((await download(dora, id)).statusCode).toBe(200);

    const { file_name } = await db.selectFrom('data_exports').select('file_name').where('id', '=', id).executeTakeFirstOrThrow();
    await db.updateTable('data_exports').set({ expires_at: long }).where('id', '=', id).execute();
    expect((await download(dora, id)).statusCode).toBe(404);
    await new ExportWorker(t.foyer.svc, 'http://foyer.test').pass();
    expect((await dora.get('/me/exports')).body.items[0].status).toBe('expired');
    expect(await t.foyer.svc.files.get(file_name!)).toBeNull();
  });
});
