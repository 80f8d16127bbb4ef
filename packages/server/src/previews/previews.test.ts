import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { startTestFoyer, type TestFoyer, type TestClient } from '../test/harness.js';
import { guardedFetch, FetchRefused, isPublicAddress, type GuardOptions } from './guard.js';

const opts: GuardOptions = { maxBytes: 1_048_576, timeoutMs: 1000, maxRedirects: 5, accept: ['text/html'] };

describe('the guarded HTTP client', () => {
  it('refuses private, loopback, link-local and reserved addresses in every encoding', async () => {
    const refused = [
      'http://127.0.0.1/',
      'http://2130706433/',
      'http://0x7f.0.0.1/',
      'http://017700000001/',
      'http://127.1/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:7f00:1]/',
      'http://[64:ff9b::a00:1]/',
      'http://169.254.169.254/latest/meta-data/',
      'http://10.1.2.3/',
      'http://172.20.0.1/',
      'http://192.168.1.1/',
      'http://100.64.0.1/',
      'http://[fe80::1]/',
      'http://[fd00::1]/',
      'http://0.0.0.0/',
      'http://localhost/',
      'ftp://example.com/',
      'file:///etc/passwd',
      'http://example.com:8080/',
      'http://user:secret@example.com/',
      'not a url',
    ];
    for (const url of refused) await expect(guardedFetch(url, { ...opts, resolve: async () => [{ address: '127.0.0.1', family: 4 }] }), url).rejects.toBeInstanceOf(FetchRefused);
    // A name with any private address among its answers is refused (no picking the public one).
    const mixed = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.1', family: 4 },
    ];
    await expect(guardedFetch('http://mixed.example/', { ...opts, resolve: mixed })).rejects.toMatchObject({ reason: 'not a public address' });
    expect(isPublicAddress('93.184.216.34')).toBe(true);
    expect(isPublicAddress('2606:4700::1111')).toBe(true);
    expect(isPublicAddress('::ffff:10.0.0.1')).toBe(false);
  });
});

describe('link previews', () => {
  let t: TestFoyer;
  let site: http.Server;
  let origin: string;
  let reader: TestClient, outsider: TestClient;
  const hits = new Map<string, number>();

  beforeAll(async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3366cc' } }).png().toBuffer();
    site = http.createServer((req, res) => {
      hits.set(req.url!, (hits.get(req.url!) ?? 0) + 1);
      const html = (head: string) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html><head>${head}</head><body>x</body></html>`);
      if (req.url === '/article')
        return html(`<title>Fallback</title><meta property="og:title" content="Quarterly results &amp; outlook"><meta name="description" content="Revenue up 4%."><meta property="og:image" content="/cover.png"><meta property="og:site_name" content="Example News">`);
      if (req.url === '/cover.png') return res.writeHead(200, { 'content-type': 'image/png' }).end(png);
      if (req.url === '/big') return res.writeHead(200, { 'content-type': 'text/html' }).end('<html><head><title>big</title>' + 'x'.repeat(1_100_000));
      if (req.url === '/slow') return setTimeout(() => html('<title>late</title>'), 2000);
      if (req.url === '/json') return res.writeHead(200, { 'content-type': 'application/json' }).end('{"title":"no"}');
      if (req.url === '/to-internal') return res.writeHead(302, { location: 'http://127.0.0.1:80/admin' }).end();
      if (req.url === '/loop') return res.writeHead(302, { location: '/loop' }).end();
      if (req.url === '/trickle') {
        // Slow loris: headers at once, then one byte every 100 ms for seconds.
        res.writeHead(200, { 'content-type': 'text/html' });
        const timer = setInterval(() => res.write('<'), 100);
        setTimeout(() => (clearInterval(timer), res.end()), 3000);
        res.on('close', () => clearInterval(timer));
        return;
      }
      if (req.url?.startsWith('/hop/')) return res.writeHead(302, { location: `/hop/${Number(req.url.slice(5)) + 1}` }).end();
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    t = await startTestFoyer({ previewTestOrigins: [origin], previewTimeoutMs: 500, publicUrl: 'http://foyer.test' });
    reader = await t.user('rita');
    outsider = await t.user('otto');
  });
  afterAll(async () => {
    await t.close();
    site.close();
  });

  it('builds a card from the page head, caches it per URL, and proxies its image', async () => {
    const res = await reader.get(`/previews?url=${encodeURIComponent(`${origin}/article`)}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: 'Quarterly results & outlook', description: 'Revenue up 4%.', siteName: 'Example News', internal: false, label: null });
    expect(res.body.imageUrl).toBe(`/api/v1/previews/image?u=${encodeURIComponent(`${origin}/cover.png`)}`);
    await outsider.get(`/previews?url=${encodeURIComponent(`${origin}/article`)}`);
    expect(hits.get('/article')).toBe(1);
    const image = await t.foyer.app.inject({ method: 'GET', url: res.body.imageUrl, headers: { cookie: reader.cookie } });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/webp');
    // The proxy fetches only images that a preview named.
    expect((await reader.get(`/previews/image?u=${encodeURIComponent(`${origin}/secret.png`)}`)).status).toBe(404);
  });

  it('gives no preview for oversized, slow, non-HTML pages, redirects to internal addresses or too many hops', async () => {
    for (const path of ['/big', '/slow', '/trickle', '/loop', '/json', '/to-internal', '/hop/1', '/missing']) {
      const started = Date.now();
      expect((await reader.get(`/previews?url=${encodeURIComponent(origin + path)}`)).status, path).toBe(404);
      expect(Date.now() - started, path).toBeLessThan(1500);
    }
    expect((await reader.get('/previews?url=http%3A%2F%2F169.254.169.254%2Flatest')).status).toBe(404);
    expect((await reader.get('/previews?url=')).status).toBe(400);
  });

  it('renders links to Foyer from the database with the viewer’s permissions, never fetching them', async () => {
    const owner = await t.user('olga');
    const space = (await owner.post('/spaces', { name: 'Board room', visibility: 'secret' })).body;
    await owner.post(`/spaces/${space.id}/members`, { userId: reader.id });
    await reader.post(`/spaces/${space.id}/accept`);
    const post = (await owner.post('/posts', { spaceId: space.id, body: 'Merger talks start Monday', label: 300 })).body;
    const url = encodeURIComponent(`http://foyer.test/posts/${post.id}`);
    // The card carries the linked item's label, so a Confidential item looks Confidential wherever it is linked.
    expect((await reader.get(`/previews?url=${url}`)).body).toMatchObject({ title: 'Board room', description: 'Merger talks start Monday', internal: true, label: 300 });
    const hidden = await outsider.get(`/previews?url=${url}`);
    expect(hidden.status).toBe(404);
    expect(JSON.stringify(hidden.body)).not.toContain('Merger');
  });
});
