/**
 * The sealed-access procedure: request, edit (a new request; the old one is void), approve, deny,
 * revoke, and the lazy record of expiry. Every step and every refusal is in the audit log; a
 * refusal is written in its own transaction because the refused one rolls back.
 */
import type { Kysely } from 'kysely';
import type { PolicyRole, SealedRequestInput } from '@foyer/shared';
import type { DB } from '../db/schema.js';
import { write, type Services } from '../services.js';
import { AppError, forbidden, invalid } from '../errors.js';
import { isOrgAdmin, type Actor } from '../policies/actor.js';
import { activePolicy } from '../compliance/active.js';
import { appendAudit, lockAuditChain } from '../compliance/audit.js';
import { nowIso } from '../lib/time.js';
import { eligibleRoles, maySee, policyRolesOf, type SealedRow } from './rules.js';
import { scopeLabel } from './scope.js';
import { notifyAffected } from './notices.js';
import { settleExpiry } from './expiry.js';

const DAY = 86_400_000;
const addDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY).toISOString();

/** A refusal the audit log records, with a short machine reason. */
export class Refusal extends AppError {
  constructor(
    status: 403 | 404 | 409,
    readonly reason: string,
    message: string,
  ) {
    super(status, status === 404 ? 'not_found' : status === 403 ? 'forbidden' : 'conflict', message, status === 404 ? undefined : { reason });
  }
}
const hidden = (reason: string) => new Refusal(404, reason, 'sealed access request not found');

/** Runs a step on request `id`; a refusal of a request that exists is appended to the audit log. */
export async function audited<T>(svc: Services, actor: Actor, id: number, attempted: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (e) {
    if (e instanceof Refusal && e.reason !== 'missing') {
      await write(svc, (trx) =>
        appendAudit(trx, svc.dialect, { actorId: actor.id, action: 'sealed_access.refused', targetType: 'sealed_access', targetId: id, details: { requestId: id, attempted, reason: e.reason, status: e.status } }),
      );
    }
    throw e;
  }
}

export async function loadRow(db: Kysely<DB>, id: number): Promise<SealedRow> {
  const row = await db.selectFrom('sealed_requests').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new Refusal(404, 'missing', 'sealed access request not found');
  return row;
}

/** Loads a request inside a write under the audit lock, expiry settled. */
async function lockedRow(svc: Services, trx: Kysely<DB>, id: number): Promise<SealedRow> {
  await lockAuditChain(trx, svc.dialect);
  return settleExpiry(svc, trx, await loadRow(trx, id));
}

/** Runs `fn` in a write, but commits a recorded expiry even when `fn` then refuses. */
async function step<T>(svc: Services, id: number, fn: (trx: Kysely<DB>, row: SealedRow) => Promise<T>): Promise<T> {
  await write(svc, (trx) => lockedRow(svc, trx, id));
  return write(svc, async (trx) => fn(trx, await lockedRow(svc, trx, id)));
}

function requireWriter(actor: Actor) {
  if (actor.scope === 'read') throw forbidden('this token can only read');
}

