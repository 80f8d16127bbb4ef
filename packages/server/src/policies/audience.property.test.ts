/**
 * Property: the audience preview counts exactly the people for whom the read policy
 * (canReadSpace + labelAllows, active accounts) says "can read" — for random spaces, memberships
 * in every state, labels and guest maximums. And a label change's "new readers" are exactly the
 * people who gain access. For pages, questions and files the preview is checked against the REST
 * surface itself: exactly the people it lists can open the item.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { startTestFoyer, type TestFoyer, type TestClient } from '../test/harness.js';
import { loadSpaceContext, canReadSpace } from './spaces.js';
import { labelAllows, loadLabelPolicy } from './labels.js';
import { loadConversationForRead } from './conversations.js';
import { nowIso } from '../lib/time.js';

const LEVELS = [100, 200, 300, 400];
const visibilities = fc.constantFrom('public', 'private', 'secret');
/** One membership state per person of the fixture (14 people). */
const memberStates = fc.array(fc.constantFrom('none', 'member', 'invited', 'requested') as fc.Arbitrary<MemberState>, { minLength: 14, maxLength: 14 });
type MemberState = 'none' | 'member' | 'invited' | 'requested';
const DEPARTMENTS = ['Sales', 'IT', 'HR', ''];

describe('audience preview = read policy', () => {
  let t: TestFoyer;
  let owner: TestClient;
  const people: { id: number; role: 'admin' | 'member' | 'guest'; client: TestClient }[] = [];

  beforeAll(async () => {
    t = await startTestFoyer();
    owner = await t.user('owner');
    for (let i = 0; i < 14; i++) {
      const role = i % 4 === 0 ? 'guest' : i % 7 === 0 ? 'admin' : 'member';
      const c = await t.user(`p${i}`, { role });
      await t.foyer.svc.db.updateTable('users').set({ department: DEPARTMENTS[i % 4], site: i % 2 ? 'Hamburg' : 'London' }).where('id', '=', c.id).execute();
      people.push({ id: c.id, role, client: c });
    }
    // Two deactivated people: they keep memberships but read nothing.
    for (const p of people.slice(0, 2)) await t.foyer.svc.db.updateTable('users').set({ status: 'deactivated' }).where('id', '=', p.id).execute();
  });
  afterAll(() => t.close());

  /** A new space with the people in the given membership states, under the given guest maximum. */
  async function randomSpace(visibility: string, states: MemberState[], guestMax: number) {
    const db = t.foyer.svc.db;
    await db.updateTable('organisation').set({ guest_max_label: guestMax }).execute();
    const space = (await owner.post('/spaces', { name: `Prop ${visibility} ${Date.now()}`, visibility })).body;
    for (const [i, state] of states.entries())
      if (state !== 'none')
        await db.insertInto('memberships').values({ space_id: space.id, user_id: people[i].id, role: 'member', state, created_at: nowIso() }).execute();
    return space as { id: number };
  }

  it('holds for random spaces, memberships, labels and guest maximums', async () => {
    const db = t.foyer.svc.db;
    await fc.assert(
      fc.asyncProperty(
        visibilities,
        memberStates,
        fc.constantFrom(...LEVELS),
        fc.constantFrom(...LEVELS),
        fc.constantFrom(...LEVELS),
        async (visibility, states, label, otherLabel, guestMax) => {
          const space = await randomSpace(visibility, states, guestMax);
          const policy = await loadLabelPolicy(db);
          const everyone = await db.selectFrom('users').select(['id', 'role', 'status', 'department']).execute();
          const readers = async (level: number) => {
            const out = [];
            for (const u of everyone) {
              if (u.status !== 'active') continue;
              const actor = { id: u.id, role: u.role, scope: 'session' as const };
              const ctx = await loadSpaceContext(db, actor, space.id);
              if (ctx && canReadSpace(actor, ctx) && labelAllows(actor, level, policy)) out.push(u);
            }
            return out;
          };
          const expected = await readers(label);
          const preview = (await owner.get(`/spaces/${space.id}/audience?label=${label}`)).body;
          expect(preview.total).toBe(expected.length);
          expect(preview.guests).toBe(expected.filter((u) => u.role === 'guest').length);
          for (const d of DEPARTMENTS) {
            const n = expected.filter((u) => u.department === d).length;
            expect(preview.departments.find((x: { name: string }) => x.name === d)?.count ?? 0).toBe(n);
          }
          // A label change on a post: new readers = readers after minus readers before.
          const post = (await owner.post('/posts', { spaceId: space.id, body: 'probe', label })).body;
          const diff = (await owner.get(`/posts/${post.id}/audience?label=${otherLabel}`)).body;
          const before = new Set(expected.map((u) => u.id));
          expect(diff.newReaders).toBe((await readers(otherLabel)).filter((u) => !before.has(u.id)).length);
        },
      ),
      { numRuns: 40, seed: 4242 },
    );
    await db.updateTable('organisation').set({ guest_max_label: 200 }).execute();
  }, 120_000);

  it('holds for pages, questions and files: the people listed are exactly those who can open them', async () => {
    const db = t.foyer.svc.db;
    const uploadFile = async (spaceId: number, label: number) => {
      const res = await t.foyer.app.inject({
        method: 'POST',
        url: `/api/v1/files?name=prop.txt&spaceId=${spaceId}&label=${label}`,
        headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf, 'content-type': 'application/octet-stream' },
        payload: Buffer.from('property probe'),
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    await fc.assert(
      fc.asyncProperty(
        visibilities,
        memberStates,
        fc.constantFrom(...LEVELS),
        fc.constantFrom(...LEVELS),
        async (visibility, states, label, guestMax) => {
          const space = await randomSpace(visibility, states, guestMax);
          const page = await owner.post(`/spaces/${space.id}/pages`, { title: 'Property page', label });
          const question = await owner.post(`/spaces/${space.id}/questions`, { title: 'Property question?', label });
          expect([page.status, question.status]).toEqual([200, 200]);
          const file = await uploadFile(space.id, label);
          const preview = (await owner.get(`/spaces/${space.id}/audience?label=${label}`)).body;
          const listed: number[] = [];
          for (let cursor = ''; ; ) {
            const res = (await owner.get(`/spaces/${space.id}/audience/people?label=${label}&limit=5${cursor && `&cursor=${cursor}`}`)).body;
            listed.push(...res.items.map((u: { id: number }) => u.id));
            if (!res.nextCursor) break;
            cursor = res.nextCursor;
          }
          expect(listed.length).toBe(preview.total);
          const readersOf = async (url: string) => {
            const ids = [];
            for (const c of [t.admin, owner, ...people.map((p) => p.client)]) if ((await c.get(url)).status === 200) ids.push(c.id);
            return ids;
          };
          const guests = new Set(people.filter((p) => p.role === 'guest').map((p) => p.id));
          for (const url of [`/pages/${page.body.id}`, `/questions/${question.body.id}`, `/files/${file.id}`]) {
            const ids = await readersOf(url);
            expect(ids.sort((a, b) => a - b), url).toEqual([...listed].sort((a, b) => a - b));
            expect(ids.filter((id) => guests.has(id)).length, url).toBe(preview.guests);
          }
        },
      ),
      { numRuns: 25, seed: 4244 },
    );
    await db.updateTable('organisation').set({ guest_max_label: 200 }).execute();
  }, 180_000);

  it('holds for group conversations: preview and "new readers" equal who may open the conversation', async () => {
    const db = t.foyer.svc.db;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.boolean(), { minLength: 14, maxLength: 14 }),
        fc.constantFrom(...LEVELS),
        fc.constantFrom(...LEVELS),
        fc.constantFrom(...LEVELS),
        async (inGroup, label, otherLabel, guestMax) => {
          await db.updateTable('organisation').set({ guest_max_label: guestMax }).execute();
          // Built directly: the property is about reading, not about who may add whom.
          const now = nowIso();
          const c = await db
            .insertInto('conversations')
            .values({ kind: 'group', space_id: null, name: 'prop', label, direct_key: null, created_by: owner.id, created_at: now, last_message_at: null })
            .returning('id')
            .executeTakeFirstOrThrow();
          const members = [owner.id, ...people.filter((_, i) => inGroup[i]).map((p) => p.id)];
          await db.insertInto('conversation_members').values(members.map((u) => ({ conversation_id: c.id, user_id: u, joined_at: now }))).execute();
          const everyone = await db.selectFrom('users').select(['id', 'role', 'status']).execute();
          const readers = async (level: number) => {
            await db.updateTable('conversations').set({ label: level }).where('id', '=', c.id).execute();
            const out = [];
            for (const u of everyone) {
              if (u.status !== 'active') continue;
              const opened = await loadConversationForRead(db, { id: u.id, role: u.role, scope: 'session' }, c.id).then(
                () => true,
                () => false,
              );
              if (opened) out.push(u);
            }
            await db.updateTable('conversations').set({ label }).where('id', '=', c.id).execute();
            return out;
          };
          const expected = await readers(label);
          const preview = (await owner.get(`/conversations/${c.id}/audience`)).body;
          expect(preview.total).toBe(expected.length);
          expect(preview.guests).toBe(expected.filter((u) => u.role === 'guest').length);
          const before = new Set(expected.map((u) => u.id));
          const diff = (await owner.get(`/conversations/${c.id}/audience?label=${otherLabel}`)).body;
          if (otherLabel !== label) expect(diff.newReaders).toBe((await readers(otherLabel)).filter((u) => !before.has(u.id)).length);
        },
      ),
      { numRuns: 40, seed: 4243 },
    );
    await db.updateTable('organisation').set({ guest_max_label: 200 }).execute();
  }, 120_000);
});
