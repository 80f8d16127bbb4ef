/** Expiry of a request: recorded once, by the job or by whoever touches the request first. */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Services } from '../services.js';
import { appendAudit } from '../compliance/audit.js';
import { nowIso } from '../lib/time.js';
import type { SealedRow } from './rules.js';

/** Records the end of the time box (or of the approval window) once, whoever notices it first. */
export async function settleExpiry(svc: Services, trx: Kysely<DB>, row: SealedRow, now = nowIso()): Promise<SealedRow> {
  if ((row.status !== 'approved' && row.status !== 'pending') || row.expires_at > now) return row;
  const done = await trx.updateTable('sealed_requests').set({ status: 'expired' }).where('id', '=', row.id).where('status', '=', row.status).executeTakeFirst();
  if (Number(done.numUpdatedRows) === 1) {
    await appendAudit(trx, svc.dialect, { actorId: null, action: 'sealed_access.expired', targetType: 'sealed_access', targetId: row.id, details: { requestId: row.id, was: row.status, expiresAt: row.expires_at } });
  }
  return { ...row, status: 'expired' };
}

