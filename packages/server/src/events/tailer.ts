/**
 * Reads committed outbox rows in id order and hands them to listeners (the realtime gateway).
 * Woken by the bus after each commit, and polls as a safety net (a crash between commit and
 * wake-up, or a node that joined late). On PostgreSQL, ids can become visible out of order
 * (concurrent transactions); a gap is held back briefly so no event is skipped.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Bus } from './bus.js';

export interface OutboxEvent {
  id: number;
  type: string;
  payload: Record<string, unknown>;
  spaceId: number | null;
  userId: number | null;
  conversationId: number | null;
  /** Label of the item, for audience decisions only. */
  label: number | null;
}

const GAP_WAIT_MS = 1000;
const BATCH = 500;
/** Resume window: older events are pruned; clients further behind are told to resync. */
export const OUTBOX_RETENTION_MS = 24 * 3600 * 1000;
const PRUNE_EVERY_MS = 10 * 60 * 1000;

export class OutboxTailer {
  private lastId = 0;
  private listeners: ((events: OutboxEvent[]) => void)[] = [];
  private running = false;
  private again = false;
  private gapSince: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private lastPrune = 0;

  constructor(
    private readonly db: Kysely<DB>,
    bus: Bus,
    private readonly pollMs = 1000,
  ) {
    bus.subscribe((m) => {
      if (m.kind === 'outbox') this.wake();
    });
  }

  get cursor(): number {
    return this.lastId;
  }

  async start(): Promise<void> {
    const row = await this.db.selectFrom('outbox').select((eb) => eb.fn.max('id').as('max')).executeTakeFirst();
    this.lastId = Number(row?.max ?? 0);
    this.schedule(this.pollMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  onEvents(listener: (events: OutboxEvent[]) => void): void {
    this.listeners.push(listener);
  }

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.drain().finally(() => {
      this.running = false;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  private schedule(ms: number) {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.wake();
      void this.prune();
      this.schedule(this.pollMs);
    }, ms);
    this.timer.unref();
  }

  private async prune(): Promise<void> {
    if (Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    const cutoff = new Date(Date.now() - OUTBOX_RETENTION_MS).toISOString();
    await this.db.deleteFrom('outbox').where('created_at', '<', cutoff).where('id', '<', this.lastId).execute().catch(() => {});
  }

  private async drain(): Promise<void> {
    for (;;) {
      let rows;
      try {
        rows = await this.db
          .selectFrom('outbox')
          .selectAll()
          .where('id', '>', this.lastId)
          .orderBy('id')
          .limit(BATCH)
          .execute();
      } catch {
        return; // database briefly unavailable: the poll retries
      }
      if (rows.length === 0) return;
      const ready: OutboxEvent[] = [];
      for (const r of rows) {
        if (r.id !== this.lastId + 1) {
          const now = Date.now();
          this.gapSince ??= now;
          if (now - this.gapSince < GAP_WAIT_MS) {
            setTimeout(() => this.wake(), 25).unref();
            break;
          }
        }
        this.gapSince = null;
        this.lastId = r.id;
        ready.push({
          id: r.id,
          type: r.type,
          payload: JSON.parse(r.payload),
          spaceId: r.space_id,
          userId: r.user_id,
          conversationId: r.conversation_id,
          label: r.label,
        });
      }
      if (ready.length) for (const l of this.listeners) l(ready);
      if (ready.length < rows.length || rows.length < BATCH) return;
      // A backlog on SQLite (answered synchronously) must not keep requests waiting until it is read.
      await nextTurn();
    }
  }
}
