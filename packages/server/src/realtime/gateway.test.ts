import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestFoyer, type TestFoyer, type TestClient } from '../test/harness.js';
import { connectWs } from '../test/ws.js';

describe('realtime gateway', () => {
  let t: TestFoyer;
  let base: string;
  let alice: TestClient, bob: TestClient, carol: TestClient, guest: TestClient;
  beforeAll(async () => {
    t = await startTestFoyer();
    base = await t.foyer.app.listen({ port: 0, host: '127.0.0.1' });
    alice = await t.user('alice');
    bob = await t.user('bob');
    carol = await t.user('carol');
    guest = await t.user('gus', { role: 'guest' });
  });
  afterAll(() => t.close());

  it('refuses sockets without a session or from another origin', async () => {
    await expect(connectWs(base, '')).rejects.toMatchObject({ status: 401 });
    await expect(connectWs(base, alice.cookie, { origin: 'https://evil.example' })).rejects.toMatchObject({ status: 403 });
  });

  it('delivers space events to readers only, decided before sending', async () => {
    const priv = (await alice.post('/spaces', { name: 'Core team', visibility: 'private' })).body;
    await alice.post(`/spaces/${priv.id}/members`, { userId: bob.id });
    await bob.post(`/spaces/${priv.id}/accept`);
    const [wb, wc, wg] = await Promise.all([connectWs(base, bob.cookie), connectWs(base, carol.cookie), connectWs(base, guest.cookie)]);
    const post = (await alice.post('/posts', { spaceId: priv.id, body: 'for the team, @bob' })).body;
    const ev = await wb.waitFor((m) => m.kind === 'event' && m.type === 'post.created');
    expect(ev).toMatchObject({ data: { spaceId: priv.id, postId: post.id, authorId: alice.id } });
    await wb.waitFor((m) => m.kind === 'event' && m.type === 'notification.created');
    await wc.quiet();
    expect(wc.events()).toEqual([]);
    expect(wg.events()).toEqual([]);
    [wb, wc, wg].forEach((w) => w.close());
  });

  it('stops delivery at once when someone is removed, and tells their client to drop the space', async () => {
    const priv = (await alice.post('/spaces', { name: 'Shrinking', visibility: 'private' })).body;
    await alice.post(`/spaces/${priv.id}/members`, { userId: carol.id });
    await carol.post(`/spaces/${priv.id}/accept`);
    const wc = await connectWs(base, carol.cookie);
    await alice.del(`/spaces/${priv.id}/members/${carol.id}`);
    await wc.waitFor((m) => m.kind === 'event' && m.type === 'access.revoked');
    await alice.post('/posts', { spaceId: priv.id, body: 'after carol left' });
    await wc.quiet();
    expect(wc.events('post.created')).toEqual([]);
    wc.close();
  });

  it('revokes everyone outside when a public space becomes secret', async () => {
    const s = (await alice.post('/spaces', { name: 'Was public', visibility: 'public' })).body;
    const [wc, wg] = await Promise.all([connectWs(base, carol.cookie), connectWs(base, guest.cookie)]);
    await alice.post('/posts', { spaceId: s.id, body: 'open to all' });
    await wc.waitFor((m) => m.kind === 'event' && m.type === 'post.created');
    await alice.patch(`/spaces/${s.id}`, { visibility: 'secret' });
    await wc.waitFor((m) => m.kind === 'event' && m.type === 'access.revoked');
    await alice.post('/posts', { spaceId: s.id, body: 'now secret' });
    await wc.quiet();
    expect(wc.events('post.created')).toHaveLength(1);
    expect(wg.events()).toEqual([]); // the guest never could read it and learns nothing
    expect((await carol.get(`/spaces/${s.id}`)).status).toBe(404);
    wc.close();
    wg.close();
  });

  it('resumes from the cursor without gaps or duplicates', async () => {
    const s = (await alice.post('/spaces', { name: 'Resume', visibility: 'public' })).body;
    const w1 = await connectWs(base, bob.cookie);
    await alice.post('/posts', { spaceId: s.id, body: 'one' });
    await w1.waitFor((m) => m.kind === 'event' && m.type === 'post.created');
    const cursor = w1.lastCursor()!;
    w1.close();
    const missed: number[] = [];
    for (let i = 0; i < 5; i++) missed.push((await alice.post('/posts', { spaceId: s.id, body: `missed ${i}` })).body.id);
    const w2 = await connectWs(base, bob.cookie, { cursor });
    const live = (await alice.post('/posts', { spaceId: s.id, body: 'live' })).body.id;
    await w2.waitFor((m) => m.kind === 'event' && m.type === 'post.created' && m.data.postId === live);
    const got = w2.events('post.created').map((e) => e.data.postId);
    expect(got).toEqual([...missed, live]);
    const ids = w2.events().map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    w2.close();
    const w3 = await connectWs(base, bob.cookie, { cursor: 10_000_000 });
    expect((await w3.waitFor((m) => m.kind === 'resync')).kind).toBe('resync');
    w3.close();
  });

  it('closes the sockets of a session that signs out', async () => {
    const u = await t.user('sid');
    const w = await connectWs(base, u.cookie);
    await u.post('/auth/sign-out');
    await w.waitFor((m) => m.kind === 'bye');
    expect((await w.closed).code).toBe(4001);
  });

  it('delivers notifications only to their recipient', async () => {
    const s = (await alice.post('/spaces', { name: 'Notes', visibility: 'public' })).body;
    const [wb, wc] = await Promise.all([connectWs(base, bob.cookie), connectWs(base, carol.cookie)]);
    await alice.post('/posts', { spaceId: s.id, body: 'hey @bob' });
    await wb.waitFor((m) => m.kind === 'event' && m.type === 'notification.created');
    await wc.waitFor((m) => m.kind === 'event' && m.type === 'post.created');
    await wc.quiet(200);
    expect(wc.events('notification.created')).toEqual([]);
    wb.close();
    wc.close();
  });

  it('narrows an open socket at once when an employee becomes a guest', async () => {
    const u = await t.user('demoted');
    const s = (await alice.post('/spaces', { name: 'Open house', visibility: 'public' })).body;
    const w = await connectWs(base, u.cookie);
    await alice.post('/posts', { spaceId: s.id, body: 'before' });
    await w.waitFor((m) => m.kind === 'event' && m.type === 'post.created');
    await t.admin.patch(`/admin/people/${u.id}`, { role: 'guest' });
    await alice.post('/posts', { spaceId: s.id, body: 'after' });
    await w.quiet();
    expect(w.events('post.created')).toHaveLength(1);
    expect((await u.get(`/spaces/${s.id}`)).status).toBe(404);
    w.close();
  });
});
