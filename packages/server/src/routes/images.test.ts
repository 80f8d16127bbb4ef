import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import sharp from 'sharp';
import { startTestFoyer, type TestFoyer, type TestClient } from '../test/harness.js';

describe('post images', () => {
  let t: TestFoyer;
  let alice: TestClient, bob: TestClient, eve: TestClient;
  let priv: any;
  const upload = (c: TestClient, data: Buffer, type = 'image/jpeg') =>
    t.foyer.app.inject({ method: 'POST', url: '/api/v1/images', headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': type }, payload: data });
  const download = (c: TestClient, url: string) => t.foyer.app.inject({ method: 'GET', url, headers: { cookie: c.cookie } });

  beforeAll(async () => {
    t = await startTestFoyer();
    alice = await t.user('alice');
    bob = await t.user('bob');
    eve = await t.user('eve');
    priv = (await alice.post('/spaces', { name: 'Design', visibility: 'private' })).body;
    await alice.post(`/spaces/${priv.id}/members`, { userId: bob.id });
    await bob.post(`/spaces/${priv.id}/accept`);
  });
  afterAll(() => t.close());

  it('re-encodes, strips metadata, and follows the post\'s visibility', async () => {
    const jpeg = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#cc3366' } })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'GPS 53.55N 9.99E' } })
      .toBuffer();
    const up = await upload(alice, jpeg);
    expect(up.statusCode).toBe(200);
    const image = up.json();
    expect(image).toMatchObject({ width: 1600, height: 1067 });
    // unattached: only the uploader sees it
    expect((await download(bob, image.url)).statusCode).toBe(404);
    const post = (await alice.post('/posts', { spaceId: priv.id, body: 'Mock-ups', imageIds: [image.id] })).body;
    expect(post.images).toEqual([image]);
    const got = await download(bob, image.url);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/webp');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect((await sharp(got.rawPayload).metadata()).exif).toBeUndefined();
    const thumb = await download(bob, image.thumbUrl);
    expect((await sharp(thumb.rawPayload).metadata()).width).toBe(480);
    const hidden = await download(eve, image.url);
    const missing = await download(eve, '/api/v1/images/999999');
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toEqual(missing.json());
    // an image cannot be attached twice, or by someone else
    const reuse = await bob.post('/posts', { spaceId: priv.id, body: 'steal', imageIds: [image.id] });
    expect(reuse.status).toBe(400);
    await alice.del(`/posts/${post.id}`);
    expect((await download(alice, image.url)).statusCode).toBe(404);
  });

  it('refuses non-images and pixel floods, and writes nothing', async () => {
    expect((await upload(alice, Buffer.from('<svg onload=alert(1)>'), 'image/png')).statusCode).toBe(400);
    const flood = await sharp({ create: { width: 9000, height: 9000, channels: 3, background: '#000' } }).png({ compressionLevel: 9 }).toBuffer();
    expect((await upload(alice, flood, 'image/png')).statusCode).toBe(400);
    expect((await upload(alice, Buffer.from('x'), 'image/svg+xml')).statusCode).toBe(415);
    const count = await t.foyer.svc.db.selectFrom('images').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });
});
