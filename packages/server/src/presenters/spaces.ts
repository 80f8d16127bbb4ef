import type { Kysely } from 'kysely';
import type { Space } from '@foyer/shared';
import type { DB } from '../db/schema.js';
import type { Actor } from '../policies/actor.js';
import { labelCondition } from '../policies/labels.js';
import { spaceAbilities, canReadSpace, type SpaceContext, type SpaceRow, type MembershipRow } from '../policies/spaces.js';

/** Members (state member) per space, one query. */
export async function memberCounts(db: Kysely<DB>, spaceIds: number[]): Promise<Map<number, number>> {
  if (!spaceIds.length) return new Map();
  const rows = await db
    .selectFrom('memberships')
    .select(['space_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('space_id', 'in', spaceIds)
    .where('state', '=', 'member')
    .groupBy('space_id')
    .execute();
  return new Map(rows.map((c) => [c.space_id, Number(c.n)]));
}

/** Presents spaces with member counts, unread counts and the caller's abilities, in three queries. */
export async function presentSpaces(db: Kysely<DB>, actor: Actor, spaces: SpaceRow[]): Promise<Space[]> {
  if (!spaces.length) return [];
  const ids = spaces.map((s) => s.id);
  const [countBy, mine] = await Promise.all([
    memberCounts(db, ids),
    db.selectFrom('memberships').selectAll().where('space_id', 'in', ids).where('user_id', '=', actor.id).execute(),
  ]);
  const mineBy = new Map<number, MembershipRow>(mine.map((m) => [m.space_id, m]));
  const unread = new Map<number, number>();
  const memberOf = mine.filter((m) => m.state === 'member');
  if (memberOf.length) {
    // Unread: posts newer than the member's marker, capped so a huge backlog stays cheap.
    const label = labelCondition(actor, 'posts.label');
    const rows = await Promise.all(
      memberOf.map((m) =>
        db
          .selectFrom((eb) => {
            let recent = eb
              .selectFrom('posts')
              .select('id')
              .where('space_id', '=', m.space_id)
              .where('id', '>', m.last_read_post_id)
              .where('author_id', '!=', actor.id)
              .where('deleted_at', 'is', null);
            if (label) recent = recent.where(label);
            return recent.limit(100).as('recent');
          })
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
          .then((r) => [m.space_id, Number(r.n)] as const),
      ),
    );
    for (const [id, n] of rows) unread.set(id, n);
  }
  return spaces.map((space) => presentSpace({ space, membership: mineBy.get(space.id) ?? null }, actor, countBy.get(space.id) ?? 0, unread.get(space.id) ?? 0));
}

export function presentSpace(ctx: SpaceContext, actor: Actor, memberCount: number, unreadCount: number): Space {
  const abilities = spaceAbilities(actor, ctx);
  const s = ctx.space;
  return {
    id: s.id,
    slug: s.slug,
    name: s.name,
    description: s.description,
    visibility: s.visibility,
    archived: !!s.archived_at,
    memberCount,
    myRole: ctx.membership?.state === 'member' ? ctx.membership.role : null,
    myState: ctx.membership?.state ?? null,
    unreadCount: canReadSpace(actor, ctx) ? unreadCount : 0,
    createdAt: s.created_at,
    purpose: s.purpose,
    listedInRegistry: s.visibility !== 'public',
    labelCeiling: s.label_ceiling,
    labelDefault: s.label_default,
    abilities,
  };
}

export function spaceRef(s: Pick<SpaceRow, 'id' | 'slug' | 'name' | 'visibility'>) {
  return { id: s.id, slug: s.slug, name: s.name, visibility: s.visibility };
}
