import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestFoyer, type TestFoyer, type TestClient } from '../test/harness.js';

describe('labels and audiences of conversations, and share audiences', () => {
  let t: TestFoyer;
  let ana: TestClient, ben: TestClient, gus: TestClient, owner: TestClient;
  let space: { id: number };

  beforeAll(async () => {
    t = await startTestFoyer();
    ana = await t.user('ana');
    ben = await t.user('ben');
    owner = await t.user('olga');
    gus = await t.user('gus', { role: 'guest' });
    await t.admin.patch('/organisation', { chatGuests: true });
    space = (await owner.post('/spaces', { name: 'Partners', visibility: 'private' })).body;
    for (const c of [ana, gus]) {
      await owner.post(`/spaces/${space.id}/members`, { userId: c.id });
      await c.post(`/spaces/${space.id}/accept`);
    }
  });
  afterAll(() => t.close());

  it('previews who reads a group conversation, and a raised label cuts guests off on every surface', async () => {
    const group = (await ana.post('/conversations', { kind: 'group', userIds: [ben.id, gus.id], name: 'Deal' })).body;
    expect(group.abilities.relabel).toBe(true);
    const before = (await ana.get(`/conversations/${group.id}/audience`)).body;
    expect(before).toMatchObject({ total: 3, guests: 1 });
    // Previewing a higher label shows the guest would no longer read it; nothing changes yet.
    expect((await ana.get(`/conversations/${group.id}/audience?label=300`)).body).toMatchObject({ total: 2, guests: 0, newReaders: 0 });
    expect((await ana.get(`/conversations/${group.id}/audience?label=250`)).status).toBe(400);
    expect((await ana.patch(`/conversations/${group.id}`, { label: 250 })).status).toBe(400);
    expect((await ana.patch(`/conversations/${group.id}`, {})).status).toBe(400);

    await ana.post(`/conversations/${group.id}/messages`, { body: 'terms attached', clientKey: 'terms-key-1' });
    const raised = await ana.patch(`/conversations/${group.id}`, { label: 300 });
    expect(raised.status).toBe(200);
    expect(raised.body.label).toBe(300);
    const missing = await gus.get('/conversations/99999999');
    const hidden = await gus.get(`/conversations/${group.id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(missing.body);
    expect((await gus.get(`/conversations/${group.id}/messages`)).status).toBe(404);
    expect((await gus.get('/conversations')).body.items.map((c: { id: number }) => c.id)).not.toContain(group.id);
    expect((await ben.get(`/conversations/${group.id}/messages`)).body.items.map((m: { body: string }) => m.body)).toContain('terms attached');

    // Lowering it again lets the guest read the history: that widening needs confirmation.
    const lower = await ana.patch(`/conversations/${group.id}`, { label: 200 });
    expect(lower.status).toBe(409);
    expect(lower.body.error.details).toMatchObject({ newReaders: 1, confirmField: 'confirmAudience' });
    expect((await gus.get(`/conversations/${group.id}`)).status).toBe(404);
    expect((await ana.patch(`/conversations/${group.id}`, { label: 200, confirmAudience: true })).body.label).toBe(200);
    expect((await gus.get(`/conversations/${group.id}`)).status).toBe(200);
  });

  it('lets only space managers relabel a channel, within the ceiling, and its audience is the members', async () => {
    const channel = (await owner.post(`/spaces/${space.id}/channels`, { name: 'deals' })).body;
    expect((await ana.get(`/conversations/${channel.id}`)).body.abilities.relabel).toBe(false);
    expect((await ana.patch(`/conversations/${channel.id}`, { label: 300 })).status).toBe(403);
    expect((await owner.get(`/conversations/${channel.id}/audience`)).body).toMatchObject({ total: 3, guests: 1 });
    await owner.patch(`/spaces/${space.id}`, { labelCeiling: 300 });
    expect((await owner.patch(`/conversations/${channel.id}`, { label: 400 })).body.error.details.fields.label).toBe('above_ceiling');
    expect((await owner.patch(`/conversations/${channel.id}`, { label: 300 })).body.label).toBe(300);
    expect((await owner.get(`/conversations/${channel.id}/audience`)).body).toMatchObject({ total: 2, guests: 0 });
    // Not a member of the space: the channel's audience is as missing as the channel.
    expect((await ben.get(`/conversations/${channel.id}/audience`)).status).toBe(404);
  });

  it('tells a sharer how many readers of the share can read the original', async () => {
    const open = (await ana.post('/spaces', { name: 'Everyone', visibility: 'public' })).body;
    const secret = (await ana.post('/posts', { spaceId: space.id, body: 'partner margins', label: 200 })).body;
    const into = (await ana.get(`/posts/${secret.id}/share-audience?spaceId=${open.id}`)).body;
    // Everyone in the company reads the public space; only Partners members read the original.
    const people = (await t.admin.get(`/spaces/${open.id}/audience`)).body.total;
    expect(into.total).toBe(people);
    expect(into.originalReaders).toBe(2);
    const dm = (await ana.post('/conversations', { kind: 'direct', userId: ben.id })).body;
    expect((await ana.get(`/posts/${secret.id}/share-audience?conversationId=${dm.id}`)).body).toMatchObject({ total: 2, originalReaders: 1 });
    expect((await ana.get(`/posts/${secret.id}/share-audience`)).status).toBe(400);
    expect((await ana.get(`/posts/${secret.id}/share-audience?spaceId=${open.id}&conversationId=${dm.id}`)).status).toBe(400);
    // Someone who cannot read the original learns nothing about it.
    const hidden = await ben.get(`/posts/${secret.id}/share-audience?spaceId=${open.id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual((await ben.get(`/posts/99999999/share-audience?spaceId=${open.id}`)).body);
  });
});
