/**
 * The authorization matrix for chat (SECURITY.md): every actor x every conversation kind x every
 * chat surface — REST, list, unread counts, search, threads, writes, realtime events and typing —
 * with loadConversationForRead as the oracle, re-checked after membership transitions.
 * A hidden conversation or message must answer exactly like a missing one.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestFoyer, callAs, type TestFoyer, type TestClient, type MatrixSubject } from '../test/harness.js';
import { connectWs, type WsClient } from '../test/ws.js';
import { loadConversationForRead } from './conversations.js';

interface Fixture {
  label: string;
  conversationId: number;
  messageId: number;
}
type Subject = MatrixSubject;

let seq = 0;
const clientKey = () => `mx${Date.now().toString(36)}${(seq++).toString(36)}`;

describe('chat authorization matrix', () => {
  let t: TestFoyer;
  let base: string;
  let starter: TestClient;
  const fixtures: Fixture[] = [];
  const subjects: Subject[] = [];
  const spaces: Record<string, number> = {};

  beforeAll(async () => {
    t = await startTestFoyer();
    base = await t.foyer.app.listen({ port: 0, host: '127.0.0.1' });
    starter = await t.user('starter');
    const partner = await t.user('partner');
    const groupie = await t.user('groupie');
    const spaceMember = await t.user('spacemember');
    const outsider = await t.user('outsider');
    const guest = await t.user('guest', { role: 'guest' });
    const tokenUser = await t.user('tokenuser');
    const readToken = (await tokenUser.post('/me/tokens', { name: 'ro', scope: 'read' })).body.token;

    const direct = (await starter.post('/conversations', { kind: 'direct', userId: partner.id })).body;
    const group = (await starter.post('/conversations', { kind: 'group', userIds: [partner.id, groupie.id, tokenUser.id], name: 'Matrix group' })).body;
    const convs: [string, number][] = [
      ['direct', direct.id],
      ['group', group.id],
    ];
    for (const vis of ['public', 'private', 'secret'] as const) {
      const space = (await starter.post('/spaces', { name: `Chat ${vis}`, visibility: vis })).body;
      spaces[vis] = space.id;
      for (const c of [spaceMember, guest, tokenUser]) {
        await starter.post(`/spaces/${space.id}/members`, { userId: c.id });
        await c.post(`/spaces/${space.id}/accept`);
      }
      convs.push([`channel in ${vis} space`, (await starter.post(`/spaces/${space.id}/channels`, { name: `general-${vis}` })).body.id]);
    }
    for (const [label, conversationId] of convs) {
      const m = (await starter.post(`/conversations/${conversationId}/messages`, { body: `secret words ${label}`, clientKey: clientKey() })).body;
      fixtures.push({ label, conversationId, messageId: m.id });
    }
    const s = (name: string, client: TestClient | null, extra: Partial<Subject> = {}): Subject => ({ name, client, actor: client?.actor ?? null, ...extra });
    subjects.push(
      s('anonymous', null),
      s('starter', starter),
      s('direct partner', partner),
      s('group member', groupie),
      s('space member', spaceMember),
      s('employee outsider', outsider),
      s('guest', guest),
      s('org admin', t.admin),
      s('read token', null, { actor: { ...tokenUser.actor, scope: 'read' }, tokenHeader: `Bearer ${readToken}` }),
    );
  });
  afterAll(() => t.close());

  const call = (sub: Subject, method: string, url: string, body?: unknown) => callAs(t, sub, method, url, body);

  async function oracle(sub: Subject, f: Fixture): Promise<boolean> {
    if (!sub.actor) return false;
    try {
      await loadConversationForRead(t.foyer.svc.db, sub.actor, f.conversationId);
      return true;
    } catch {
      return false;
    }
  }

  async function checkAll(label: string) {
    const owner = subjects.find((s) => s.name === 'starter')!;
    const missingConversation = await call(owner, 'GET', '/conversations/99999999');
    const missingMessage = await call(owner, 'GET', '/messages/99999999');
    for (const sub of subjects) {
      const list = await call(sub, 'GET', '/conversations');
      const unread = await call(sub, 'GET', '/chat/unread');
      const switcher = await call(sub, 'GET', '/switcher?q=');
      for (const f of fixtures) {
        const where = `${label}: ${sub.name} / ${f.label}`;
        if (!sub.actor) {
          expect((await call(sub, 'GET', `/conversations/${f.conversationId}`)).status, where).toBe(401);
          continue;
        }
        const reads = await oracle(sub, f);
        const conv = await call(sub, 'GET', `/conversations/${f.conversationId}`);
        expect(conv.status, `${where} GET conversation`).toBe(reads ? 200 : 404);
        if (!reads) expect(conv.body, `${where} hidden == missing`).toEqual(missingConversation.body);
        const msg = await call(sub, 'GET', `/messages/${f.messageId}`);
        expect(msg.status, `${where} GET message`).toBe(reads ? 200 : 404);
        if (!reads) expect(msg.body, `${where} hidden message == missing`).toEqual(missingMessage.body);
        expect((await call(sub, 'GET', `/conversations/${f.conversationId}/messages`)).status, `${where} history`).toBe(reads ? 200 : 404);
        expect((await call(sub, 'GET', `/messages/${f.messageId}/thread`)).status, `${where} thread`).toBe(reads ? 200 : 404);
        const search = await call(sub, 'GET', `/conversations/${f.conversationId}/search?q=secret`);
        expect(search.status, `${where} search`).toBe(reads ? 200 : 404);
        expect(list.body.items.some((c: { id: number }) => c.id === f.conversationId), `${where} list`).toBe(reads);
        expect(switcher.body.conversations.some((c: { id: number }) => c.id === f.conversationId) || !reads, `${where} switcher`).toBe(true);
        expect(unread.body.conversations.every((c: { id: number }) => c.id !== f.conversationId) || reads, `${where} unread`).toBe(true);
        // Writes need read access (else 404, not 403); read-only tokens are refused every write
        // before any lookup, so their 403 says nothing about the conversation.
        const writeStatus = sub.actor.scope === 'read' ? 403 : reads ? 200 : 404;
        const sent = await call(sub, 'POST', `/conversations/${f.conversationId}/messages`, { body: 'probe', clientKey: clientKey() });
        expect(sent.status, `${where} send`).toBe(writeStatus);
        if (sent.status === 200) expect((await call(sub, 'DELETE', `/messages/${sent.body.id}`)).status).toBe(204);
        const react = await call(sub, 'PUT', `/messages/${f.messageId}/reactions/like`);
        expect(react.status, `${where} react`).toBe(writeStatus);
        if (react.status === 200) await call(sub, 'DELETE', `/messages/${f.messageId}/reactions/like`);
        expect((await call(sub, 'POST', `/conversations/${f.conversationId}/read`, { messageId: f.messageId })).status, `${where} mark read`).toBe(writeStatus);
      }
    }
    await checkRealtime(label);
  }

  async function checkRealtime(label: string) {
    const sockets: [Subject, WsClient][] = [];
    for (const sub of subjects) if (sub.client) sockets.push([sub, await connectWs(base, sub.client.cookie)]);
    const sent: Record<number, number> = {};
    for (const f of fixtures)
      sent[f.conversationId] = (await starter.post(`/conversations/${f.conversationId}/messages`, { body: `live ${label}`, clientKey: clientKey() })).body.id;
    const starterWs = sockets.find(([s]) => s.name === 'starter')![1];
    // Typing from the starter in every conversation, then a final event everyone waits for.
    for (const f of fixtures) starterWs.send({ kind: 'typing', conversationId: f.conversationId });
    const last = sent[fixtures[fixtures.length - 1].conversationId];
    for (const [sub, ws] of sockets) {
      const readsLast = await oracle(sub, fixtures[fixtures.length - 1]);
      if (readsLast && sub.name !== 'starter') await ws.waitFor((m) => m.kind === 'typing' && m.conversationId === fixtures[fixtures.length - 1].conversationId);
    }
    await starterWs.waitFor((m) => m.kind === 'event' && m.type === 'message.created' && m.data.messageId === last);
    await new Promise((r) => setTimeout(r, 200));
    for (const [sub, ws] of sockets) {
      for (const f of fixtures) {
        const reads = await oracle(sub, f);
        const got = ws.events('message.created').some((e) => e.data.messageId === sent[f.conversationId]);
        expect(got, `${label}: realtime ${sub.name} / ${f.label}`).toBe(reads);
        if (sub.name === 'starter') continue;
        const typing = ws.messages.some((m) => m.kind === 'typing' && m.conversationId === f.conversationId);
        expect(typing, `${label}: typing ${sub.name} / ${f.label}`).toBe(reads);
      }
      ws.close();
    }
  }

  it('agrees with the policy on every chat surface in the initial state', async () => {
    await checkAll('initial');
  });

  it('agrees after removal from a group, leaving and joining spaces, and a role change to guest', async () => {
    const get = (name: string) => subjects.find((s) => s.name === name)!;
    const groupFixture = fixtures.find((f) => f.label === 'group')!;
    await starter.del(`/conversations/${groupFixture.conversationId}/members/${get('group member').actor!.id}`);
    await get('space member').client!.post(`/spaces/${spaces.private}/leave`);
    await get('employee outsider').client!.post(`/spaces/${spaces.public}/join`);
    await t.admin.patch(`/admin/people/${get('direct partner').actor!.id}`, { role: 'guest' });
    get('direct partner').actor = { ...get('direct partner').actor!, role: 'guest' };
    await checkAll('after transitions');
  });
});
