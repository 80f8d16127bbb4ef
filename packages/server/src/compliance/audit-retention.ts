/**
 * Audit-log retention: the daily retention run removes entries older than the works agreement's
 * `retention.auditLog` period. Only a prefix of the chain can go (anything else is a gap), so the
 * cut stops before the first entry younger than the period and before the first entry of a
 * sealed-access case still open. The cut's last entry becomes the checkpoint verification starts
 * from; the pruning is itself an entry naming the count and the checkpoint, so a checkpoint that
 * no pruning recorded is reported by `verify` (compliance/audit.ts).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { write, type Services } from '../services.js';
import { appendAudit, auditCheckpoint, lockAuditChain, walkChain, type Checkpoint } from './audit.js';

export interface AuditPrune {
  /** Entries removed. */
  count: number;
  checkpoint: Checkpoint;
  /** Set when the part to be removed does not verify: nothing is removed, the evidence stays. */
  problem: string | null;
}

/** Removes the entries written before `cutoff` (ISO time) that may go, in one transaction under the chain's lock. */
export async function pruneAuditLog(svc: Services, cutoff: string): Promise<AuditPrune> {
  return write(svc, async (trx) => {
    const head = await lockAuditChain(trx, svc.dialect);
    const from = await auditCheckpoint(trx);
    const young = await trx.selectFrom('audit_log').select((eb) => eb.fn.min('seq').as('seq')).where('at', '>=', cutoff).executeTakeFirst();
    // Clocks of several nodes may disagree a little: everything from the first young entry on stays.
    let keepFrom = young?.seq != null ? Number(young.seq) : head.seq + 1;
    const openCase = await firstEntryOfOpenSealedCases(trx);
    if (openCase !== null) keepFrom = Math.min(keepFrom, openCase);
    const through = keepFrom - 1;
    if (through <= from.seq) return { count: 0, checkpoint: from, problem: null };
    // Tampering inside the part about to go must not vanish with it: it is checked first, up to
    // the first entry that stays (which must still point at the cut).
    const walk = await walkChain(trx, from, through + 1);
    if (walk.problem || walk.lastSeq < through) return { count: 0, checkpoint: from, problem: walk.problem?.message ?? `entries after ${walk.lastSeq} are missing` };
    const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).where('seq', '=', through).executeTakeFirstOrThrow();
    const checkpoint = { seq: last.seq, hash: last.hash };
    // The database lets entries go only up to the checkpoint, and the checkpoint only move onto an existing entry: this order.
    await trx.updateTable('audit_checkpoint').set(checkpoint).where('id', '=', 1).execute();
    const removed = await trx.deleteFrom('audit_log').where('seq', '<=', through).where('seq', '>', from.seq).executeTakeFirst();
    const count = Number(removed.numDeletedRows);
    await appendAudit(trx, svc.dialect, { actorId: null, action: 'audit.pruned', targetType: 'audit_log', targetId: null, details: { count, checkpoint, before: cutoff } });
    return { count, checkpoint, problem: null };
  });
}

/**
 * The first audit entry of any sealed-access case still open: a request pending or approved (its
 * expiry not yet recorded), or one whose affected people have not all been told yet. A request
 * replaced by an edit belongs to the case of the request that replaced it.
 */
async function firstEntryOfOpenSealedCases(trx: Kysely<DB>): Promise<number | null> {
  const open = await trx
    .selectFrom('sealed_requests')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('status', 'in', ['pending', 'approved']),
        eb.exists(eb.selectFrom('sealed_notices').select('sealed_notices.id').whereRef('sealed_notices.request_id', '=', 'sealed_requests.id').where('sealed_notices.delivered_at', 'is', null)),
      ]),
    )
    .execute();
  const ids = new Set(open.map((r) => r.id));
  for (let next = [...ids]; next.length; ) {
    const earlier = await trx.selectFrom('sealed_requests').select('id').where('replaced_by', 'in', next).execute();
    next = earlier.map((r) => r.id).filter((id) => !ids.has(id));
    for (const id of next) ids.add(id);
  }
  if (!ids.size) return null;
  const first = await trx
    .selectFrom('audit_log')
    .select((eb) => eb.fn.min('seq').as('seq'))
    .where('target_type', '=', 'sealed_access')
    .where('target_id', 'in', [...ids].map(String))
    .executeTakeFirst();
  return first?.seq != null ? Number(first.seq) : null;
}
