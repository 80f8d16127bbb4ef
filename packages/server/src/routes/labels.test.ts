import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestFoyer, type TestFoyer, type TestClient } from '../test/harness.js';
import { connectWs } from '../test/ws.js';

describe('sensitivity labels', () => {
  let t: TestFoyer;
  let base: string;
  let owner: TestClient, author: TestClient, colleague: TestClient, guest: TestClient;
  let space: { id: number; slug: string };

  beforeAll(async () => {
    t = await startTestFoyer();
    base = await t.foyer.app.listen({ port: 0, host: '127.0.0.1' });
    owner = await t.user('owen');
    author = await t.user('anna');
    colleague = await t.user('carl');
    guest = await t.user('gwen', { role: 'guest' });
    space = (await owner.post('/spaces', { name: 'Partner project', visibility: 'private' })).body;
    for (const c of [author, colleague, guest]) {
      await owner.post(`/spaces/${space.id}/members`, { userId: c.id });
      await c.post(`/spaces/${space.id}/accept`);
    }
  });
  afterAll(() => t.close());

  it('lists the default labels and lets administrators rename, add and remove unused ones', async () => {
    const labels = (await guest.get('/labels')).body.items;
    expect(labels.map((l: { level: number; name: { en: string } }) => [l.level, l.name.en])).toEqual([
      [100, 'Public'],
      [200, 'Internal'],
      [300, 'Confidential'],
      [400, 'Strictly confidential'],
    ]);
    expect((await owner.put('/admin/labels/300', { name: { en: 'Secret', de: 'Geheim' }, colour: '#ff0000' })).status).toBe(403);
    expect((await t.admin.put('/admin/labels/300', { name: { en: 'Confidential', de: 'Vertraulich' }, colour: '#ef6c00' })).status).toBe(200);
    expect((await t.admin.put('/admin/labels/300', { name: { en: '', de: 'x' }, colour: 'red' })).status).toBe(400);
    expect((await t.admin.post('/admin/labels', { level: 250, name: { en: 'Partners', de: 'Partner' }, colour: '#6a1b9a' })).status).toBe(200);
    expect((await t.admin.post('/admin/labels', { level: 250, name: { en: 'Again', de: 'Nochmal' }, colour: '#6a1b9a' })).status).toBe(409);
    expect((await t.admin.del('/admin/labels/250')).status).toBe(204);
    // In use by the organisation's guest maximum and space defaults: stays.
    expect((await t.admin.del('/admin/labels/200')).status).toBe(409);
    expect((await t.admin.del('/admin/labels/999')).status).toBe(404);
  });

  it('labels posts with the space default, refuses labels above the ceiling or unknown, and shows the label', async () => {
    const plain = (await author.post('/posts', { spaceId: space.id, body: 'default label' })).body;
    expect(plain.label).toBe(200);
    await owner.patch(`/spaces/${space.id}`, { labelCeiling: 300 });
    const above = await author.post('/posts', { spaceId: space.id, body: 'too secret', label: 400 });
    expect(above.status).toBe(400);
    expect(above.body.error.details.fields.label).toBe('above_ceiling');
    expect((await author.post('/posts', { spaceId: space.id, body: 'unknown', label: 250 })).status).toBe(400);
    expect((await author.get(`/spaces/${space.id}/posts`)).body.items.map((p: { body: string }) => p.body)).not.toContain('too secret');
    // A ceiling below existing content, or a default above the ceiling, is refused.
    const confidential = (await author.post('/posts', { spaceId: space.id, body: 'numbers', label: 300 })).body;
    expect((await owner.patch(`/spaces/${space.id}`, { labelCeiling: 200 })).status).toBe(409);
    expect((await owner.patch(`/spaces/${space.id}`, { labelDefault: 400 })).status).toBe(400);
    expect((await colleague.patch(`/spaces/${space.id}`, { labelCeiling: 400 })).status).toBe(403);
    await author.del(`/posts/${confidential.id}`);
    await owner.patch(`/spaces/${space.id}`, { labelCeiling: 400 });
    expect((await owner.get(`/spaces/${space.id}`)).body).toMatchObject({ labelCeiling: 400, labelDefault: 200 });
  });

  it('never lets a guest receive content above the guest maximum, on any surface', async () => {
    const wg = await connectWs(base, guest.cookie);
    const wc = await connectWs(base, colleague.cookie);
    await guest.put('/tags/partnerdeal/follow');
    const unreadOf = async () => (await guest.get('/spaces?filter=mine')).body.items.find((s: { id: number }) => s.id === space.id).unreadCount;
    const unreadBefore = await unreadOf();
    const secret = (await author.post('/posts', { spaceId: space.id, body: 'Margin is 31% #partnerdeal @gwen @carl', label: 300 })).body;
    expect(secret.unreachableMentions).toEqual(['gwen']);
    await colleague.post(`/posts/${secret.id}/comments`, { body: 'noted' });
    await owner.put(`/posts/${secret.id}/pin`);
    await wc.waitFor((m) => m.kind === 'event' && m.type === 'post.created' && m.data.postId === secret.id);
    const missing = await guest.get('/posts/99999999');
    const hidden = await guest.get(`/posts/${secret.id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(missing.body);
    expect((await guest.get(`/posts/${secret.id}/comments`)).status).toBe(404);
    expect((await guest.get(`/spaces/${space.id}/posts`)).body.items.map((p: { id: number }) => p.id)).not.toContain(secret.id);
    expect((await guest.get(`/spaces/${space.id}/pinned`)).body.map((p: { id: number }) => p.id)).not.toContain(secret.id);
    expect((await guest.get('/feed')).body.items.map((p: { id: number }) => p.id)).not.toContain(secret.id);
    expect((await guest.get('/tags/partnerdeal/posts')).body.items).toEqual([]);
    expect((await guest.get('/tags/partnerdeal')).body.postCount).toBe(0);
    expect((await guest.get('/people/anna/posts')).body.items?.map((p: { id: number }) => p.id) ?? []).not.toContain(secret.id);
    expect((await guest.get('/notifications')).body.items.filter((n: { postId: number }) => n.postId === secret.id)).toEqual([]);
    expect(await unreadOf()).toBe(unreadBefore);
    expect((await guest.post(`/posts/${secret.id}/comments`, { body: 'let me in' })).status).toBe(404);
    expect((await guest.get(`/posts/${secret.id}/audience`)).status).toBe(404);
    // Realtime: the colleague heard of the post and its comment, the guest of nothing.
    await wc.waitFor((m) => m.kind === 'event' && m.type === 'comment.created' && m.data.postId === secret.id);
    await wg.quiet(200);
    expect(wg.events().filter((e) => e.data.postId === secret.id)).toEqual([]);
    // The colleague sees it everywhere.
    expect((await colleague.get(`/posts/${secret.id}`)).status).toBe(200);
    expect((await colleague.get('/tags/partnerdeal')).body.postCount).toBe(1);
    wg.close();
    wc.close();
  });

  it('makes lowering a label that lets new people read an explicit, owner-approved step for confidential content', async () => {
    const post = (await author.post('/posts', { spaceId: space.id, body: 'Quote for the partner', label: 300 })).body;
    const preview = (await author.get(`/posts/${post.id}/audience?label=200`)).body;
    expect(preview).toMatchObject({ total: 4, guests: 1, newReaders: 1 });
    // Sensitive content: only the space owner may widen its audience.
    expect((await author.patch(`/posts/${post.id}`, { label: 200, confirmAudience: true })).status).toBe(403);
    const unconfirmed = await owner.patch(`/posts/${post.id}`, { label: 200 });
    expect(unconfirmed.status).toBe(409);
    expect(unconfirmed.body.error.details).toMatchObject({ newReaders: 1, confirmField: 'confirmAudience' });
    expect((await guest.get(`/posts/${post.id}`)).status).toBe(404);
    const lowered = await owner.patch(`/posts/${post.id}`, { label: 200, confirmAudience: true });
    expect(lowered.status).toBe(200);
    expect(lowered.body.label).toBe(200);
    expect((await guest.get(`/posts/${post.id}`)).status).toBe(200);
    // Raising narrows the audience: always allowed for the author.
    expect((await author.patch(`/posts/${post.id}`, { label: 400 })).body.label).toBe(400);
    expect((await guest.get(`/posts/${post.id}`)).status).toBe(404);
    // Lowering without new readers needs no confirmation.
    expect((await author.patch(`/posts/${post.id}`, { label: 300 })).status).toBe(200);
    expect((await colleague.patch(`/posts/${post.id}`, { label: 100 })).status).toBe(403);
  });

  it('shows the difference when moving a post, and needs confirmation (and the owner, for confidential content)', async () => {
    const open = (await author.post('/spaces', { name: 'Open forum', visibility: 'public' })).body;
    const plain = (await author.post('/posts', { spaceId: space.id, body: 'Internal note' })).body;
    const diff = (await author.get(`/posts/${plain.id}/move-audience?spaceId=${open.id}`)).body;
    // Readers of a space one cannot post in are not described.
    const elsewhere = (await owner.post('/spaces', { name: 'Owners only', visibility: 'private' })).body;
    expect((await author.get(`/posts/${plain.id}/move-audience?spaceId=${elsewhere.id}`)).status).toBe(403);
    expect(diff.newReaders).toBeGreaterThan(0);
    const unconfirmed = await author.post(`/posts/${plain.id}/move`, { spaceId: open.id });
    expect(unconfirmed.status).toBe(409);
    expect(unconfirmed.body.error.details.newReaders).toBe(diff.newReaders);
    const moved = await author.post(`/posts/${plain.id}/move`, { spaceId: open.id, confirmAudience: true });
    expect(moved.body.space.id).toBe(open.id);
    const confidential = (await author.post('/posts', { spaceId: space.id, body: 'Confidential note', label: 300 })).body;
    expect((await author.post(`/posts/${confidential.id}/move`, { spaceId: open.id, confirmAudience: true })).status).toBe(403);
    expect((await colleague.post(`/posts/${confidential.id}/move`, { spaceId: open.id, confirmAudience: true })).status).toBe(403);
  });

  it('keeps guests out of channels above their maximum', async () => {
    const open = (await owner.post(`/spaces/${space.id}/channels`, { name: 'general' })).body;
    const closed = (await owner.post(`/spaces/${space.id}/channels`, { name: 'pricing', label: 300 })).body;
    expect(closed.label).toBe(300);
    expect((await owner.post(`/spaces/${space.id}/channels`, { name: 'too high', label: 500 })).status).toBe(400);
    const wg = await connectWs(base, guest.cookie);
    await owner.post(`/conversations/${closed.id}/messages`, { body: 'our floor price', clientKey: 'labelchan01' });
    await owner.post(`/conversations/${open.id}/messages`, { body: 'hello all', clientKey: 'labelchan02' });
    await wg.waitFor((m) => m.kind === 'event' && m.type === 'message.created' && m.data.conversationId === open.id);
    expect(wg.events('message.created').filter((e) => e.data.conversationId === closed.id)).toEqual([]);
    expect((await guest.get(`/conversations/${closed.id}`)).status).toBe(404);
    expect((await guest.get('/conversations')).body.items.map((c: { id: number }) => c.id)).toEqual([open.id]);
    expect((await guest.get(`/spaces/${space.id}/channels`)).body.items.map((c: { id: number }) => c.id)).toEqual([open.id]);
    expect((await colleague.get(`/conversations/${closed.id}`)).status).toBe(200);
    // The guest maximum moves: delivery follows at once, in both directions (no stale audience).
    await t.admin.patch('/organisation', { guestMaxLabel: 300 });
    const opened = (await owner.post(`/conversations/${closed.id}/messages`, { body: 'now for guests too', clientKey: 'labelchan03' })).body;
    await wg.waitFor((m) => m.kind === 'event' && m.type === 'message.created' && m.data.messageId === opened.id);
    await t.admin.patch('/organisation', { guestMaxLabel: 200 });
    const closedAgain = (await owner.post(`/conversations/${closed.id}/messages`, { body: 'guests out again', clientKey: 'labelchan04' })).body;
    const marker = (await owner.post(`/conversations/${open.id}/messages`, { body: 'marker', clientKey: 'labelchan05' })).body;
    await wg.waitFor((m) => m.kind === 'event' && m.type === 'message.created' && m.data.messageId === marker.id);
    expect(wg.events('message.created').some((e) => e.data.messageId === closedAgain.id)).toBe(false);
    wg.close();
  });

  it('previews the audience of a new post with counts, departments and guests', async () => {
    await t.foyer.svc.db.updateTable('users').set({ department: 'Sales', site: 'Hamburg', country: 'DE' }).where('id', 'in', [author.id, colleague.id]).execute();
    const internal = (await author.get(`/spaces/${space.id}/audience`)).body;
    expect(internal).toMatchObject({ total: 4, employees: 3, guests: 1 });
    expect(internal.departments).toContainEqual({ name: 'Sales', count: 2 });
    expect(internal.countries).toContainEqual({ name: 'DE', count: 2 });
    expect((await author.get(`/spaces/${space.id}/audience?label=300`)).body).toMatchObject({ total: 3, guests: 0 });
    expect((await author.get(`/spaces/${space.id}/audience?label=999`)).status).toBe(400);
    const outsider = await t.user('otto');
    expect((await outsider.get(`/spaces/${space.id}/audience`)).status).toBe(404);
    expect((await outsider.get(`/spaces/${space.id}/audience/people`)).status).toBe(404);
  });

  it('expands the preview to the people, a page at a time, within what the viewer may find', async () => {
    const names = async (c: TestClient, url: string) => {
      const out: string[] = [];
      for (let cursor = ''; ; ) {
        const res = await c.get(`${url}${url.includes('?') ? '&' : '?'}limit=2${cursor && `&cursor=${cursor}`}`);
        expect(res.status).toBe(200);
        out.push(...res.body.items.map((u: { handle: string }) => u.handle));
        if (!res.body.nextCursor) return out.sort();
        cursor = res.body.nextCursor;
      }
    };
    expect(await names(author, `/spaces/${space.id}/audience/people`)).toEqual(['anna', 'carl', 'gwen', 'owen']);
    expect(await names(author, `/spaces/${space.id}/audience/people?label=300`)).toEqual(['anna', 'carl', 'owen']);
    // A public space is read by every employee; a guest listing it sees only people they share a space with.
    const lobby = (await owner.post('/spaces', { name: 'Lobby', visibility: 'public' })).body;
    await owner.post(`/spaces/${lobby.id}/members`, { userId: guest.id });
    await guest.post(`/spaces/${lobby.id}/accept`);
    const everyone = await names(author, `/spaces/${lobby.id}/audience/people?label=100`);
    expect(everyone).toContain('ada');
    expect(await names(guest, `/spaces/${lobby.id}/audience/people?label=100`)).toEqual(['anna', 'carl', 'gwen', 'owen']);
    expect((await author.get(`/spaces/${space.id}/audience/people?label=999`)).status).toBe(400);
    const dm = (await author.post('/conversations', { kind: 'direct', userId: colleague.id })).body;
    expect(await names(author, `/conversations/${dm.id}/audience/people`)).toEqual(['anna', 'carl']);
    expect((await owner.get(`/conversations/${dm.id}/audience/people`)).status).toBe(404);
  });

  it('lets administrators move the guest maximum; unknown labels are refused', async () => {
    expect((await t.admin.patch('/organisation', { guestMaxLabel: 250 })).status).toBe(400);
    const post = (await author.post('/posts', { spaceId: space.id, body: 'guests may read this now', label: 300 })).body;
    expect((await guest.get(`/posts/${post.id}`)).status).toBe(404);
    expect((await t.admin.patch('/organisation', { guestMaxLabel: 300 })).body.guestMaxLabel).toBe(300);
    expect((await guest.get(`/posts/${post.id}`)).status).toBe(200);
    await t.admin.patch('/organisation', { guestMaxLabel: 200 });
    expect((await guest.get(`/posts/${post.id}`)).status).toBe(404);
  });
});
