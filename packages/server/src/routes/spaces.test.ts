import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestFoyer, type TestFoyer, type TestClient } from '../test/harness.js';

describe('spaces', () => {
  let t: TestFoyer;
  let owner: TestClient, member: TestClient, outsider: TestClient, guest: TestClient;
  beforeAll(async () => {
    t = await startTestFoyer();
    owner = await t.user('olga');
    member = await t.user('max');
    outsider = await t.user('otto');
    guest = await t.user('gina', { role: 'guest' });
  });
  afterAll(() => t.close());

  it('rejects anonymous callers with 401', async () => {
    const res = await t.anonymous.request('GET', '/spaces');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  it('validates input with 400 and the failing fields, and writes nothing', async () => {
    const res = await owner.post('/spaces', { name: '', visibility: 'hidden' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(Object.keys(res.body.error.details.fields).sort()).toEqual(['name', 'visibility']);
    const list = await owner.get('/spaces?filter=mine');
    expect(list.body.items).toHaveLength(0);
  });

  it('makes a secret space indistinguishable from a missing one', async () => {
    const created = await owner.post('/spaces', { name: 'Project Polaris', visibility: 'secret' });
    expect(created.status).toBe(200);
    const id = created.body.id;
    const hidden = await outsider.get(`/spaces/${id}`);
    const missing = await outsider.get(`/spaces/999999`);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(missing.body);
    expect((await outsider.get(`/spaces/by-slug/${created.body.slug}`)).status).toBe(404);
    expect((await outsider.get('/spaces?q=polaris')).body.items).toHaveLength(0);
    expect((await outsider.post(`/spaces/${id}/join`)).status).toBe(404);
    expect((await outsider.post(`/posts`, { spaceId: id, body: 'hi' })).status).toBe(404);
    // the org admin gets no special access either
    expect((await t.admin.get(`/spaces/${id}`)).status).toBe(404);
  });

  it('lists private spaces by name but keeps their content for members', async () => {
    const s = (await owner.post('/spaces', { name: 'Finance', visibility: 'private' })).body;
    await owner.post('/posts', { spaceId: s.id, body: 'Q3 numbers' });
    const seen = await outsider.get(`/spaces/${s.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.abilities).toMatchObject({ read: false, requestJoin: true, join: false });
    expect((await outsider.get(`/spaces/${s.id}/posts`)).status).toBe(404);
    expect((await outsider.get(`/spaces/${s.id}/members`)).body.items).toHaveLength(0);
    expect((await guest.get(`/spaces/${s.id}`)).status).toBe(404);
  });

  it('runs the join-request flow and notifies both sides', async () => {
    const s = (await owner.post('/spaces', { name: 'Legal', visibility: 'private' })).body;
    expect((await member.post(`/spaces/${s.id}/join`)).status).toBe(200); // join on a private space = request
    const requests = await owner.get(`/spaces/${s.id}/members?state=requested`);
    expect(requests.body.items.map((m: any) => m.user.id)).toEqual([member.id]);
    const ownerNotes = await owner.get('/notifications');
    expect(ownerNotes.body.items[0]).toMatchObject({ type: 'join_request', actor: { id: member.id } });
    expect((await member.post(`/spaces/${s.id}/members/${member.id}/approve`)).status).toBe(403);
    expect((await owner.post(`/spaces/${s.id}/members/${member.id}/approve`)).status).toBe(204);
    const after = await member.get(`/spaces/${s.id}`);
    expect(after.body).toMatchObject({ myRole: 'member', abilities: { read: true, post: true } });
    const memberNotes = await member.get('/notifications');
    expect(memberNotes.body.items[0]).toMatchObject({ type: 'join_decision', data: { approved: true } });
  });

  it('always keeps one owner', async () => {
    const s = (await owner.post('/spaces', { name: 'Solo', visibility: 'public' })).body;
    const res = await owner.post(`/spaces/${s.id}/leave`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('last_owner');
    const demote = await owner.patch(`/spaces/${s.id}/members/${owner.id}`, { role: 'member' });
    expect(demote.body.error.code).toBe('last_owner');
  });

  it('asks for confirmation before widening the audience', async () => {
    const s = (await owner.post('/spaces', { name: 'Board', visibility: 'private' })).body;
    const res = await owner.patch(`/spaces/${s.id}`, { visibility: 'public' });
    expect(res.status).toBe(409);
    expect(res.body.error.details.newReaders).toBeGreaterThan(0);
    expect((await owner.get(`/spaces/${s.id}`)).body.visibility).toBe('private');
    const ok = await owner.patch(`/spaces/${s.id}`, { visibility: 'public', confirmAudience: true });
    expect(ok.body.visibility).toBe('public');
  });

  it('makes archived spaces read-only', async () => {
    const s = (await owner.post('/spaces', { name: 'Old project', visibility: 'public' })).body;
    expect((await member.post(`/spaces/${s.id}/archive`)).status).toBe(403);
    await owner.post(`/spaces/${s.id}/archive`);
    const res = await owner.post('/posts', { spaceId: s.id, body: 'still here?' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('space_archived');
    await owner.post(`/spaces/${s.id}/unarchive`);
    expect((await owner.post('/posts', { spaceId: s.id, body: 'back' })).status).toBe(200);
  });

  it('never reveals a secret space through a taken address', async () => {
    const secret = (await owner.post('/spaces', { name: 'Hidden', visibility: 'secret', slug: 'board-2027' })).body;
    const mine = await outsider.post('/spaces', { name: 'Board', visibility: 'public', slug: 'board-2027' });
    expect(mine.status).toBe(200);
    expect(mine.body.slug).not.toBe(secret.slug);
    expect(mine.body.slug).toMatch(/^board-2027-\d+$/);
  });
});
