import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import sharp from 'sharp';
import type { InjectOptions } from 'fastify';
import { startTestFoyer, PASSWORD, type TestFoyer } from '../test/harness.js';
import { createFoyer } from '../server.js';
import { ConfigSchema } from '../config.js';
import { freshDatabase } from '../test/harness.js';

function cookieFrom(res: { headers: Record<string, unknown> }): string {
  const raw = res.headers['set-cookie'];
  const first = Array.isArray(raw) ? raw[0] : String(raw);
  return first.split(';')[0];
}

describe('set-up', () => {
  it('creates the organisation and first admin once, then refuses', async () => {
    const db = await freshDatabase();
    const foyer = await createFoyer(ConfigSchema.parse({ dataDir: db.dataDir, databaseUrl: db.databaseUrl, logLevel: 'silent', rateLimits: false }));
    try {
      const org = await foyer.app.inject({ method: 'GET', url: '/api/v1/organisation' });
      expect(org.json()).toMatchObject({ setupDone: false });
      const bad = await foyer.app.inject({
        method: 'POST',
        url: '/api/v1/setup',
        payload: { organisation: { name: 'X', defaultLocale: 'fr', allowedDomains: ['not a domain'] }, admin: { name: 'A', email: 'nope', password: 'short' } },
      });
      expect(bad.statusCode).toBe(400);
      expect(Object.keys(bad.json().error.details.fields).sort()).toEqual([
        'admin.email',
        'admin.password',
        'organisation.allowedDomains.0',
        'organisation.defaultLocale',
      ]);
      const input = {
        organisation: { name: 'Nordlicht', defaultLocale: 'de', allowedDomains: ['nordlicht.example'] },
        admin: { name: 'Ada', email: 'ada@nordlicht.example', password: PASSWORD },
      };
      const ok = await foyer.app.inject({ method: 'POST', url: '/api/v1/setup', payload: input });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().me).toMatchObject({ role: 'admin', locale: 'de' });
      const again = await foyer.app.inject({ method: 'POST', url: '/api/v1/setup', payload: input });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('setup_done');
    } finally {
      await foyer.close();
      await db.drop();
    }
  });
});

