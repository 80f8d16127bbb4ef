/**
 * Transparency notices: each person whose data an approved request covers gets an audit entry
 * about them (their transparency centre lists those), at once or after the delay the request
 * carries. Delayed notices and expiries are written by the periodic job.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { write, type Services } from '../services.js';
import { appendAudit, lockAuditChain } from '../compliance/audit.js';
import { nowIso } from '../lib/time.js';
import type { SealedRow } from './rules.js';
import { affectedPeople, scopeLabel } from './scope.js';
import { settleExpiry } from './expiry.js';

const DAY = 86_400_000;

/** What the person is told: who, when, why, on what basis, who approved, and what was covered. */
async function noticeDetails(trx: Kysely<DB>, row: SealedRow): Promise<Record<string, unknown>> {
  const approvals = await trx
    .selectFrom('sealed_decisions')
    .innerJoin('users', 'users.id', 'sealed_decisions.user_id')
    .select(['users.id', 'users.name', 'sealed_decisions.role', 'sealed_decisions.at'])
    .where('sealed_decisions.request_id', '=', row.id)
    .where('sealed_decisions.decision', '=', 'approve')
    .orderBy('sealed_decisions.id')
    .execute();
  const requester = await trx.selectFrom('users').select(['id', 'name']).where('id', '=', row.requester_id).executeTakeFirst();
  // Details are bounded (4 KiB): long texts are cut, the full request stays with the approvers.
  return {
    requestId: row.id,
    requesterId: row.requester_id,
    requesterName: requester?.name.slice(0, 120) ?? '',
    approverIds: approvals.map((a) => a.id),
    approvers: approvals.map((a) => ({ id: a.id, name: a.name.slice(0, 120), role: a.role })),
    reason: row.reason.slice(0, 1000),
    legalBasis: row.legal_basis,
    legalBasisText: row.legal_basis_text.slice(0, 300),
    scope: { type: row.scope_type, id: row.scope_id, label: (await scopeLabel(trx, row.scope_type, row.scope_id)).slice(0, 120) },
    from: row.range_from,
    to: row.range_to,
    approvedAt: row.decided_at,
    expiresAt: row.expires_at,
  };
}

async function writeNotice(svc: Services, trx: Kysely<DB>, row: SealedRow, userId: number, details: Record<string, unknown>) {
  await appendAudit(trx, svc.dialect, { actorId: row.requester_id, action: 'sealed_access.notified', targetType: 'user', targetId: userId, details });
}

/** Called in the approving transaction. */
export async function notifyAffected(svc: Services, trx: Kysely<DB>, row: SealedRow): Promise<number> {
  const people = await affectedPeople(trx, row.scope_type, row.scope_id);
  if (row.notify_delay_days === 0) {
    const details = await noticeDetails(trx, row);
    for (const p of people) await writeNotice(svc, trx, row, p, details);
    return people.length;
  }
  const dueAt = new Date(Date.now() + row.notify_delay_days * DAY).toISOString();
  for (const p of people) await trx.insertInto('sealed_notices').values({ request_id: row.id, user_id: p, due_at: dueAt, delivered_at: null }).execute();
  return people.length;
}

/** Writes the notices that are due. Safe on several nodes: claiming a row is the update that sets delivered_at. */
export async function deliverDueNotices(svc: Services, now = nowIso()): Promise<number> {
  const due = await svc.db.selectFrom('sealed_notices').select(['id', 'request_id', 'user_id']).where('delivered_at', 'is', null).where('due_at', '<=', now).orderBy('id').limit(500).execute();
  let delivered = 0;
  for (const n of due) {
    delivered += await write(svc, async (trx) => {
      await lockAuditChain(trx, svc.dialect);
      const claimed = await trx.updateTable('sealed_notices').set({ delivered_at: nowIso() }).where('id', '=', n.id).where('delivered_at', 'is', null).executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return 0;
      const row = await trx.selectFrom('sealed_requests').selectAll().where('id', '=', n.request_id).executeTakeFirstOrThrow();
      // Told even when the access has ended meanwhile: it happened.
      await writeNotice(svc, trx, row, n.user_id, await noticeDetails(trx, row));
      return 1;
    });
  }
  return delivered;
}

/** Records the expiry of every request whose time box (or approval window) has passed. */
export async function expireDue(svc: Services, now = nowIso()): Promise<number> {
  const rows = await svc.db.selectFrom('sealed_requests').selectAll().where('status', 'in', ['pending', 'approved']).where('expires_at', '<=', now).limit(500).execute();
  for (const row of rows) {
    await write(svc, async (trx) => {
      await lockAuditChain(trx, svc.dialect);
      const fresh = await trx.selectFrom('sealed_requests').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
      await settleExpiry(svc, trx, fresh, now);
    });
  }
  return rows.length;
}
