import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DEFAULT_POLICY } from '@foyer/shared';
import { startTestFoyer, type TestFoyer, type TestClient } from '../test/harness.js';
import { deliverDueNotices, expireDue } from '../sealed/notices.js';

let keySeq = 0;
const key = () => `s${Date.now().toString(36)}x${(keySeq++).toString(36)}`;
const FROM = '2000-01-01T00:00:00.000Z';
const TO = '2100-01-01T00:00:00.000Z';

describe('sealed access', () => {
  let t: TestFoyer;
  let admin2: TestClient, council: TestClient, council2: TestClient, mod: TestClient, emma: TestClient, finn: TestClient, gina: TestClient;
  let direct: number, other: number, group: number, space: { id: number };
  const db = () => t.foyer.svc.db;
  const say = (c: TestClient, id: number, body: string) => c.post(`/conversations/${id}/messages`, { body, clientKey: key() });
  const audit = async (action: string) => db().selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq').execute();
  const refusals = async () => (await audit('sealed_access.refused')).map((r) => JSON.parse(r.details) as { requestId: number; attempted: string; reason: string });
  const ask = (body: Record<string, unknown> = {}, by: TestClient = t.admin) =>
    by.post('/sealed', { scopeType: 'conversation', scopeId: direct, from: FROM, to: TO, reason: 'Complaint of harassment, case 2024-17', legalBasis: 'internal_investigation', legalBasisText: 'Works agreement §12', ...body });
  const grant = async (id: number) => {
    expect((await council.post(`/sealed/${id}/approve`, { reason: 'ok' })).status).toBe(200);
    const r = await admin2.post(`/sealed/${id}/approve`, { reason: 'ok' });
    expect(r.body.status).toBe('approved');
  };

  beforeAll(async () => {
    t = await startTestFoyer();
    admin2 = await t.user('adam', { role: 'admin' });
    council = await t.user('wanda');
    council2 = await t.user('wim');
    mod = await t.user('moe');
    emma = await t.user('emma');
    finn = await t.user('finn');
    gina = await t.user('gina');
    for (const c of [council, council2]) expect((await t.admin.put(`/admin/people/${c.id}/roles/governance`)).status).toBe(200);
    expect((await t.admin.put(`/admin/people/${mod.id}/roles/moderator`)).status).toBe(200);
    direct = (await emma.post('/conversations', { kind: 'direct', userId: finn.id })).body.id;
    other = (await emma.post('/conversations', { kind: 'direct', userId: gina.id })).body.id;
    group = (await finn.post('/conversations', { kind: 'group', userIds: [emma.id, gina.id], name: 'Lunch' })).body.id;
    await say(emma, direct, 'in scope one');
    await say(finn, direct, 'in scope two');
    const old = await say(emma, direct, 'too old');
    await db().updateTable('messages').set({ created_at: '1999-06-01T00:00:00.000Z' }).where('id', '=', old.body.id).execute();
    await say(emma, other, 'other conversation');
    await say(emma, group, 'emma in group');
    await say(finn, group, 'finn in group');
    space = (await emma.post('/spaces', { name: 'Secret project', visibility: 'secret', purpose: 'mergers', acceptGuidelines: true })).body;
    const post = (await emma.post('/posts', { spaceId: space.id, body: 'secret post' })).body;
    await emma.post(`/posts/${post.id}/comments`, { body: 'secret comment' });
  });
  afterAll(() => t.close());

  it('leaves every ordinary route closed to administrators', async () => {
    expect(space.id).toBeGreaterThan(0);
    for (const url of [`/spaces/${space.id}`, `/spaces/${space.id}/posts`, `/spaces/${space.id}/members`, `/conversations/${direct}`, `/conversations/${direct}/messages`]) {
      const r = await t.admin.get(url);
      expect(r.status, url).toBe(404);
    }
    const msg = await db().selectFrom('messages').select('id').where('conversation_id', '=', direct).executeTakeFirstOrThrow();
    expect((await t.admin.get(`/messages/${msg.id}`)).status).toBe(404);
  });

  it('validates requests and lets only administrators ask', async () => {
    expect((await ask({}, council)).status).toBe(403);
    expect((await ask({}, emma)).status).toBe(403);
    expect((await t.anonymous.request('POST', '/sealed', {})).status).toBe(401);
    for (const bad of [{ from: TO, to: FROM }, { legalBasis: 'whim' }, { reason: 'short' }, { scopeType: 'planet' }, { notifyDelayDays: 400 }, { extra: 1 }]) {
      const r = await ask(bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(r.body.error.code).toBe('validation_failed');
    }
    expect((await ask({ notifyDelayDays: 31 })).status).toBe(400); // the policy's maximum is 30
    expect((await ask({ scopeId: 999999 })).status).toBe(404);
    expect(await db().selectFrom('sealed_requests').select('id').execute()).toHaveLength(0);
    expect((await emma.get('/sealed')).status).toBe(403);
  });

  it('runs the lifecycle: two roles approve, the requester alone reads exactly the scope, everyone affected is told', async () => {
    const r = await ask();
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'pending', approverRoles: DEFAULT_POLICY.sealedAccess.approverRoles, days: 7, scopeLabel: 'Emma, Finn' });
    const id = r.body.id;
    expect((await t.admin.get(`/sealed/${id}/items`)).status).toBe(404);
    const c1 = await council.post(`/sealed/${id}/approve`, { reason: 'justified' });
    expect(c1.body).toMatchObject({ status: 'pending', awaiting: ['admin'] });
    expect((await emma.get('/me/audit')).body.items.some((e: { action: string }) => e.action === 'sealed_access.notified')).toBe(false);
    const c2 = await admin2.post(`/sealed/${id}/approve`, { reason: 'agreed' });
    expect(c2.body).toMatchObject({ status: 'approved', abilities: { read: false } });
    expect(Date.parse(c2.body.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

    const page1 = await t.admin.get(`/sealed/${id}/items?limit=1`);
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(1);
    expect(page1.body.watermark).toMatchObject({ requestId: id, requester: 'Ada Admin <ada@example.com>' });
    const page2 = await t.admin.get(`/sealed/${id}/items?limit=5&cursor=${page1.body.nextCursor}`);
    expect(page2.body.nextCursor).toBeNull();
    const bodies = [...page1.body.items, ...page2.body.items].map((i: { body: string }) => i.body);
    expect(bodies).toEqual(['in scope one', 'in scope two']);
    // The approvers and other admins read nothing.
    for (const c of [council, admin2, emma]) expect((await c.get(`/sealed/${id}/items`)).status).toBe(404);
    expect((await admin2.get(`/sealed/${id}/export`)).status).toBe(404);

    const ex = await t.foyer.app.inject({ method: 'GET', url: `/api/v1/sealed/${id}/export`, headers: { cookie: t.admin.cookie } });
    expect(ex.statusCode).toBe(200);
    expect(ex.headers['content-disposition']).toContain(`foyer-sealed-${id}.json`);
    const file = JSON.parse(ex.body);
    expect(file.watermark.text).toContain(`#${id}`);
    expect(file.items.map((i: { body: string; watermark: string }) => [i.body, i.watermark])).toEqual([
      ['in scope one', file.watermark.text],
      ['in scope two', file.watermark.text],
    ]);

    const views = (await audit('sealed_access.viewed')).map((e) => JSON.parse(e.details));
    expect(views).toEqual([expect.objectContaining({ requestId: id, count: 1 }), expect.objectContaining({ requestId: id, count: 1 })]);
    expect(JSON.stringify(await audit('sealed_access.viewed'))).not.toContain('in scope');
    expect((await audit('sealed_access.exported')).map((e) => JSON.parse(e.details))).toEqual([expect.objectContaining({ requestId: id, count: 2, format: 'json' })]);

    for (const person of [emma, finn]) {
      const notice = (await person.get('/me/audit')).body.items.find((e: { action: string }) => e.action === 'sealed_access.notified');
      expect(notice.details).toMatchObject({ requestId: id, requesterId: t.admin.id, approverIds: [council.id, admin2.id], legalBasis: 'internal_investigation', reason: 'Complaint of harassment, case 2024-17', scope: { type: 'conversation', id: direct } });
    }
    expect((await gina.get('/me/audit')).body.items.some((e: { action: string }) => e.action === 'sealed_access.notified')).toBe(false);
  });

  it('reads a person’s own messages in direct and group conversations, and a space’s posts and comments, nothing else', async () => {
    const p = await ask({ scopeType: 'person', scopeId: finn.id });
    await grant(p.body.id);
    const items = (await t.admin.get(`/sealed/${p.body.id}/items`)).body.items;
    expect(items.map((i: { body: string }) => i.body).sort()).toEqual(['finn in group', 'in scope two']);
    const s = await ask({ scopeType: 'space', scopeId: space.id });
    await grant(s.body.id);
    const sp = (await t.admin.get(`/sealed/${s.body.id}/items`)).body.items;
    expect(sp.map((i: { kind: string; body: string }) => [i.kind, i.body])).toEqual([
      ['post', 'secret post'],
      ['comment', 'secret comment'],
    ]);
    const narrow = await ask({ from: '1999-01-01T00:00:00Z', to: '1999-12-31T00:00:00Z' });
    await grant(narrow.body.id);
    expect((await t.admin.get(`/sealed/${narrow.body.id}/items`)).body.items.map((i: { body: string }) => i.body)).toEqual(['too old']);
    // The approval changed nothing elsewhere.
    expect((await t.admin.get(`/conversations/${direct}/messages`)).status).toBe(404);
    expect((await t.admin.get(`/spaces/${space.id}`)).status).toBe(404);
  });

  it('refuses self-approval, one role twice, non-approvers, approval after expiry and edits after an approval — and logs each', async () => {
    const id = (await ask()).body.id;
    const before = (await refusals()).length;
    const self = await t.admin.post(`/sealed/${id}/approve`, {});
    expect([self.status, self.body.error.details.reason]).toEqual([403, 'self_approval']);
    expect((await emma.post(`/sealed/${id}/approve`, {})).status).toBe(404);
    expect((await mod.post(`/sealed/${id}/approve`, {})).status).toBe(404);
    expect((await council.post(`/sealed/${id}/approve`, {})).status).toBe(200);
    const again = await council.post(`/sealed/${id}/approve`, {});
    expect([again.status, again.body.error.details.reason]).toEqual([409, 'already_decided']);
    const same = await council2.post(`/sealed/${id}/approve`, {});
    expect([same.status, same.body.error.details.reason]).toEqual([409, 'same_role']);
    const edit = await t.admin.patch(`/sealed/${id}`, { scopeId: other });
    expect([edit.status, edit.body.error.details.reason]).toEqual([409, 'scope_locked']);
    expect((await db().selectFrom('sealed_requests').select('scope_id').where('id', '=', id).executeTakeFirstOrThrow()).scope_id).toBe(direct);
    // The approval window closes after the time box too.
    await db().updateTable('sealed_requests').set({ expires_at: '2001-01-01T00:00:00.000Z' }).where('id', '=', id).execute();
    const late = await admin2.post(`/sealed/${id}/approve`, {});
    expect([late.status, late.body.error.details.reason]).toEqual([409, 'expired']);
    const logged = (await refusals()).slice(before);
    expect(logged.map((r) => [r.attempted, r.reason])).toEqual([
      ['approve', 'self_approval'],
      ['approve', 'not_approver'],
      ['approve', 'not_approver'],
      ['approve', 'already_decided'],
      ['approve', 'same_role'],
      ['edit', 'scope_locked'],
      ['approve', 'expired'],
    ]);
    expect((await audit('sealed_access.expired')).some((e) => JSON.parse(e.details).requestId === id)).toBe(true);
  });

  it('refuses a non-approver role under a policy that does not list administrators (403, logged)', async () => {
    const doc = structuredClone(DEFAULT_POLICY);
    doc.sealedAccess.approverRoles = ['governance', 'moderator'];
    const p = await t.admin.post('/policy/versions', { document: doc, note: 'sealed approvers' });
    expect((await council.post(`/policy/versions/${p.body.id}/approve`, { reason: 'yes' })).body.status).toBe('active');
    const id = (await ask()).body.id;
    const r = await admin2.post(`/sealed/${id}/approve`, {});
    expect([r.status, r.body.error.details.reason]).toEqual([403, 'not_approver']);
    expect((await council.post(`/sealed/${id}/approve`, {})).status).toBe(200);
    expect((await mod.post(`/sealed/${id}/approve`, {})).body.status).toBe('approved');
    expect((await refusals()).at(-1)).toMatchObject({ requestId: id, reason: 'not_approver' });
  });

  it('turns an edit before any approval into a new request and voids the old one; a denial ends a request', async () => {
    const first = (await ask()).body.id;
    const edited = await t.admin.patch(`/sealed/${first}`, { scopeId: other });
    expect(edited.status).toBe(201);
    expect(edited.body).toMatchObject({ status: 'pending', scopeId: other, decisions: [] });
    expect((await t.admin.get(`/sealed/${first}`)).body).toMatchObject({ status: 'void', replacedBy: edited.body.id });
    expect((await council.post(`/sealed/${first}/approve`, {})).status).toBe(409);
    expect((await admin2.patch(`/sealed/${edited.body.id}`, { reason: 'someone else edits this' })).status).toBe(403);
    const d = await council.post(`/sealed/${edited.body.id}/deny`, { reason: 'not proportionate' });
    expect(d.body).toMatchObject({ status: 'denied', decisions: [{ decision: 'deny', reason: 'not proportionate' }] });
    expect((await admin2.post(`/sealed/${edited.body.id}/approve`, {})).status).toBe(409);
    expect((await t.admin.get(`/sealed/${edited.body.id}/items`)).status).toBe(404);
    expect((await council.post(`/sealed/${edited.body.id}/deny`, {})).status).toBe(400);
  });

  it('answers 404 after expiry and revocation, records expiry once, and delivers delayed notices when due', async () => {
    const doc = structuredClone(DEFAULT_POLICY);
    doc.sealedAccess.approverRoles = ['admin', 'governance'];
    doc.sealedAccess.notifyDelayDays = 3;
    const p = await t.admin.post('/policy/versions', { document: doc });
    expect((await council.post(`/policy/versions/${p.body.id}/approve`, {})).body.status).toBe('active');

    const id = (await ask({ scopeId: other })).body.id;
    await grant(id);
    expect((await gina.get('/me/audit')).body.items.some((e: { action: string }) => e.action === 'sealed_access.notified')).toBe(false);
    expect(await deliverDueNotices(t.foyer.svc)).toBe(0);
    expect(await deliverDueNotices(t.foyer.svc, new Date(Date.now() + 4 * 86_400_000).toISOString())).toBe(2);
    expect(await deliverDueNotices(t.foyer.svc, new Date(Date.now() + 4 * 86_400_000).toISOString())).toBe(0);
    expect((await gina.get('/me/audit')).body.items.filter((e: { action: string }) => e.action === 'sealed_access.notified')).toHaveLength(1);

    expect((await t.admin.get(`/sealed/${id}/items`)).status).toBe(200);
    await db().updateTable('sealed_requests').set({ expires_at: '2001-01-01T00:00:00.000Z' }).where('id', '=', id).execute();
    const missing = await t.admin.get('/sealed/999999/items');
    const gone = await t.admin.get(`/sealed/${id}/items`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual(missing.body);
    expect((await t.admin.get(`/sealed/${id}/export`)).status).toBe(404);
    expect(await expireDue(t.foyer.svc)).toBe(0);
    expect((await audit('sealed_access.expired')).filter((e) => JSON.parse(e.details).requestId === id)).toHaveLength(1);

    const r2 = (await ask()).body.id;
    await grant(r2);
    await db().updateTable('sealed_requests').set({ expires_at: '2001-01-01T00:00:00.000Z' }).where('id', '=', r2).execute();
    expect(await expireDue(t.foyer.svc)).toBe(1);
    expect((await t.admin.get(`/sealed/${r2}`)).body.status).toBe('expired');

    const r3 = (await ask()).body.id;
    await grant(r3);
    expect((await council.post(`/sealed/${r3}/revoke`)).body.status).toBe('revoked');
    expect((await t.admin.get(`/sealed/${r3}/items`)).status).toBe(404);
    expect((await refusals()).at(-1)).toMatchObject({ requestId: r3, attempted: 'view' });
  });

  it('keeps the audit chain intact through all of it', async () => {
    const v = await t.admin.get('/audit/verify');
    expect(v.body).toMatchObject({ ok: true, problem: null });
    const list = await council.get('/sealed');
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(5);
    expect((await mod.get('/sealed')).status).toBe(200);
  });
});
