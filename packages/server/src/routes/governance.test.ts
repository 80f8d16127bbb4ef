import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestFoyer, type TestFoyer, type TestClient } from '../test/harness.js';
import { sendDueReminders } from '../jobs/announcement-reminders.js';

describe('announcements', () => {
  let t: TestFoyer;
  let manager: TestClient, comms: TestClient, member: TestClient, reader: TestClient, guest: TestClient;
  let space: { id: number };
  beforeAll(async () => {
    t = await startTestFoyer();
    manager = await t.user('mara');
    comms = await t.user('cora');
    member = await t.user('mats');
    reader = await t.user('rita');
    guest = await t.user('gabi', { role: 'guest' });
    space = (await manager.post('/spaces', { name: 'Plant Nord', visibility: 'private' })).body;
    for (const c of [comms, member, reader, guest]) {
      await manager.post(`/spaces/${space.id}/members`, { userId: c.id });
      await c.post(`/spaces/${space.id}/accept`);
    }
  });
  afterAll(() => t.close());

  it('lets space managers and the communications role announce, pinned', async () => {
    expect((await member.post('/posts', { spaceId: space.id, body: 'Hear ye', announcement: { ackRequired: false } })).status).toBe(403);
    expect((await comms.post('/posts', { spaceId: space.id, body: 'Hear ye', announcement: { ackRequired: false } })).status).toBe(403);
    expect((await member.put(`/admin/people/${comms.id}/roles/communications`)).status).toBe(403);
    expect((await t.admin.put(`/admin/people/${guest.id}/roles/communications`)).status).toBe(400);
    const granted = await t.admin.put(`/admin/people/${comms.id}/roles/communications`);
    expect(granted.body.roles).toEqual(['communications']);
    expect((await comms.get('/me')).body.roles).toEqual(['communications']);
    const a = await comms.post('/posts', { spaceId: space.id, body: 'Canteen closed on Friday', announcement: { ackRequired: false } });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ pinned: true, announcement: { ackRequired: false, acknowledged: false, progress: { acknowledged: 0, audience: 5 } } });
    expect((await member.get(`/posts/${a.body.id}`)).body.announcement.progress).toBeNull();
    // No acknowledgement asked: nothing to acknowledge, and nobody's reading is listed.
    expect((await member.post(`/posts/${a.body.id}/acknowledge`)).status).toBe(400);
    expect((await comms.get(`/posts/${a.body.id}/acknowledgements`)).body).toEqual({ acknowledged: 0, audience: 5, pending: [] });
    expect((await member.post('/posts', { spaceId: space.id, body: 'x', announcement: { ackRequired: true, deadline: '2001-01-01T00:00:00Z' } })).status).toBe(403);
    expect((await manager.post('/posts', { spaceId: space.id, body: 'x', announcement: { ackRequired: true, deadline: '2001-01-01T00:00:00Z' } })).status).toBe(400);
  });

  it('counts acknowledgements, names the pending people only to the author and managers, and reminds them once', async () => {
    const deadline = new Date(Date.now() + 12 * 3600_000).toISOString();
    const a = (await manager.post('/posts', { spaceId: space.id, body: 'New safety rules: read and confirm', announcement: { ackRequired: true, deadline } })).body;
    expect((await member.post(`/posts/${a.id}/acknowledge`)).body.announcement).toMatchObject({ acknowledged: true, progress: null });
    expect((await member.post(`/posts/${a.id}/acknowledge`)).status).toBe(200); // idempotent
    const progress = (await manager.get(`/posts/${a.id}/acknowledgements`)).body;
    expect(progress).toMatchObject({ acknowledged: 1, audience: 5 });
    expect(progress.pending.map((u: { handle: string }) => u.handle).sort()).toEqual(['cora', 'gabi', 'mara', 'rita']);
    expect((await member.get(`/posts/${a.id}/acknowledgements`)).status).toBe(403);
    expect((await t.user('otto').then((o) => o.get(`/posts/${a.id}/acknowledgements`))).status).toBe(404);
    // The reminder goes once to those who have not acknowledged.
    expect(await sendDueReminders(t.foyer.svc)).toBe(4);
    expect(await sendDueReminders(t.foyer.svc)).toBe(0);
    const types = async (c: TestClient) => (await c.get('/notifications')).body.items.map((n: { type: string }) => n.type);
    expect(await types(reader)).toContain('announcement_reminder');
    expect(await types(member)).not.toContain('announcement_reminder');
  });
});

