/**
 * Transparency entries for privileged reads: an audit entry whose target is the person whose data
 * was read, so it appears in their transparency centre (GET /me/audit). The routes that call these
 * are classified in privileged-reads.ts.
 */
import type { Services } from '../services.js';
import { write } from '../services.js';
import type { Actor } from '../policies/actor.js';
import type { ReportRow } from '../policies/moderation.js';
import { appendAudit, lockAuditChain } from './audit.js';

type ReportRef = Pick<ReportRow, 'id' | 'author_id' | 'target_type' | 'target_id' | 'space_id'>;

/** Reports of this moderator that the author has already been told about. */
async function alreadyTold(db: Services['db'], actorId: number, reports: ReportRef[]): Promise<Set<number>> {
  const authors = [...new Set(reports.map((r) => String(r.author_id)))];
  const rows = await db
    .selectFrom('audit_log')
    .select('details')
    .where('action', '=', 'moderation.viewed')
    .where('actor_id', '=', actorId)
    .where('target_type', '=', 'user')
    .where('target_id', 'in', authors)
    .execute();
  return new Set(rows.map((r) => Number((JSON.parse(r.details) as { reportId?: unknown }).reportId)));
}

/**
 * A moderator saw reported content (in the queue or opened): its author is told once per
 * moderator and report — who looked and at which item, never who reported it. Looking again adds
 * nothing, so refreshing the queue does not fill the log.
 */
export async function recordReportViews(svc: Services, actor: Actor, reports: ReportRef[]): Promise<void> {
  const others = reports.filter((r) => r.author_id !== actor.id);
  if (!others.length) return;
  const told = await alreadyTold(svc.db, actor.id, others);
  if (others.every((r) => told.has(r.id))) return;
  await write(svc, async (trx) => {
    await lockAuditChain(trx, svc.dialect);
    // Again under the lock: two tabs opening the queue at once write one entry.
    const toldNow = await alreadyTold(trx, actor.id, others);
    for (const r of others) {
      if (toldNow.has(r.id)) continue;
      toldNow.add(r.id);
      await appendAudit(trx, svc.dialect, {
        actorId: actor.id,
        action: 'moderation.viewed',
        targetType: 'user',
        targetId: r.author_id,
        details: { reportId: r.id, itemType: r.target_type, itemId: r.target_id, spaceId: r.space_id },
      });
    }
  });
}
