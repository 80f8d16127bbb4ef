/**
 * Drains search_queue after commits: woken over the bus whenever a write commits (the same
 * wake-up the outbox tailer uses), with a poll as safety net for writes outside `write()` and for
 * wake-ups lost between nodes. Each batch is one transaction: claim queue rows, read the current
 * source rows, write documents. A failed batch rolls back and its rows are taken again later.
 * The text of queued files is read before the transaction (reading and inflating a document must
 * not hold SQLite's write lock), and a batch takes only as many files as FILE_BATCH_BYTES allows;
 * a claimed file whose text was not read ahead (another node took the head of the queue, or a new
 * version arrived meanwhile) is queued again rather than read inside the transaction.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Dialect } from '../db/connection.js';
import type { Bus } from '../events/bus.js';
import type { FileStore } from '../media/store.js';
import { storedFileText, TEXT_LIMITS, type StoredVersion } from '../files/text.js';
import { DOC_KINDS, SOURCE_TABLE, loadDocs, type DocKind, type SearchDoc } from './documents.js';
import { storeFor, type SearchStore } from './store.js';
import { toLang, type Lang } from './analysis.js';
import { recordCompounds } from './compounds.js';

export interface IndexerDeps {
  db: Kysely<DB>;
  dialect: Dialect;
  bus?: Bus;
  /** Where file contents are read from for their text; without it files are found by name only. */
  files?: FileStore;
}

/**
 * Queue rows claimed between two reclaims of the queue's dead rows (SearchStore.reclaimQueue); a
 * drain this long (a backlog) also refreshes the documents' statistics when it ends.
 */
const RECLAIM_EVERY = 20_000;
/** A drain of at least this many rows reclaims the queue when it ends. */
const RECLAIM_AFTER = 1_000;

/** Stored bytes of the files one batch reads at most (a single larger file still goes alone). */
export const FILE_BATCH_BYTES = 40 * 1024 * 1024;

interface QueuedVersion extends StoredVersion {
  /** The version's id. */
  id: number;
  file_id: number;
  owner_type: string;
  deleted_at: string | null;
}

/**
 * Which file versions a batch reads ahead, and where it stops: every file at the head of the queue
 * that needs text (attached, not deleted, not an image, within the size limit), until their stored
 * bytes would pass `maxBytes` — the batch then takes the queue rows before that file (`take`;
 * undefined: all of them). The first file is always read, however large.
 */
export function planFileReads(head: { kind: string; item_id: number }[], versions: QueuedVersion[], maxBytes: number): { take?: number; read: QueuedVersion[] } {
  const byFile = new Map(versions.map((v) => [v.file_id, v]));
  const read: QueuedVersion[] = [];
  let bytes = 0;
  for (const [i, row] of head.entries()) {
    const v = row.kind === 'file' ? byFile.get(row.item_id) : undefined;
    if (!v || v.owner_type === 'upload' || v.deleted_at || read.includes(v)) continue;
    // Images and files over the extraction limit are never read: they cost nothing here.
    const cost = v.kind === 'image' || Number(v.size) > TEXT_LIMITS.fileBytes ? 0 : Number(v.size);
    if (read.length && bytes + cost > maxBytes) return { take: i, read };
    bytes += cost;
    read.push(v);
  }
  return { read };
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
  /** Queue rows claimed since the queue's dead rows were last reclaimed. */
  private claimedSinceReclaim = 0;

  constructor(
    private readonly deps: IndexerDeps,
    private readonly opts: { pollMs?: number; batch?: number; fileBatchBytes?: number; reclaimEvery?: number } = {},
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
      this.claimedSinceReclaim += n;
      // During a long drain, and when one ends, so that the next claim starts at a clean head. The
      // statistics only after a backlog: ANALYZE of millions of documents takes a second, too much
      // for every drain of a busy hour.
      const every = this.opts.reclaimEvery ?? RECLAIM_EVERY;
      const backlogEnded = n === 0 && total >= every;
      if (this.claimedSinceReclaim >= every || (n === 0 && this.claimedSinceReclaim >= RECLAIM_AFTER) || backlogEnded) {
        this.claimedSinceReclaim = 0;
        await this.store.reclaimQueue(this.deps.db, backlogEnded);
      }
      if (n === 0 || this.stopped) return total;
      // SQLite answers synchronously, so without this turn a backlog (a reindex, an import) would
      // be drained in one microtask chain and the server would answer no request until it is done.
      await nextTurn();
    }
  }

  private async runBatch(size: number): Promise<number> {
    const fallback = await this.organisationLanguage();
    const { take, texts } = await this.readFileTexts(size);
    const opts = this.deps.files ? { fileText: (versionId: number) => texts.get(versionId) } : {};
    return this.deps.db.transaction().execute(async (trx) => {
      const rows = await this.store.claim(trx, take);
      const byKind = new Map<DocKind, Set<number>>();
      const written: SearchDoc[] = [];
      for (const r of rows) {
        if (!DOC_KINDS.includes(r.kind as DocKind)) continue;
        const set = byKind.get(r.kind as DocKind) ?? new Set<number>();
        set.add(r.item_id);
        byKind.set(r.kind as DocKind, set);
      }
      for (const [kind, ids] of byKind) {
        const { docs, missing, deferred } = await loadDocs(trx, kind, [...ids], fallback, opts);
        await this.store.write(trx, docs);
        await this.store.remove(trx, kind, missing);
        if (deferred.length) await trx.insertInto('search_queue').values(deferred.map((item_id) => ({ kind, item_id }))).execute();
        this.indexed += docs.length;
        written.push(...docs);
      }
      await recordCompounds(trx, this.deps.dialect, written);
      return rows.length;
    });
  }

  /**
   * Looks at the head of the queue without claiming it and reads the text of the files there,
   * outside any transaction. Returns how many queue rows the batch should take (see planFileReads).
   */
  private async readFileTexts(size: number): Promise<{ take: number; texts: Map<number, string> }> {
    const texts = new Map<number, string>();
    if (!this.deps.files) return { take: size, texts };
    const head = await this.deps.db.selectFrom('search_queue').select(['kind', 'item_id']).orderBy('id').limit(size).execute();
    const fileIds = [...new Set(head.filter((r) => r.kind === 'file').map((r) => r.item_id))];
    if (!fileIds.length) return { take: size, texts };
    const versions = await this.deps.db
      .selectFrom('files as f')
      .innerJoin('file_versions as v', (j) => j.onRef('v.file_id', '=', 'f.id').onRef('v.version', '=', 'f.version'))
      .select(['f.id as file_id', 'f.owner_type', 'f.deleted_at', 'v.id', 'v.kind', 'v.mime', 'v.size', 'v.storage_key'])
      .where('f.id', 'in', fileIds)
      .execute();
    const plan = planFileReads(head, versions, this.opts.fileBatchBytes ?? FILE_BATCH_BYTES);
    for (const v of plan.read) texts.set(v.id, await storedFileText(this.deps.files, v));
    return { take: plan.take ?? size, texts };
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
