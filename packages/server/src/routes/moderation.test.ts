import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestFoyer, type TestFoyer, type TestClient } from '../test/harness.js';

describe('moderation without surveillance', () => {
  let t: TestFoyer;
  let owner: TestClient, author: TestClient, reporter: TestClient, bystander: TestClient, companyMod: TestClient;
  let space: { id: number };
  beforeAll(async () => {
    t = await startTestFoyer();
    owner = await t.user('sven');
    author = await t.user('troll');
    reporter = await t.user('rhea');
    bystander = await t.user('bea');
    companyMod = await t.user('mona');
    await t.admin.put(`/admin/people/${companyMod.id}/roles/moderator`);
    space = (await owner.post('/spaces', { name: 'Kantine', visibility: 'private' })).body;
    for (const c of [author, reporter, bystander]) {
      await owner.post(`/spaces/${space.id}/members`, { userId: c.id });
      await c.post(`/spaces/${space.id}/accept`);
    }
  });
  afterAll(() => t.close());

  it('sends a report to the space moderators first, and only what the reporter can see', async () => {
    const post = (await author.post('/posts', { spaceId: space.id, body: 'Spam spam spam' })).body;
    expect((await reporter.post('/reports', { targetType: 'post', targetId: post.id, category: 'rumour' })).status).toBe(400);
    expect((await author.post('/reports', { targetType: 'post', targetId: post.id, category: 'spam' })).status).toBe(400);
    const outsider = await t.user('otto');
    expect((await outsider.post('/reports', { targetType: 'post', targetId: post.id, category: 'spam' })).status).toBe(404);
    const r = await reporter.post('/reports', { targetType: 'post', targetId: post.id, category: 'spam', note: 'again' });
    expect(r.status).toBe(200);
    expect((await reporter.post('/reports', { targetType: 'post', targetId: post.id, category: 'spam' })).body.id).toBe(r.body.id);
    const queue = (await owner.get('/moderation/reports')).body.items;
    expect(queue.map((x: { id: number }) => x.id)).toContain(r.body.id);
    expect(queue.find((x: { id: number }) => x.id === r.body.id)).toMatchObject({ escalated: false, item: { html: '<p>Spam spam spam</p>\n' } });
    // Not escalated: the company moderator does not see it; nor do others (like missing).
    expect((await companyMod.get('/moderation/reports')).body.items.map((x: { id: number }) => x.id)).not.toContain(r.body.id);
    expect((await companyMod.get(`/moderation/reports/${r.body.id}`)).status).toBe(404);
    expect((await bystander.get(`/moderation/reports/${r.body.id}`)).status).toBe(404);
    expect((await owner.get('/notifications')).body.items.some((n: { type: string }) => n.type === 'report_received')).toBe(true);
  });

  it('hides pending review, restores, and explains every decision to reporter and author', async () => {
    const post = (await author.post('/posts', { spaceId: space.id, body: 'You are all idiots' })).body;
    const r = (await reporter.post('/reports', { targetType: 'post', targetId: post.id, category: 'harassment' })).body;
    expect((await bystander.post(`/moderation/reports/${r.id}/decide`, { action: 'hide', reason: 'x' })).status).toBe(404);
    expect((await owner.post(`/moderation/reports/${r.id}/decide`, { action: 'hide', reason: '' })).status).toBe(400);
    const hidden = await owner.post(`/moderation/reports/${r.id}/decide`, { action: 'hide', reason: 'Insults break the guidelines' });
    expect(hidden.body).toMatchObject({ status: 'open', item: { hidden: true }, actions: [{ action: 'hide', moderator: { id: owner.id } }] });
    expect((await bystander.get(`/posts/${post.id}`)).status).toBe(404);
    expect((await bystander.get(`/spaces/${space.id}/posts`)).body.items.map((p: { id: number }) => p.id)).not.toContain(post.id);
    expect((await author.get(`/posts/${post.id}`)).status).toBe(200);
    expect((await owner.get(`/posts/${post.id}`)).status).toBe(200);
    const decisionFor = async (c: TestClient) => (await c.get('/notifications')).body.items.find((n: { type: string; data: { reportId?: number } }) => n.type === 'moderation_decision' && n.data.reportId === r.id);
    expect((await decisionFor(reporter)).data).toMatchObject({ action: 'hide', reason: 'Insults break the guidelines' });
    expect((await decisionFor(author)).data.action).toBe('hide');
    const restored = await owner.post(`/moderation/reports/${r.id}/decide`, { action: 'restore', reason: 'The author apologised' });
    expect(restored.body).toMatchObject({ status: 'resolved', item: { hidden: false } });
    expect((await bystander.get(`/posts/${post.id}`)).status).toBe(200);
    expect((await owner.post(`/moderation/reports/${r.id}/decide`, { action: 'delete', reason: 'late' })).status).toBe(409);
  });

  it('escalates chosen categories to company moderators, who see exactly the item and can mute', async () => {
    const post = (await author.post('/posts', { spaceId: space.id, body: 'Here is the confidential price list' })).body;
    const r = (await reporter.post('/reports', { targetType: 'post', targetId: post.id, category: 'confidential_leak' })).body;
    const seen = await companyMod.get(`/moderation/reports/${r.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ escalated: true, item: { html: '<p>Here is the confidential price list</p>\n' } });
    // Exactly the item: the space and its other posts stay closed to the company moderator.
    expect((await companyMod.get(`/spaces/${space.id}/posts`)).status).toBe(404);
    expect((await companyMod.get(`/posts/${post.id}`)).status).toBe(404);
    expect((await companyMod.post(`/moderation/reports/${r.id}/decide`, { action: 'mute', reason: 'Leaked prices' })).status).toBe(400);
    const muted = await companyMod.post(`/moderation/reports/${r.id}/decide`, { action: 'mute', reason: 'Leaked prices', muteDays: 3 });
    expect(muted.status).toBe(200);
    const blocked = await author.post('/posts', { spaceId: space.id, body: 'let me talk' });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.message).toContain('muted');
    expect((await author.post(`/posts/${post.id}/comments`, { body: 'me too' })).status).toBe(403);
  });

  it('deletes a reported comment as a tombstone and keeps the post’s comment count right', async () => {
    const post = (await owner.post('/posts', { spaceId: space.id, body: 'Lunch plans?' })).body;
    const comment = (await bystander.post(`/posts/${post.id}/comments`, { body: 'Buy my crypto course' })).body;
    expect((await reporter.get(`/posts/${post.id}`)).body.commentCount).toBe(1);
    const r = (await reporter.post('/reports', { targetType: 'comment', targetId: comment.id, category: 'spam' })).body;
    await owner.post(`/moderation/reports/${r.id}/decide`, { action: 'delete', reason: 'Spam' });
    expect((await reporter.get(`/posts/${post.id}`)).body.commentCount).toBe(0);
    const comments = (await reporter.get(`/posts/${post.id}/comments`)).body;
    expect(comments.find((c: { id: number }) => c.id === comment.id)).toMatchObject({ deleted: true, body: '' });
  });

  it('sends reports on direct messages to the company moderators, with nothing but the message', async () => {
    const dm = (await author.post('/conversations', { kind: 'direct', userId: reporter.id })).body;
    await author.post(`/conversations/${dm.id}/messages`, { body: 'earlier harmless message', clientKey: 'modtest0001' });
    const bad = (await author.post(`/conversations/${dm.id}/messages`, { body: 'threatening message', clientKey: 'modtest0002' })).body;
    const r = (await reporter.post('/reports', { targetType: 'message', targetId: bad.id, category: 'other' })).body;
    const seen = (await companyMod.get(`/moderation/reports/${r.id}`)).body;
    expect(seen).toMatchObject({ escalated: true, space: null, item: { html: '<p>threatening message</p>\n' } });
    expect(JSON.stringify(seen)).not.toContain('harmless');
    expect((await companyMod.get(`/conversations/${dm.id}/messages`)).status).toBe(404);
    await companyMod.post(`/moderation/reports/${r.id}/decide`, { action: 'delete', reason: 'Threats are not tolerated' });
    expect((await reporter.get(`/messages/${bad.id}`)).body).toMatchObject({ deleted: true, body: '' });
  });
});
