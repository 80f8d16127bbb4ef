import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DEFAULT_POLICY } from '@foyer/shared';
import { startTestFoyer, type TestFoyer, type TestClient } from '../test/harness.js';
import { weekStart } from '../analytics/figures.js';

describe('aggregate-only analytics', () => {
  let t: TestFoyer;
  let council: TestClient, comms: TestClient, owner: TestClient;
  const people: TestClient[] = [];
  let space: { id: number };

  beforeAll(async () => {
    t = await startTestFoyer();
    council = await t.user('wanda');
    comms = await t.user('cora');
    owner = await t.user('olga');
    await t.admin.put(`/admin/people/${council.id}/roles/governance`);
    await t.admin.put(`/admin/people/${comms.id}/roles/communications`);
    space = (await owner.post('/spaces', { name: 'Plant', visibility: 'public' })).body;
    // Six people in Sales, one in the board: the board member must never be singled out.
    for (let i = 0; i < 7; i++) {
      const c = await t.user(`p${i}`);
      await t.foyer.svc.db.updateTable('users').set({ department: i < 6 ? 'Sales' : 'Board' }).where('id', '=', c.id).execute();
      await c.post(`/spaces/${space.id}/join`);
      people.push(c);
    }
  });
  afterAll(() => t.close());

  it('is off until the works agreement enables it', async () => {
    const res = await t.admin.get('/analytics');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('module_disabled');
    const doc = structuredClone(DEFAULT_POLICY);
    doc.modules.analytics = true;
    const p = await t.admin.post('/policy/versions', { document: doc, note: 'analytics' });
    expect((await council.post(`/policy/versions/${p.body.id}/approve`, { reason: 'agreed' })).body.status).toBe('active');
    expect((await t.admin.get('/analytics')).status).toBe(200);
  });

  it('publishes weekly figures over at least k people, withholding small groups and what could reveal them', async () => {
    // Activity last week: every Sales person posts once, the board member posts five times.
    const lastWeek = new Date(weekStart(new Date()).getTime() - 3 * 86_400_000).toISOString();
    for (const [i, c] of people.entries()) {
      for (let n = 0; n < (i === 6 ? 5 : 1); n++) {
        const post = (await c.post('/posts', { spaceId: space.id, body: `update ${n}` })).body;
        await t.foyer.svc.db.updateTable('posts').set({ created_at: lastWeek }).where('id', '=', post.id).execute();
      }
    }
    const report = (await comms.get('/analytics?weeks=2&by=department')).body;
    expect(report.k).toBe(5);
    const week = report.weeks.at(-1);
    expect(week.total).toMatchObject({ suppressed: false, activeMembers: 7, posts: 11 });
    // Sales alone would reveal the board member's five posts as the difference: both are withheld.
    expect(week.groups.map((g: { name: string; suppressed: boolean }) => [g.name, g.suppressed])).toEqual(
      expect.arrayContaining([
        ['Board', true],
        ['Sales', true],
      ]),
    );
    expect(JSON.stringify(report)).not.toMatch(/"posts":5\b/);
    // The week before: nobody active, so nothing is published at all.
    expect(report.weeks[0].total.suppressed).toBe(true);
    // Space managers see their space; members and other people do not.
    expect((await owner.get(`/spaces/${space.id}/analytics?weeks=2`)).body.weeks.at(-1).total).toMatchObject({ activeMembers: 7, posts: 11 });
    expect((await people[0].get(`/spaces/${space.id}/analytics`)).status).toBe(403);
    expect((await people[0].get('/analytics')).status).toBe(403);
    // One attribute at a time, whole weeks only: no custom ranges, no cross-tabulation, no person.
    expect((await comms.get('/analytics?by=department,site')).status).toBe(400);
    expect((await comms.get('/analytics?weeks=0')).status).toBe(400);
    const withPerson = await comms.get(`/analytics?userId=${people[6].id}`);
    expect(withPerson.body).toEqual((await comms.get('/analytics')).body);
  });

  it('has no route that reports activity per person', () => {
    // Names that would mean per-person activity, login history or time online for someone else.
    const forbidden = /(most-?active|top-?(users|people|posters|contributors)|leaderboard|login-?history|logins|time-?online|last-?seen|online-?time|activity)/i;
    // Per-person sub-resources that are not activity records: account actions, the profile photo,
    // follows, and the posts a profile shows (each filtered by the viewer's read policy).
    const perPerson = /\/(people|users|admin\/people)\/\{[a-z]+\}\/(?!(roles|photo|follow|erase|posts|deactivate|reactivate)\b)[a-z-]+/i;
    // Every API route is in the OpenAPI document (routes are registered with schemas).
    const paths = Object.keys((t.foyer.app.swagger() as { paths: Record<string, unknown> }).paths);
    // The scan sees the real route table (a broken parse would pass vacuously).
    expect(paths.length).toBeGreaterThan(100);
    expect(paths).toContain('/api/v1/analytics');
    expect(paths).toContain('/api/v1/me/sessions');
    expect(paths.filter((p) => forbidden.test(p) || perPerson.test(p))).toEqual([]);
  });
});
