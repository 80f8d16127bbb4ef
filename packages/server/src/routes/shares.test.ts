import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { startTestFoyer, type TestFoyer, type TestClient } from '../test/harness.js';

describe('shares never widen', () => {
  let t: TestFoyer;
  let owner: TestClient, insider: TestClient, outsider: TestClient, guest: TestClient;
  let finance: { id: number }, lobby: { id: number };
  let original: { id: number; html: string };
  let keySeq = 0;

  beforeAll(async () => {
    t = await startTestFoyer();
    owner = await t.user('olivia');
    insider = await t.user('ivan');
    outsider = await t.user('oscar');
    guest = await t.user('gert', { role: 'guest' });
    finance = (await owner.post('/spaces', { name: 'Finance', visibility: 'private' })).body;
    await owner.post(`/spaces/${finance.id}/members`, { userId: insider.id });
    await insider.post(`/spaces/${finance.id}/accept`);
    lobby = (await insider.post('/spaces', { name: 'Lobby', visibility: 'public' })).body;
    for (const c of [outsider, guest]) {
      await insider.post(`/spaces/${lobby.id}/members`, { userId: c.id });
      await c.post(`/spaces/${lobby.id}/accept`);
    }
    original = (await owner.post('/posts', { spaceId: finance.id, body: 'Q4 forecast: **-12%**', label: 300 })).body;
  });
  afterAll(() => t.close());

  it('shows the original only to readers of the share who may read the original', async () => {
    const share = await insider.post('/posts', { spaceId: lobby.id, body: 'see this', sharedPostId: original.id });
    expect(share.status).toBe(200);
    expect(share.body.shared).toMatchObject({ id: original.id, available: true, label: 300 });
    const seenByOutsider = (await outsider.get(`/posts/${share.body.id}`)).body;
    expect(seenByOutsider.body).toBe('see this');
    expect(seenByOutsider.shared).toEqual({ id: original.id, available: false, author: null, space: null, html: '', label: null, createdAt: null });
    expect(JSON.stringify(await outsider.get('/feed'))).not.toContain('forecast');
    expect(JSON.stringify(await guest.get(`/spaces/${lobby.id}/posts`))).not.toContain('forecast');
    expect((await outsider.get(`/posts/${original.id}`)).status).toBe(404);
    // Nobody can share what they cannot read; an empty post needs a share.
    expect((await outsider.post('/posts', { spaceId: lobby.id, body: 'leak', sharedPostId: original.id })).status).toBe(404);
    expect((await insider.post('/posts', { spaceId: lobby.id, body: '' })).status).toBe(400);
  });

  it('applies the same rule to posts shared into a chat', async () => {
    const c = (await insider.post('/conversations', { kind: 'direct', userId: outsider.id })).body;
    const m = await insider.post(`/conversations/${c.id}/messages`, { body: '', clientKey: `share${keySeq++}xxxx`, sharedPostId: original.id });
    expect(m.status).toBe(200);
    expect(m.body.shared.available).toBe(true);
    const seen = (await outsider.get(`/messages/${m.body.id}`)).body;
    expect(seen.shared).toMatchObject({ id: original.id, available: false, html: '' });
  });

  it('opens the original to a share audience only after the author or space owner approves, and records it', async () => {
    const share = (await insider.post('/posts', { spaceId: lobby.id, body: 'for everyone?', sharedPostId: original.id })).body;
    const asked = await outsider.post(`/posts/${share.id}/declassify`, { reason: 'Sales needs the forecast' });
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ status: 'pending', space: { id: lobby.id }, requestedBy: { id: outsider.id } });
    expect((await outsider.post(`/posts/${share.id}/declassify`, { reason: 'again' })).status).toBe(409);
    expect((await outsider.post(`/posts/${share.id}/declassify`, { reason: '' })).status).toBe(400);
    // The owner is told and sees the request; others cannot decide (answered like missing).
    expect((await owner.get('/notifications')).body.items.some((n: { type: string }) => n.type === 'declassify_request')).toBe(true);
    expect((await owner.get('/declassifications')).body.items.map((d: { id: number }) => d.id)).toContain(asked.body.id);
    expect((await outsider.get('/declassifications')).body.items).toEqual([]);
    expect((await outsider.post(`/declassifications/${asked.body.id}/approve`)).status).toBe(404);
    expect((await insider.post(`/declassifications/${asked.body.id}/approve`)).status).toBe(404);
    const approved = await owner.post(`/declassifications/${asked.body.id}/approve`);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: { id: owner.id } });
    expect((await owner.post(`/declassifications/${asked.body.id}/deny`)).status).toBe(409);
    // Readable through the share in that space — still not directly, and not by a guest above their maximum.
    expect((await outsider.get(`/posts/${share.id}`)).body.shared).toMatchObject({ available: true, html: original.html });
    expect((await outsider.get(`/posts/${original.id}`)).status).toBe(404);
    expect((await guest.get(`/posts/${share.id}`)).body.shared.available).toBe(false);
    // The decision is part of the original's history for its readers.
    const history = (await insider.get(`/posts/${original.id}/declassifications`)).body.items;
    expect(history[0]).toMatchObject({ id: asked.body.id, status: 'approved', reason: 'Sales needs the forecast' });
    expect((await outsider.get(`/posts/${original.id}/declassifications`)).status).toBe(404);
    expect((await outsider.get('/notifications')).body.items.some((n: { type: string; data: { approved?: boolean } }) => n.type === 'declassify_decision' && n.data.approved)).toBe(true);
  });

  it('never lets any sequence of shares, moves, label and visibility changes widen the original (property)', async () => {
    const people = [owner, insider, outsider, guest];
    const spaces = [finance.id, lobby.id, (await outsider.post('/spaces', { name: 'Side room', visibility: 'secret' })).body.id];
    const secret = (await owner.post('/posts', { spaceId: finance.id, body: 'Unannounced merger with Zeta AG', label: 300 })).body;
    const readersOfOriginal = async () => {
      const out = new Set<number>();
      for (const p of people) if ((await p.get(`/posts/${secret.id}`)).status === 200) out.add(p.id);
      return out;
    };
    const initial = await readersOfOriginal();
    const shares: number[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.record({ op: fc.constant('share' as const), who: fc.nat(3), space: fc.nat(2), chain: fc.boolean() }),
            fc.record({ op: fc.constant('label' as const), nth: fc.nat(20), level: fc.constantFrom(100, 200, 300, 400) }),
            fc.record({ op: fc.constant('visibility' as const), space: fc.nat(2), to: fc.constantFrom('public', 'private', 'secret') }),
            fc.record({ op: fc.constant('move' as const), nth: fc.nat(20), who: fc.nat(3), space: fc.nat(2) }),
          ),
          { minLength: 1, maxLength: 8 },
        ),
        async (ops) => {
          for (const o of ops) {
            if (o.op === 'share') {
              const target = o.chain && shares.length ? shares[shares.length - 1] : secret.id;
              const res = await people[o.who].post('/posts', { spaceId: spaces[o.space], body: 'fwd', sharedPostId: target });
              if (res.status === 200) shares.push(res.body.id);
            } else if (o.op === 'label' && shares.length) {
              const id = shares[o.nth % shares.length];
              for (const p of people) await p.patch(`/posts/${id}`, { label: o.level, confirmAudience: true });
            } else if (o.op === 'move' && shares.length) {
              // Moving a share, confirmed, takes the share to new readers but never the original.
              await people[o.who].post(`/posts/${shares[o.nth % shares.length]}/move`, { spaceId: spaces[o.space], confirmAudience: true });
            } else if (o.op === 'visibility') {
              // Finance itself stays private: the original's own audience is not what is under test.
              if (spaces[o.space] === finance.id) continue;
              for (const p of people) await p.patch(`/spaces/${spaces[o.space]}`, { visibility: o.to, confirmAudience: true });
            }
          }
          // Whoever sees the original's text anywhere must be one of its readers.
          for (const p of people) {
            if (initial.has(p.id)) continue;
            for (const id of shares) {
              const res = await p.get(`/posts/${id}`);
              expect(JSON.stringify(res.body)).not.toContain('Zeta AG');
            }
            expect(JSON.stringify((await p.get('/feed?limit=50')).body)).not.toContain('Zeta AG');
            expect(JSON.stringify((await p.get('/search?q=Zeta')).body)).not.toContain('Zeta');
          }
        },
      ),
      { numRuns: 15, seed: 777 },
    );
  }, 120_000);
});
