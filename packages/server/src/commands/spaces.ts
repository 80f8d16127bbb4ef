/** Space life-cycle and membership. Every change writes an outbox event in the same transaction. */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { SpaceCreate, SpaceUpdate } from '@foyer/shared';
import type { DB } from '../db/schema.js';
import { write, type Services } from '../services.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../errors.js';
import { nowIso } from '../lib/time.js';
import { isEmployee, isOrgAdmin, type Actor } from '../policies/actor.js';
import { loadSpaceForView, spaceAbilities, loadSpaceContext, type SpaceContext } from '../policies/spaces.js';
import { emit } from '../events/outbox.js';
import { notify } from './notifications.js';
import { startReadingChannels, stopReadingChannels } from './chat.js';
import { labelExists } from '../policies/labels.js';
import { hasRole } from '../policies/roles.js';

function slugify(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
  return s.length >= 2 ? s : `space-${s}`;
}

async function uniqueSlug(trx: Kysely<DB>, wanted: string): Promise<string> {
  for (let i = 1; ; i++) {
    const slug = i === 1 ? wanted : `${wanted}-${i}`;
    if (!(await trx.selectFrom('spaces').select('id').where('slug', '=', slug).executeTakeFirst())) return slug;
  }
}

/**
 * The organisation's rules for closed spaces: who may create private and secret ones, a stated
 * purpose for secret ones, and the community guidelines their creators accept.
 */
async function checkClosedSpaceRules(db: Kysely<DB>, actor: Actor, input: z.infer<typeof SpaceCreate>) {
  if (input.visibility === 'public') return;
  const org = await db.selectFrom('organisation').selectAll().executeTakeFirst();
  if (!org) return;
  const who = input.visibility === 'secret' ? org.secret_space_creators : org.private_space_creators;
  const allowed = who === 'everyone' || isOrgAdmin(actor) || (who === 'governance' && (await hasRole(db, actor.id, 'governance')));
  if (!allowed) throw forbidden(`the organisation limits who may create ${input.visibility} spaces`);
  if (input.visibility === 'secret' && org.secret_purpose_required === 1 && !input.purpose?.trim())
    throw invalid('secret spaces need a stated purpose', { fields: { purpose: 'required' } });
  if (org.space_guidelines.trim() && !input.acceptGuidelines)
    throw invalid('accept the community guidelines to create a closed space', { fields: { acceptGuidelines: 'required' } });
}

