import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { AUDIT_ACTIONS } from '@foyer/shared';
import { startTestFoyer, type TestFoyer, type TestClient } from '../test/harness.js';
import { PRIVILEGED_READS, inPrivilegedScope, type PrivilegedRead } from '../compliance/privileged-reads.js';
import { ExportWorker } from '../privacy/exports.js';

const API = '/api/v1';

/**
 * The GET routes of the running app, from Fastify's own route tree (hidden routes included, which
 * the OpenAPI document leaves out). Each line is one node: its depth is its indentation.
 */
function getRoutes(tree: string): string[] {
  const stack: string[] = [];
  const out: string[] = [];
  for (const line of tree.split('\n')) {
    const at = Math.max(line.indexOf('├── '), line.indexOf('└── '));
    if (at < 0) continue;
    const node = line.slice(at + 4);
    const open = node.lastIndexOf(' (');
    const methods = open >= 0 && node.endsWith(')') ? node.slice(open + 2, -1).split(', ') : [];
    stack.length = at / 4;
    stack.push(open >= 0 && node.endsWith(')') ? node.slice(0, open) : node);
    if (methods.includes('GET')) out.push(stack.join(''));
  }
  return out;
}

describe('every privileged read path emits a transparency entry or says why it need not', () => {
  let t: TestFoyer;
  let admin2: TestClient, council: TestClient, mod: TestClient, mod2: TestClient, emma: TestClient, finn: TestClient, gina: TestClient;
  let reportId: number, sealedId: number, exportId: number;
  let routes: string[];
  const db = () => t.foyer.svc.db;
  const lastSeq = async () => (await db().selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()).seq;
  const entriesSince = async (seq: number) => db().selectFrom('audit_log').selectAll().where('seq', '>', seq).orderBy('seq').execute();
  const myAudit = async (c: TestClient): Promise<{ seq: number; action: string; actor: { id: number } | null; details: Record<string, unknown> }[]> => {
    const r = await c.get('/me/audit');
    expect(r.status).toBe(200);
    return r.body.items;
  };

  beforeAll(async () => {
    t = await startTestFoyer();
    admin2 = await t.user('adam', { role: 'admin' });
    council = await t.user('wanda');
    mod = await t.user('moe');
    mod2 = await t.user('mona');
    emma = await t.user('emma');
    finn = await t.user('finn');
    gina = await t.user('gina');
    expect((await t.admin.put(`/admin/people/${council.id}/roles/governance`)).status).toBe(200);
    for (const m of [mod, mod2]) expect((await t.admin.put(`/admin/people/${m.id}/roles/moderator`)).status).toBe(200);
    routes = getRoutes(t.foyer.app.printRoutes({ commonPrefix: false, method: 'GET' }))
      .filter((r) => r.startsWith(`${API}/`))
      .map((r) => r.slice(API.length));

    // A direct message Finn reports: it reaches the company moderators, who see exactly that message.
    const direct = (await emma.post('/conversations', { kind: 'direct', userId: finn.id })).body.id;
    const message = (await emma.post(`/conversations/${direct}/messages`, { body: 'a direct message', clientKey: 'privileged-read-1' })).body;
    await finn.post(`/conversations/${direct}/messages`, { body: 'a reply', clientKey: 'privileged-read-2' });
    const report = await finn.post('/reports', { targetType: 'message', targetId: message.id, category: 'harassment', note: 'please look' });
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    reportId = report.body.id;

    // Sealed access to that conversation, approved by two roles: Emma and Finn are told at once.
    const asked = await t.admin.post('/sealed', {
      scopeType: 'conversation',
      scopeId: direct,
      from: '2000-01-01T00:00:00.000Z',
      to: '2100-01-01T00:00:00.000Z',
      reason: 'Complaint of harassment, case 2026-3',
      legalBasis: 'internal_investigation',
      legalBasisText: 'Works agreement §12',
    });
    expect(asked.status).toBe(201);
    sealedId = asked.body.id;
    expect((await council.post(`/sealed/${sealedId}/approve`, { reason: 'ok' })).status).toBe(200);
    expect((await admin2.post(`/sealed/${sealedId}/approve`, { reason: 'ok' })).body.status).toBe('approved');

    // Emma's own data export, built by the export worker.
    exportId = (await emma.post('/me/exports')).body.id;
    await new ExportWorker(t.foyer.svc, 'http://foyer.test').pass();
    // The app's own worker may have claimed it first: then wait until it is done.
    for (let i = 0; i < 400; i++) {
      const e = (await emma.get('/me/exports')).body.items.find((x: { id: number }) => x.id === exportId);
      if (e.status === 'ready') break;
      expect(e.status).not.toBe('failed');
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  afterAll(() => t.close());

  it('classifies every GET route of the privileged part of the API in one registry', () => {
    // The scan sees the real route table, hidden routes included (a broken parse would pass vacuously).
    expect(routes.length).toBeGreaterThan(100);
    for (const r of ['/governance/registry', '/sealed/:id/items', '/me/exports/:id/download', '/files/:id/download', '/policy/document.yaml']) expect(routes).toContain(r);
    const unclassified = routes.filter(inPrivilegedScope).filter((r) => !Object.hasOwn(PRIVILEGED_READS, r));
    expect(unclassified, 'add these routes to compliance/privileged-reads.ts').toEqual([]);
    const stale = Object.keys(PRIVILEGED_READS).filter((r) => !routes.includes(r));
    expect(stale, 'routes in compliance/privileged-reads.ts that no longer exist').toEqual([]);
    expect(Object.keys(PRIVILEGED_READS).filter((r) => !inPrivilegedScope(r))).toEqual([]);
    for (const [route, c] of Object.entries(PRIVILEGED_READS)) {
      if (c.transparency === 'none') expect(c.reason.length, route).toBeGreaterThan(30);
      else expect(AUDIT_ACTIONS, route).toContain(c.event);
    }
  });

  it('records an entry for each route that emits, and it reaches the people whose data was read', async () => {
    const s = (actor: TestClient, url: string, affected: TestClient[]) => ({ actor, url, affected });
    const scenarios: Record<string, { actor: TestClient; url: string; affected: TestClient[] }> = {
      '/moderation/reports': s(mod, '/moderation/reports', [emma]),
      '/moderation/reports/:id': s(mod2, `/moderation/reports/${reportId}`, [emma]),
      '/sealed/:id/items': s(t.admin, `/sealed/${sealedId}/items`, [emma, finn]),
      '/sealed/:id/export': s(t.admin, `/sealed/${sealedId}/export`, [emma, finn]),
      '/governance/registry': s(council, '/governance/registry', [gina]),
      '/me/exports/:id/download': s(emma, `/me/exports/${exportId}/download`, [emma]),
    };
    const emitting = Object.entries(PRIVILEGED_READS).filter(([, c]) => c.transparency === 'emits');
    expect(Object.keys(scenarios).sort(), 'every route that emits needs a scenario here').toEqual(emitting.map(([r]) => r).sort());

    for (const [route, c] of emitting as [string, Exclude<PrivilegedRead, { transparency: 'none' }>][]) {
      const { actor, url, affected } = scenarios[route];
      const before = await lastSeq();
      const res = await actor.get(url);
      expect(res.status, route).toBe(200);
      const entries = (await entriesSince(before)).filter((e) => e.action === c.event && e.actor_id === actor.id);
      expect(entries.length, `${route} records ${c.event}`).toBeGreaterThan(0);
      for (const person of affected) {
        if (c.told === 'person') {
          const entry = entries.find((e) => e.target_type === 'user' && e.target_id === String(person.id));
          expect(entry, `${route}: an entry about ${person.handle}`).toBeDefined();
          expect((await myAudit(person)).map((i) => i.seq), `${route}: in ${person.handle}'s transparency centre`).toContain(entry!.seq);
          // Nobody else finds it in theirs.
          expect((await myAudit(gina)).map((i) => i.seq)).not.toContain(entry!.seq);
        } else if (c.told === 'notice') {
          expect(entries.every((e) => e.target_type === 'sealed_access' && e.target_id === String(sealedId)), route).toBe(true);
          const notices = (await myAudit(person)).filter((i) => i.action === c.notice && i.details.requestId === sealedId);
          expect(notices, `${route}: ${person.handle} was told of the access`).toHaveLength(1);
          expect(notices[0].actor?.id).toBe(actor.id);
        } else {
          const listed = await person.get(c.listedAt);
          expect(listed.status).toBe(200);
          expect(listed.body.items.some((i: { viewer: { id: number } }) => i.viewer.id === actor.id), `${route}: listed at ${c.listedAt}`).toBe(true);
        }
      }
    }
  });

  it('tells the author once per moderator and report, never who reported', async () => {
    const entries = async () => (await myAudit(emma)).filter((i) => i.action === 'moderation.viewed');
    const seen = await entries();
    expect(seen.map((e) => e.actor?.id).sort()).toEqual([mod.id, mod2.id].sort());
    for (const e of seen) expect(Object.keys(e.details).sort()).toEqual(['itemId', 'itemType', 'reportId', 'spaceId']);
    // Looking again, in the queue or opened, adds nothing.
    expect((await mod.get(`/moderation/reports/${reportId}`)).status).toBe(200);
    expect((await mod2.get('/moderation/reports')).status).toBe(200);
    expect((await mod.get('/moderation/reports')).body.items.map((r: { id: number }) => r.id)).toContain(reportId);
    expect(await entries()).toEqual(seen);
    // The reporter and people who are not moderators learn nothing, and cause no entry.
    const before = await lastSeq();
    expect((await gina.get(`/moderation/reports/${reportId}`)).status).toBe(404);
    expect((await gina.get('/moderation/reports')).body.items).toEqual([]);
    expect(await entriesSince(before)).toEqual([]);
    expect((await myAudit(finn)).filter((i) => i.action === 'moderation.viewed')).toEqual([]);
  });
});