async function insertRequest(svc: Services, trx: Kysely<DB>, actor: Actor, input: SealedRequestInput, replaces: number | null): Promise<number> {
  const policy = (await activePolicy(svc.db, svc.dialect)).document.sealedAccess;
  const delay = input.notifyDelayDays ?? policy.notifyDelayDays;
  if (delay > policy.maxNotifyDelayDays) throw invalid(`the works agreement allows at most ${policy.maxNotifyDelayDays} days of delay`, { fields: { notifyDelayDays: 'too_long' } });
  const scopeName = await scopeLabel(trx, input.scopeType, input.scopeId);
  const now = nowIso();
  const from = new Date(input.from).toISOString();
  const to = new Date(input.to).toISOString();
  const { id } = await trx
    .insertInto('sealed_requests')
    .values({
      requester_id: actor.id,
      scope_type: input.scopeType,
      scope_id: input.scopeId,
      range_from: from,
      range_to: to,
      reason: input.reason,
      legal_basis: input.legalBasis,
      legal_basis_text: input.legalBasisText,
      // The rules in force when asked decide this request: a later policy cannot lower its bar.
      approver_roles: JSON.stringify(policy.approverRoles),
      days: policy.maxDays,
      notify_delay_days: delay,
      status: 'pending',
      created_at: now,
      decided_at: null,
      // Approvals have to arrive within one time box too; a stale request is not kept open for ever.
      expires_at: addDays(now, policy.maxDays),
      replaced_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await appendAudit(trx, svc.dialect, {
    actorId: actor.id,
    action: 'sealed_access.requested',
    targetType: 'sealed_access',
    targetId: id,
    details: { requestId: id, scope: { type: input.scopeType, id: input.scopeId, label: scopeName.slice(0, 200) }, from, to, legalBasis: input.legalBasis, approverRoles: policy.approverRoles, replaces },
  });
  return id;
}

export async function requestAccess(svc: Services, actor: Actor, input: SealedRequestInput): Promise<number> {
  requireWriter(actor);
  if (!isOrgAdmin(actor)) throw forbidden('only administrators can request sealed access');
  await activePolicy(svc.db, svc.dialect);
  return write(svc, async (trx) => {
    await lockAuditChain(trx, svc.dialect);
    return insertRequest(svc, trx, actor, input, null);
  });
}

/** An edit never changes a request: it voids it and asks anew, and only before anyone approved. */
export async function editRequest(svc: Services, actor: Actor, id: number, change: Partial<SealedRequestInput>): Promise<number> {
  requireWriter(actor);
  return step(svc, id, async (trx, row) => {
    const held = await policyRolesOf(trx, actor);
    if (!maySee(actor, row, held)) throw hidden('not_visible');
    if (row.requester_id !== actor.id) throw new Refusal(403, 'not_requester', 'only the requester can change a request');
    if (row.status !== 'pending') throw new Refusal(409, `not_pending:${row.status}`, `the request is ${row.status}`);
    const approvals = await trx.selectFrom('sealed_decisions').select('id').where('request_id', '=', id).where('decision', '=', 'approve').execute();
    if (approvals.length) throw new Refusal(409, 'scope_locked', 'the request has an approval already: make a new request instead');
    const merged = {
      scopeType: row.scope_type,
      scopeId: row.scope_id,
      from: row.range_from,
      to: row.range_to,
      reason: row.reason,
      legalBasis: row.legal_basis,
      legalBasisText: row.legal_basis_text,
      notifyDelayDays: row.notify_delay_days,
      ...change,
    };
    if (Date.parse(merged.from) >= Date.parse(merged.to)) throw invalid('the time range is empty', { fields: { to: 'must be after from' } });
    const next = await insertRequest(svc, trx, actor, merged, id);
    await trx.updateTable('sealed_requests').set({ status: 'void', replaced_by: next, decided_at: nowIso() }).where('id', '=', id).execute();
    await appendAudit(trx, svc.dialect, { actorId: actor.id, action: 'sealed_access.voided', targetType: 'sealed_access', targetId: id, details: { requestId: id, replacedBy: next } });
    return next;
  });
}

/** Checks shared by approve and deny; returns the role in which the actor decides. */
async function decisionRole(trx: Kysely<DB>, actor: Actor, row: SealedRow, verb: 'approve' | 'deny'): Promise<PolicyRole> {
  const held = await policyRolesOf(trx, actor);
  if (!maySee(actor, row, held)) throw hidden('not_approver');
  if (row.status === 'expired') throw new Refusal(409, 'expired', 'the request has expired');
  if (row.status !== 'pending') throw new Refusal(409, `not_pending:${row.status}`, `the request is ${row.status}`);
  if (row.requester_id === actor.id) throw new Refusal(403, 'self_approval', `you made this request; two other people have to ${verb} it`);
  const eligible = eligibleRoles(row, held);
  if (!eligible.length) throw new Refusal(403, 'not_approver', `only holders of the approver roles can ${verb} sealed access`);
  const decided = await trx.selectFrom('sealed_decisions').select(['user_id', 'role']).where('request_id', '=', row.id).execute();
  if (decided.some((d) => d.user_id === actor.id)) throw new Refusal(409, 'already_decided', 'you have decided on this request already');
  // Two approvals need two distinct roles: someone whose roles have all approved adds nothing.
  const role = eligible.find((r) => !decided.some((d) => d.role === r));
  if (!role) throw new Refusal(409, 'same_role', 'your role has approved this request already; the other role has to decide');
  return role;
}

export async function approve(svc: Services, actor: Actor, id: number, reason: string): Promise<void> {
  requireWriter(actor);
  await step(svc, id, async (trx, row) => {
    const role = await decisionRole(trx, actor, row, 'approve');
    const now = nowIso();
    await trx.insertInto('sealed_decisions').values({ request_id: id, user_id: actor.id, role, decision: 'approve', reason, at: now }).execute();
    await appendAudit(trx, svc.dialect, { actorId: actor.id, action: 'sealed_access.approved', targetType: 'sealed_access', targetId: id, details: { requestId: id, role } });
    const approvals = await trx.selectFrom('sealed_decisions').select(['user_id', 'role']).where('request_id', '=', id).where('decision', '=', 'approve').execute();
    if (new Set(approvals.map((a) => a.role)).size < 2) return;
    // Granted: the time box starts now.
    const expiresAt = addDays(now, row.days);
    await trx.updateTable('sealed_requests').set({ status: 'approved', decided_at: now, expires_at: expiresAt }).where('id', '=', id).execute();
    await appendAudit(trx, svc.dialect, { actorId: actor.id, action: 'sealed_access.approved', targetType: 'sealed_access', targetId: id, details: { requestId: id, granted: true, expiresAt } });
    await notifyAffected(svc, trx, { ...row, status: 'approved', decided_at: now, expires_at: expiresAt });
  });
}

export async function deny(svc: Services, actor: Actor, id: number, reason: string): Promise<void> {
  requireWriter(actor);
  await step(svc, id, async (trx, row) => {
    const role = await decisionRole(trx, actor, row, 'deny');
    const now = nowIso();
    await trx.insertInto('sealed_decisions').values({ request_id: id, user_id: actor.id, role, decision: 'deny', reason, at: now }).execute();
    await trx.updateTable('sealed_requests').set({ status: 'denied', decided_at: now }).where('id', '=', id).execute();
    await appendAudit(trx, svc.dialect, { actorId: actor.id, action: 'sealed_access.denied', targetType: 'sealed_access', targetId: id, details: { requestId: id, role, reason: reason.slice(0, 500) } });
  });
}

/** The requester withdraws, or an approver ends a running access early. */
export async function revoke(svc: Services, actor: Actor, id: number): Promise<void> {
  requireWriter(actor);
  await step(svc, id, async (trx, row) => {
    const held = await policyRolesOf(trx, actor);
    if (!maySee(actor, row, held)) throw hidden('not_visible');
    if (row.requester_id !== actor.id && !eligibleRoles(row, held).length) throw new Refusal(403, 'not_approver', 'only the requester or an approver can revoke');
    if (row.status !== 'pending' && row.status !== 'approved') throw new Refusal(409, `not_active:${row.status}`, `the request is ${row.status}`);
    await trx.updateTable('sealed_requests').set({ status: 'revoked', decided_at: nowIso() }).where('id', '=', id).execute();
    await appendAudit(trx, svc.dialect, { actorId: actor.id, action: 'sealed_access.revoked', targetType: 'sealed_access', targetId: id, details: { requestId: id, was: row.status } });
  });
}

/** The approved requester, within the time box; to everyone else the request does not exist. */
export async function readableRow(svc: Services, actor: Actor, id: number): Promise<SealedRow> {
  const row = await write(svc, (trx) => lockedRow(svc, trx, id));
  if (row.requester_id !== actor.id) throw hidden('not_requester');
  if (row.status !== 'approved') throw hidden(`not_readable:${row.status}`);
  return row;
}

