/**
 * Personal data exports: requested by the person, built in the background by one node at a time,
 * downloadable by that person only, deleted after a week. A node that dies mid-build leaves a
 * stale heartbeat; the next worker pass rebuilds the export from scratch (builds are idempotent).
 */
import crypto from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Readable } from 'node:stream';
import type { DataExportTable, DB } from '../db/schema.js';
import { write, type Services } from '../services.js';
import { appendAudit } from '../compliance/audit.js';
import type { Actor } from '../policies/actor.js';
import { AppError, conflict, notFound } from '../errors.js';
import { nowIso } from '../lib/time.js';
import { writeArchive } from './archive.js';

export type DataExportRow = Selectable<DataExportTable>;

export const EXPORT_TTL_MS = 7 * 24 * 3600 * 1000;
/** A build whose heartbeat is older than this is taken over by another pass (its node died). */
export const STALE_BUILD_MS = 60_000;
const PER_DAY = 3;
const HEARTBEAT_MS = 1000;

export async function requestExport(svc: Services, actor: Actor): Promise<DataExportRow> {
  const recent = await svc.db
    .selectFrom('data_exports')
    .select(['status', 'created_at'])
    .where('user_id', '=', actor.id)
    .where('created_at', '>', new Date(Date.now() - 24 * 3600 * 1000).toISOString())
    .execute();
  if (recent.some((r) => r.status === 'queued' || r.status === 'running')) throw conflict('an export is already being prepared');
  if (recent.length >= PER_DAY) throw new AppError(429, 'rate_limited', `at most ${PER_DAY} exports a day`, { retryAfterSeconds: 3600 });
  const row = await write(svc, async (trx) => {
    const r = await trx.insertInto('data_exports').values({ user_id: actor.id, status: 'queued', created_at: nowIso() }).returningAll().executeTakeFirstOrThrow();
    await appendAudit(trx, svc.dialect, { actorId: actor.id, action: 'data_export.requested', targetType: 'user', targetId: actor.id, details: { exportId: r.id } });
    return r;
  });
  svc.bus.publish({ kind: 'exports' });
  return row;
}

export function listExports(db: Kysely<DB>, actor: Actor): Promise<DataExportRow[]> {
  return db.selectFrom('data_exports').selectAll().where('user_id', '=', actor.id).orderBy('id', 'desc').limit(20).execute();
}

/** A ready export of the actor's; anything else (someone else's, expired, unfinished) is missing. */
export async function openExport(svc: Services, actor: Actor, id: number): Promise<{ row: DataExportRow; stream: Readable; size: number }> {
  const row = await svc.db.selectFrom('data_exports').selectAll().where('id', '=', id).where('user_id', '=', actor.id).executeTakeFirst();
  if (!row || row.status !== 'ready' || !row.file_name || Date.parse(row.expires_at!) < Date.now()) throw notFound('export');
  const obj = await svc.files.getStream(row.file_name);
  if (!obj) throw notFound('export');
  await write(svc, (trx) => appendAudit(trx, svc.dialect, { actorId: actor.id, action: 'data_export.downloaded', targetType: 'user', targetId: actor.id, details: { exportId: id } }));
  return { row, ...obj };
}

/** Builds queued exports and removes expired ones; woken on request, and by a timer as a safety net. */
export class ExportWorker {
  private running = false;
  private again = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly svc: Services,
    private readonly base: string,
    private readonly pollMs = 5000,
  ) {
    svc.bus.subscribe((m) => {
      if (m.kind === 'exports') this.wake();
    });
  }

  start(): void {
    this.timer = setInterval(() => this.wake(), this.pollMs);
    this.timer.unref();
    this.wake();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  wake(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.pass()
      .catch(() => {})
      .finally(() => {
        this.running = false;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** One pass: expire old archives, take over stale builds, build everything queued. */
  async pass(): Promise<void> {
    await this.expire();
    const stale = new Date(Date.now() - STALE_BUILD_MS).toISOString();
    await this.svc.db.updateTable('data_exports').set({ status: 'queued' }).where('status', '=', 'running').where('started_at', '<', stale).execute();
    for (;;) {
      const next = await this.svc.db.selectFrom('data_exports').select('id').where('status', '=', 'queued').orderBy('id').limit(1).executeTakeFirst();
      if (!next) return;
      await this.build(next.id);
    }
  }

  private async build(id: number): Promise<void> {
    const { db } = this.svc;
    // Claiming is one conditional update, so two nodes never build the same export.
    const claimed = await db
      .updateTable('data_exports')
      .set({ status: 'running', started_at: nowIso(), progress: 0 })
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return;
    const row = await db.selectFrom('data_exports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const key = `exports/${crypto.randomBytes(16).toString('hex')}.zip`;
    let last = 0;
    let pending: Promise<unknown> = Promise.resolve();
    const progress = (done: number, total: number) => {
      const now = Date.now();
      if (now - last < HEARTBEAT_MS) return;
      last = now;
      const percent = total ? Math.min(99, Math.floor((done * 100) / total)) : 99;
      // The heartbeat (started_at) tells other passes this build is alive.
      pending = pending.then(() => db.updateTable('data_exports').set({ progress: percent, started_at: nowIso() }).where('id', '=', id).execute()).catch(() => {});
    };
    try {
      const { size } = await writeArchive(this.svc, row.user_id, key, { base: this.base }, progress);
      await pending;
      const finished = nowIso();
      const done = await db
        .updateTable('data_exports')
        .set({ status: 'ready', progress: 100, file_name: key, size, finished_at: finished, expires_at: new Date(Date.parse(finished) + EXPORT_TTL_MS).toISOString() })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .executeTakeFirst();
      // The request vanished meanwhile (the account was erased): the archive must not outlive it.
      if (Number(done.numUpdatedRows) !== 1) await this.svc.files.delete(key);
    } catch (err) {
      await pending;
      await this.svc.files.delete(key).catch(() => {});
      await db
        .updateTable('data_exports')
        .set({ status: 'failed', error: err instanceof Error ? err.message.slice(0, 200) : 'failed', finished_at: nowIso() })
        .where('id', '=', id)
        .execute();
    }
  }

  private async expire(): Promise<void> {
    const due = await this.svc.db.selectFrom('data_exports').select(['id', 'file_name']).where('status', '=', 'ready').where('expires_at', '<', nowIso()).execute();
    for (const d of due) {
      if (d.file_name) await this.svc.files.delete(d.file_name);
      await this.svc.db.updateTable('data_exports').set({ status: 'expired', file_name: null }).where('id', '=', d.id).execute();
    }
  }
}
