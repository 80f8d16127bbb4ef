/**
 * The single source of truth for who may see and do what in a space. Every surface — REST, feed,
 * hashtags, counts, autocomplete, realtime audience, notifications — asks these functions.
 *
 *   public  : every employee reads; members post. Guests only as members.
 *   private : employees see name and description; members read and post.
 *   secret  : exists only for members (and people invited to it).
 * Org admins get no content access to private or secret spaces they are not members of.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { DB, SpaceTable, MembershipTable } from '../db/schema.js';
import type { Selectable } from 'kysely';
import { isEmployee, type Actor } from './actor.js';
import { notFound } from '../errors.js';

export type SpaceRow = Selectable<SpaceTable>;
export type MembershipRow = Selectable<MembershipTable>;
export interface SpaceContext {
  space: SpaceRow;
  membership: MembershipRow | null;
}

const isMember = (m: MembershipRow | null) => m?.state === 'member';
const isManager = (m: MembershipRow | null) => isMember(m) && (m!.role === 'owner' || m!.role === 'admin');

export function canSeeSpace(actor: Actor | null, ctx: SpaceContext): boolean {
  if (!actor) return false;
  if (ctx.membership) return true; // member, invited or requested: they know it exists
  return ctx.space.visibility !== 'secret' && isEmployee(actor);
}

export function canReadSpace(actor: Actor | null, ctx: SpaceContext): boolean {
  if (!actor) return false;
  if (isMember(ctx.membership)) return true;
  return ctx.space.visibility === 'public' && isEmployee(actor);
}

export function spaceAbilities(actor: Actor | null, ctx: SpaceContext) {
  const read = canReadSpace(actor, ctx);
  const archived = !!ctx.space.archived_at;
  const member = isMember(ctx.membership);
  const writeScope = !!actor && actor.scope !== 'read';
  return {
    read,
    post: member && !archived && writeScope,
    join: !member && !archived && isEmployee(actor) && ctx.space.visibility === 'public' && writeScope,
    requestJoin:
      !ctx.membership && !archived && isEmployee(actor) && ctx.space.visibility === 'private' && writeScope,
    leave: !!ctx.membership && writeScope,
    manage: isManager(ctx.membership) && writeScope,
    pin: isManager(ctx.membership) && !archived && writeScope,
  };
}
export type SpaceAbilities = ReturnType<typeof spaceAbilities>;

/** Ids of the spaces whose content the actor may read, as a SQL subquery. */
export function readableSpaceIds(db: Kysely<DB>, actor: Actor) {
  const memberOf = db
    .selectFrom('memberships')
    .select('space_id as id')
    .where('user_id', '=', actor.id)
    .where('state', '=', 'member');
  if (!isEmployee(actor)) return memberOf;
  return db.selectFrom('spaces').select('id').where('visibility', '=', 'public').union(memberOf);
}

/**
 * The same rule as readableSpaceIds, as a per-row condition on a space id column when the actor's
 * member spaces are already known: a literal list plus a primary-key lookup for public spaces.
 * Cheap when checked on a few rows (feed ranges); readableSpaceIds suits whole-table filters.
 */
export function readableSpaceCondition(actor: Actor, memberSpaceIds: number[], table: 'posts' | 'post_hashtags'): Expression<SqlBool> {
  const column = sql.ref(`${table}.space_id`);
  const member = memberSpaceIds.length ? sql<SqlBool>`${column} in (${sql.join(memberSpaceIds)})` : sql<SqlBool>`1 = 0`;
  if (!isEmployee(actor)) return member;
  return sql<SqlBool>`(${member} or exists (select 1 from spaces rs where rs.id = ${column} and rs.visibility = 'public'))`;
}

/** WHERE clause for spaces the actor may know exist (directory, autocomplete, counts). */
export function visibleSpaceFilter(actor: Actor) {
  return (eb: ExpressionBuilder<DB, 'spaces'>) => {
    const known = eb.exists(
      eb
        .selectFrom('memberships as vm')
        .select(sql.lit(1).as('one'))
        .whereRef('vm.space_id', '=', 'spaces.id')
        .where('vm.user_id', '=', actor.id),
    );
    return isEmployee(actor) ? eb.or([eb('spaces.visibility', '!=', 'secret'), known]) : known;
  };
}

export async function loadSpaceContext(db: Kysely<DB>, actor: Actor | null, spaceId: number): Promise<SpaceContext | null> {
  const space = await db.selectFrom('spaces').selectAll().where('id', '=', spaceId).executeTakeFirst();
  if (!space) return null;
  const membership = actor
    ? ((await db
        .selectFrom('memberships')
        .selectAll()
        .where('space_id', '=', spaceId)
        .where('user_id', '=', actor.id)
        .executeTakeFirst()) ?? null)
    : null;
  return { space, membership };
}

/** Load a space the actor may at least see; hidden and missing give the same 404. */
export async function loadSpaceForView(db: Kysely<DB>, actor: Actor | null, spaceId: number): Promise<SpaceContext> {
  const ctx = await loadSpaceContext(db, actor, spaceId);
  if (!ctx || !canSeeSpace(actor, ctx)) throw notFound('space');
  return ctx;
}

export async function loadSpaceBySlugForView(db: Kysely<DB>, actor: Actor | null, slug: string): Promise<SpaceContext> {
  const row = await db.selectFrom('spaces').select('id').where('slug', '=', slug).executeTakeFirst();
  if (!row) throw notFound('space');
  return loadSpaceForView(db, actor, row.id);
}

/**
 * People who may read the space's content right now: used for realtime and notification
 * audiences. `among` narrows the member lookup to candidate ids (mentions, autocomplete), so a
 * 10,000-member space is not loaded to check three people.
 */
export async function spaceReaders(
  db: Kysely<DB>,
  spaceId: number,
  among?: number[],
): Promise<{ allEmployees: boolean; memberIds: Set<number> } | null> {
  const space = await db.selectFrom('spaces').select(['visibility']).where('id', '=', spaceId).executeTakeFirst();
  if (!space) return null;
  if (among && !among.length) return { allEmployees: space.visibility === 'public', memberIds: new Set() };
  let q = db.selectFrom('memberships').select('user_id').where('space_id', '=', spaceId).where('state', '=', 'member');
  if (among) q = q.where('user_id', 'in', among);
  const members = await q.execute();
  return { allEmployees: space.visibility === 'public', memberIds: new Set(members.map((m) => m.user_id)) };
}

export function readerIncludes(readers: { allEmployees: boolean; memberIds: Set<number> }, actor: Actor): boolean {
  return readers.memberIds.has(actor.id) || (readers.allEmployees && isEmployee(actor));
}
