import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { EVENT_SCHEMAS, type EventName, type ServerMessage } from '@foyer/shared';
import { startTestFoyer, type TestFoyer, type TestClient } from '../test/harness.js';
import { connectWs, type WsClient } from '../test/ws.js';

type Ev = Extract<ServerMessage, { kind: 'event' }>;

/**
 * Questions, answers, wiki pages and space files over the socket: each event reaches exactly the
 * people whom REST would show the item to (space, label, moderation), decided before sending.
 */
describe('realtime delivery of questions, answers, pages and files', () => {
  let t: TestFoyer;
  let base: string;
  let alice: TestClient, bob: TestClient, dave: TestClient, carol: TestClient, gus: TestClient;
  let space: { id: number }, fenceSpace: { id: number };
  beforeAll(async () => {
    t = await startTestFoyer();
    base = await t.foyer.app.listen({ port: 0, host: '127.0.0.1' });
    alice = await t.user('alice'); // owner of the private space
    bob = await t.user('bob');
    dave = await t.user('dave');
    carol = await t.user('carol'); // an employee outside the private space
    gus = await t.user('gus', { role: 'guest' });
    space = (await alice.post('/spaces', { name: 'Knowledge core', visibility: 'private' })).body;
    fenceSpace = (await alice.post('/spaces', { name: 'Lobby', visibility: 'public' })).body;
    for (const [s, c] of [
      [space, bob],
      [space, dave],
      [space, gus],
      [fenceSpace, gus],
    ] as const) {
      await alice.post(`/spaces/${s.id}/members`, { userId: c.id });
      await c.post(`/spaces/${s.id}/accept`);
    }
  });
  afterAll(() => t.close());

  /**
   * Events are delivered in commit order: once a later post everyone may read has arrived on each
   * socket, every earlier event meant for it has arrived too.
   */
  const fence = async (sockets: WsClient[]) => {
    const post = (await alice.post('/posts', { spaceId: fenceSpace.id, body: 'fence' })).body;
    await Promise.all(sockets.map((w) => w.waitFor((m) => m.kind === 'event' && m.type === 'post.created' && m.data.postId === post.id)));
  };
  const ofSpace = (w: WsClient) => w.events().filter((e) => e.data.spaceId === space.id && !e.type.startsWith('notification.'));
  const has = (w: WsClient, type: EventName, data: Record<string, unknown>) => ofSpace(w).some((e) => e.type === type && Object.entries(data).every(([k, v]) => e.data[k] === v));
  const upload = async (c: TestClient, name: string, query: Record<string, number>) => {
    const res = await t.foyer.app.inject({
      method: 'POST',
      url: `/api/v1/files?${new URLSearchParams({ name, ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) })}`,
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': 'application/octet-stream' },
      payload: Buffer.from(`notes for ${name}`),
    });
    expect(res.statusCode).toBe(200);
    return res.json() as { id: number };
  };
  const newVersion = (c: TestClient, fileId: number, name: string) =>
    t.foyer.app.inject({
      method: 'POST',
      url: `/api/v1/files/${fileId}/versions?name=${encodeURIComponent(name)}`,
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': 'application/octet-stream' },
      payload: Buffer.from('second version'),
    });
  const hide = async (targetType: 'question' | 'answer' | 'page', targetId: number, reporter = bob) => {
    const report = (await reporter.post('/reports', { targetType, targetId, category: 'spam' })).body;
    expect((await alice.post(`/moderation/reports/${report.id}/decide`, { action: 'hide', reason: 'Review' })).status).toBe(200);
    return report.id as number;
  };

  it('reaches readers of a private space only, and a guest nothing above the guest maximum', async () => {
    const [wb, wc, wg] = await Promise.all([bob, carol, gus].map((c) => connectWs(base, c.cookie)));
    // An item the guest may read and one above the guest maximum (300), of each kind.
    const q = (await alice.post(`/spaces/${space.id}/questions`, { title: 'Which VPN profile for the lab?' })).body;
    const q300 = (await alice.post(`/spaces/${space.id}/questions`, { title: 'Which lab budget for next year?', label: 300 })).body;
    const a = (await dave.post(`/questions/${q.id}/answers`, { body: 'The lab profile.' })).body.answers[0];
    const a300 = (await dave.post(`/questions/${q300.id}/answers`, { body: 'Same as this year.' })).body.answers[0];
    expect((await bob.put(`/answers/${a.id}/vote`, { value: 1 })).status).toBe(200);
    expect((await bob.put(`/answers/${a300.id}/vote`, { value: 1 })).status).toBe(200);
    await alice.put(`/questions/${q.id}/best`, { answerId: a.id });
    await alice.put(`/questions/${q300.id}/best`, { answerId: a300.id });
    await dave.patch(`/answers/${a.id}`, { body: 'The lab profile, version 2.' });
    await alice.patch(`/questions/${q300.id}`, { title: 'Which lab budget for the next two years?' });
    const page = (await alice.post(`/spaces/${space.id}/pages`, { title: 'Lab rules', body: 'Be nice.' })).body;
    const page300 = (await alice.post(`/spaces/${space.id}/pages`, { title: 'Lab salaries', body: 'Numbers.', label: 300 })).body;
    await alice.put(`/pages/${page.id}`, { title: 'Lab rules', body: 'Be nice. Clean up.', baseVersion: 1 });
    await alice.put(`/pages/${page300.id}/position`, { parentId: page.id, position: 0 });
    const file = await upload(alice, 'rota.txt', { spaceId: space.id });
    const file300 = await upload(alice, 'salaries.txt', { spaceId: space.id, label: 300 });
    expect((await newVersion(alice, file.id, 'rota.txt')).statusCode).toBe(200);
    expect((await newVersion(alice, file300.id, 'salaries.txt')).statusCode).toBe(200);
    expect((await alice.del(`/answers/${a300.id}`)).status).toBe(204);
    expect((await alice.del(`/pages/${page300.id}`)).status).toBe(204);
    expect((await alice.del(`/files/${file300.id}`)).status).toBe(204);
    expect((await alice.del(`/questions/${q300.id}`)).status).toBe(204);
    await fence([wb, wc, wg]);

    // A member reads everything.
    const expected: [EventName, Record<string, unknown>][] = [
      ['question.created', { questionId: q.id, authorId: alice.id }],
      ['question.created', { questionId: q300.id }],
      ['answer.created', { questionId: q.id, answerId: a.id, authorId: dave.id }],
      ['answer.created', { answerId: a300.id }],
      ['answer.voted', { answerId: a.id, score: 1 }],
      ['answer.voted', { answerId: a300.id, score: 1 }],
      ['answer.best', { questionId: q.id, answerId: a.id }],
      ['answer.best', { questionId: q300.id, answerId: a300.id }],
      ['answer.updated', { answerId: a.id }],
      ['question.updated', { questionId: q300.id }],
      ['page.created', { pageId: page.id }],
      ['page.created', { pageId: page300.id }],
      ['page.updated', { pageId: page.id, version: 2 }],
      ['page.moved', { pageId: page300.id }],
      ['file.created', { fileId: file.id }],
      ['file.created', { fileId: file300.id }],
      ['file.versioned', { fileId: file.id, version: 2 }],
      ['file.versioned', { fileId: file300.id, version: 2 }],
      ['answer.deleted', { answerId: a300.id }],
      ['page.deleted', { pageId: page300.id }],
      ['file.deleted', { fileId: file300.id }],
      ['question.deleted', { questionId: q300.id }],
    ];
    for (const [type, data] of expected) expect(has(wb, type, data), `${type} ${JSON.stringify(data)}`).toBe(true);
    // Every payload is in the catalogue, and a vote carries the total, never the voter.
    for (const e of ofSpace(wb)) expect(EVENT_SCHEMAS[e.type].strict().safeParse(e.data).success, e.type).toBe(true);
    expect(Object.keys(ofSpace(wb).find((e) => e.type === 'answer.voted')!.data).sort()).toEqual(['answerId', 'questionId', 'score', 'spaceId']);

    // An employee outside the private space gets none of it.
    expect(ofSpace(wc)).toEqual([]);

    // The guest gets what the guest maximum allows, and nothing about the confidential items.
    const confidential = (d: Record<string, unknown>) => d.questionId === q300.id || d.answerId === a300.id || d.pageId === page300.id || d.fileId === file300.id;
    for (const [type, data] of expected.filter(([, d]) => !confidential(d))) expect(has(wg, type, data), `guest: ${type} ${JSON.stringify(data)}`).toBe(true);
    expect(ofSpace(wg).filter((e) => confidential(e.data))).toEqual([]);
    for (const w of [wb, wc, wg]) w.close();
  });

  it("announces a new version of an attachment as a change of its item, to the item's readers only", async () => {
    const [wb, wc, wg] = await Promise.all([bob, carol, gus].map((c) => connectWs(base, c.cookie)));
    const open = await upload(alice, 'agenda.txt', {});
    const secret = await upload(alice, 'budget.txt', {});
    const q = (await alice.post(`/spaces/${space.id}/questions`, { title: 'Which agenda for the lab day?', fileIds: [open.id] })).body;
    const q300 = (await alice.post(`/spaces/${space.id}/questions`, { title: 'Which budget for the lab day?', label: 300, fileIds: [secret.id] })).body;
    await fence([wb, wc, wg]);
    const before = (w: WsClient) => ofSpace(w).length;
    const counts = [wb, wc, wg].map(before);
    expect((await newVersion(alice, open.id, 'agenda.txt')).statusCode).toBe(200);
    expect((await newVersion(alice, secret.id, 'budget.txt')).statusCode).toBe(200);
    await fence([wb, wc, wg]);
    const since = (w: WsClient, i: number) => ofSpace(w).slice(counts[i]);
    expect(since(wb, 0).map((e) => [e.type, e.data.questionId])).toEqual([
      ['question.updated', q.id],
      ['question.updated', q300.id],
    ]);
    expect(since(wc, 1)).toEqual([]);
    // The guest reads the question, not the confidential one.
    expect(since(wg, 2).map((e) => [e.type, e.data.questionId])).toEqual([['question.updated', q.id]]);
    for (const w of [wb, wc, wg]) w.close();
  });

  it("keeps a hidden answer's and a hidden page's events to their author and the space's managers", async () => {
    const q = (await bob.post(`/spaces/${space.id}/questions`, { title: 'Who waters the lab plants?' })).body;
    const a = (await dave.post(`/questions/${q.id}/answers`, { body: 'Buy my plant water, 50% off!' })).body.answers[0];
    const page = (await dave.post(`/spaces/${space.id}/pages`, { title: 'Plant water offers', body: 'Cheap!' })).body;
    const sockets = await Promise.all([alice, bob, dave, carol, gus].map((c) => connectWs(base, c.cookie)));
    const [wa, wb, wd, wc, wg] = sockets;
    await hide('answer', a.id);
    const pageReport = await hide('page', page.id);
    // The hidden author keeps editing; only they and the space's managers hear of it.
    expect((await dave.patch(`/answers/${a.id}`, { body: 'Plant water, now 60% off!' })).status).toBe(200);
    expect((await dave.put(`/pages/${page.id}`, { title: 'Plant water offers', body: 'Cheaper!', baseVersion: 1 })).status).toBe(200);
    expect((await dave.put(`/answers/${a.id}/vote`, { value: 1 })).status).toBe(403);
    expect((await alice.put(`/answers/${a.id}/vote`, { value: -1 })).status).toBe(200);
    await fence(sockets);

    // Readers of the question hear that it changed (the hidden answer drops out when they refetch) ...
    for (const w of [wa, wb, wd, wg]) expect(has(w, 'question.updated', { questionId: q.id })).toBe(true);
    // ... but nothing about the hidden answer or page itself.
    for (const w of [wa, wd]) {
      expect(has(w, 'answer.updated', { answerId: a.id })).toBe(true);
      expect(has(w, 'answer.voted', { answerId: a.id, score: -1 })).toBe(true);
      expect(has(w, 'page.updated', { pageId: page.id, version: 2 })).toBe(true);
    }
    const aboutHidden = (e: Ev) => e.data.answerId === a.id || e.data.pageId === page.id;
    for (const w of [wb, wg, wc]) expect(ofSpace(w).filter(aboutHidden)).toEqual([]);
    expect(ofSpace(wc)).toEqual([]);

    // Restored, the page is everyone's again.
    await alice.post(`/moderation/reports/${pageReport}/decide`, { action: 'restore', reason: 'Fine' });
    await fence(sockets);
    for (const w of [wb, wg]) expect(has(w, 'page.updated', { pageId: page.id })).toBe(true);
    for (const w of sockets) w.close();
  });

  it("keeps a hidden question's events, and its answers', to its asker and the space's managers", async () => {
    const q = (await bob.post(`/spaces/${space.id}/questions`, { title: 'Anyone selling concert tickets?' })).body;
    const sockets = await Promise.all([alice, bob, dave, carol, gus].map((c) => connectWs(base, c.cookie)));
    const [wa, wb, wd, wc, wg] = sockets;
    await hide('question', q.id, dave);
    expect((await bob.patch(`/questions/${q.id}`, { body: 'Two tickets, cheap.' })).status).toBe(200);
    const a = (await alice.post(`/questions/${q.id}/answers`, { body: 'Not here, please.' })).body.answers[0];
    await fence(sockets);
    for (const w of [wa, wb]) {
      expect(has(w, 'question.updated', { questionId: q.id })).toBe(true);
      expect(has(w, 'answer.created', { questionId: q.id, answerId: a.id })).toBe(true);
    }
    for (const w of [wd, wg, wc]) expect(ofSpace(w).filter((e) => e.data.questionId === q.id)).toEqual([]);
    for (const w of sockets) w.close();
  });
});
