/**
 * The authorization matrix (SECURITY.md), generated: every actor x every space x every surface,
 * (and every label level around the guest maximum), with the policy module as the oracle, re-checked after each membership/visibility transition.
 * A hidden object must answer exactly like a missing one.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestFoyer, callAs, type TestFoyer, type TestClient, type MatrixSubject } from '../test/harness.js';
import { connectWs, type WsClient } from '../test/ws.js';
import { loadSpaceContext, canSeeSpace, canReadSpace } from './spaces.js';
import { labelAllows, loadLabelPolicy } from './labels.js';

type Visibility = 'public' | 'private' | 'secret';
interface Fixture {
  vis: Visibility;
  space: any;
  post: any;
  tag: string;
  /** Sensitivity label of the fixture's posts: guests read at most the guest maximum (200). */
  label: number;
}
type Subject = MatrixSubject;

describe('authorization matrix', () => {
  let t: TestFoyer;
  let base: string;
  let owner: TestClient;
  const fixtures: Fixture[] = [];
  const subjects: Subject[] = [];

  beforeAll(async () => {
    t = await startTestFoyer();
    base = await t.foyer.app.listen({ port: 0, host: '127.0.0.1' });
    owner = await t.user('owner');
    const moderator = await t.user('moderator');
    const member = await t.user('member');
    const outsider = await t.user('outsider');
    const removed = await t.user('removed');
    const guestMember = await t.user('guestin', { role: 'guest' });
    const guestOut = await t.user('guestout', { role: 'guest' });
    const tokenUser = await t.user('tokenuser');
    const deactivated = await t.user('gone');
    const readToken = (await tokenUser.post('/me/tokens', { name: 'ro', scope: 'read' })).body.token;

    for (const vis of ['public', 'private', 'secret'] as Visibility[]) {
      const space = (await owner.post('/spaces', { name: `Matrix ${vis}`, visibility: vis })).body;
      for (const c of [moderator, member, removed, guestMember, tokenUser, deactivated]) {
        await owner.post(`/spaces/${space.id}/members`, { userId: c.id });
        await c.post(`/spaces/${space.id}/accept`);
      }
      await owner.patch(`/spaces/${space.id}/members/${moderator.id}`, { role: 'admin' });
      await owner.del(`/spaces/${space.id}/members/${removed.id}`);
      for (const label of [200, 300]) {
        const tag = `mx${vis}${label}`;
        const post = (await owner.post('/posts', { spaceId: space.id, body: `Hello #${tag} @member`, label })).body;
        await member.post(`/posts/${post.id}/comments`, { body: 'a comment' });
        fixtures.push({ vis, space, post, tag, label });
      }
    }
    await t.admin.post(`/admin/people/${deactivated.id}/deactivate`);

    const s = (name: string, client: TestClient | null, extra: Partial<Subject> = {}): Subject => ({ name, client, actor: client?.actor ?? null, ...extra });
    subjects.push(
      s('anonymous', null),
      s('guest (member)', guestMember),
      s('guest (outsider)', guestOut),
      s('employee non-member', outsider),
      s('member', member),
      s('moderator', moderator),
      s('owner', owner),
      s('org admin', t.admin),
      s('removed member', removed),
      s('deactivated', deactivated, { deactivated: true }),
      s('read token', null, { actor: { ...tokenUser.actor, scope: 'read' }, tokenHeader: `Bearer ${readToken}` }),
    );
    for (const sub of subjects) await followAll(sub);
  });
  afterAll(() => t.close());

  const call = (sub: Subject, method: string, url: string, body?: unknown) => callAs(t, sub, method, url, body);

  async function followAll(sub: Subject) {
    if (!sub.client || sub.deactivated) return;
    for (const f of fixtures) await sub.client.put(`/tags/${f.tag}/follow`);
  }

  /** The oracle: the policy module evaluated on the current database state. */
  async function oracle(sub: Subject, f: Fixture) {
    if (!sub.actor || sub.deactivated) return { see: false, read: false, status: 401 };
    const ctx = await loadSpaceContext(t.foyer.svc.db, sub.actor, f.space.id);
    const policy = await loadLabelPolicy(t.foyer.svc.db);
    const readsSpace = !!ctx && canReadSpace(sub.actor, ctx);
    return { see: !!ctx && canSeeSpace(sub.actor, ctx), readsSpace, read: readsSpace && labelAllows(sub.actor, f.label, policy), status: 200 };
  }

  async function checkAll(label: string) {
    const missingPost = await call(subjects.find((s) => s.name === 'owner')!, 'GET', '/posts/99999999');
    for (const sub of subjects) {
      const feed = await call(sub, 'GET', '/feed?limit=50');
      for (const f of fixtures) {
        const where = `${label}: ${sub.name} / ${f.vis}`;
        const o = await oracle(sub, f);
        if (o.status === 401) {
          expect((await call(sub, 'GET', `/spaces/${f.space.id}`)).status, where).toBe(401);
          expect((await call(sub, 'GET', `/posts/${f.post.id}`)).status, where).toBe(401);
          continue;
        }
        // REST get
        const space = await call(sub, 'GET', `/spaces/${f.space.id}`);
        expect(space.status, `${where} GET space`).toBe(o.see ? 200 : 404);
        const post = await call(sub, 'GET', `/posts/${f.post.id}`);
        expect(post.status, `${where} GET post`).toBe(o.read ? 200 : 404);
        if (!o.read) expect(post.body, `${where} hidden == missing`).toEqual(missingPost.body);
        // lists and pagination
        const listed = await call(sub, 'GET', `/spaces?q=${encodeURIComponent(f.space.name)}`);
        expect(listed.body.items.some((x: any) => x.id === f.space.id), `${where} directory`).toBe(o.see);
        const spacePosts = await call(sub, 'GET', `/spaces/${f.space.id}/posts`);
        expect(spacePosts.status === 200 && spacePosts.body.items.some((p: any) => p.id === f.post.id), `${where} space feed`).toBe(o.read);
        const comments = await call(sub, 'GET', `/posts/${f.post.id}/comments`);
        expect(comments.status, `${where} comments`).toBe(o.read ? 200 : 404);
        // feed, hashtag feed and counts, profile feed
        expect(feed.status, `${where} home feed status ${JSON.stringify(feed.body)}`).toBe(200);
        expect(feed.body.items.some((p: any) => p.id === f.post.id), `${where} home feed`).toBe(o.read);
        const tagPosts = await call(sub, 'GET', `/tags/${f.tag}/posts`);
        expect(tagPosts.body.items.some((p: any) => p.id === f.post.id), `${where} hashtag feed`).toBe(o.read);
        const tag = await call(sub, 'GET', `/tags/${f.tag}`);
        expect(tag.body.postCount, `${where} hashtag count`).toBe(o.read ? 1 : 0);
        const profile = await call(sub, 'GET', `/people/owner/posts?limit=50`);
        expect((profile.body.items ?? []).some((p: any) => p.id === f.post.id), `${where} profile feed`).toBe(o.read);
        // members and autocomplete
        const members = await call(sub, 'GET', `/spaces/${f.space.id}/members`);
        if (!o.see) expect(members.status, `${where} members`).toBe(404);
        else expect(members.body.items.length > 0, `${where} members`).toBe(o.readsSpace);
        const auto = await call(sub, 'GET', `/people/autocomplete?q=mem&spaceId=${f.space.id}`);
        expect(auto.status, `${where} autocomplete`).toBe(o.see ? 200 : 404);
        // writes: commenting needs read access and a write scope
        const comment = await call(sub, 'POST', `/posts/${f.post.id}/comments`, { body: 'probe' });
        const mayWrite = o.read && sub.actor!.scope !== 'read';
        expect(comment.status, `${where} comment`).toBe(mayWrite ? 200 : o.read ? 403 : 404);
        if (comment.status === 200) await call(sub, 'DELETE', `/comments/${comment.body.id}`);
      }
    }
    await checkRealtime(label);
  }

  async function checkRealtime(label: string) {
    const sockets: [Subject, WsClient][] = [];
    for (const sub of subjects) {
      if (!sub.client || sub.deactivated || sub.tokenHeader) continue;
      sockets.push([sub, await connectWs(base, sub.client.cookie)]);
    }
    const posted = new Map<Fixture, number>();
    for (const f of fixtures) posted.set(f, (await owner.post('/posts', { spaceId: f.space.id, body: `live ${label}`, label: f.label })).body.id);
    const lastId = posted.get(fixtures[fixtures.length - 1])!;
    // The owner reads everything: once the owner has the last event, all others have had their chance.
    const ownerWs = sockets.find(([s]) => s.name === 'owner')![1];
    await ownerWs.waitFor((m) => m.kind === 'event' && m.type === 'post.created' && m.data.postId === lastId);
    await new Promise((r) => setTimeout(r, 150));
    for (const [sub, ws] of sockets) {
      for (const f of fixtures) {
        const o = await oracle(sub, f);
        const got = ws.events('post.created').some((e) => e.data.postId === posted.get(f));
        expect(got, `${label}: realtime ${sub.name} / ${f.vis}`).toBe(o.read);
      }
      ws.close();
    }
  }

  it('agrees with the policy on every surface in the initial state', async () => {
    await checkAll('initial');
  });

  it('agrees after join, leave, kick, role downgrade and visibility changes', async () => {
    const outsider = subjects.find((s) => s.name === 'employee non-member')!;
    const member = subjects.find((s) => s.name === 'member')!;
    const moderator = subjects.find((s) => s.name === 'moderator')!;
    const pub = fixtures.find((f) => f.vis === 'public')!;
    const priv = fixtures.find((f) => f.vis === 'private')!;
    const secret = fixtures.find((f) => f.vis === 'secret')!;
    await outsider.client!.post(`/spaces/${pub.space.id}/join`);
    await member.client!.post(`/spaces/${priv.space.id}/leave`);
    await owner.del(`/spaces/${secret.space.id}/members/${member.actor!.id}`);
    await owner.patch(`/spaces/${priv.space.id}/members/${moderator.actor!.id}`, { role: 'member' });
    expect((await moderator.client!.post(`/spaces/${priv.space.id}/archive`)).status).toBe(403);
    await checkAll('after membership changes');
    await owner.patch(`/spaces/${pub.space.id}`, { visibility: 'secret' });
    await owner.patch(`/spaces/${priv.space.id}`, { visibility: 'public', confirmAudience: true });
    pub.vis = 'secret';
    priv.vis = 'public';
    await checkAll('after visibility changes');
  });
});
