/**
 * The WebSocket gateway. It decides each event's audience with the read policy *before* sending
 * (never "send, then hide"), resumes clients from their cursor without gaps or duplicates, and
 * closes the sockets of ended sessions on every node.
 */
import type { WebSocket } from 'ws';
import { ClientMessage, type ServerMessage, type EventName } from '@foyer/shared';
import type { Services } from '../services.js';
import type { Actor } from '../policies/actor.js';
import { spaceReaders, readerIncludes } from '../policies/spaces.js';
import { audienceIncludes, conversationAudience, type Audience as ConversationAudience } from '../policies/conversations.js';
import { loadLabelPolicy, type LabelPolicy } from '../policies/labels.js';
import type { OutboxEvent, OutboxTailer } from '../events/tailer.js';
import { eventAllowed } from '../compliance/modules.js';
import { itemGate } from './items.js';

interface Client {
  socket: WebSocket;
  actor: Actor;
  /** Live events wait here while the client replays its backlog. */
  backlog: OutboxEvent[] | null;
  lastSent: number;
  /** When this client last had a typing signal forwarded, per conversation. */
  typingAt: Map<number, number>;
  /** Frames that broke the rules in the current window; too many close the socket. */
  strikes: number;
  strikeWindowStart: number;
}

type Readers = Awaited<ReturnType<typeof spaceReaders>>;
type Audience = ConversationAudience | null;
const REPLAY_LIMIT = 5000;
const READERS_CACHE_SIZE = 1000;
/** Events after which a space's readers (and its channels' audiences) must be read again. */
const AUDIENCE_CHANGING = new Set(['membership.changed', 'space.updated', 'access.revoked']);
/** At most one typing signal per client and conversation in this interval is forwarded. */
const TYPING_INTERVAL_MS = 2000;
/** Client frames: more than this many bad or excess frames within the window close the socket. */
const MAX_STRIKES = 20;
const STRIKE_WINDOW_MS = 10_000;
const MAX_CLIENT_FRAME = 1024;

export class Gateway {
  private clients = new Set<Client>();
  private chain: Promise<void> = Promise.resolve();
  /**
   * Readers per space, kept between events: a post in a 10,000-member space should not reload
   * 10,000 ids. Events are delivered in commit order and every membership or visibility change
   * writes one of AUDIENCE_CHANGING in its own transaction, so the entry is dropped before any
   * later event of that space is delivered.
   */
  private readers = new Map<number, Readers>();
  /** Participants and label per conversation, kept like `readers` and dropped on conversation.members/updated. */
  private audiences = new Map<number, Audience>();

  constructor(
    private readonly svc: Services,
    private readonly tailer: OutboxTailer,
  ) {
    tailer.onEvents((events) => {
      // Deliver batches strictly in order.
      this.chain = this.chain.then(() => this.deliver(events, [...this.clients])).catch(() => {});
    });
    svc.bus.subscribe((msg) => {
      // A role change (e.g. employee -> guest) narrows what open sockets may receive at once.
      if (msg.kind === 'role-changed') for (const c of this.clients) if (c.actor.id === msg.userId) c.actor = { ...c.actor, role: msg.role };
      if (msg.kind === 'typing') void this.deliverTyping(msg.conversationId, msg.userId);
      if (msg.kind !== 'session-ended') return;
      const ended = new Set(msg.sessionIds);
      for (const c of this.clients) if (c.actor.sessionId && ended.has(c.actor.sessionId)) this.close(c, msg.reason);
    });
  }

  get size(): number {
    return this.clients.size;
  }

