import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DEFAULT_POLICY, POLICY_MODULES, type PolicyDocument } from '@foyer/shared';
import { startTestFoyer, type TestFoyer, type TestClient } from '../test/harness.js';
import { connectWs } from '../test/ws.js';
import { GATES, gateOfRequest } from '../compliance/modules.js';

const withChanges = (change: (d: PolicyDocument) => void): PolicyDocument => {
  const d = structuredClone(DEFAULT_POLICY);
  change(d);
  return d;
};

describe('works agreement as configuration', () => {
  let t: TestFoyer;
  let council: TestClient, council2: TestClient, member: TestClient, guest: TestClient, admin2: TestClient;
  let space: { id: number };
  const actions = async () => (await t.foyer.svc.db.selectFrom('audit_log').select('action').orderBy('seq').execute()).map((r) => r.action);
  const versions = async () => t.foyer.svc.db.selectFrom('policy_versions').select(['version', 'status']).orderBy('version').execute();

  /** Proposed by the admin, approved by the works council: the new version is active. */
  async function activate(doc: PolicyDocument) {
    const p = await t.admin.post('/policy/versions', { document: doc, note: 'test' });
    expect(p.status).toBe(200);
    const a = await council.post(`/policy/versions/${p.body.id}/approve`, { reason: 'agreed' });
    expect(a.body.status).toBe('active');
  }

  beforeAll(async () => {
    t = await startTestFoyer();
    council = await t.user('wanda');
    council2 = await t.user('wim');
    member = await t.user('mia');
    guest = await t.user('gil', { role: 'guest' });
    admin2 = await t.user('adam', { role: 'admin' });
    for (const c of [council, council2]) expect((await t.admin.put(`/admin/people/${c.id}/roles/governance`)).status).toBe(200);
    space = (await member.post('/spaces', { name: 'Plant Süd', visibility: 'public' })).body;
  });
  afterAll(() => t.close());

  it('starts with version 1: today’s behaviour, readable by every employee in German and English', async () => {
    const en = await member.get('/policy?locale=en');
    expect(en.status).toBe(200);
    expect(en.body).toMatchObject({ version: 1, status: 'active', proposedBy: null, document: DEFAULT_POLICY, decisions: [] });
    expect(en.body.holders.governance.map((u: { handle: string }) => u.handle).sort()).toEqual(['wanda', 'wim']);
    expect(en.body.sections.find((s: { id: string }) => s.id === 'modules').sentences[0]).toContain('Chat');
    const de = await member.get('/policy?locale=de');
    expect(de.body.sections.map((s: { title: string }) => s.title)).toContain('Freigeschaltete Funktionen');
    expect(de.body.sections.find((s: { id: string }) => s.id === 'roles').sentences.join(' ')).toContain('Wanda');
    expect((await guest.get('/policy')).status).toBe(403);
    expect((await t.anonymous.request('GET', '/policy')).status).toBe(401);
    expect((await actions()).filter((a) => a === 'policy.activated')).toHaveLength(1);
  });

  it('refuses invalid documents with typed errors and stores nothing', async () => {
    const before = await versions();
    const bad: unknown[] = [
      { ...DEFAULT_POLICY, analytics: { k: 1 } },
      { ...DEFAULT_POLICY, modules: { ...DEFAULT_POLICY.modules, teleport: true } },
      { ...DEFAULT_POLICY, quietHours: { ...DEFAULT_POLICY.quietHours, timeZone: 'Mars/Olympus' } },
      { ...DEFAULT_POLICY, sealedAccess: { ...DEFAULT_POLICY.sealedAccess, approverRoles: ['governance', 'governance'] } },
      { ...DEFAULT_POLICY, roles: { ...DEFAULT_POLICY.roles, governance: false } },
      'not a document',
    ];
    for (const document of bad) {
      const r = await t.admin.post('/policy/versions', { document });
      expect(r.status, JSON.stringify(document)).toBe(400);
      expect(r.body.error.code).toBe('validation_failed');
    }
    const same = await t.admin.post('/policy/versions', { document: DEFAULT_POLICY });
    expect(same.status).toBe(400);
    expect(same.body.error.details.fields.document).toBe('unchanged');
    expect(await versions()).toEqual(before);
  });

  it('lets only administrators propose, only the works council approve, never the proposer', async () => {
    const doc = withChanges((d) => (d.analytics.k = 7));
    expect((await member.post('/policy/versions', { document: doc })).status).toBe(403);
    expect((await council.post('/policy/versions', { document: doc })).status).toBe(403);
    const p = await t.admin.post('/policy/versions', { document: doc, note: 'Larger groups for analytics' });
    expect(p.body).toMatchObject({ version: 2, status: 'pending', changes: ['analytics.k'], awaiting: ['governance'] });
    // The proposer cannot approve, even holding the works-council role.
    await t.admin.put(`/admin/people/${t.admin.id}/roles/governance`);
    const self = await t.admin.post(`/policy/versions/${p.body.id}/approve`, {});
    expect(self.status).toBe(403);
    await t.admin.del(`/admin/people/${t.admin.id}/roles/governance`);
    // Someone without the role cannot approve or reject, not even another administrator.
    expect((await member.post(`/policy/versions/${p.body.id}/approve`, {})).status).toBe(403);
    expect((await admin2.post(`/policy/versions/${p.body.id}/approve`, {})).status).toBe(403);
    expect((await member.post(`/policy/versions/${p.body.id}/reject`, { reason: 'no' })).status).toBe(403);
    expect((await council.get(`/policy/versions/${p.body.id}`)).body.abilities).toEqual({ approve: true, reject: true });
    expect((await member.get(`/policy/versions/${p.body.id}`)).body.abilities).toEqual({ approve: false, reject: false });
    // Still version 1 in force.
    expect((await member.get('/policy')).body.version).toBe(1);
    const ok = await council.post(`/policy/versions/${p.body.id}/approve`, { reason: 'Agreed in the meeting of 3 May' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'active', awaiting: [], decisions: [{ by: { handle: 'wanda' }, role: 'governance', decision: 'approve' }] });
    expect((await member.get('/policy')).body).toMatchObject({ version: 2, document: { analytics: { k: 7 } } });
    expect((await council2.post(`/policy/versions/${p.body.id}/approve`, {})).status).toBe(409);
    expect((await versions()).map((v) => v.status)).toEqual(['retired', 'active']);
  });

  it('records rejections with a reason, and a newer proposal supersedes a pending one', async () => {
    const a = await t.admin.post('/policy/versions', { document: withChanges((d) => (d.presence.mode = 'off')) });
    const b = await t.admin.post('/policy/versions', { document: withChanges((d) => ((d.analytics.k = 7), (d.readReceipts.mode = 'direct'))) });
    expect((await t.admin.get(`/policy/versions/${a.body.id}`)).body.status).toBe('superseded');
    expect((await council.post(`/policy/versions/${a.body.id}/approve`, {})).status).toBe(409);
    expect((await council.post(`/policy/versions/${b.body.id}/reject`, {})).status).toBe(400);
    const r = await council.post(`/policy/versions/${b.body.id}/reject`, { reason: 'Read receipts put pressure on people' });
    expect(r.body).toMatchObject({ status: 'rejected', decisions: [{ decision: 'reject', reason: 'Read receipts put pressure on people' }] });
    expect((await member.get('/policy')).body.version).toBe(2);
    const history = (await member.get('/policy/versions')).body.items;
    expect(history.map((v: { version: number; status: string }) => `${v.version}:${v.status}`)).toEqual(['4:rejected', '3:superseded', '2:active', '1:retired']);
    expect(await actions()).toEqual(
      expect.arrayContaining(['policy.activated', 'policy.proposed', 'policy.approved', 'policy.superseded', 'policy.rejected', 'role.granted', 'role.revoked']),
    );
    expect((await t.admin.get('/audit/verify')).body).toMatchObject({ ok: true, problem: null });
  });

  it('generates the annex as HTML and PDF', async () => {
    const html = await member.request('GET', '/policy/annex.html?locale=de');
    expect(html.status).toBe(200);
    expect(html.body).toContain('Anlage zur Betriebsvereinbarung');
    expect(html.body).toContain('Wanda');
    expect(html.body).toContain('@page');
    const pdf = await t.foyer.app.inject({ method: 'GET', url: '/api/v1/policy/annex.pdf?version=1', headers: { cookie: member.cookie } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await member.request('GET', '/policy/annex.html?version=99')).status).toBe(404);
    expect((await guest.request('GET', '/policy/annex.pdf')).status).toBe(403);
  });

  it('maps every module to routes', () => {
    for (const m of POLICY_MODULES) expect(GATES[m].prefixes.length, m).toBeGreaterThan(0);
    expect(gateOfRequest('POST', '/conversations', {})).toBe('chat');
    expect(gateOfRequest('GET', '/spaces/:id/pages', undefined)).toBe('wiki');
    expect(gateOfRequest('POST', '/posts', { body: 'x', announcement: { ackRequired: false } })).toBe('announcements');
    expect(gateOfRequest('POST', '/posts', { body: 'x' })).toBeNull();
    expect(gateOfRequest('GET', '/pagesx', undefined)).toBeNull();
    expect(gateOfRequest('GET', '/policy', undefined)).toBeNull();
  });

  it('refuses every use of a disabled module with 403 module_disabled and changes nothing; enabled again, it works', async () => {
    const db = t.foyer.svc.db;
    const count = async (table: 'conversations' | 'questions' | 'pages' | 'posts' | 'presence') =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const post = (await member.post('/posts', { spaceId: space.id, body: 'Plain post' })).body;
    const uses = {
      chat: () => member.post('/conversations', { kind: 'direct', userId: council.id }),
      chatRead: () => member.get('/conversations'),
      questions: () => member.post(`/spaces/${space.id}/questions`, { title: 'Where is the canteen?' }),
      wiki: () => member.post(`/spaces/${space.id}/pages`, { title: 'Handbook' }),
      announcements: () => member.post('/posts', { spaceId: space.id, body: 'Hear ye', announcement: { ackRequired: false } }),
      acks: () => member.get(`/posts/${post.id}/acknowledgements`),
      presence: () => member.put('/me/presence', { status: 'away' }),
      linkPreviews: () => member.get('/previews?url=https%3A%2F%2Fexample.com%2F'),
    };
    const counts = async () => Promise.all((['conversations', 'questions', 'pages', 'posts', 'presence'] as const).map(count));
    // Content of a module stays findable only while the module is on: search asks the agreement too.
    await member.post(`/spaces/${space.id}/pages`, { title: 'Zeppelinhandbuch', body: 'zeppelin' });
    const findsPage = async () => {
      for (let i = 0; i < 40; i++) {
        const hits = (await member.get('/search?q=zeppelin')).body.items.filter((h: { type: string }) => h.type === 'page');
        if (hits.length) return true;
        await new Promise((r) => setTimeout(r, 50));
      }
      return false;
    };
    expect(await findsPage()).toBe(true);
    const before = await counts();
    await activate(
      withChanges((d) => {
        for (const m of POLICY_MODULES) d.modules[m] = false;
        d.presence.mode = 'off';
      }),
    );
    for (const [name, use] of Object.entries(uses)) {
      const r = await use();
      expect(r.status, name).toBe(403);
      expect(r.body.error.code, name).toBe('module_disabled');
      expect(r.body.error.details.policyVersion).toBe(5);
    }
    expect(await counts()).toEqual(before);
    const off = (await member.get('/search?q=zeppelin')).body;
    expect(off.items.filter((h: { type: string }) => h.type === 'page')).toEqual([]);
    expect(off.counts.page ?? 0).toBe(0);
    expect((await member.get('/search/suggest?q=zeppelinhand')).body.pages).toEqual([]);
    // The rest of Foyer goes on: a plain post still works.
    expect((await member.post('/posts', { spaceId: space.id, body: 'Still here' })).status).toBe(200);

    await activate(structuredClone(DEFAULT_POLICY));
    expect((await uses.chat()).status).toBe(200);
    expect((await uses.questions()).status).toBe(200);
    expect((await uses.wiki()).status).toBe(200);
    expect((await uses.presence()).status).toBe(200);
    expect((await uses.acks()).status).not.toBe(403);
    // Announcements are for space managers: allowed by policy again, the space rules decide.
    expect((await uses.announcements()).status).toBe(200);
    expect((await uses.linkPreviews()).body?.error?.code).not.toBe('module_disabled');
  });

  it('does not deliver realtime events of a disabled feature', async () => {
    const base = await t.foyer.app.listen({ port: 0, host: '127.0.0.1' });
    const ws = await connectWs(base, member.cookie);
    await activate(withChanges((d) => (d.modules.wiki = false)));
    // Presence is on: its events arrive.
    await council.put('/me/presence', { status: 'busy' });
    await ws.waitFor((m) => m.kind === 'event' && m.type === 'presence.changed');
    // Presence off: a change made just before (or by a stale node) is not delivered.
    await activate(withChanges((d) => ((d.modules.wiki = false), (d.presence.mode = 'off'))));
    const seen = ws.events('presence.changed').length;
    await t.foyer.svc.db.transaction().execute(async (trx) => {
      const { emit } = await import('../events/outbox.js');
      await emit(trx, 'presence.changed', { userId: council.id }, {});
    });
    t.foyer.svc.bus.publish({ kind: 'outbox' });
    await member.post('/posts', { spaceId: space.id, body: 'after presence off' });
    await ws.waitFor((m) => m.kind === 'event' && m.type === 'post.created');
    expect(ws.events('presence.changed')).toHaveLength(seen);
    ws.close();
  });

  it('records privileged actions in the chain: registry views, moderation decisions, role changes', async () => {
    await t.admin.put(`/admin/people/${council.id}/roles/moderator`);
    expect((await council.get('/governance/registry')).status).toBe(200);
    const p = (await member.post('/posts', { spaceId: space.id, body: 'Something rude' })).body;
    const report = (await council2.post('/reports', { targetType: 'post', targetId: p.id, category: 'harassment', note: 'rude' })).body;
    const d = await council.post(`/moderation/reports/${report.id}/decide`, { action: 'hide', reason: 'rude' });
    expect(d.status).toBe(200);
    expect((await t.admin.patch(`/admin/people/${member.id}`, { role: 'guest' })).status).toBe(200);
    await t.admin.patch(`/admin/people/${member.id}`, { role: 'member' });
    const log = (await t.admin.get('/audit?limit=10')).body.items;
    expect(log.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['registry.viewed', 'moderation.decided', 'org_role.changed', 'role.granted']));
    const decided = log.find((e: { action: string }) => e.action === 'moderation.decided');
    expect(decided).toMatchObject({ actor: { handle: 'wanda' }, targetType: 'report', targetId: String(report.id), details: { action: 'hide', item: 'post' } });
    expect(JSON.stringify(log)).not.toContain('Something rude');
    // The works council reads and verifies the log; members do not.
    expect((await council2.get('/audit')).status).toBe(200);
    expect((await member.get('/audit')).status).toBe(403);
    expect((await member.get('/audit/verify')).status).toBe(403);
    expect((await council2.get('/audit/verify')).body).toMatchObject({ ok: true });
  });

  it('refuses granting a role the active policy does not provide', async () => {
    await activate(withChanges((d) => (d.roles.communications = false)));
    const r = await t.admin.put(`/admin/people/${member.id}/roles/communications`);
    expect(r.status).toBe(403);
    expect((await member.get('/policy')).body.holders).not.toHaveProperty('communications');
  });
});