describe('accounts and sessions', () => {
  let t: TestFoyer;
  beforeAll(async () => {
    t = await startTestFoyer();
  });
  afterAll(() => t.close());
  const inject = (opts: InjectOptions) => t.foyer.app.inject(opts);

  it('signs up by allowed domain only, with password rules', async () => {
    const outsider = await inject({ method: 'POST', url: '/api/v1/auth/sign-up', payload: { name: 'Eve', email: 'eve@evil.example', password: PASSWORD } });
    expect(outsider.statusCode).toBe(403);
    expect(outsider.json().error.code).toBe('email_domain_not_allowed');
    const weak = await inject({ method: 'POST', url: '/api/v1/auth/sign-up', payload: { name: 'Sam', email: 'sam@example.com', password: 'aaaaaaaaaaaa' } });
    expect(weak.json().error.code).toBe('weak_password');
    const ok = await inject({ method: 'POST', url: '/api/v1/auth/sign-up', payload: { name: 'Sam', email: 'Sam@Example.com', password: PASSWORD } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().me).toMatchObject({ email: 'sam@example.com', handle: 'sam', role: 'member' });
    const stored = await t.foyer.svc.db.selectFrom('users').select('password_hash').where('email', '=', 'sam@example.com').executeTakeFirstOrThrow();
    expect(stored.password_hash.startsWith('$argon2id$')).toBe(true);
    const dup = await inject({ method: 'POST', url: '/api/v1/auth/sign-up', payload: { name: 'Sam', email: 'sam@example.com', password: PASSWORD } });
    expect(dup.statusCode).toBe(409);
  });

  it('signs up by invitation link, once', async () => {
    const inv = await t.admin.post('/admin/invitations', { email: 'partner@elsewhere.example' });
    expect(inv.status).toBe(200);
    const token = new URL(inv.body.url).searchParams.get('invitation')!;
    const member = await t.user('mia');
    expect((await member.post('/admin/invitations', { email: 'x@y.example' })).status).toBe(403);
    const wrong = await inject({ method: 'POST', url: '/api/v1/auth/sign-up', payload: { name: 'P', email: 'other@elsewhere.example', password: PASSWORD, invitation: token } });
    expect(wrong.json().error.code).toBe('invitation_invalid');
    const ok = await inject({ method: 'POST', url: '/api/v1/auth/sign-up', payload: { name: 'P', email: 'partner@elsewhere.example', password: PASSWORD, invitation: token } });
    expect(ok.statusCode).toBe(200);
    const reuse = await inject({ method: 'POST', url: '/api/v1/auth/sign-up', payload: { name: 'Q', email: 'partner@elsewhere.example', password: PASSWORD, invitation: token } });
    expect(reuse.json().error.code).toBe('invitation_invalid');
  });

  it('signs in with a session cookie and CSRF token, and signs out at once', async () => {
    const wrong = await inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'ada@example.com', password: 'wrong-password' } });
    expect(wrong.statusCode).toBe(401);
    const unknown = await inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'ghost@example.com', password: 'wrong-password' } });
    expect(unknown.json()).toEqual(wrong.json());
    const res = await inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'ada@example.com', password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/HttpOnly/i);
    expect(String(res.headers['set-cookie'])).toMatch(/SameSite=Lax/i);
    const cookie = cookieFrom(res);
    const csrf = res.json().csrfToken;
    const noCsrf = await inject({ method: 'POST', url: '/api/v1/spaces', headers: { cookie }, payload: { name: 'S', visibility: 'public' } });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('csrf_failed');
    const withCsrf = await inject({ method: 'POST', url: '/api/v1/spaces', headers: { cookie, 'x-csrf-token': csrf }, payload: { name: 'S', visibility: 'public' } });
    expect(withCsrf.statusCode).toBe(200);
    expect((await inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } })).json().csrfToken).toBe(csrf);
    await inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: { cookie, 'x-csrf-token': csrf } });
    expect((await inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('ends other sessions on password change and all sessions on deactivation', async () => {
    const u = await t.user('pia');
    const second = await inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'pia@example.com', password: PASSWORD } });
    const secondCookie = cookieFrom(second);
    const changed = await u.post('/me/password', { currentPassword: PASSWORD, newPassword: 'another-long-secret' });
    expect(changed.status).toBe(204);
    expect((await u.get('/me')).status).toBe(200);
    expect((await inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: secondCookie } })).statusCode).toBe(401);
    const v = await t.user('vic');
    const post = await t.admin.post(`/admin/people/${v.id}/deactivate`);
    expect(post.body.status).toBe('deactivated');
    expect((await v.get('/me')).status).toBe(401);
    const signIn = await inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'vic@example.com', password: PASSWORD } });
    expect(signIn.statusCode).toBe(401);
    expect((await t.admin.get('/people?q=vic')).body.items).toHaveLength(0);
    expect((await t.admin.get('/people/vic')).body.status).toBe('deactivated');
    await t.admin.post(`/admin/people/${v.id}/reactivate`);
    expect((await t.admin.get('/people?q=vic')).body.items).toHaveLength(1);
  });

  it('scopes personal access tokens', async () => {
    const u = await t.user('tom');
    const s = (await u.post('/spaces', { name: 'Bots', visibility: 'public' })).body;
    const read = (await u.post('/me/tokens', { name: 'reader', scope: 'read' })).body.token;
    const writeTok = (await u.post('/me/tokens', { name: 'writer', scope: 'write' })).body.token;
    const asRead = { authorization: `Bearer ${read}` };
    expect((await inject({ method: 'GET', url: '/api/v1/feed', headers: asRead })).statusCode).toBe(200);
    expect((await inject({ method: 'POST', url: '/api/v1/posts', headers: asRead, payload: { spaceId: s.id, body: 'x' } })).statusCode).toBe(403);
    const posted = await inject({ method: 'POST', url: '/api/v1/posts', headers: { authorization: `Bearer ${writeTok}` }, payload: { spaceId: s.id, body: 'from a bot' } });
    expect(posted.statusCode).toBe(200);
    expect((await inject({ method: 'GET', url: '/api/v1/feed', headers: { authorization: 'Bearer nope' } })).statusCode).toBe(401);
    const list = (await u.get('/me/tokens')).body;
    await u.del(`/me/tokens/${list.find((x: any) => x.name === 'reader').id}`);
    expect((await inject({ method: 'GET', url: '/api/v1/feed', headers: asRead })).statusCode).toBe(401);
  });

  it('edits the profile and re-encodes photos without metadata', async () => {
    const u = await t.user('pat');
    const res = await u.patch('/me', { title: 'Engineer', department: 'R&D', site: 'Hamburg', timezone: 'Europe/Berlin', locale: 'de', languages: ['de', 'en'] });
    expect(res.body).toMatchObject({ title: 'Engineer', locale: 'de', languages: ['de', 'en'] });
    expect((await u.patch('/me', { timezone: 'Mars/Olympus' })).status).toBe(400);
    const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#3366cc' } })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'secret-location-data' } })
      .toBuffer();
    const up = await t.foyer.app.inject({ method: 'PUT', url: '/api/v1/me/photo', headers: { cookie: u.cookie, 'x-csrf-token': u.csrf, 'content-type': 'image/jpeg' }, payload: jpeg });
    expect(up.statusCode).toBe(200);
    const photo = await t.foyer.app.inject({ method: 'GET', url: up.json().photoUrl, headers: { cookie: u.cookie } });
    expect(photo.headers['content-type']).toBe('image/webp');
    const meta = await sharp(photo.rawPayload).metadata();
    expect(meta.width).toBe(320);
    expect(meta.exif).toBeUndefined();
    const stranger = await t.user('stranger', { role: 'guest' });
    const hidden = await t.foyer.app.inject({ method: 'GET', url: up.json().photoUrl, headers: { cookie: stranger.cookie } });
    expect(hidden.statusCode).toBe(404);
    const junk = await t.foyer.app.inject({ method: 'PUT', url: '/api/v1/me/photo', headers: { cookie: u.cookie, 'x-csrf-token': u.csrf, 'content-type': 'image/png' }, payload: Buffer.from('not a png') });
    expect(junk.statusCode).toBe(400);
  });

  it('searches the directory by name, title, department and site', async () => {
    const u = await t.user('zoe');
    await u.patch('/me', { title: 'Werkstudentin', department: 'Vertrieb', site: 'München' });
    expect((await t.admin.get('/people?q=werkstud')).body.items.map((p: any) => p.handle)).toEqual(['zoe']);
    expect((await t.admin.get('/people?department=Vertrieb')).body.items.map((p: any) => p.handle)).toEqual(['zoe']);
    expect((await t.admin.get('/people?q=%25')).body.items).toHaveLength(0);
    const facets = (await t.admin.get('/people/facets')).body;
    expect(facets.sites).toContainEqual({ name: 'München', count: 1 });
  });
});

describe('rate limits', () => {
  let t: TestFoyer;
  beforeAll(async () => {
    t = await startTestFoyer({ rateLimits: true });
  });
  afterAll(() => t.close());

  it('answers 429 with the error format after too many sign-in attempts', async () => {
    let last;
    for (let i = 0; i < 12; i++)
      last = await t.foyer.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'ada@example.com', password: 'wrong-password' } });
    expect(last!.statusCode).toBe(429);
    expect(last!.json().error.code).toBe('rate_limited');
  });
});
