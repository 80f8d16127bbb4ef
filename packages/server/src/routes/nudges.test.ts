import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestFoyer, type TestFoyer, type TestClient } from '../test/harness.js';

describe('author-side nudges', () => {
  let t: TestFoyer;
  let author: TestClient;
  let open: { id: number }, closed: { id: number };
  beforeAll(async () => {
    t = await startTestFoyer();
    author = await t.user('nina');
    open = (await author.post('/spaces', { name: 'Everyone', visibility: 'public' })).body;
    closed = (await author.post('/spaces', { name: 'Board', visibility: 'secret' })).body;
  });
  afterAll(() => t.close());

  it('suggests a higher label to the author for matching text, and says when the audience is wide', async () => {
    const res = await author.post('/nudges/check', { text: 'Salary bands attached, IBAN DE89 3704 0044 0532 0130 00', label: 200, spaceId: open.id });
    expect(res.status).toBe(200);
    expect(res.body.suggestedLabel).toBe(300);
    expect(res.body.matches.map((m: { name: string }) => m.name).sort()).toEqual(['Gehalt / Salary', 'IBAN']);
    expect(res.body.wideAudience).toBe(true);
    expect((await author.post('/nudges/check', { text: 'Salary bands', label: 200, spaceId: closed.id })).body.wideAudience).toBe(false);
    // Already labelled high enough, or harmless text: nothing to say.
    expect((await author.post('/nudges/check', { text: 'Salary bands', label: 300 })).body).toEqual({ matches: [], suggestedLabel: null, wideAudience: false });
    expect((await author.post('/nudges/check', { text: 'Lunch at noon?', label: 100 })).body.matches).toEqual([]);
  });

  it('stores nothing about a check', async () => {
    const before = await t.foyer.svc.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await author.post('/nudges/check', { text: 'streng vertraulich: Projekt Zeta', label: 100 });
    const after = await t.foyer.svc.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect((await author.get('/notifications')).body.items).toEqual([]);
  });

  it('lets administrators manage patterns, refusing unsafe ones', async () => {
    expect((await author.get('/admin/nudges')).status).toBe(403);
    expect((await t.admin.post('/admin/nudges', { name: 'Bad', kind: 'regex', pattern: '(a+)+$', minLabel: 300 })).status).toBe(400);
    expect((await t.admin.post('/admin/nudges', { name: 'Unknown label', kind: 'words', pattern: 'x', minLabel: 350 })).status).toBe(400);
    const created = await t.admin.post('/admin/nudges', { name: 'Code names', kind: 'regex', pattern: 'projekt (polaris|zeta)', minLabel: 400 });
    expect(created.status).toBe(200);
    expect((await author.post('/nudges/check', { text: 'Update zu Projekt Zeta', label: 200 })).body.suggestedLabel).toBe(400);
    expect((await t.admin.put(`/admin/nudges/${created.body.id}`, { name: 'Code names', kind: 'words', pattern: 'polaris', minLabel: 300 })).body.kind).toBe('words');
    expect((await t.admin.del(`/admin/nudges/${created.body.id}`)).status).toBe(204);
    expect((await t.admin.del(`/admin/nudges/${created.body.id}`)).status).toBe(404);
    expect((await t.admin.get('/admin/nudges')).body.items.length).toBe(3);
  });
});
