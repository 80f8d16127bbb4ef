/** Requests as API objects with the caller's abilities, and the watermark of the viewer and exports. */
import type { Kysely } from 'kysely';
import type { PolicyRole, SealedRequest, SealedWatermark } from '@foyer/shared';
import type { DB } from '../db/schema.js';
import type { Actor } from '../policies/actor.js';
import { presentUserSummary, userSummariesById } from '../presenters/users.js';
import { nowIso } from '../lib/time.js';
import { approverRolesOf, eligibleRoles, isLive, policyRolesOf, type SealedRow } from './rules.js';
import { scopeLabel } from './scope.js';

export async function presentRequests(db: Kysely<DB>, actor: Actor, rows: SealedRow[]): Promise<SealedRequest[]> {
  if (!rows.length) return [];
  const decisions = await db.selectFrom('sealed_decisions').selectAll().where('request_id', 'in', rows.map((r) => r.id)).orderBy('id').execute();
  const people = await userSummariesById(db, [...rows.map((r) => r.requester_id), ...decisions.map((d) => d.user_id)]);
  const held = await policyRolesOf(db, actor);
  const now = nowIso();
  const out: SealedRequest[] = [];
  for (const r of rows) {
    const mine = decisions.filter((d) => d.request_id === r.id);
    const roles = approverRolesOf(r);
    const approvedRoles = new Set(mine.filter((d) => d.decision === 'approve').map((d) => d.role));
    const pending = r.status === 'pending' && r.expires_at > now;
    const awaiting: PolicyRole[] = pending && approvedRoles.size < 2 ? roles.filter((x) => !approvedRoles.has(x)) : [];
    const decided = mine.some((d) => d.user_id === actor.id);
    const canDecide = pending && actor.scope !== 'read' && r.requester_id !== actor.id && !decided;
    const free = eligibleRoles(r, held).filter((x) => !approvedRoles.has(x));
    const live = isLive(r, now);
    out.push({
      id: r.id,
      requester: presentUserSummary(people.get(r.requester_id)!),
      scopeType: r.scope_type,
      scopeId: r.scope_id,
      scopeLabel: await scopeLabel(db, r.scope_type, r.scope_id).catch(() => ''),
      from: r.range_from,
      to: r.range_to,
      reason: r.reason,
      legalBasis: r.legal_basis,
      legalBasisText: r.legal_basis_text,
      // Shown as it is now, even before the job or a reader has recorded the expiry.
      status: (r.status === 'pending' || r.status === 'approved') && !(r.expires_at > now) ? 'expired' : r.status,
      approverRoles: roles,
      awaiting,
      days: r.days,
      notifyDelayDays: r.notify_delay_days,
      createdAt: r.created_at,
      decidedAt: r.decided_at,
      expiresAt: r.expires_at,
      replacedBy: r.replaced_by,
      decisions: mine.map((d) => ({ by: presentUserSummary(people.get(d.user_id)!), role: d.role, decision: d.decision, reason: d.reason, at: d.at })),
      abilities: {
        approve: canDecide && free.length > 0,
        deny: canDecide && eligibleRoles(r, held).length > 0,
        edit: pending && r.requester_id === actor.id && approvedRoles.size === 0,
        revoke: (pending || live) && actor.scope !== 'read' && (r.requester_id === actor.id || eligibleRoles(r, held).length > 0),
        read: live && r.requester_id === actor.id,
      },
    });
  }
  return out;
}

export async function watermarkFor(db: Kysely<DB>, row: SealedRow): Promise<SealedWatermark> {
  const who = await db.selectFrom('users').select(['name', 'email']).where('id', '=', row.requester_id).executeTakeFirstOrThrow();
  const at = nowIso();
  const requester = `${who.name} <${who.email}>`;
  return { requester, requestId: row.id, at, text: `Sealed access #${row.id} · ${requester} · ${at} · read-only, logged` };
}
