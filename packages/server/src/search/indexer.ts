/**
 * Drains search_queue after commits: woken over the bus whenever a write commits (the same
 * wake-up the outbox tailer uses), with a poll as safety net for writes outside `write()` and for
 * wake-ups lost between nodes. Each batch is one transaction: claim queue rows, read the current
 * source rows, write documents. A failed batch rolls back and its rows are taken again later.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Dialect } from '../db/connection.js';
import type { Bus } from '../events/bus.js';
import { DOC_KINDS, SOURCE_TABLE, loadDocs, type DocKind } from './documents.js';
import { storeFor, type SearchStore } from './store.js';
import { toLang, type Lang } from './analysis.js';

export interface IndexerDeps {
  db: Kysely<DB>;
  dialect: Dialect;
  bus?: Bus;
}

export class SearchIndexer {
  private readonly store: SearchStore;
  private running = false;
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private idle: (() => void)[] = [];
  /** Items written since start (benchmarks, logs). */
  indexed = 0;

  constructor(
    private readonly deps: IndexerDeps,
    private readonly opts: { pollMs?: number; batch?: number } = {},
  ) {
    this.store = storeFor(deps.dialect);
    deps.bus?.subscribe((m) => {
      if (m.kind === 'outbox') this.wake();
    });
  }

  start(): void {
    this.stopped = false;
    this.schedule();
    this.wake();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.drain()
      .catch(() => {
        /* database busy or gone: the poll tries again */
      })
      .finally(() => {
        this.running = false;
        if (this.again) {
          this.again = false;
          this.wake();
        } else this.idle.splice(0).forEach((f) => f());
      });
  }

  /** Resolves when the queue was empty at some point after the call (tests, reindex). */
  settled(): Promise<void> {
    return new Promise((resolve) => {
      this.idle.push(resolve);
      this.wake();
    });
  }

  private schedule() {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.wake();
      this.schedule();
    }, this.opts.pollMs ?? 1000);
    this.timer.unref();
  }

  /** Processes queued changes until the queue is empty; returns the number of items processed. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.runBatch(this.opts.batch ?? 200);
      total += n;
      if (n === 0 || this.stopped) return total;
    }
  }

  private async runBatch(size: number): Promise<number> {
    const fallback = await this.organisationLanguage();
    return this.deps.db.transaction().execute(async (trx) => {
      const rows = await this.store.claim(trx, size);
      const byKind = new Map<DocKind, Set<number>>();
      for (const r of rows) {
        if (!DOC_KINDS.includes(r.kind as DocKind)) continue;
        const set = byKind.get(r.kind as DocKind) ?? new Set<number>();
        set.add(r.item_id);
        byKind.set(r.kind as DocKind, set);
      }
      for (const [kind, ids] of byKind) {
        const { docs, missing } = await loadDocs(trx, kind, [...ids], fallback);
        await this.store.write(trx, docs);
        await this.store.remove(trx, kind, missing);
        this.indexed += docs.length;
      }
      return rows.length;
    });
  }

  private async organisationLanguage(): Promise<Lang> {
    const org = await this.deps.db.selectFrom('organisation').select('default_locale').executeTakeFirst();
    return toLang(org?.default_locale) ?? 'en';
  }
}

/**
 * Queues every item (and every document whose item is gone) for re-analysis. Search keeps
 * answering from the current documents meanwhile; each is replaced in place when its turn comes.
 */
export async function enqueueAll(db: Kysely<DB>): Promise<number> {
  let total = 0;
  for (const kind of DOC_KINDS) {
    const table = sql.table(SOURCE_TABLE[kind]);
    const res = await sql`insert into search_queue (kind, item_id)
      select ${kind}, id from ${table}
      union select kind, item_id from search_docs where kind = ${kind} and not exists (select 1 from ${table} s where s.id = search_docs.item_id)`.execute(db);
    total += Number(res.numAffectedRows ?? 0);
  }
  return total;
}