  async attach(socket: WebSocket, actor: Actor, cursor: number | undefined): Promise<void> {
    const client: Client = {
      socket,
      actor,
      backlog: cursor === undefined ? null : [],
      lastSent: cursor ?? this.tailer.cursor,
      typingAt: new Map(),
      strikes: 0,
      strikeWindowStart: Date.now(),
    };
    this.clients.add(client);
    socket.on('close', () => this.clients.delete(client));
    socket.on('error', () => this.clients.delete(client));
    socket.on('message', (data, isBinary) => void this.receive(client, data, isBinary));
    if (cursor === undefined) {
      this.send(client, { kind: 'hello', cursor: this.tailer.cursor });
      return;
    }
    const oldest = await this.svc.db.selectFrom('outbox').select((eb) => eb.fn.min('id').as('min')).executeTakeFirst();
    const upTo = this.tailer.cursor;
    const missed = upTo - cursor;
    if (cursor > upTo || missed > REPLAY_LIMIT || (oldest?.min != null && cursor + 1 < Number(oldest.min))) {
      client.backlog = null;
      client.lastSent = upTo;
      this.send(client, { kind: 'resync', cursor: upTo });
      return;
    }
    const rows = await this.svc.db
      .selectFrom('outbox')
      .selectAll()
      .where('id', '>', cursor)
      .where('id', '<=', upTo)
      .orderBy('id')
      .execute();
    const replay: OutboxEvent[] = rows.map((r) => ({ id: r.id, type: r.type, payload: JSON.parse(r.payload), spaceId: r.space_id, userId: r.user_id, conversationId: r.conversation_id, label: r.label }));
    // Serialise with live delivery so nothing overtakes the replay.
    this.chain = this.chain.then(async () => {
      await this.deliver(replay, [client], true);
      const pending = client.backlog ?? [];
      client.backlog = null;
      await this.deliver(pending, [client]);
      this.send(client, { kind: 'hello', cursor: client.lastSent });
    });
    await this.chain;
  }

  private async deliver(events: OutboxEvent[], clients: Client[], replaying = false): Promise<void> {
    // Invalidate first, even with nobody connected: the cache outlives the sockets.
    // Payloads name the space even when the event goes to one person only.
    for (const ev of events) this.invalidate(ev);
    if (!clients.length || !events.length) return;
    // Guests never receive events about items above their label maximum (posts: the outbox row's
    // label; conversations: the conversation's label, checked with the reader's current role).
    const policy: LabelPolicy = clients.some((c) => c.actor.role === 'guest') ? await loadLabelPolicy(this.svc.db) : { guestMax: Infinity, sensitive: Infinity };
    // Events of features the works agreement switches off are not delivered.
    const allowed = await eventAllowed(this.svc);
    for (const ev of events) {
      const readers = ev.spaceId !== null && ev.userId === null ? await this.readersOf(ev.spaceId) : null;
      const audience = ev.conversationId !== null && ev.userId === null ? await this.audienceOf(ev.conversationId) : null;
      const presenceSeers = ev.type === 'presence.changed' ? await this.presenceSeers(Number(ev.payload.userId), clients) : null;
      // Questions, answers and pages: the item's own label and hidden state, as their REST loaders check them.
      const gate = readers ? await itemGate(this.svc.db, ev.type, ev.payload) : null;
      const msg = JSON.stringify({ kind: 'event', id: ev.id, type: ev.type as EventName, data: ev.payload } satisfies ServerMessage);
      for (const c of clients) {
        if (ev.id <= c.lastSent) continue;
        if (c.backlog && !replaying) {
          c.backlog.push(ev);
          continue;
        }
        const to = presenceSeers ? presenceSeers.has(c) : ev.conversationId !== null && ev.userId === null ? audienceIncludes(audience, c.actor, policy) : this.isAudience(ev, c.actor, readers);
        const labelOk = ev.label === null || c.actor.role !== 'guest' || ev.label <= policy.guestMax;
        if (to && labelOk && allowed(ev.type) && (!gate || gate(c.actor, policy))) this.sendRaw(c, msg);
        c.lastSent = ev.id;
      }
    }
  }

  /** Drops cached audiences that an event changes, before anything later is delivered. */
  private invalidate(ev: OutboxEvent) {
    // Members and label decide who receives a conversation's events.
    if (ev.type === 'conversation.members' || ev.type === 'conversation.updated') this.audiences.delete(Number(ev.payload.conversationId));
    if (!AUDIENCE_CHANGING.has(ev.type)) return;
    // Payloads name the space even when the event goes to one person only.
    const spaceId = Number(ev.spaceId ?? ev.payload.spaceId);
    this.readers.delete(spaceId);
    for (const [id, a] of this.audiences) if (a?.spaceId === spaceId) this.audiences.delete(id);
  }

  private async audienceOf(conversationId: number): Promise<Audience> {
    let a = this.audiences.get(conversationId);
    if (a === undefined) {
      a = await conversationAudience(this.svc.db, conversationId);
      if (this.audiences.size >= READERS_CACHE_SIZE) this.audiences.delete(this.audiences.keys().next().value!);
      this.audiences.set(conversationId, a);
    }
    return a;
  }

