/**
 * The WebSocket gateway. It decides each event's audience with the read policy *before* sending
 * (never "send, then hide"), resumes clients from their cursor without gaps or duplicates, and
 * closes the sockets of ended sessions on every node.
 */
import type { WebSocket } from 'ws';
import type { ServerMessage, EventName } from '@foyer/shared';
import type { Services } from '../services.js';
import type { Actor } from '../policies/actor.js';
import { spaceReaders, readerIncludes } from '../policies/spaces.js';
import type { OutboxEvent, OutboxTailer } from '../events/tailer.js';

interface Client {
  socket: WebSocket;
  actor: Actor;
  /** Live events wait here while the client replays its backlog. */
  backlog: OutboxEvent[] | null;
  lastSent: number;
}

type Readers = Awaited<ReturnType<typeof spaceReaders>>;
const REPLAY_LIMIT = 5000;
const READERS_CACHE_SIZE = 1000;
/** Events after which a space's readers must be read again from the database. */
const AUDIENCE_CHANGING = new Set(['membership.changed', 'space.updated', 'access.revoked']);

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
      if (msg.kind !== 'session-ended') return;
      const ended = new Set(msg.sessionIds);
      for (const c of this.clients) if (c.actor.sessionId && ended.has(c.actor.sessionId)) this.close(c, msg.reason);
    });
  }

  get size(): number {
    return this.clients.size;
  }

  async attach(socket: WebSocket, actor: Actor, cursor: number | undefined): Promise<void> {
    const client: Client = { socket, actor, backlog: cursor === undefined ? null : [], lastSent: cursor ?? this.tailer.cursor };
    this.clients.add(client);
    socket.on('close', () => this.clients.delete(client));
    socket.on('error', () => this.clients.delete(client));
    socket.on('message', () => {
      /* clients only listen; pings are handled by ws */
    });
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
    const replay: OutboxEvent[] = rows.map((r) => ({ id: r.id, type: r.type, payload: JSON.parse(r.payload), spaceId: r.space_id, userId: r.user_id }));
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
    for (const ev of events) if (AUDIENCE_CHANGING.has(ev.type)) this.readers.delete(Number(ev.spaceId ?? ev.payload.spaceId));
    if (!clients.length || !events.length) return;
    for (const ev of events) {
      const readers = ev.spaceId !== null && ev.userId === null ? await this.readersOf(ev.spaceId) : null;
      const msg = JSON.stringify({ kind: 'event', id: ev.id, type: ev.type as EventName, data: ev.payload } satisfies ServerMessage);
      for (const c of clients) {
        if (ev.id <= c.lastSent) continue;
        if (c.backlog && !replaying) {
          c.backlog.push(ev);
          continue;
        }
        if (this.isAudience(ev, c.actor, readers)) this.sendRaw(c, msg);
        c.lastSent = ev.id;
      }
    }
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
