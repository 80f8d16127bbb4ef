/**
 * The hash-chained audit log. Entries are appended inside the transaction of the action they
 * record, so an action and its entry commit or fail together. Each entry's hash covers the
 * previous hash and a canonical serialisation of the entry; the head row is locked while
 * appending, so concurrent writers on several nodes still form one chain.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditAction, AuditVerification } from '@foyer/shared';
import type { DB, AuditLogTable } from '../db/schema.js';
import type { Dialect } from '../db/connection.js';
import { GENESIS_HASH } from '../db/migrations/015_compliance.js';
import { canonicalJson } from './canonical.js';
import { nowIso } from '../lib/time.js';

/** Details are metadata (ids, decisions, counts), never content: a small bound keeps it that way. */
const MAX_DETAILS_BYTES = 4096;

export interface AuditInput {
  /** null: Foyer itself (jobs, the first policy version). */
  actorId: number | null;
  action: AuditAction;
  targetType?: string | null;
  targetId?: string | number | null;
  details?: Record<string, unknown>;
}

type Entry = Omit<AuditLogTable, 'hash'>;

export function entryHash(e: Entry): string {
  const body = canonicalJson({
    seq: e.seq,
    at: e.at,
    actorId: e.actor_id,
    action: e.action,
    targetType: e.target_type,
    targetId: e.target_id,
    details: JSON.parse(e.details) as unknown,
  });
  return crypto.createHash('sha256').update(`${e.prev_hash}\n${body}`).digest('hex');
}

/** Takes the chain's lock for the rest of the transaction and returns the head. */
export async function lockAuditChain(trx: Kysely<DB>, dialect: Dialect): Promise<{ seq: number; hash: string }> {
  // SQLite: one writer at a time already (a single connection per process, and the database lock).
  let q = trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
  if (dialect === 'postgres') q = q.forUpdate();
  return q.executeTakeFirstOrThrow();
}

/** Appends one entry. Call inside the transaction of the action it records. */
export async function appendAudit(trx: Kysely<DB>, dialect: Dialect, input: AuditInput): Promise<number> {
  const details = canonicalJson(input.details ?? {});
  if (Buffer.byteLength(details) > MAX_DETAILS_BYTES) throw new Error(`audit details for ${input.action} exceed ${MAX_DETAILS_BYTES} bytes`);
  const head = await lockAuditChain(trx, dialect);
  const entry: Entry = {
    seq: head.seq + 1,
    at: nowIso(),
    actor_id: input.actorId,
    action: input.action,
    target_type: input.targetType ?? null,
    target_id: input.targetId === undefined || input.targetId === null ? null : String(input.targetId),
    details,
    prev_hash: head.hash,
  };
  const hash = entryHash(entry);
  await trx.insertInto('audit_log').values({ ...entry, hash }).execute();
  await trx.updateTable('audit_head').set({ seq: entry.seq, hash }).where('id', '=', 1).execute();
  return entry.seq;
}

const BATCH = 1000;

export interface Checkpoint {
  seq: number;
  hash: string;
}

/** Where the chain starts: after the last entry audit-log retention removed, or at the genesis. */
export async function auditCheckpoint(db: Kysely<DB>): Promise<Checkpoint> {
  const row = await db.selectFrom('audit_checkpoint').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  return row ?? { seq: 0, hash: GENESIS_HASH };
}

export interface ChainWalk {
  entries: number;
  lastSeq: number;
  lastHash: string;
  /** The checkpoint named by the last `audit.pruned` entry walked, if any. */
  recordedCheckpoint: Checkpoint | null;
  problem: AuditVerification['problem'];
}

/**
 * Checks entries after `from` (up to `through`, or to the end) link up and match their hashes;
 * stops at the first problem: a missing sequence number, an entry that does not point at its
 * predecessor, or one whose content no longer matches its hash.
 */
