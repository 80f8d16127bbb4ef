/**
 * Policy versions: propose, approve, reject. A proposal takes effect only after one holder of each
 * co-determination role of the version active when it was proposed has approved it — the rules of
 * the running agreement decide, so a proposal can never lower its own bar. Every step is audited.
 */
import type { Kysely } from 'kysely';
import type { FunctionalRole, PolicyDocument } from '@foyer/shared';
import type { DB } from '../db/schema.js';
import { write, type Services } from '../services.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../errors.js';
import { isOrgAdmin, type Actor } from '../policies/actor.js';
import { rolesOf } from '../policies/roles.js';
import { nowIso } from '../lib/time.js';
import { appendAudit, lockAuditChain } from './audit.js';
import { activePolicy, forgetActivePolicy, readStoredPolicy } from './active.js';
import { canonicalJson, changedPaths } from './canonical.js';

export async function loadVersion(db: Kysely<DB>, id: number) {
  const row = await db.selectFrom('policy_versions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('policy version');
  return row;
}

export async function documentOf(db: Kysely<DB>, version: number | null): Promise<PolicyDocument | null> {
  if (version === null) return null;
  const row = await db.selectFrom('policy_versions').select('document').where('version', '=', version).executeTakeFirst();
  return row ? readStoredPolicy(db, row.document) : null;
}

/** Roles of the co-determination rule that have no approval yet. */
export async function awaitingRoles(db: Kysely<DB>, v: { id: number; base_version: number | null }): Promise<FunctionalRole[]> {
  const rule = (await documentOf(db, v.base_version))?.coDetermination.approverRoles ?? [];
  const done = new Set((await db.selectFrom('policy_decisions').select('role').where('version_id', '=', v.id).where('decision', '=', 'approve').execute()).map((d) => d.role));
  return rule.filter((r) => !done.has(r));
}

/** Checked before a policy file is even read: someone who may not propose learns nothing about its validity. */
export function assertMayPropose(actor: Actor): void {
  if (actor.scope === 'read') throw forbidden('this token can only read');
  if (!isOrgAdmin(actor)) throw forbidden('only administrators can propose a new policy version');
}

export async function propose(svc: Services, actor: Actor, input: { document: PolicyDocument; note: string }) {
  assertMayPropose(actor);
  await activePolicy(svc.db, svc.dialect); // writes version 1 on first use
  const id = await write(svc, async (trx) => {
    await lockAuditChain(trx, svc.dialect);
    const base = await trx.selectFrom('policy_versions').select(['version', 'document']).where('status', '=', 'active').executeTakeFirstOrThrow();
    const changes = changedPaths(JSON.parse(base.document), input.document);
    if (!changes.length) throw invalid('the proposal is the same as the active version', { fields: { document: 'unchanged' } });
    const now = nowIso();
    // A newer proposal replaces any pending one: approvers always decide on the latest text.
    for (const old of await trx.selectFrom('policy_versions').select(['id', 'version']).where('status', '=', 'pending').execute()) {
      await trx.updateTable('policy_versions').set({ status: 'superseded', decided_at: now }).where('id', '=', old.id).execute();
      await appendAudit(trx, svc.dialect, { actorId: actor.id, action: 'policy.superseded', targetType: 'policy', targetId: old.version, details: { version: old.version } });
    }
    const last = await trx.selectFrom('policy_versions').select((eb) => eb.fn.max('version').as('v')).executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    const row = await trx
      .insertInto('policy_versions')
      .values({
        version,
        status: 'pending',
        document: canonicalJson(input.document),
        note: input.note,
        base_version: base.version,
        proposed_by: actor.id,
        proposed_at: now,
        decided_at: null,
        activated_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, svc.dialect, { actorId: actor.id, action: 'policy.proposed', targetType: 'policy', targetId: version, details: { version, base: base.version, changes: changes.slice(0, 50) } });
    return row.id;
  });
  return id;
}

/** Loads a pending version for a decision and says in which role the actor decides. */
async function decisionRole(trx: Kysely<DB>, actor: Actor, id: number, verb: 'approve' | 'reject') {
  const v = await trx.selectFrom('policy_versions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!v) throw notFound('policy version');
  if (v.status !== 'pending') throw conflict(`version ${v.version} is ${v.status}, not pending`, { status: v.status });
  if (v.proposed_by === actor.id) throw forbidden(`you proposed version ${v.version}; someone else has to ${verb} it`);
  const rule = (await documentOf(trx, v.base_version))?.coDetermination.approverRoles ?? [];
  const mine = new Set(await rolesOf(trx, actor.id));
  const eligible = rule.filter((r) => mine.has(r));
  if (!eligible.length) throw new AppError(403, 'forbidden', `only holders of the role ${rule.join(' or ')} can ${verb} policy versions`, { roles: rule });
  return { v, eligible };
}

export async function approve(svc: Services, actor: Actor, id: number, reason: string) {
  if (actor.scope === 'read') throw forbidden('this token can only read');
  const activated = await write(svc, async (trx) => {
    await lockAuditChain(trx, svc.dialect);
    const { v, eligible } = await decisionRole(trx, actor, id, 'approve');
    const decided = await trx.selectFrom('policy_decisions').select(['user_id', 'role']).where('version_id', '=', v.id).where('decision', '=', 'approve').execute();
    // One approval per person, and one per role: two roles need two people.
    if (decided.some((d) => d.user_id === actor.id)) throw conflict('you already approved this version');
    const role = eligible.find((r) => !decided.some((d) => d.role === r));
    if (!role) throw conflict('your role has already approved this version');
    const now = nowIso();
    await trx.insertInto('policy_decisions').values({ version_id: v.id, user_id: actor.id, role, decision: 'approve', reason, at: now }).execute();
    await appendAudit(trx, svc.dialect, { actorId: actor.id, action: 'policy.approved', targetType: 'policy', targetId: v.version, details: { version: v.version, role } });
    if ((await awaitingRoles(trx, v)).length) return false;
    const previous = await trx.selectFrom('policy_versions').select(['id', 'version']).where('status', '=', 'active').executeTakeFirstOrThrow();
    await trx.updateTable('policy_versions').set({ status: 'retired' }).where('id', '=', previous.id).execute();
    await trx.updateTable('policy_versions').set({ status: 'active', decided_at: now, activated_at: now }).where('id', '=', v.id).execute();
    await appendAudit(trx, svc.dialect, { actorId: actor.id, action: 'policy.activated', targetType: 'policy', targetId: v.version, details: { version: v.version, previous: previous.version } });
    return true;
  });
  if (activated) forgetActivePolicy(svc.db);
  return activated;
}

export async function reject(svc: Services, actor: Actor, id: number, reason: string) {
  if (actor.scope === 'read') throw forbidden('this token can only read');
  await write(svc, async (trx) => {
    await lockAuditChain(trx, svc.dialect);
    const { v, eligible } = await decisionRole(trx, actor, id, 'reject');
    const now = nowIso();
    await trx.insertInto('policy_decisions').values({ version_id: v.id, user_id: actor.id, role: eligible[0], decision: 'reject', reason, at: now }).execute();
    await trx.updateTable('policy_versions').set({ status: 'rejected', decided_at: now }).where('id', '=', v.id).execute();
    // The reason is the approver's own statement on the policy, not employee content: it is kept with the entry.
    await appendAudit(trx, svc.dialect, { actorId: actor.id, action: 'policy.rejected', targetType: 'policy', targetId: v.version, details: { version: v.version, role: eligible[0], reason: reason.slice(0, 500) } });
  });
}
