import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestFoyer, type TestFoyer, type TestClient } from '../test/harness.js';

describe('posts, comments, reactions, mentions', () => {
  let t: TestFoyer;
  let alice: TestClient, bob: TestClient, carol: TestClient, dave: TestClient;
  let pub: any, priv: any;
  beforeAll(async () => {
    t = await startTestFoyer();
    alice = await t.user('alice');
    bob = await t.user('bob');
    carol = await t.user('carol');
    dave = await t.user('dave');
    pub = (await alice.post('/spaces', { name: 'Town hall', visibility: 'public' })).body;
    priv = (await alice.post('/spaces', { name: 'Inner circle', visibility: 'private' })).body;
    await alice.post(`/spaces/${priv.id}/members`, { userId: bob.id });
    await bob.post(`/spaces/${priv.id}/accept`);
    await bob.post(`/spaces/${pub.id}/join`);
  });
  afterAll(() => t.close());

  it('needs membership to post, but any employee may comment and react in a public space', async () => {
    const denied = await carol.post('/posts', { spaceId: pub.id, body: 'hello' });
    expect(denied.status).toBe(403);
    const post = (await alice.post('/posts', { spaceId: pub.id, body: 'Welcome **all**' })).body;
    expect(post.html).toContain('<strong>all</strong>');
    expect(post.abilities).toMatchObject({ edit: true, delete: true, pin: true });
    expect((await carol.post(`/posts/${post.id}/comments`, { body: 'thanks' })).status).toBe(200);
    expect((await carol.put(`/posts/${post.id}/reactions/like`)).body).toEqual({ counts: { like: 1 }, mine: ['like'] });
    expect((await carol.get(`/posts/${post.id}`)).body.abilities).toMatchObject({ edit: false, delete: false, pin: false, comment: true });
  });

  it('notifies mentioned readers and tells the author who cannot read the post', async () => {
    const res = await alice.post('/posts', { spaceId: priv.id, body: 'Ping @bob and @carol about #Budget' });
    expect(res.status).toBe(200);
    expect(res.body.unreachableMentions).toEqual(['carol']);
    expect(res.body.hashtags).toEqual(['budget']);
    expect(res.body.html).toContain('href="/people/bob"');
    const bobs = await bob.get('/notifications');
    expect(bobs.body.items[0]).toMatchObject({ type: 'mention', postId: res.body.id, actor: { id: alice.id } });
    const carols = await carol.get('/notifications');
    expect(carols.body.items.find((n: any) => n.postId === res.body.id)).toBeUndefined();
  });

  it('hides notifications about a space once the recipient loses access', async () => {
    const room = (await alice.post('/spaces', { name: 'Temporary', visibility: 'private' })).body;
    await alice.post(`/spaces/${room.id}/members`, { userId: dave.id });
    await dave.post(`/spaces/${room.id}/accept`);
    const post = (await alice.post('/posts', { spaceId: room.id, body: 'for @dave only' })).body;
    const before = (await dave.get('/notifications/unread-count')).body.count;
    expect((await dave.get('/notifications')).body.items.some((n: any) => n.postId === post.id)).toBe(true);
    await alice.del(`/spaces/${room.id}/members/${dave.id}`);
    expect((await dave.get('/notifications')).body.items.some((n: any) => n.postId === post.id)).toBe(false);
    expect((await dave.get('/notifications/unread-count')).body.count).toBe(before - 1);
  });

  it('offers only readers of the space in mention autocomplete', async () => {
    const res = await alice.get(`/people/autocomplete?q=&spaceId=${priv.id}`);
    const handles = res.body.map((u: any) => u.handle).sort();
    expect(handles).toEqual(['alice', 'bob']);
    const secret = (await alice.post('/spaces', { name: 'Skunkworks', visibility: 'secret' })).body;
    expect((await carol.get(`/people/autocomplete?q=&spaceId=${secret.id}`)).status).toBe(404);
    expect((await alice.get(`/people/autocomplete?q=car&spaceId=${secret.id}`)).body).toEqual([]);
  });

  it('keeps an edit history and renders edits', async () => {
    const post = (await alice.post('/posts', { spaceId: pub.id, body: 'first version' })).body;
    const edited = await alice.patch(`/posts/${post.id}`, { body: 'second version #release' });
    expect(edited.body.editedAt).not.toBeNull();
    expect(edited.body.hashtags).toEqual(['release']);
    const revs = await carol.get(`/posts/${post.id}/revisions`);
    expect(revs.body.map((r: any) => r.body)).toEqual(['first version']);
    expect((await bob.patch(`/posts/${post.id}`, { body: 'hijack' })).status).toBe(403);
  });

  it('deletes to a tombstone whose text and history are gone', async () => {
    const post = (await alice.post('/posts', { spaceId: pub.id, body: 'secret plan #oops' })).body;
    await alice.patch(`/posts/${post.id}`, { body: 'secret plan v2 #oops' });
    expect((await carol.del(`/posts/${post.id}`)).status).toBe(403);
    expect((await alice.del(`/posts/${post.id}`)).status).toBe(204);
    const after = await bob.get(`/posts/${post.id}`);
    expect(after.body).toMatchObject({ deleted: true, body: '', html: '', hashtags: [] });
    expect((await bob.get(`/posts/${post.id}/revisions`)).body).toEqual([]);
    expect((await bob.get('/tags/oops')).body.postCount).toBe(0);
    const row = await t.foyer.svc.db.selectFrom('posts').select('body').where('id', '=', post.id).executeTakeFirstOrThrow();
    expect(row.body).toBe('');
  });

  it('supports one level of replies and notifies the parent author and followers', async () => {
    const post = (await alice.post('/posts', { spaceId: pub.id, body: 'Question for everyone' })).body;
    const c1 = (await carol.post(`/posts/${post.id}/comments`, { body: 'My answer' })).body;
    const reply = await dave.post(`/posts/${post.id}/comments`, { body: 'Agree', parentId: c1.id });
    expect(reply.status).toBe(200);
    expect(reply.body.parentId).toBe(c1.id);
    const nested = await bob.post(`/posts/${post.id}/comments`, { body: 'deeper', parentId: reply.body.id });
    expect(nested.status).toBe(400);
    const carolNotes = (await carol.get('/notifications')).body.items;
    expect(carolNotes.some((n: any) => n.type === 'reply' && n.commentId === reply.body.id)).toBe(true);
    const aliceNotes = (await alice.get('/notifications')).body.items;
    expect(aliceNotes.filter((n: any) => n.type === 'reply' && n.postId === post.id)).toHaveLength(2);
    const comments = (await bob.get(`/posts/${post.id}/comments`)).body;
    expect(comments.map((c: any) => c.body)).toEqual(['My answer', 'Agree']);
    expect((await bob.get(`/posts/${post.id}`)).body.commentCount).toBe(2);
  });

  it('groups reaction notifications and lists who reacted', async () => {
    const post = (await alice.post('/posts', { spaceId: pub.id, body: 'Celebrate!' })).body;
    await bob.put(`/posts/${post.id}/reactions/celebrate`);
    await carol.put(`/posts/${post.id}/reactions/celebrate`);
    await dave.put(`/posts/${post.id}/reactions/love`);
    const notes = (await alice.get('/notifications')).body.items.filter((n: any) => n.type === 'reaction' && n.postId === post.id);
    expect(notes).toHaveLength(1);
    expect(notes[0].count).toBe(3);
    const who = (await bob.get(`/posts/${post.id}/reactions`)).body;
    expect(who.map((r: any) => r.user.handle).sort()).toEqual(['bob', 'carol', 'dave']);
    expect((await bob.put(`/posts/${post.id}/reactions/thumbsdown`)).status).toBe(400);
    await bob.del(`/posts/${post.id}/reactions/celebrate`);
    expect((await bob.get(`/posts/${post.id}`)).body.reactions).toEqual({ counts: { celebrate: 1, love: 1 }, mine: [] });
  });

  it('pins, follows and saves', async () => {
    const post = (await alice.post('/posts', { spaceId: pub.id, body: 'Read me first' })).body;
    expect((await bob.put(`/posts/${post.id}/pin`)).status).toBe(403);
    expect((await alice.put(`/posts/${post.id}/pin`)).body.pinned).toBe(true);
    expect((await carol.get(`/spaces/${pub.id}/pinned`)).body.map((p: any) => p.id)).toContain(post.id);
    expect((await carol.put(`/posts/${post.id}/save`)).body.saved).toBe(true);
    expect((await carol.get('/saved')).body.items.map((p: any) => p.id)).toEqual([post.id]);
    expect((await carol.put(`/posts/${post.id}/follow`)).body.followed).toBe(true);
    expect((await carol.del(`/posts/${post.id}/follow`)).body.followed).toBe(false);
  });

  it('rejects bad input with typed errors and changes nothing', async () => {
    const before = (await alice.get(`/spaces/${pub.id}/posts`)).body.items.length;
    expect((await alice.post('/posts', { spaceId: pub.id, body: '' })).body.error.code).toBe('validation_failed');
    expect((await alice.post('/posts', { spaceId: pub.id, body: 'x'.repeat(20_001) })).status).toBe(400);
    expect((await alice.post('/posts', { spaceId: 'abc', body: 'x' })).status).toBe(400);
    expect((await alice.post('/posts', { spaceId: 999999, body: 'x' })).status).toBe(404);
    const huge = await alice.request('POST', '/posts', { spaceId: pub.id, body: 'y'.repeat(2_000_000) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
    expect((await alice.get(`/spaces/${pub.id}/posts`)).body.items.length).toBe(before);
  });
});

describe('feeds', () => {
  let t: TestFoyer;
  let alice: TestClient, bob: TestClient, carol: TestClient;
  beforeAll(async () => {
    t = await startTestFoyer();
    alice = await t.user('alice');
    bob = await t.user('bob');
    carol = await t.user('carol');
  });
  afterAll(() => t.close());

  it('builds the home feed from my spaces, followed people and followed hashtags, newest first', async () => {
    const mine = (await alice.post('/spaces', { name: 'Mine', visibility: 'public' })).body;
    const other = (await bob.post('/spaces', { name: 'Other', visibility: 'public' })).body;
    const secret = (await bob.post('/spaces', { name: 'Hidden', visibility: 'secret' })).body;
    const p1 = (await alice.post('/posts', { spaceId: mine.id, body: 'in my space' })).body;
    const p2 = (await bob.post('/posts', { spaceId: other.id, body: 'not followed yet' })).body;
    const p3 = (await bob.post('/posts', { spaceId: other.id, body: 'about #kaffee' })).body;
    const p4 = (await bob.post('/posts', { spaceId: secret.id, body: 'secret #kaffee' })).body;
    let feed = (await alice.get('/feed')).body.items.map((p: any) => p.id);
    expect(feed).toEqual([p1.id]);
    await alice.put('/tags/kaffee/follow');
    feed = (await alice.get('/feed')).body.items.map((p: any) => p.id);
    expect(feed).toEqual([p3.id, p1.id]);
    await alice.post('/people/bob/follow');
    feed = (await alice.get('/feed')).body.items.map((p: any) => p.id);
    expect(feed).toEqual([p3.id, p2.id, p1.id]);
    expect(feed).not.toContain(p4.id);
    expect((await alice.get('/tags/kaffee')).body).toEqual({ tag: 'kaffee', postCount: 1, followed: true });
    expect((await alice.get('/tags/kaffee/posts')).body.items.map((p: any) => p.id)).toEqual([p3.id]);
    expect((await alice.get('/people/bob/posts')).body.items.map((p: any) => p.id)).toEqual([p3.id, p2.id]);
  });

  it('pages with a cursor, without duplicates or gaps', async () => {
    const s = (await carol.post('/spaces', { name: 'Paging', visibility: 'public' })).body;
    const ids: number[] = [];
    for (let i = 0; i < 25; i++) ids.push((await carol.post('/posts', { spaceId: s.id, body: `post ${i}` })).body.id);
    const seen: number[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const res: any = await carol.get(`/spaces/${s.id}/posts?limit=10${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.body.items.map((p: any) => p.id));
      cursor = res.body.nextCursor;
    }
    expect(seen).toEqual([...ids].reverse());
    expect((await carol.get(`/spaces/${s.id}/posts?limit=500`)).status).toBe(400);
  });

  it('counts unread posts per space and clears them when read', async () => {
    const s = (await alice.post('/spaces', { name: 'Unread', visibility: 'public' })).body;
    await bob.post(`/spaces/${s.id}/join`);
    const a = (await alice.post('/posts', { spaceId: s.id, body: 'one' })).body;
    await alice.post('/posts', { spaceId: s.id, body: 'two' });
    const space = (await bob.get(`/spaces/${s.id}`)).body;
    expect(space.unreadCount).toBe(2);
    await bob.post(`/spaces/${s.id}/read`, { postId: a.id });
    expect((await bob.get(`/spaces/${s.id}`)).body.unreadCount).toBe(1);
  });
});