export async function walkChain(trx: Kysely<DB>, from: Checkpoint, through: number | null = null): Promise<ChainWalk> {
  const walk: ChainWalk = { entries: 0, lastSeq: from.seq, lastHash: from.hash, recordedCheckpoint: null, problem: null };
  for (;;) {
    let q = trx.selectFrom('audit_log').selectAll().where('seq', '>', walk.lastSeq);
    if (through !== null) q = q.where('seq', '<=', through);
    const rows = await q.orderBy('seq').limit(BATCH).execute();
    for (const row of rows) {
      const expected = walk.lastSeq + 1;
      if (row.seq !== expected) return { ...walk, problem: { seq: expected, kind: 'missing', message: `entry ${expected} is missing` } };
      if (row.prev_hash !== walk.lastHash) return { ...walk, problem: { seq: row.seq, kind: 'relinked', message: `entry ${row.seq} does not follow entry ${walk.lastSeq}: one of them was altered` } };
      let recomputed: string | null = null;
      try {
        recomputed = entryHash(row);
      } catch {
        // Details that are no longer JSON count as altered.
      }
      if (recomputed !== row.hash) return { ...walk, problem: { seq: row.seq, kind: 'altered', message: `entry ${row.seq} was altered after it was written` } };
      if (row.action === 'audit.pruned') walk.recordedCheckpoint = recordedCheckpoint(row.details);
      walk.lastHash = row.hash;
      walk.lastSeq = row.seq;
      walk.entries++;
    }
    if (rows.length < BATCH) return walk;
  }
}

function recordedCheckpoint(details: string): Checkpoint | null {
  const c = (JSON.parse(details) as { checkpoint?: Partial<Checkpoint> }).checkpoint;
  return c && typeof c.seq === 'number' && typeof c.hash === 'string' ? { seq: c.seq, hash: c.hash } : null;
}

/**
 * Walks the chain in one snapshot from the retention checkpoint and reports the first problem:
 * a sequence number that is missing, an entry whose content no longer matches its hash, an entry
 * that does not point at its predecessor, a tail that differs from the head row (entries cut off
 * or added at the end), or a checkpoint that no pruning recorded (entries removed at the start
 * with a forged checkpoint). Without a checkpoint, a removed first entry is simply missing.
 */
export async function verifyAudit(db: Kysely<DB>, dialect: Dialect): Promise<AuditVerification> {
  let tx = db.transaction();
  if (dialect === 'postgres') tx = tx.setIsolationLevel('repeatable read');
  return tx.execute(async (trx) => {
    const head = await trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
    const checkpoint = await auditCheckpoint(trx);
    const walk = await walkChain(trx, checkpoint);
    const { entries, lastSeq, lastHash } = walk;
    const result = (problem: AuditVerification['problem']): AuditVerification => ({ ok: !problem, entries, lastSeq, lastHash, prunedThrough: checkpoint.seq, problem, checkedAt: nowIso() });
    if (walk.problem) return result(walk.problem);
    if (head.seq > lastSeq) return result({ seq: lastSeq + 1, kind: 'truncated', message: `entries ${lastSeq + 1} to ${head.seq} are missing at the end` });
    if (head.seq < lastSeq) return result({ seq: head.seq + 1, kind: 'relinked', message: `entries after ${head.seq} were added outside Foyer` });
    if (head.hash !== lastHash) return result({ seq: lastSeq, kind: 'altered', message: `entry ${lastSeq} does not match the recorded head` });
    // The checkpoint is written down by the pruning that set it, in the chain itself; the latest
    // such entry always outlives the next pruning (it is appended after that pruning's cut).
    const recorded = walk.recordedCheckpoint ?? { seq: 0, hash: GENESIS_HASH };
    if (recorded.seq !== checkpoint.seq || recorded.hash !== checkpoint.hash)
      return result({ seq: Math.max(checkpoint.seq, 1), kind: 'missing', message: `entries up to ${checkpoint.seq} were removed, but no pruning recorded that checkpoint` });
    return result(null);
  });
}
