import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestFoyer, type TestFoyer, type TestClient } from '../test/harness.js';

describe('questions and answers', () => {
  let t: TestFoyer;
  let asker: TestClient, expert: TestClient, second: TestClient, manager: TestClient, outsider: TestClient, guest: TestClient;
  let it_: { id: number }, hidden: { id: number };
  beforeAll(async () => {
    t = await startTestFoyer();
    manager = await t.user('mia');
    asker = await t.user('arne');
    expert = await t.user('erik');
    second = await t.user('sina');
    outsider = await t.user('olli');
    guest = await t.user('gina', { role: 'guest' });
    it_ = (await manager.post('/spaces', { name: 'Ask IT', visibility: 'public' })).body;
    for (const c of [asker, expert, second]) await c.post(`/spaces/${it_.id}/join`);
    hidden = (await manager.post('/spaces', { name: 'HR cases', visibility: 'secret' })).body;
  });
  afterAll(() => t.close());

  it('asks, answers, votes and marks the best answer, which is shown first', async () => {
    const q = await asker.post(`/spaces/${it_.id}/questions`, { title: 'How do I connect to the VPN from home?', body: 'Windows 11, **error 809**', tags: ['VPN', 'windows'] });
    expect(q.status).toBe(200);
    expect(q.body).toMatchObject({ tags: ['vpn', 'windows'], answerCount: 0, bestAnswerId: null, label: 200, abilities: { chooseBest: true } });
    const a1 = (await expert.post(`/questions/${q.body.id}/answers`, { body: 'Open port 500 on your router.' })).body.answers[0];
    const withTwo = (await second.post(`/questions/${q.body.id}/answers`, { body: 'Use the new client, it tunnels over 443.' })).body;
    const a2 = withTwo.answers.find((a: { id: number }) => a.id !== a1.id);
    expect(withTwo.answerCount).toBe(2);
    // Votes: one per person, not on one's own answer, withdrawable.
    expect((await expert.put(`/answers/${a1.id}/vote`, { value: 1 })).status).toBe(403);
    await asker.put(`/answers/${a2.id}/vote`, { value: 1 });
    await manager.put(`/answers/${a2.id}/vote`, { value: 1 });
    await manager.put(`/answers/${a1.id}/vote`, { value: -1 });
    let detail = (await asker.get(`/questions/${q.body.id}`)).body;
    expect(detail.answers.map((a: { id: number; score: number }) => [a.id, a.score])).toEqual([
      [a2.id, 2],
      [a1.id, -1],
    ]);
    expect(detail.answers[0].myVote).toBe(1);
    expect((await asker.put(`/answers/${a2.id}/vote`, { value: 2 })).status).toBe(400);
    // The asker (or a space admin) chooses the best answer; it is shown first whatever its score.
    expect((await expert.put(`/questions/${q.body.id}/best`, { answerId: a1.id })).status).toBe(403);
    detail = (await asker.put(`/questions/${q.body.id}/best`, { answerId: a1.id })).body;
    expect(detail.bestAnswerId).toBe(a1.id);
    expect(detail.answers[0]).toMatchObject({ id: a1.id, best: true });
    expect((await manager.put(`/questions/${q.body.id}/best`, { answerId: a2.id })).body.bestAnswerId).toBe(a2.id);
    expect((await asker.put(`/questions/${q.body.id}/best`, { answerId: 999999 })).status).toBe(400);
    // Comments on answers.
    const commented = (await asker.post(`/answers/${a2.id}/comments`, { body: 'Worked, thanks!' })).body;
    expect(commented.answers.find((a: { id: number }) => a.id === a2.id).comments[0].html).toContain('Worked');
    expect((await asker.get('/notifications')).body.items.some((n: { type: string; data: { questionId?: number } }) => n.data.questionId === q.body.id)).toBe(true);
  });

  it('filters unanswered and solved questions per space and across the company, and finds similar ones', async () => {
    const open = (await asker.post(`/spaces/${it_.id}/questions`, { title: 'Printer on floor 3 jams constantly' })).body;
    const ids = async (path: string) => (await asker.get(path)).body.items.map((x: { id: number }) => x.id);
    expect(await ids(`/spaces/${it_.id}/questions?filter=unanswered`)).toContain(open.id);
    expect(await ids('/questions?filter=unanswered')).toContain(open.id);
    expect(await ids('/questions?filter=solved')).not.toContain(open.id);
    expect((await asker.get('/questions?filter=solved')).body.items.every((q: { bestAnswerId: number | null }) => q.bestAnswerId !== null)).toBe(true);
    const similar = (await second.get('/questions/similar?q=VPN connection problems from home')).body.items;
    expect(similar.map((x: { title: string }) => x.title)).toContain('How do I connect to the VPN from home?');
    expect((await second.get('/questions/similar?q=ab')).status).toBe(400);
  });

  it('keeps questions of hidden spaces and above a guest maximum out of every list', async () => {
    const secret = (await manager.post(`/spaces/${hidden.id}/questions`, { title: 'Severance for the VPN team?' })).body;
    const confidential = (await manager.post(`/spaces/${it_.id}/questions`, { title: 'Salary bands for VPN engineers', label: 300 })).body;
    await manager.post(`/spaces/${it_.id}/members`, { userId: guest.id });
    await guest.post(`/spaces/${it_.id}/accept`);
    for (const [who, id] of [
      [outsider, secret.id],
      [guest, confidential.id],
      [guest, secret.id],
    ] as const) {
      expect((await who.get(`/questions/${id}`)).status).toBe(404);
      expect((await who.get('/questions')).body.items.map((x: { id: number }) => x.id)).not.toContain(id);
      expect((await who.get('/questions/similar?q=VPN severance salary')).body.items.map((x: { id: number }) => x.id)).not.toContain(id);
      expect((await who.post(`/questions/${id}/answers`, { body: 'me' })).status).toBe(404);
    }
    expect((await outsider.get(`/spaces/${hidden.id}/questions`)).status).toBe(404);
    expect((await outsider.get(`/questions/${confidential.id}`)).status).toBe(200);
    expect((await outsider.post(`/spaces/${it_.id}/questions`, { title: 'Not a member here' })).status).toBe(403);
    expect((await asker.post(`/spaces/${it_.id}/questions`, { title: 'Hi' })).status).toBe(400);
  });
});
