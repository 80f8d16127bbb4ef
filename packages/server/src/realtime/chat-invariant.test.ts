/**
 * The client invariant, property-based: a client that fetched its conversations once and then
 * applied the events it received (refetching by id, as the web app does) holds exactly what a
 * fresh fetch returns — after any sequence of sends, edits, deletes, reactions, thread replies,
 * read marks and membership changes by several people.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { startTestFoyer, type TestFoyer, type TestClient } from '../test/harness.js';
import { connectWs } from '../test/ws.js';

interface MessageView {
  id: number;
  body: string;
  deleted: boolean;
  editedAt: string | null;
  replyCount: number;
  reactions: unknown;
}
interface ConversationView {
  id: number;
  lastReadId: number;
  unreadCount: number;
  memberCount: number;
  name: string | null;
  messages: Map<number, MessageView>;
}
type ClientState = Map<number, ConversationView>;

const Action = fc.oneof(
  fc.record({ kind: fc.constant('send' as const), who: fc.nat(3), conv: fc.nat(1), text: fc.string({ minLength: 1, maxLength: 20 }) }),
  fc.record({ kind: fc.constant('reply' as const), who: fc.nat(3), conv: fc.nat(1), nth: fc.nat(20) }),
  fc.record({ kind: fc.constant('edit' as const), who: fc.nat(3), nth: fc.nat(20), text: fc.string({ minLength: 1, maxLength: 20 }) }),
  fc.record({ kind: fc.constant('delete' as const), who: fc.nat(3), nth: fc.nat(20) }),
  fc.record({ kind: fc.constant('react' as const), who: fc.nat(3), nth: fc.nat(20), on: fc.boolean() }),
  fc.record({ kind: fc.constant('read' as const), conv: fc.nat(1), nth: fc.nat(20) }),
  fc.record({ kind: fc.constant('unread' as const), conv: fc.nat(1), nth: fc.nat(20) }),
  { arbitrary: fc.record({ kind: fc.constant('membership' as const), change: fc.constantFrom('removeObserver', 'addObserver', 'addOther', 'removeOther', 'rename') }), weight: 3 },
);

describe('chat client invariant', () => {
  let t: TestFoyer;
  let base: string;
  let people: TestClient[];
  let keySeq = 0;
  const clientKey = () => `inv${(keySeq++).toString(36)}x${Date.now().toString(36)}`;

  beforeAll(async () => {
    t = await startTestFoyer();
    base = await t.foyer.app.listen({ port: 0, host: '127.0.0.1' });
    people = [await t.user('olli'), await t.user('pia'), await t.user('quinn'), await t.user('rosa')];
  });
  afterAll(() => t.close());

  /** The observer's view from REST alone. */
  async function fetchState(observer: TestClient): Promise<ClientState> {
    const state: ClientState = new Map();
    for (const c of (await observer.get('/conversations')).body.items) await loadConversation(observer, state, c.id);
    return state;
  }

  async function loadConversation(observer: TestClient, state: ClientState, id: number) {
    const c = await observer.get(`/conversations/${id}`);
    if (c.status === 404) return void state.delete(id);
    const messages = state.get(id)?.messages ?? new Map<number, MessageView>();
    if (!state.has(id)) for (const m of (await observer.get(`/conversations/${id}/messages?limit=100`)).body.items) messages.set(m.id, view(m));
    state.set(id, { id, lastReadId: c.body.lastReadId, unreadCount: c.body.unreadCount, memberCount: c.body.memberCount, name: c.body.name, messages });
  }

  const view = (m: MessageView): MessageView => ({ id: m.id, body: m.body, deleted: m.deleted, editedAt: m.editedAt, replyCount: m.replyCount, reactions: m.reactions });

  /** What the web app does with one event: refetch what it names, through the policy. */
  async function apply(observer: TestClient, state: ClientState, type: string, data: Record<string, number | null>) {
    const conversationId = data.conversationId!;
    if (type === 'conversation.removed') return void state.delete(conversationId);
    if (type === 'conversation.read') {
      await loadConversation(observer, state, conversationId);
      return;
    }
    if (type.startsWith('conversation.')) return loadConversation(observer, state, conversationId);
    if (!type.startsWith('message.')) return;
    if (!state.has(conversationId)) return loadConversation(observer, state, conversationId);
    const target = data.threadRootId ?? data.messageId!;
    const res = await observer.get(`/messages/${target}`);
    const conv = state.get(conversationId)!;
    // History shows top-level messages; a deleted one stays only while a thread hangs on it.
    if (res.status !== 200 || (res.body.deleted && res.body.replyCount === 0)) conv.messages.delete(target);
    else conv.messages.set(target, view(res.body));
    await loadConversation(observer, state, conversationId);
  }

  const snapshot = (state: ClientState) =>
    [...state.values()]
      .sort((a, b) => a.id - b.id)
      .map((c) => ({ ...c, messages: [...c.messages.values()].sort((a, b) => a.id - b.id) }));

  it('holds after any sequence of actions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(Action, { minLength: 1, maxLength: 14 }), async (actions) => {
        const [owner, observer, other, late] = people;
        const group = (await owner.post('/conversations', { kind: 'group', userIds: [observer.id, other.id], name: 'Invariant' })).body;
        const direct = (await owner.post('/conversations', { kind: 'direct', userId: observer.id })).body;
        const conversations = [group.id, direct.id];
        await owner.post(`/conversations/${group.id}/messages`, { body: 'first', clientKey: clientKey() });
        const initial = await fetchState(observer);
        const ws = await connectWs(base, observer.cookie);
        await ws.waitFor((m) => m.kind === 'hello');
        const sent: { id: number; author: number; conversationId: number }[] = [];
        const state: ClientState = new Map([...initial].filter(([id]) => conversations.includes(id)));
        let applied = 0;
        /** Waits until everything committed so far reached the socket, then applies it in order, like a live client. */
        const catchUp = async () => {
          const before = ws.events('presence.changed').length;
          await observer.put('/me/presence', { status: 'available', text: `sync ${keySeq++}` });
          await expect.poll(() => ws.events('presence.changed').length).toBeGreaterThan(before);
          const events = ws.events();
          let last = events.length - 1;
          while (last >= 0 && events[last].type !== 'presence.changed') last--;
          for (const e of events.slice(applied, last + 1)) {
            const data = e.data as Record<string, number | null>;
            if (conversations.includes(Number(data.conversationId))) await apply(observer, state, e.type, data);
          }
          applied = last + 1;
        };
        for (const a of actions) {
          if (a.kind === 'send') {
            const res = await people[a.who].post(`/conversations/${conversations[a.conv]}/messages`, { body: a.text, clientKey: clientKey() });
            if (res.status === 200) sent.push({ id: res.body.id, author: people[a.who].id, conversationId: conversations[a.conv] });
          } else if (a.kind === 'reply' && sent.length) {
            const root = sent[a.nth % sent.length];
            await people[a.who].post(`/conversations/${root.conversationId}/messages`, { body: 'a reply', clientKey: clientKey(), threadRootId: root.id });
          } else if ((a.kind === 'edit' || a.kind === 'delete') && sent.length) {
            const mine = sent.filter((m) => m.author === people[a.who].id);
            if (!mine.length) continue;
            const m = mine[a.nth % mine.length];
            if (a.kind === 'edit') await people[a.who].patch(`/messages/${m.id}`, { body: a.text });
            else await people[a.who].del(`/messages/${m.id}`);
          } else if (a.kind === 'react' && sent.length) {
            const m = sent[a.nth % sent.length];
            await people[a.who].request(a.on ? 'PUT' : 'DELETE', `/messages/${m.id}/reactions/like`);
          } else if ((a.kind === 'read' || a.kind === 'unread') && sent.length) {
            const inConv = sent.filter((m) => m.conversationId === conversations[a.conv]);
            if (inConv.length) await observer.post(`/conversations/${conversations[a.conv]}/${a.kind}`, { messageId: inConv[a.nth % inConv.length].id });
          } else if (a.kind === 'membership') {
            if (a.change === 'removeObserver') await owner.del(`/conversations/${group.id}/members/${observer.id}`);
            if (a.change === 'addObserver') await owner.post(`/conversations/${group.id}/members`, { userIds: [observer.id], confirmAudience: true });
            if (a.change === 'addOther') await owner.post(`/conversations/${group.id}/members`, { userIds: [late.id], confirmAudience: true });
            if (a.change === 'removeOther') await owner.del(`/conversations/${group.id}/members/${late.id}`);
            if (a.change === 'rename') await owner.patch(`/conversations/${group.id}`, { name: `Renamed ${actions.length}` });
          }
          await catchUp();
        }
        ws.close();
        const fresh = new Map([...(await fetchState(observer))].filter(([id]) => conversations.includes(id)));
        expect(snapshot(state)).toEqual(snapshot(fresh));
      }),
      { numRuns: 30, seed: 20261129 },
    );
  }, 120_000);
});
