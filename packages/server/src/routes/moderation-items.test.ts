import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestFoyer, type TestFoyer, type TestClient } from '../test/harness.js';
import { indexed } from '../search/testing.js';

type Item = { id: number };
const ids = (items: Item[]) => items.map((x) => x.id);

/** Reports and decisions on questions, answers and wiki pages: the same flow as for posts. */
describe('moderation of questions, answers and wiki pages', () => {
  let t: TestFoyer;
  let owner: TestClient, author: TestClient, reporter: TestClient, bystander: TestClient, companyMod: TestClient, outsider: TestClient;
  let space: Item;
  beforeAll(async () => {
    t = await startTestFoyer();
    owner = await t.user('sven');
    author = await t.user('troll');
    reporter = await t.user('rhea');
    bystander = await t.user('bea');
    companyMod = await t.user('mona');
    outsider = await t.user('otto');
    await t.admin.put(`/admin/people/${companyMod.id}/roles/moderator`);
    space = (await owner.post('/spaces', { name: 'Werkstatt', visibility: 'private' })).body;
    for (const c of [author, reporter, bystander]) {
      await owner.post(`/spaces/${space.id}/members`, { userId: c.id });
      await c.post(`/spaces/${space.id}/accept`);
    }
  });
  afterAll(() => t.close());

  const searchIds = async (c: TestClient, q: string) => {
    await indexed(t);
    return ((await c.get(`/search?q=${encodeURIComponent(q)}`)).body.items as { type: string; id: number }[]).map((i) => `${i.type}:${i.id}`);
  };
  const decisionFor = async (c: TestClient, reportId: number) =>
    (await c.get('/notifications')).body.items.find((n: { type: string; data: { reportId?: number } }) => n.type === 'moderation_decision' && n.data.reportId === reportId);
  const auditHas = async (reportId: number) =>
    !!(await t.foyer.svc.db.selectFrom('audit_log').select('seq').where('action', '=', 'moderation.decided').where('target_id', '=', String(reportId)).executeTakeFirst());

  it('accepts reports on each new item type, only from people who can read the item, and routes them to the space first', async () => {
    const q = (await author.post(`/spaces/${space.id}/questions`, { title: 'Why is everyone here so slow?', body: 'Seriously', tags: [] })).body;
    const a = (await author.post(`/questions/${q.id}/answers`, { body: 'Because they are lazy' })).body.answers[0];
    const page = (await author.post(`/spaces/${space.id}/pages`, { title: 'Rumours', body: 'Gossip about colleagues' })).body;
    for (const [targetType, targetId] of [['question', q.id], ['answer', a.id], ['page', page.id]] as const) {
      expect((await outsider.post('/reports', { targetType, targetId, category: 'spam' })).status).toBe(404);
      expect((await reporter.post('/reports', { targetType, targetId: 999_999, category: 'spam' })).status).toBe(404);
      expect((await author.post('/reports', { targetType, targetId, category: 'spam' })).status).toBe(400);
      const r = await reporter.post('/reports', { targetType, targetId, category: 'spam', note: 'not helpful' });
      expect(r.status).toBe(200);
      // The same reporter again: the open report, not a second one.
      expect((await reporter.post('/reports', { targetType, targetId, category: 'spam' })).body.id).toBe(r.body.id);
      const seen = (await owner.get(`/moderation/reports/${r.body.id}`)).body;
      expect(seen).toMatchObject({ targetType, targetId, escalated: false, note: 'not helpful', space: { id: space.id }, item: { author: { id: author.id }, hidden: false, deleted: false } });
      expect((await companyMod.get(`/moderation/reports/${r.body.id}`)).status).toBe(404);
      expect(ids((await owner.get('/moderation/reports')).body.items)).toContain(r.body.id);
      expect(ids((await companyMod.get('/moderation/reports')).body.items)).not.toContain(r.body.id);
    }
    const queue = (await owner.get('/moderation/reports')).body.items as { targetType: string; item: { title: string | null; parentId: number | null; html: string } }[];
    expect(queue.find((r) => r.targetType === 'question')!.item).toMatchObject({ title: 'Why is everyone here so slow?', parentId: null });
    expect(queue.find((r) => r.targetType === 'answer')!.item).toMatchObject({ title: null, parentId: q.id, html: '<p>Because they are lazy</p>\n' });
    expect(queue.find((r) => r.targetType === 'page')!.item).toMatchObject({ title: 'Rumours' });
    // Bad input changes nothing.
    expect((await reporter.post('/reports', { targetType: 'wiki', targetId: page.id, category: 'spam' })).status).toBe(400);
  });

  it('escalates categories to company moderators with exactly the reported answer visible to them', async () => {
    const q = (await bystander.post(`/spaces/${space.id}/questions`, { title: 'What do the new prices look like?', body: '', tags: [] })).body;
    const a = (await author.post(`/questions/${q.id}/answers`, { body: 'Here is the confidential price sheet' })).body.answers[0];
    const r = (await reporter.post('/reports', { targetType: 'answer', targetId: a.id, category: 'confidential_leak' })).body;
    const seen = await companyMod.get(`/moderation/reports/${r.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ escalated: true, item: { html: '<p>Here is the confidential price sheet</p>\n', parentId: q.id } });
    expect(JSON.stringify(seen.body)).not.toContain('new prices');
    // Exactly the item: the question and the space stay closed to the company moderator.
    expect((await companyMod.get(`/questions/${q.id}`)).status).toBe(404);
    expect((await companyMod.get(`/spaces/${space.id}/questions`)).status).toBe(404);
    expect((await owner.get('/notifications')).body.items.some((n: { type: string; data: { reportId?: number } }) => n.type === 'report_received' && n.data.reportId === r.id)).toBe(true);
    expect((await companyMod.get('/notifications')).body.items.some((n: { type: string; data: { reportId?: number } }) => n.type === 'report_received' && n.data.reportId === r.id)).toBe(true);
    const deleted = await companyMod.post(`/moderation/reports/${r.id}/decide`, { action: 'delete', reason: 'Prices are confidential' });
    expect(deleted.body).toMatchObject({ status: 'resolved', item: { deleted: true, html: '' } });
    const after = (await bystander.get(`/questions/${q.id}`)).body;
    expect(after.answerCount).toBe(0);
    expect(ids(after.answers)).not.toContain(a.id);
    expect((await decisionFor(author, r.id)).data).toMatchObject({ action: 'delete', reason: 'Prices are confidential' });
    expect(await auditHas(r.id)).toBe(true);
  });

  it('hides a question pending review: gone for readers, lists and search, kept for its author and moderators; restore brings it back', async () => {
    const q = (await author.post(`/spaces/${space.id}/questions`, { title: 'Zylophonic insults thread', body: 'zylophonic nonsense', tags: [] })).body;
    const a = (await bystander.post(`/questions/${q.id}/answers`, { body: 'zylophonic reply' })).body.answers[0];
    expect(await searchIds(bystander, 'zylophonic')).toEqual(expect.arrayContaining([`question:${q.id}`, `answer:${a.id}`]));
    const r = (await reporter.post('/reports', { targetType: 'question', targetId: q.id, category: 'harassment' })).body;
    expect((await bystander.post(`/moderation/reports/${r.id}/decide`, { action: 'hide', reason: 'x' })).status).toBe(404);
    const hidden = await owner.post(`/moderation/reports/${r.id}/decide`, { action: 'hide', reason: 'Insults break the guidelines' });
    expect(hidden.body).toMatchObject({ status: 'open', item: { hidden: true }, actions: [{ action: 'hide', moderator: { id: owner.id } }] });
    expect((await bystander.get(`/questions/${q.id}`)).status).toBe(404);
    expect(ids((await bystander.get(`/spaces/${space.id}/questions`)).body.items)).not.toContain(q.id);
    expect(ids((await bystander.get('/questions')).body.items)).not.toContain(q.id);
    // The hidden question takes its answers out of search with it.
    expect(await searchIds(bystander, 'zylophonic')).toEqual([]);
    expect((await bystander.post('/reports', { targetType: 'answer', targetId: a.id, category: 'spam' })).status).toBe(404);
    expect((await author.get(`/questions/${q.id}`)).status).toBe(200);
    expect(ids((await author.get('/questions')).body.items)).toContain(q.id);
    expect((await owner.get(`/questions/${q.id}`)).status).toBe(200);
    expect((await decisionFor(reporter, r.id)).data).toMatchObject({ action: 'hide', reason: 'Insults break the guidelines' });
    expect((await decisionFor(author, r.id)).data.action).toBe('hide');
    const restored = await owner.post(`/moderation/reports/${r.id}/decide`, { action: 'restore', reason: 'Reworded by the author' });
    expect(restored.body).toMatchObject({ status: 'resolved', item: { hidden: false } });
    expect((await bystander.get(`/questions/${q.id}`)).status).toBe(200);
    expect(await searchIds(bystander, 'zylophonic')).toEqual(expect.arrayContaining([`question:${q.id}`, `answer:${a.id}`]));
    expect((await owner.post(`/moderation/reports/${r.id}/decide`, { action: 'delete', reason: 'late' })).status).toBe(409);
    expect(await auditHas(r.id)).toBe(true);
  });

  it('hides a single answer from everyone but its author and the space moderators', async () => {
    const q = (await bystander.post(`/spaces/${space.id}/questions`, { title: 'Where is the coffee machine?', body: '', tags: [] })).body;
    const a = (await author.post(`/questions/${q.id}/answers`, { body: 'quibblewort go away' })).body.answers[0];
    const r = (await reporter.post('/reports', { targetType: 'answer', targetId: a.id, category: 'harassment' })).body;
    await owner.post(`/moderation/reports/${r.id}/decide`, { action: 'hide', reason: 'Rude' });
    expect(ids((await bystander.get(`/questions/${q.id}`)).body.answers)).not.toContain(a.id);
    expect(ids((await author.get(`/questions/${q.id}`)).body.answers)).toContain(a.id);
    expect(ids((await owner.get(`/questions/${q.id}`)).body.answers)).toContain(a.id);
    expect(await searchIds(bystander, 'quibblewort')).toEqual([]);
    // Hidden is missing: no votes or comments on it from readers either.
    expect((await bystander.put(`/answers/${a.id}/vote`, { value: 1 })).status).toBe(404);
    expect((await bystander.post(`/answers/${a.id}/comments`, { body: 'what?' })).status).toBe(404);
    expect((await owner.put(`/answers/${a.id}/vote`, { value: -1 })).status).toBe(200);
    expect((await decisionFor(author, r.id)).data.action).toBe('hide');
  });

  it('hides, restores and deletes wiki pages, warns and mutes their author', async () => {
    const page = (await author.post(`/spaces/${space.id}/pages`, { title: 'Gribblestone gossip', body: 'gribblestone rumours about Bea' })).body;
    expect(await searchIds(bystander, 'gribblestone')).toContain(`page:${page.id}`);
    const r = (await reporter.post('/reports', { targetType: 'page', targetId: page.id, category: 'harassment' })).body;
    await owner.post(`/moderation/reports/${r.id}/decide`, { action: 'hide', reason: 'About a colleague' });
    expect((await bystander.get(`/pages/${page.id}`)).status).toBe(404);
    expect(ids((await bystander.get(`/spaces/${space.id}/pages`)).body.items)).not.toContain(page.id);
    expect(ids((await bystander.get('/pages')).body.items)).not.toContain(page.id);
    expect(await searchIds(bystander, 'gribblestone')).toEqual([]);
    expect((await author.get(`/pages/${page.id}`)).status).toBe(200);
    expect((await owner.get(`/pages/${page.id}`)).status).toBe(200);
    await owner.post(`/moderation/reports/${r.id}/decide`, { action: 'restore', reason: 'Checked: harmless' });
    expect((await bystander.get(`/pages/${page.id}`)).status).toBe(200);
    expect(await searchIds(bystander, 'gribblestone')).toContain(`page:${page.id}`);

    const again = (await reporter.post('/reports', { targetType: 'page', targetId: page.id, category: 'harassment', note: 'it is back' })).body;
    expect(again.id).not.toBe(r.id);
    const warned = await owner.post(`/moderation/reports/${again.id}/decide`, { action: 'warn', reason: 'Keep it professional' });
    expect(warned.body).toMatchObject({ status: 'resolved', actions: [{ action: 'warn' }] });
    expect((await decisionFor(author, again.id)).data).toMatchObject({ action: 'warn', reason: 'Keep it professional' });

    const third = (await reporter.post('/reports', { targetType: 'page', targetId: page.id, category: 'harassment' })).body;
    expect((await owner.post(`/moderation/reports/${third.id}/decide`, { action: 'mute', reason: 'Third time', muteDays: 2 })).status).toBe(200);
    const blocked = await author.post(`/spaces/${space.id}/questions`, { title: 'May I still ask?', body: '', tags: [] });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.message).toContain('muted');
    expect((await author.post(`/spaces/${space.id}/pages`, { title: 'Another page', body: 'more' })).status).toBe(403);
    await t.foyer.svc.db.deleteFrom('space_mutes').where('user_id', '=', author.id).execute();

    const child = (await bystander.post(`/spaces/${space.id}/pages`, { title: 'Child page', body: 'under the gossip', parentId: page.id })).body;
    const last = (await reporter.post('/reports', { targetType: 'page', targetId: page.id, category: 'harassment' })).body;
    const deleted = await owner.post(`/moderation/reports/${last.id}/decide`, { action: 'delete', reason: 'Removed for good' });
    expect(deleted.body).toMatchObject({ status: 'resolved', item: { deleted: true } });
    expect((await author.get(`/pages/${page.id}`)).status).toBe(404);
    expect(await searchIds(bystander, 'gribblestone')).toEqual([]);
    // Its child moves up instead of hanging under a deleted page.
    expect((await bystander.get(`/pages/${child.id}`)).body.parentId).toBeNull();
    expect((await decisionFor(reporter, last.id)).data).toMatchObject({ action: 'delete', reason: 'Removed for good' });
    expect(await auditHas(last.id)).toBe(true);
  });
});