describe('closed-space governance', () => {
  let t: TestFoyer;
  let creator: TestClient, council: TestClient, other: TestClient;
  beforeAll(async () => {
    t = await startTestFoyer();
    creator = await t.user('cleo');
    council = await t.user('konrad');
    other = await t.user('olaf');
  });
  afterAll(() => t.close());

  it('applies the organisation rules for creating closed spaces', async () => {
    await t.admin.patch('/organisation', { secretSpaceCreators: 'governance', secretPurposeRequired: true, spaceGuidelines: 'Be kind. No surveillance.' });
    expect((await creator.post('/spaces', { name: 'Hidden', visibility: 'secret', purpose: 'x', acceptGuidelines: true })).status).toBe(403);
    await t.admin.put(`/admin/people/${creator.id}/roles/governance`);
    const noPurpose = await creator.post('/spaces', { name: 'Hidden', visibility: 'secret', acceptGuidelines: true });
    expect(noPurpose.status).toBe(400);
    expect(noPurpose.body.error.details.fields.purpose).toBe('required');
    expect((await creator.post('/spaces', { name: 'Hidden', visibility: 'secret', purpose: 'M&A preparation' })).status).toBe(400);
    const ok = await creator.post('/spaces', { name: 'Hidden', visibility: 'secret', purpose: 'M&A preparation', acceptGuidelines: true });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ purpose: 'M&A preparation', listedInRegistry: true });
    // Private spaces: everyone may still create them (with the guidelines).
    expect((await other.post('/spaces', { name: 'Team room', visibility: 'private', acceptGuidelines: true })).status).toBe(200);
    expect((await other.post('/spaces', { name: 'Open room', visibility: 'public' })).body.listedInRegistry).toBe(false);
  });

  it('shows the registry to the governance role only — no content, no members — and records every look', async () => {
    const secret = (await creator.post('/spaces', { name: 'Reorg 2027', visibility: 'secret', purpose: 'Plan the reorganisation', acceptGuidelines: true })).body;
    await creator.post('/posts', { spaceId: secret.id, body: 'Draft org chart' });
    expect((await other.get('/governance/registry')).status).toBe(403);
    expect((await t.admin.get('/governance/registry')).status).toBe(403);
    await t.admin.put(`/admin/people/${council.id}/roles/governance`);
    const registry = await council.get('/governance/registry');
    expect(registry.status).toBe(200);
    const entry = registry.body.items.find((e: { space: { id: number } }) => e.space.id === secret.id);
    expect(entry).toMatchObject({ purpose: 'Plan the reorganisation', memberCount: 1, owners: [{ id: creator.id }] });
    expect(JSON.stringify(registry.body)).not.toContain('Draft org chart');
    expect(registry.body.items.every((e: { space: { visibility: string } }) => e.space.visibility !== 'public')).toBe(true);
    // The look is on record for every employee; the space itself stays hidden from them.
    const views = (await other.get('/governance/registry/views')).body.items;
    expect(views[0]).toMatchObject({ viewer: { id: council.id } });
    expect((await council.get(`/spaces/${secret.id}`)).status).toBe(404);
  });
});

describe('inactive closed spaces', () => {
  let t: TestFoyer;
  beforeAll(async () => {
    t = await startTestFoyer();
  });
  afterAll(() => t.close());

  it('warns owners a week ahead, then archives; public spaces are left alone', async () => {
    const { archiveInactiveSpaces } = await import('../jobs/inactive-spaces.js');
    const owner = await t.user('quiet');
    const closed = (await owner.post('/spaces', { name: 'Dormant', visibility: 'private' })).body;
    const open = (await owner.post('/spaces', { name: 'Public square', visibility: 'public' })).body;
    const day = 86_400_000;
    const at = (d: number) => Date.now() + d * day;
    expect(await archiveInactiveSpaces(t.foyer.svc, at(100))).toEqual({ warned: 0, archived: 0 }); // off by default
    expect((await t.admin.patch('/organisation', { inactivityArchiveDays: 3 })).status).toBe(400);
    await t.admin.patch('/organisation', { inactivityArchiveDays: 30 });
    expect(await archiveInactiveSpaces(t.foyer.svc, at(10))).toEqual({ warned: 0, archived: 0 });
    expect(await archiveInactiveSpaces(t.foyer.svc, at(24))).toEqual({ warned: 1, archived: 0 });
    expect(await archiveInactiveSpaces(t.foyer.svc, at(25))).toEqual({ warned: 0, archived: 0 });
    expect(await archiveInactiveSpaces(t.foyer.svc, at(31))).toEqual({ warned: 0, archived: 1 });
    expect((await owner.get(`/spaces/${closed.id}`)).body.archived).toBe(true);
    expect((await owner.get(`/spaces/${open.id}`)).body.archived).toBe(false);
    const notes = (await owner.get('/notifications')).body.items.filter((n: { type: string }) => n.type === 'space_inactive');
    expect(notes.map((n: { data: { archived: boolean } }) => n.data.archived).sort()).toEqual([false, true]);
  });
});
