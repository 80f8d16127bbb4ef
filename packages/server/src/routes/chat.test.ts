import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestFoyer, type TestFoyer, type TestClient } from '../test/harness.js';
import { connectWs, type WsClient } from '../test/ws.js';

let keySeq = 0;
const key = () => `k${Date.now().toString(36)}x${(keySeq++).toString(36)}`;

describe('chat', () => {
  let t: TestFoyer;
  let base: string;
  let ana: TestClient, ben: TestClient, cem: TestClient, dora: TestClient, gus: TestClient;
  const say = (c: TestClient, conversationId: number, body: string, extra: Record<string, unknown> = {}) =>
    c.post(`/conversations/${conversationId}/messages`, { body, clientKey: key(), ...extra });
  const direct = async (a: TestClient, b: TestClient) => (await a.post('/conversations', { kind: 'direct', userId: b.id })).body;

  beforeAll(async () => {
    t = await startTestFoyer();
    base = await t.foyer.app.listen({ port: 0, host: '127.0.0.1' });
    ana = await t.user('ana');
    ben = await t.user('ben');
    cem = await t.user('cem');
    dora = await t.user('dora');
    gus = await t.user('gus', { role: 'guest' });
  });
  afterAll(() => t.close());

  it('opens one direct conversation per pair, visible to the two people only (not to admins)', async () => {
    const first = await ana.post('/conversations', { kind: 'direct', userId: ben.id });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ kind: 'direct', name: null, memberCount: 2, unreadCount: 0 });
    expect(first.body.members.map((m: { id: number }) => m.id).sort()).toEqual([ana.id, ben.id].sort());
    const again = await ben.post('/conversations', { kind: 'direct', userId: ana.id });
    expect(again.body.id).toBe(first.body.id);
    const id = first.body.id;
    await say(ana, id, 'private words');
    for (const outsider of [cem, t.admin]) {
      const hidden = await outsider.get(`/conversations/${id}`);
      const missing = await outsider.get('/conversations/999999');
      expect(hidden.status).toBe(404);
      expect(hidden.body).toEqual(missing.body);
      expect((await outsider.get(`/conversations/${id}/messages`)).status).toBe(404);
      expect((await outsider.get(`/conversations/${id}/search?q=private`)).status).toBe(404);
      expect((await say(outsider, id, 'let me in')).status).toBe(404);
      expect((await outsider.get('/conversations')).body.items.map((c: { id: number }) => c.id)).not.toContain(id);
    }
    const msgs = (await ben.get(`/conversations/${id}/messages`)).body;
    expect((await cem.get(`/messages/${msgs.items[0].id}`)).status).toBe(404);
  });

  it('rejects bad input with typed errors and writes nothing', async () => {
    const c = await direct(ana, cem);
    const cases: [Record<string, unknown>, string][] = [
      [{ body: '', clientKey: key() }, 'body'],
      [{ body: 'x'.repeat(10_001), clientKey: key() }, 'body'],
      [{ body: 'hi', clientKey: 'short' }, 'clientKey'],
      [{ body: 'hi', clientKey: 'has spaces in it' }, 'clientKey'],
      [{ body: 'hi' }, 'clientKey'],
    ];
    for (const [input, field] of cases) {
      const res = await ana.post(`/conversations/${c.id}/messages`, input);
      expect(res.status, JSON.stringify(input).slice(0, 60)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(Object.keys(res.body.error.details.fields)).toContain(field);
    }
    expect((await ana.post('/conversations', { kind: 'direct', userId: ana.id })).status).toBe(400);
    expect((await ana.post('/conversations', { kind: 'direct', userId: 987654 })).status).toBe(404);
    expect((await ana.post('/conversations', { kind: 'group', userIds: [] })).status).toBe(400);
    expect((await ana.post('/conversations', { kind: 'channel', userIds: [ben.id] })).status).toBe(400);
    const other = await direct(ben, dora);
    const foreign = (await say(ben, other.id, 'elsewhere')).body;
    expect((await say(ana, c.id, 'quote', { quoteId: foreign.id })).status).toBe(400);
    expect((await say(ana, c.id, 'reply', { threadRootId: foreign.id })).status).toBe(400);
    expect((await ana.get(`/conversations/${c.id}/messages`)).body.items).toEqual([]);
  });

  it('acknowledges a retried send once: the same clientKey returns the same message', async () => {
    const c = await direct(ana, dora);
    const clientKey = key();
    const [a, b] = await Promise.all([
      ana.post(`/conversations/${c.id}/messages`, { body: 'only once', clientKey }),
      ana.post(`/conversations/${c.id}/messages`, { body: 'only once', clientKey }),
    ]);
    const c3 = await ana.post(`/conversations/${c.id}/messages`, { body: 'only once', clientKey });
    expect([a.status, b.status, c3.status]).toEqual([200, 200, 200]);
    expect(new Set([a.body.id, b.body.id, c3.body.id]).size).toBe(1);
    expect(a.body.clientKey).toBe(clientKey);
    expect((await ana.get(`/conversations/${c.id}/messages`)).body.items).toHaveLength(1);
    // The key belongs to its message: reusing it elsewhere is a conflict.
    const elsewhere = await direct(ana, ben);
    expect((await ana.post(`/conversations/${elsewhere.id}/messages`, { body: 'x', clientKey })).status).toBe(409);
    // Others never see my keys.
    expect((await dora.get(`/conversations/${c.id}/messages`)).body.items[0].clientKey).toBeNull();
  });

  it('counts unread messages, marks read and unread, and syncs read state to my other tabs', async () => {
    const c = await direct(ben, cem);
    const w = await connectWs(base, cem.cookie);
    const ids: number[] = [];
    for (let i = 1; i <= 3; i++) ids.push((await say(ben, c.id, `message ${i}`)).body.id);
    let mine = (await cem.get(`/conversations/${c.id}`)).body;
    expect(mine).toMatchObject({ unreadCount: 3, lastReadId: 0, lastMessageId: ids[2] });
    expect((await ben.get(`/conversations/${c.id}`)).body.unreadCount).toBe(0);
    const unread = (await cem.get('/chat/unread')).body;
    expect(unread.total).toBeGreaterThanOrEqual(3);
    expect(unread.conversations).toContainEqual({ id: c.id, unreadCount: 3, mentionCount: 0, muted: false });
    mine = (await cem.post(`/conversations/${c.id}/read`, { messageId: ids[1] })).body;
    expect(mine).toMatchObject({ unreadCount: 1, lastReadId: ids[1] });
    await w.waitFor((m) => m.kind === 'event' && m.type === 'conversation.read' && m.data.lastReadId === ids[1]);
    // Never moves back by reading an older message again.
    expect((await cem.post(`/conversations/${c.id}/read`, { messageId: ids[0] })).body.lastReadId).toBe(ids[1]);
    mine = (await cem.post(`/conversations/${c.id}/unread`, { messageId: ids[0] })).body;
    expect(mine.unreadCount).toBe(3);
    expect((await cem.post(`/conversations/${c.id}/unread`, { messageId: 999999 })).status).toBe(404);
    // Muted conversations leave the total.
    await cem.put(`/conversations/${c.id}/settings`, { muted: true, notify: 'mentions' });
    const after = (await cem.get('/chat/unread')).body;
    expect(after.conversations.find((x: { id: number }) => x.id === c.id)).toMatchObject({ muted: true, unreadCount: 3 });
    expect(after.total).toBe(unread.total - 3);
    await cem.put(`/conversations/${c.id}/settings`, { muted: false, notify: 'all' });
    w.close();
  });

  it('edits, deletes, reacts, quotes and threads — with the author rules', async () => {
    const c = await direct(ana, ben);
    const root = (await say(ana, c.id, 'root **bold**')).body;
    expect(root.html).toContain('<strong>bold</strong>');
    expect((await ben.patch(`/messages/${root.id}`, { body: 'hijack' })).status).toBe(403);
    expect((await ben.del(`/messages/${root.id}`)).status).toBe(403);
    const edited = (await ana.patch(`/messages/${root.id}`, { body: 'root, edited' })).body;
    expect(edited.editedAt).not.toBeNull();
    const reply = (await say(ben, c.id, 'in the thread', { threadRootId: root.id })).body;
    expect(reply.threadRootId).toBe(root.id);
    expect((await say(ana, c.id, 'nested', { threadRootId: reply.id })).status).toBe(400);
    const thread = (await ana.get(`/messages/${root.id}/thread`)).body;
    expect(thread.root.replyCount).toBe(1);
    expect(thread.replies.map((m: { id: number }) => m.id)).toEqual([reply.id]);
    // Replies stay out of the main history.
    expect((await ana.get(`/conversations/${c.id}/messages`)).body.items.map((m: { id: number }) => m.id)).not.toContain(reply.id);
    const quoting = (await say(ben, c.id, 'as you said', { quoteId: root.id })).body;
    expect(quoting.quote).toMatchObject({ id: root.id, excerpt: 'root, edited', deleted: false });
    const reacted = (await ben.put(`/messages/${root.id}/reactions/like`)).body;
    expect(reacted.reactions).toEqual({ counts: { like: 1 }, mine: ['like'] });
    expect((await ben.put(`/messages/${root.id}/reactions/nope`)).status).toBe(400);
    expect((await ana.get(`/messages/${root.id}`)).body.reactions).toEqual({ counts: { like: 1 }, mine: [] });
    expect((await ana.del(`/messages/${root.id}`)).status).toBe(204);
    const gone = (await ben.get(`/messages/${root.id}`)).body;
    expect(gone).toMatchObject({ deleted: true, body: '', html: '', reactions: { counts: {}, mine: [] } });
    expect((await ben.get(`/messages/${quoting.id}`)).body.quote).toMatchObject({ id: root.id, deleted: true, excerpt: '' });
    expect((await ana.patch(`/messages/${root.id}`, { body: 'back' })).status).toBe(403);
  });

  it('runs group conversations: add only findable people, the starter removes, anyone leaves, a removed person gets nothing more', async () => {
    const group = (await ana.post('/conversations', { kind: 'group', userIds: [ben.id, cem.id], name: 'Lunch' })).body;
    expect(group).toMatchObject({ kind: 'group', name: 'Lunch', memberCount: 3 });
    // Guests are not addable unless the organisation allows it; unknown ids answer like hidden ones.
    const refused = await ana.post(`/conversations/${group.id}/members`, { userIds: [gus.id] });
    expect(refused.status).toBe(404);
    expect(refused.body.error.details.fields.userIds).toEqual([gus.id]);
    expect((await gus.post('/conversations', { kind: 'direct', userId: ana.id })).status).toBe(403);
    expect((await ben.post(`/conversations/${group.id}/members`, { userIds: [dora.id] })).status).toBe(200);
    expect((await ben.del(`/conversations/${group.id}/members/${cem.id}`)).status).toBe(403);
    const wc = await connectWs(base, cem.cookie);
    const removed = await ana.del(`/conversations/${group.id}/members/${cem.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body.memberCount).toBe(3);
    await wc.waitFor((m) => m.kind === 'event' && m.type === 'conversation.removed' && m.data.conversationId === group.id);
    await say(ana, group.id, 'after cem left');
    await wc.quiet(300);
    expect(wc.events('message.created').filter((e) => e.data.conversationId === group.id)).toEqual([]);
    expect((await cem.get(`/conversations/${group.id}`)).status).toBe(404);
    // Adding people to a conversation with history lets them read it: confirmed explicitly.
    const late = await t.user('lena');
    const unconfirmed = await ana.post(`/conversations/${group.id}/members`, { userIds: [late.id] });
    expect(unconfirmed.status).toBe(409);
    expect(unconfirmed.body.error.details).toMatchObject({ newReaders: 1, confirmField: 'confirmAudience' });
    expect((await late.get(`/conversations/${group.id}`)).status).toBe(404);
    expect((await ana.post(`/conversations/${group.id}/members`, { userIds: [late.id], confirmAudience: true })).status).toBe(200);
    expect((await late.get(`/conversations/${group.id}/messages`)).body.items.length).toBeGreaterThan(0);
    expect((await dora.post(`/conversations/${group.id}/leave`)).status).toBe(204);
    expect((await dora.get(`/conversations/${group.id}`)).status).toBe(404);
    const d = await direct(ana, ben);
    expect((await ana.post(`/conversations/${d.id}/leave`)).status).toBe(403);
    wc.close();
  });

  it('gives a channel exactly the space members as audience, following membership', async () => {
    const space = (await ana.post('/spaces', { name: 'Ops', visibility: 'public' })).body;
    expect((await ben.post(`/spaces/${space.id}/channels`, { name: 'general' })).status).toBe(404);
    const channel = (await ana.post(`/spaces/${space.id}/channels`, { name: 'general' })).body;
    expect(channel).toMatchObject({ kind: 'channel', name: 'general', space: { id: space.id } });
    await say(ana, channel.id, 'before ben joined');
    // A public space's readers are not the channel's audience: members are.
    expect((await ben.get(`/conversations/${channel.id}`)).status).toBe(404);
    await ben.post(`/spaces/${space.id}/join`);
    const seen = (await ben.get(`/conversations/${channel.id}`)).body;
    expect(seen.unreadCount).toBe(0); // history from before joining is not unread
    expect((await ben.get(`/spaces/${space.id}/channels`)).body.items.map((c: { id: number }) => c.id)).toEqual([channel.id]);
    const wb = await connectWs(base, ben.cookie);
    await say(ana, channel.id, 'hello members');
    await wb.waitFor((m) => m.kind === 'event' && m.type === 'message.created' && m.data.conversationId === channel.id);
    await ben.post(`/spaces/${space.id}/leave`);
    await wb.waitFor((m) => m.kind === 'event' && m.type === 'conversation.removed' && m.data.conversationId === channel.id);
    const before = wb.events('message.created').length;
    await say(ana, channel.id, 'after ben left');
    await wb.quiet(300);
    expect(wb.events('message.created')).toHaveLength(before);
    expect((await ben.get(`/conversations/${channel.id}/messages`)).status).toBe(404);
    wb.close();
  });

  it('lets guests into direct and group conversations only where the organisation allows it', async () => {
    expect((await ana.post('/conversations', { kind: 'direct', userId: gus.id })).status).toBe(404);
    expect((await ben.patch('/organisation', { chatGuests: true })).status).toBe(403);
    expect((await t.admin.patch('/organisation', { chatGuests: true })).body.chatGuests).toBe(true);
    const withGuest = await ana.post('/conversations', { kind: 'direct', userId: gus.id });
    expect(withGuest.status).toBe(200);
    // The guest can only reach people they can find: those sharing a space with them.
    expect((await gus.post('/conversations', { kind: 'direct', userId: dora.id })).status).toBe(404);
    await t.admin.patch('/organisation', { chatGuests: false });
    expect((await gus.post('/conversations', { kind: 'direct', userId: ana.id })).status).toBe(403);
  });

  it('notifies mentioned participants only, without message text', async () => {
    const group = (await ana.post('/conversations', { kind: 'group', userIds: [ben.id] })).body;
    await say(ana, group.id, 'ping @ben and @dora');
    const bens = (await ben.get('/notifications')).body.items.filter((n: { type: string }) => n.type === 'chat_mention');
    expect(bens[0]).toMatchObject({ data: { conversationId: group.id } });
    expect(JSON.stringify(bens[0])).not.toContain('ping');
    const doras = (await dora.get('/notifications')).body.items.filter((n: { data: { conversationId?: number } }) => n.data.conversationId === group.id);
    expect(doras).toEqual([]);
    expect((await ben.get(`/conversations/${group.id}`)).body.mentionCount).toBe(1);
  });

  it('forwards typing to the other participants only and drops malformed frames, closing abusers', async () => {
    const c = await direct(ana, ben);
    const [wa, wb, wc]: WsClient[] = await Promise.all([connectWs(base, ana.cookie), connectWs(base, ben.cookie), connectWs(base, cem.cookie)]);
    wa.send({ kind: 'typing', conversationId: c.id });
    await wb.waitFor((m) => m.kind === 'typing' && m.conversationId === c.id && m.userId === ana.id);
    // Not a participant: silently dropped.
    wc.send({ kind: 'typing', conversationId: c.id });
    await wa.quiet(300);
    expect(wa.messages.filter((m) => m.kind === 'typing')).toEqual([]);
    expect(wc.messages.filter((m) => m.kind === 'typing')).toEqual([]);
    for (let i = 0; i < 30; i++) wc.send('not json {');
    expect((await wc.closed).code).toBe(1008);
    // The others stay connected and keep receiving.
    await say(ana, c.id, 'still here');
    await wb.waitFor((m) => m.kind === 'event' && m.type === 'message.created' && m.data.conversationId === c.id);
    wa.close();
    wb.close();
  });

  it('lets people choose a status that others see, with no measured presence', async () => {
    expect((await ana.put('/me/presence', { status: 'sleepy' })).status).toBe(400);
    expect((await ana.put('/me/presence', { status: 'busy', expiresAt: '2000-01-01T00:00:00Z' })).status).toBe(400);
    const wb = await connectWs(base, ben.cookie);
    const set = await ana.put('/me/presence', { status: 'dnd', text: 'Focus time' });
    expect(set.body).toEqual({ userId: ana.id, status: 'dnd', text: 'Focus time', expiresAt: null });
    await wb.waitFor((m) => m.kind === 'event' && m.type === 'presence.changed' && m.data.userId === ana.id);
    const seen = (await ben.get(`/presence?ids=${ana.id},${cem.id}`)).body.items;
    expect(seen).toEqual([
      { userId: ana.id, status: 'dnd', text: 'Focus time', expiresAt: null },
      { userId: cem.id, status: null, text: '', expiresAt: null },
    ]);
    // A guest sees only people who share a space with them.
    expect((await gus.get(`/presence?ids=${ana.id}`)).body.items).toEqual([]);
    expect((await ben.get('/presence?ids=1,x')).status).toBe(400);
    await ana.put('/me/presence', { status: null });
    expect((await ben.get(`/presence?ids=${ana.id}`)).body.items[0].status).toBeNull();
    wb.close();
  });

  it('searches inside a conversation with wildcards taken literally, and pages history around a message', async () => {
    const c = await direct(cem, dora);
    const ids: number[] = [];
    for (let i = 1; i <= 30; i++) ids.push((await say(cem, c.id, i === 7 ? 'the 100% answer' : `line ${i}`)).body.id);
    expect((await dora.get(`/conversations/${c.id}/search?q=100%25`)).body.items.map((m: { id: number }) => m.id)).toEqual([ids[6]]);
    expect((await dora.get(`/conversations/${c.id}/search?q=%25`)).body.items).toHaveLength(1);
    const latest = (await dora.get(`/conversations/${c.id}/messages?limit=10`)).body;
    expect(latest.items.map((m: { id: number }) => m.id)).toEqual(ids.slice(20));
    expect(latest).toMatchObject({ hasOlder: true, hasNewer: false });
    const older = (await dora.get(`/conversations/${c.id}/messages?limit=10&before=${ids[20]}`)).body;
    expect(older.items.map((m: { id: number }) => m.id)).toEqual(ids.slice(10, 20));
    expect(older).toMatchObject({ hasOlder: true, hasNewer: true });
    const around = (await dora.get(`/conversations/${c.id}/messages?limit=10&around=${ids[6]}`)).body;
    expect(around.items.map((m: { id: number }) => m.id)).toEqual(ids.slice(2, 12));
    expect(around).toMatchObject({ hasOlder: true, hasNewer: true });
    const newer = (await dora.get(`/conversations/${c.id}/messages?limit=5&after=${ids[24]}`)).body;
    expect(newer.items.map((m: { id: number }) => m.id)).toEqual(ids.slice(25));
    expect(newer).toMatchObject({ hasOlder: true, hasNewer: false });
  });

  it('keeps one order per conversation for everyone under concurrent senders', async () => {
    const group = (await ana.post('/conversations', { kind: 'group', userIds: [ben.id, cem.id] })).body;
    const [wb, wc] = await Promise.all([connectWs(base, ben.cookie), connectWs(base, cem.cookie)]);
    const senders = [ana, ben, cem];
    const sent = await Promise.all(Array.from({ length: 30 }, (_, i) => say(senders[i % 3], group.id, `m${i}`)));
    expect(sent.every((r) => r.status === 200)).toBe(true);
    const history = (await ana.get(`/conversations/${group.id}/messages?limit=100`)).body.items.map((m: { id: number }) => m.id);
    expect(history).toHaveLength(30);
    const order = (w: WsClient) => w.events('message.created').filter((e) => e.data.conversationId === group.id).map((e) => e.data.messageId);
    await expect.poll(() => order(wb).length).toBe(30);
    await expect.poll(() => order(wc).length).toBe(30);
    expect(order(wb)).toEqual(history);
    expect(order(wc)).toEqual(history);
    wb.close();
    wc.close();
  });
});

describe('chat rate limits', () => {
  let t: TestFoyer;
  beforeAll(async () => {
    t = await startTestFoyer({ rateLimits: true });
  });
  afterAll(() => t.close());

  it('answers a flood from one person with 429 and writes nothing more, while others keep sending', async () => {
    const flooder = await t.user('flo');
    const calm = await t.user('cal');
    const c = (await flooder.post('/conversations', { kind: 'direct', userId: calm.id })).body;
    const statuses: number[] = [];
    for (let i = 0; i < 130; i++) statuses.push((await flooder.post(`/conversations/${c.id}/messages`, { body: `flood ${i}`, clientKey: `flood${i}xxxxx` })).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(120);
    const limited = await flooder.post(`/conversations/${c.id}/messages`, { body: 'one more', clientKey: 'floodextra01' });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect((await calm.post(`/conversations/${c.id}/messages`, { body: 'I can still talk', clientKey: 'calmmessage1' })).status).toBe(200);
    // 120 accepted floods + 1 calm message: nothing from the refused requests was written.
    const newest = (await calm.get(`/conversations/${c.id}/messages?limit=100`)).body;
    const oldest = (await calm.get(`/conversations/${c.id}/messages?limit=100&before=${newest.items[0].id}`)).body;
    expect(newest.items.length + oldest.items.length).toBe(121);
    expect(oldest.hasOlder).toBe(false);
  });
});
