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
    expect((await asker.put(`/questions/${q.body.id}/best`, { answerId: 999999 })).status).toBe(404);
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

  describe('answers the viewer may not read', () => {
    type Detail = { answerCount: number; bestAnswerId: number | null; answers: { id: number; best: boolean }[] };
    let facilities: { id: number };
    beforeAll(async () => {
      facilities = (await manager.post('/spaces', { name: 'Ask Facilities', visibility: 'public' })).body;
      for (const c of [asker, expert, second]) await c.post(`/spaces/${facilities.id}/join`);
    });
    const listed = async (who: TestClient, path: string) => (await who.get(path)).body.items as { id: number; answerCount: number; bestAnswerId: number | null }[];
    const hide = async (answerId: number) => {
      const r = (await outsider.post('/reports', { targetType: 'answer', targetId: answerId, category: 'spam' })).body;
      expect((await manager.post(`/moderation/reports/${r.id}/decide`, { action: 'hide', reason: 'Looks like spam' })).status).toBe(200);
      return r.id as number;
    };
    /** Detail, both lists and both filters tell the same story for this viewer. */
    const view = async (who: TestClient, questionId: number) => {
      const detail: Detail = (await who.get(`/questions/${questionId}`)).body;
      expect(detail.answers).toHaveLength(detail.answerCount);
      expect(detail.answers.filter((a) => a.best).map((a) => a.id)).toEqual(detail.bestAnswerId === null ? [] : [detail.bestAnswerId]);
      for (const path of [`/spaces/${facilities.id}/questions`, '/questions']) {
        const item = (await listed(who, path)).find((x) => x.id === questionId)!;
        expect(item).toMatchObject({ answerCount: detail.answerCount, bestAnswerId: detail.bestAnswerId });
        expect((await listed(who, `${path}?filter=solved`)).some((x) => x.id === questionId)).toBe(detail.bestAnswerId !== null);
        expect((await listed(who, `${path}?filter=unanswered`)).some((x) => x.id === questionId)).toBe(detail.answerCount === 0);
      }
      return detail;
    };

    it('count, mark best and filter only answers the viewer may read; a hidden best answer unsolves the question for readers until restored', async () => {
      const q = (await asker.post(`/spaces/${facilities.id}/questions`, { title: 'Who fixes the broken blinds in room 4?' })).body;
      const bad = (await expert.post(`/questions/${q.id}/answers`, { body: 'Buy me a coffee and I tell you.' })).body.answers[0];
      const good = (await second.post(`/questions/${q.id}/answers`, { body: 'Open a ticket with facilities.' })).body.answers.find((a: { id: number }) => a.id !== bad.id);
      expect((await asker.put(`/questions/${q.id}/best`, { answerId: bad.id })).body.bestAnswerId).toBe(bad.id);
      const report = await hide(bad.id);
      // Readers: one answer, unsolved, everywhere.
      for (const who of [asker, second, outsider]) expect(await view(who, q.id)).toMatchObject({ answerCount: 1, bestAnswerId: null });
      // Its author and the space's managers still read the hidden answer, so for them it is still the best.
      for (const who of [expert, manager]) expect(await view(who, q.id)).toMatchObject({ answerCount: 2, bestAnswerId: bad.id });
      // A hidden answer cannot become the best: answered exactly like a missing one, for the asker and a manager alike.
      const missing = await asker.put(`/questions/${q.id}/best`, { answerId: 999999 });
      expect(missing.status).toBe(404);
      for (const who of [asker, manager]) {
        const res = await who.put(`/questions/${q.id}/best`, { answerId: bad.id });
        expect(res.status).toBe(404);
        expect(res.body).toEqual(missing.body);
      }
      // An answer to another question is missing here too.
      const other = (await asker.post(`/spaces/${facilities.id}/questions`, { title: 'Where are spare keyboards kept?' })).body;
      const elsewhere = (await expert.post(`/questions/${other.id}/answers`, { body: 'Cupboard next to the kitchen.' })).body.answers[0];
      expect((await asker.put(`/questions/${q.id}/best`, { answerId: elsewhere.id })).body).toEqual(missing.body);
      // The visible answer can be chosen; restoring the hidden one later leaves that choice alone.
      expect((await asker.put(`/questions/${q.id}/best`, { answerId: good.id })).body.bestAnswerId).toBe(good.id);
      for (const who of [asker, expert, manager]) expect(await view(who, q.id)).toMatchObject({ bestAnswerId: good.id });
      await asker.put(`/questions/${q.id}/best`, { answerId: bad.id }).then((r) => expect(r.status).toBe(404));
      expect((await manager.post(`/moderation/reports/${report}/decide`, { action: 'restore', reason: 'Was fine after all' })).status).toBe(200);
      for (const who of [asker, second, outsider, expert, manager]) expect(await view(who, q.id)).toMatchObject({ answerCount: 2, bestAnswerId: good.id });
    });

    it('restoring a hidden best answer makes the question solved again for everyone', async () => {
      const q = (await asker.post(`/spaces/${facilities.id}/questions`, { title: 'Can I book the roof terrace for a team lunch?' })).body;
      const only = (await expert.post(`/questions/${q.id}/answers`, { body: 'Yes, through the room booking tool.' })).body.answers[0];
      await asker.put(`/questions/${q.id}/best`, { answerId: only.id });
      const report = await hide(only.id);
      // Its only answer hidden: unanswered and unsolved for readers.
      for (const who of [asker, second, outsider]) expect(await view(who, q.id)).toMatchObject({ answerCount: 0, bestAnswerId: null, answers: [] });
      for (const who of [expert, manager]) expect(await view(who, q.id)).toMatchObject({ answerCount: 1, bestAnswerId: only.id });
      await manager.post(`/moderation/reports/${report}/decide`, { action: 'restore', reason: 'Fine' });
      for (const who of [asker, second, outsider, expert, manager]) expect(await view(who, q.id)).toMatchObject({ answerCount: 1, bestAnswerId: only.id });
    });
  });
});