  /**
   * Who may see a person's chosen status: everyone who may find them in the directory —
   * employees see every colleague, guests only people who share a space with them.
   */
  private async presenceSeers(userId: number, clients: Client[]): Promise<Set<Client>> {
    const seers = new Set(clients.filter((c) => c.actor.role !== 'guest' || c.actor.id === userId));
    const guests = [...new Set(clients.filter((c) => !seers.has(c)).map((c) => c.actor.id))];
    if (guests.length) {
      const sharing = await this.svc.db
        .selectFrom('memberships as theirs')
        .innerJoin('memberships as mine', 'mine.space_id', 'theirs.space_id')
        .select('mine.user_id')
        .distinct()
        .where('theirs.user_id', '=', userId)
        .where('theirs.state', '=', 'member')
        .where('mine.state', '=', 'member')
        .where('mine.user_id', 'in', guests)
        .execute();
      const ok = new Set(sharing.map((r) => r.user_id));
      for (const c of clients) if (ok.has(c.actor.id)) seers.add(c);
    }
    return seers;
  }

  /** A frame from a client: only typing signals are accepted; abuse closes the socket. */
  private async receive(c: Client, data: unknown, isBinary: boolean) {
    const raw = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    let parsed: ReturnType<typeof ClientMessage.safeParse> | null = null;
    if (!isBinary && raw.length <= MAX_CLIENT_FRAME) {
      try {
        parsed = ClientMessage.safeParse(JSON.parse(raw.toString('utf8')));
      } catch {
        parsed = null;
      }
    }
    if (!parsed?.success) return this.strike(c);
    const { conversationId } = parsed.data;
    const now = Date.now();
    if (now - (c.typingAt.get(conversationId) ?? 0) < TYPING_INTERVAL_MS) return this.strike(c, 0.25);
    c.typingAt.set(conversationId, now);
    if (c.actor.scope === 'read') return;
    const audience = await this.audienceOf(conversationId);
    // Not a participant (or a guest above the label): dropped silently, like an unknown conversation.
    if (!audienceIncludes(audience, c.actor, await loadLabelPolicy(this.svc.db))) return;
    this.svc.bus.publish({ kind: 'typing', conversationId, userId: c.actor.id });
  }

  private strike(c: Client, weight = 1) {
    const now = Date.now();
    if (now - c.strikeWindowStart > STRIKE_WINDOW_MS) {
      c.strikeWindowStart = now;
      c.strikes = 0;
    }
    c.strikes += weight;
    if (c.strikes > MAX_STRIKES) {
      c.socket.close(1008, 'too many invalid messages');
      this.clients.delete(c);
    }
  }

  private async deliverTyping(conversationId: number, userId: number) {
    const audience = await this.audienceOf(conversationId);
    if (!audience) return;
    const policy = await loadLabelPolicy(this.svc.db);
    const msg = JSON.stringify({ kind: 'typing', conversationId, userId } satisfies ServerMessage);
    for (const c of this.clients) if (c.actor.id !== userId && audienceIncludes(audience, c.actor, policy)) this.sendRaw(c, msg);
  }

  private async readersOf(spaceId: number): Promise<Readers> {
    let r = this.readers.get(spaceId);
    if (r === undefined) {
      r = await spaceReaders(this.svc.db, spaceId);
      if (this.readers.size >= READERS_CACHE_SIZE) this.readers.delete(this.readers.keys().next().value!);
      this.readers.set(spaceId, r);
    }
    return r;
  }

  /** The audience rule: user-targeted events go to that user; space events to its readers. */
  private isAudience(ev: OutboxEvent, actor: Actor, readers: Readers): boolean {
    if (ev.userId !== null) return ev.userId === actor.id;
    if (ev.spaceId === null) return false;
    const reads = !!readers && readerIncludes(readers, actor);
    // A space-wide revocation goes exactly to those who can no longer read it.
    if (ev.type === 'access.revoked') return !reads && actor.role !== 'guest';
    return reads;
  }

  private send(c: Client, msg: ServerMessage) {
    this.sendRaw(c, JSON.stringify(msg));
  }

  private sendRaw(c: Client, data: string) {
    if (c.socket.readyState === c.socket.OPEN) c.socket.send(data);
  }

  private close(c: Client, reason: 'signed_out' | 'deactivated' | 'shutdown') {
    this.send(c, { kind: 'bye', reason });
    c.socket.close(4001, reason);
    this.clients.delete(c);
  }

  closeAll(reason: 'shutdown') {
    for (const c of this.clients) this.close(c, reason);
  }
}
