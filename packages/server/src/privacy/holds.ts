/**
 * Legal holds: while one covers a space or a person, retention deletes nothing in that space and
 * nothing the person wrote. Administrators place and lift them, each step audited; lifted holds
 * stay as the record. Members of a held space and a held person learn that a hold exists, never
 * why (docs/adr/0010-retention-and-legal-hold.md).
 */
import type { Kysely, Selectable } from 'kysely';
import type { LegalHold, LegalHoldInput } from '@foyer/shared';
import type { DB, LegalHoldTable } from '../db/schema.js';
import type { Services } from '../services.js';
import type { Actor } from '../policies/actor.js';
import { isOrgAdmin } from '../policies/actor.js';
import { write } from '../services.js';
import { conflict, forbidden, invalid, notFound } from '../errors.js';
import { nowIso } from '../lib/time.js';
import { appendAudit } from '../compliance/audit.js';
import { presentUserSummary, userSummariesById } from '../presenters/users.js';

type HoldRow = Selectable<LegalHoldTable>;

/** Placing, lifting and listing holds is for administrators (a hold is a legal instrument, not a moderation tool). */
export function assertMayManageHolds(actor: Actor): void {
  if (!isOrgAdmin(actor) || actor.scope === 'read') throw forbidden('only administrators manage legal holds');
}

export async function placeHold(svc: Services, actor: Actor, input: LegalHoldInput): Promise<number> {
  assertMayManageHolds(actor);
  const target =
    input.targetType === 'space'
      ? await svc.db.selectFrom('spaces').select('id').where('id', '=', input.targetId).executeTakeFirst()
      : await svc.db.selectFrom('users').select('id').where('id', '=', input.targetId).executeTakeFirst();
  if (!target) throw invalid(`no such ${input.targetType}`, { fields: { targetId: 'unknown' } });
  return write(svc, async (trx) => {
    const active = await activeHold(trx, input.targetType, input.targetId);
    if (active) throw conflict(`a legal hold is already in place on this ${input.targetType}`, { holdId: active.id });
    const { id } = await trx
      .insertInto('legal_holds')
      .values({ target_type: input.targetType, target_id: input.targetId, reason: input.reason, placed_by: actor.id, placed_at: nowIso(), lifted_by: null, lifted_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The reason is the legal basis (bounded to 500 characters), not content: it belongs in the
    // record. The entry targets the hold, not the person: audit entries about a person are shown
    // to them (GET /me/audit), and the reason may be confidential.
    await appendAudit(trx, svc.dialect, {
      actorId: actor.id,
      action: 'legal_hold.placed',
      targetType: 'legal_hold',
      targetId: id,
      details: { targetType: input.targetType, targetId: input.targetId, reason: input.reason },
    });
    return id;
  });
}

export async function liftHold(svc: Services, actor: Actor, holdId: number): Promise<void> {
  assertMayManageHolds(actor);
  await write(svc, async (trx) => {
    const hold = await trx.selectFrom('legal_holds').selectAll().where('id', '=', holdId).executeTakeFirst();
    if (!hold) throw notFound('legal hold');
    const res = await trx.updateTable('legal_holds').set({ lifted_by: actor.id, lifted_at: nowIso() }).where('id', '=', holdId).where('lifted_at', 'is', null).executeTakeFirst();
    if (!Number(res.numUpdatedRows)) throw conflict('this legal hold was lifted already');
    await appendAudit(trx, svc.dialect, { actorId: actor.id, action: 'legal_hold.lifted', targetType: 'legal_hold', targetId: holdId, details: { targetType: hold.target_type, targetId: hold.target_id } });
  });
}

export function activeHold(db: Kysely<DB>, targetType: 'space' | 'user', targetId: number): Promise<HoldRow | undefined> {
  return db.selectFrom('legal_holds').selectAll().where('target_type', '=', targetType).where('target_id', '=', targetId).where('lifted_at', 'is', null).orderBy('id').executeTakeFirst();
}

/** Ids of the spaces and people under an active hold, read once per retention batch. */
export async function heldTargets(db: Kysely<DB>): Promise<{ spaces: number[]; users: number[] }> {
  const rows = await db.selectFrom('legal_holds').select(['target_type', 'target_id']).where('lifted_at', 'is', null).execute();
  return {
    spaces: [...new Set(rows.filter((r) => r.target_type === 'space').map((r) => r.target_id))],
    users: [...new Set(rows.filter((r) => r.target_type === 'user').map((r) => r.target_id))],
  };
}

export async function listHolds(svc: Services, actor: Actor): Promise<LegalHold[]> {
  assertMayManageHolds(actor);
  const rows = await svc.db.selectFrom('legal_holds').selectAll().orderBy('id', 'desc').limit(500).execute();
  return presentHolds(svc.db, rows);
}

export async function presentHolds(db: Kysely<DB>, rows: HoldRow[]): Promise<LegalHold[]> {
  const userIds = rows.flatMap((r) => [r.placed_by, r.lifted_by ?? 0, r.target_type === 'user' ? r.target_id : 0]).filter((id) => id > 0);
  const people = await userSummariesById(db, userIds);
  const spaceIds = rows.filter((r) => r.target_type === 'space').map((r) => r.target_id);
  const spaces = new Map(spaceIds.length ? (await db.selectFrom('spaces').select(['id', 'name']).where('id', 'in', spaceIds).execute()).map((s) => [s.id, s.name]) : []);
  const summary = (id: number | null) => {
    const u = id === null ? undefined : people.get(id);
    return u ? presentUserSummary(u) : null;
  };
  return rows.map((r) => ({
    id: r.id,
    targetType: r.target_type,
    targetId: r.target_id,
    targetName: (r.target_type === 'space' ? spaces.get(r.target_id) : people.get(r.target_id)?.name) ?? '',
    reason: r.reason,
    placedBy: summary(r.placed_by),
    placedAt: r.placed_at,
    liftedBy: summary(r.lifted_by),
    liftedAt: r.lifted_at,
  }));
}