export async function createSpace(svc: Services, actor: Actor, input: z.infer<typeof SpaceCreate>): Promise<number> {
  if (!isEmployee(actor) || actor.scope === 'read') throw forbidden('guests cannot create spaces');
  await checkClosedSpaceRules(svc.db, actor, input);
  return write(svc, async (trx) => {
    // A taken address gets a suffix instead of a 409: "taken" would reveal a secret space's slug.
    const slug = await uniqueSlug(trx, input.slug ?? slugify(input.name));
    const now = nowIso();
    const { id } = await trx
      .insertInto('spaces')
      .values({
        slug,
        name: input.name,
        description: input.description ?? '',
        visibility: input.visibility,
        purpose: input.purpose?.trim() ?? '',
        guidelines_accepted_at: input.acceptGuidelines ? now : null,
        archived_at: null,
        created_by: actor.id,
        created_at: now,
        last_activity_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('memberships')
      .values({ space_id: id, user_id: actor.id, role: 'owner', state: 'member', created_at: now })
      .execute();
    await emit(trx, 'membership.changed', { spaceId: id, userId: actor.id }, { userId: actor.id });
    return id;
  });
}

async function requireManager(svc: Services, actor: Actor, spaceId: number): Promise<SpaceContext> {
  const ctx = await loadSpaceForView(svc.db, actor, spaceId);
  if (!spaceAbilities(actor, ctx).manage) throw forbidden('only space owners and admins can do this');
  return ctx;
}

/** How many people could newly read the space's content if it had `visibility`. */
export async function audienceWidening(db: Kysely<DB>, ctx: SpaceContext, visibility: string): Promise<number> {
  const order = { secret: 0, private: 0, public: 1 } as const;
  if (order[visibility as keyof typeof order] <= order[ctx.space.visibility]) return 0;
  const employees = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'active')
    .where('role', '!=', 'guest')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('memberships')
            .select('user_id')
            .whereRef('memberships.user_id', '=', 'users.id')
            .where('memberships.space_id', '=', ctx.space.id)
            .where('memberships.state', '=', 'member'),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  return Number(employees.n);
}

/** Ceiling and default must be labels, default at most the ceiling, and no content above a new ceiling. */
async function checkSpaceLabels(db: Kysely<DB>, ctx: SpaceContext, ceilingIn?: number, defaultIn?: number) {
  const ceiling = ceilingIn ?? ctx.space.label_ceiling;
  const fallback = defaultIn ?? ctx.space.label_default;
  for (const [field, level] of [
    ['labelCeiling', ceiling],
    ['labelDefault', fallback],
  ] as const)
    if (!(await labelExists(db, level))) throw invalid('no such label', { fields: { [field]: 'unknown' } });
  if (fallback > ceiling) throw invalid('the default label cannot be above the ceiling', { fields: { labelDefault: 'above_ceiling' } });
  if (ceilingIn !== undefined && ceilingIn < ctx.space.label_ceiling) {
    const [post, channel] = await Promise.all([
      db.selectFrom('posts').select((eb) => eb.fn.max('label').as('m')).where('space_id', '=', ctx.space.id).where('deleted_at', 'is', null).executeTakeFirst(),
      db.selectFrom('conversations').select((eb) => eb.fn.max('label').as('m')).where('space_id', '=', ctx.space.id).executeTakeFirst(),
    ]);
    const highest = Math.max(Number(post?.m ?? 0), Number(channel?.m ?? 0));
    if (highest > ceilingIn) throw conflict('the space holds content above this ceiling; lower its labels first', { highest });
  }
}

export async function updateSpace(svc: Services, actor: Actor, spaceId: number, input: z.infer<typeof SpaceUpdate>) {
  const ctx = await requireManager(svc, actor, spaceId);
  if (ctx.space.archived_at && (input.name || input.description !== undefined || input.visibility))
    throw new AppError(409, 'space_archived', 'unarchive the space first');
  if (input.visibility && input.visibility !== ctx.space.visibility) {
    const newReaders = await audienceWidening(svc.db, ctx, input.visibility);
    if (newReaders > 0 && !input.confirmAudience)
      throw conflict('this change lets more people read the existing content; confirm the new audience', {
        newReaders,
        confirmField: 'confirmAudience',
      });
    if (newReaders > 0 && ctx.membership?.role !== 'owner') throw forbidden('only an owner can widen the audience');
  }
  if (input.labelCeiling !== undefined || input.labelDefault !== undefined) await checkSpaceLabels(svc.db, ctx, input.labelCeiling, input.labelDefault);
  await write(svc, async (trx) => {
    const set: Partial<{ name: string; description: string; purpose: string; visibility: 'public' | 'private' | 'secret'; label_ceiling: number; label_default: number }> = {};
    if (input.name) set.name = input.name;
    if (input.purpose !== undefined) set.purpose = input.purpose;
    if (input.description !== undefined) set.description = input.description;
    if (input.visibility) set.visibility = input.visibility;
    if (input.labelCeiling !== undefined) set.label_ceiling = input.labelCeiling;
    if (input.labelDefault !== undefined) set.label_default = input.labelDefault;
    if (Object.keys(set).length) await trx.updateTable('spaces').set(set).where('id', '=', spaceId).execute();
    await emit(trx, 'space.updated', { spaceId }, { spaceId });
    if (input.visibility === 'private' || input.visibility === 'secret') {
      // Non-members lose access: tell every connected non-reader to drop cached content.
      if (ctx.space.visibility === 'public') await emit(trx, 'access.revoked', { spaceId }, { spaceId });
    }
  });
}

export async function setArchived(svc: Services, actor: Actor, spaceId: number, archived: boolean) {
  await requireManager(svc, actor, spaceId);
  await write(svc, async (trx) => {
    await trx
      .updateTable('spaces')
      .set({ archived_at: archived ? nowIso() : null })
      .where('id', '=', spaceId)
      .execute();
    await emit(trx, 'space.updated', { spaceId }, { spaceId });
  });
}

async function upsertMembership(
  trx: Kysely<DB>,
  spaceId: number,
  userId: number,
  role: 'owner' | 'admin' | 'member',
  state: 'member' | 'requested' | 'invited',
) {
  const existing = await findMembership(trx, spaceId, userId);
  // A new member reads the space's chat channels from now on, without the old messages as unread.
  if (state === 'member' && existing?.state !== 'member') await startReadingChannels(trx, spaceId, userId);
  if (existing) {
    await trx.updateTable('memberships').set({ state }).where('space_id', '=', spaceId).where('user_id', '=', userId).execute();
  } else {
    await trx
      .insertInto('memberships')
      .values({ space_id: spaceId, user_id: userId, role, state, created_at: nowIso() })
      .execute();
  }
}

function findMembership(db: Kysely<DB>, spaceId: number, userId: number) {
  return db.selectFrom('memberships').selectAll().where('space_id', '=', spaceId).where('user_id', '=', userId).executeTakeFirst();
}

/** A space always keeps at least one owner: refuse to remove or demote the last one. */
async function assertAnotherOwner(trx: Kysely<DB>, spaceId: number) {
  const owners = await trx
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('space_id', '=', spaceId)
    .where('role', '=', 'owner')
    .where('state', '=', 'member')
    .executeTakeFirstOrThrow();
  if (Number(owners.n) <= 1) throw new AppError(409, 'last_owner', 'a space always keeps at least one owner');
}

async function managerIds(trx: Kysely<DB>, spaceId: number): Promise<number[]> {
  const rows = await trx
    .selectFrom('memberships')
    .select('user_id')
    .where('space_id', '=', spaceId)
    .where('state', '=', 'member')
    .where('role', 'in', ['owner', 'admin'])
    .execute();
  return rows.map((r) => r.user_id);
}

export async function joinSpace(svc: Services, actor: Actor, spaceId: number) {
  const ctx = await loadSpaceForView(svc.db, actor, spaceId);
  const can = spaceAbilities(actor, ctx);
  if (ctx.membership?.state === 'invited') return acceptInvitation(svc, actor, spaceId);
  if (can.requestJoin) return requestToJoin(svc, actor, spaceId);
  if (!can.join) {
    if (ctx.membership?.state === 'member') return;
    throw forbidden('you cannot join this space');
  }
  await write(svc, async (trx) => {
    await upsertMembership(trx, spaceId, actor.id, 'member', 'member');
    await emit(trx, 'membership.changed', { spaceId, userId: actor.id }, { spaceId });
  });
}

export async function requestToJoin(svc: Services, actor: Actor, spaceId: number) {
  const ctx = await loadSpaceForView(svc.db, actor, spaceId);
  if (!spaceAbilities(actor, ctx).requestJoin) {
    if (ctx.membership) return;
    throw forbidden('you cannot request to join this space');
  }
  await write(svc, async (trx) => {
    await upsertMembership(trx, spaceId, actor.id, 'member', 'requested');
    for (const managerId of await managerIds(trx, spaceId))
      await notify(trx, { userId: managerId, type: 'join_request', actorId: actor.id, spaceId });
    await emit(trx, 'membership.changed', { spaceId, userId: actor.id }, { userId: actor.id });
  });
}

export async function acceptInvitation(svc: Services, actor: Actor, spaceId: number) {
  const ctx = await loadSpaceForView(svc.db, actor, spaceId);
  if (ctx.membership?.state !== 'invited') throw notFound('invitation');
  await write(svc, async (trx) => {
    await upsertMembership(trx, spaceId, actor.id, 'member', 'member');
    await emit(trx, 'membership.changed', { spaceId, userId: actor.id }, { spaceId });
  });
}

export async function leaveSpace(svc: Services, actor: Actor, spaceId: number) {
  const ctx = await loadSpaceForView(svc.db, actor, spaceId);
  if (!ctx.membership) return;
  await removeMembership(svc, ctx, actor.id);
}

async function removeMembership(svc: Services, ctx: SpaceContext, userId: number) {
  const spaceId = ctx.space.id;
  await write(svc, async (trx) => {
    const m = await findMembership(trx, spaceId, userId);
    if (!m) throw notFound('member');
    if (m.role === 'owner' && m.state === 'member') await assertAnotherOwner(trx, spaceId);
    await trx.deleteFrom('memberships').where('space_id', '=', spaceId).where('user_id', '=', userId).execute();
    await emit(trx, 'membership.changed', { spaceId, userId }, { spaceId });
    if (ctx.space.visibility !== 'public') await emit(trx, 'access.revoked', { spaceId }, { userId });
    if (m.state === 'member') await stopReadingChannels(trx, spaceId, userId);
  });
}

export async function removeMember(svc: Services, actor: Actor, spaceId: number, userId: number) {
  const ctx = await requireManager(svc, actor, spaceId);
  await removeMembership(svc, ctx, userId);
}

export async function inviteMember(svc: Services, actor: Actor, spaceId: number, userId: number) {
  const ctx = await loadSpaceForView(svc.db, actor, spaceId);
  // Members of public spaces may invite colleagues; private and secret spaces need a manager.
  const can = spaceAbilities(actor, ctx);
  if (!(can.manage || (ctx.space.visibility === 'public' && ctx.membership?.state === 'member')))
    throw forbidden('only space managers can invite');
  const target = await svc.db.selectFrom('users').select(['id', 'status']).where('id', '=', userId).executeTakeFirst();
  if (!target || target.status !== 'active') throw notFound('person');
  const existing = await loadSpaceContext(svc.db, { id: userId, role: 'member', scope: 'session' }, spaceId);
  if (existing?.membership?.state === 'member') throw conflict('already a member');
  await write(svc, async (trx) => {
    if (existing?.membership?.state === 'requested') {
      await upsertMembership(trx, spaceId, userId, 'member', 'member');
      await emit(trx, 'membership.changed', { spaceId, userId }, { spaceId });
      return;
    }
    await upsertMembership(trx, spaceId, userId, 'member', 'invited');
    await notify(trx, { userId, type: 'invitation', actorId: actor.id, spaceId });
    await emit(trx, 'membership.changed', { spaceId, userId }, { userId });
  });
}

export async function decideJoinRequest(svc: Services, actor: Actor, spaceId: number, userId: number, approve: boolean) {
  await requireManager(svc, actor, spaceId);
  const m = await findMembership(svc.db, spaceId, userId);
  if (m?.state !== 'requested') throw notFound('join request');
  await write(svc, async (trx) => {
    if (approve) await upsertMembership(trx, spaceId, userId, 'member', 'member');
    else await trx.deleteFrom('memberships').where('space_id', '=', spaceId).where('user_id', '=', userId).execute();
    await notify(trx, { userId, type: 'join_decision', actorId: actor.id, spaceId, data: { approved: approve } });
    await emit(trx, 'membership.changed', { spaceId, userId }, approve ? { spaceId } : { userId });
  });
}

export async function declineInvitation(svc: Services, actor: Actor, spaceId: number) {
  const ctx = await loadSpaceForView(svc.db, actor, spaceId);
  if (ctx.membership?.state !== 'invited') throw notFound('invitation');
  await write(svc, async (trx) => {
    await trx.deleteFrom('memberships').where('space_id', '=', spaceId).where('user_id', '=', actor.id).execute();
    await emit(trx, 'membership.changed', { spaceId, userId: actor.id }, { userId: actor.id });
  });
}

export async function changeMemberRole(
  svc: Services,
  actor: Actor,
  spaceId: number,
  userId: number,
  role: 'owner' | 'admin' | 'member',
) {
  const ctx = await requireManager(svc, actor, spaceId);
  if ((role === 'owner' || userId !== actor.id) && ctx.membership?.role !== 'owner' && role !== 'member')
    throw forbidden('only owners can appoint owners and admins');
  await write(svc, async (trx) => {
    const m = await findMembership(trx, spaceId, userId);
    if (!m || m.state !== 'member') throw notFound('member');
    if (m.role === 'owner' && role !== 'owner') await assertAnotherOwner(trx, spaceId);
    if (m.role === 'owner' && ctx.membership?.role !== 'owner') throw forbidden('only owners can change an owner');
    await trx.updateTable('memberships').set({ role }).where('space_id', '=', spaceId).where('user_id', '=', userId).execute();
    await emit(trx, 'membership.changed', { spaceId, userId }, { spaceId });
  });
}

export async function markSpaceRead(svc: Services, actor: Actor, spaceId: number, postId: number) {
  await svc.db
    .updateTable('memberships')
    .set({ last_read_post_id: postId })
    .where('space_id', '=', spaceId)
    .where('user_id', '=', actor.id)
    .where('last_read_post_id', '<', postId)
    .execute();
}
