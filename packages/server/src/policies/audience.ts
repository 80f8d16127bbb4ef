/**
 * Who can read an item: the read policy (space visibility and membership, label and guest
 * maximum, active accounts) expressed over all people, for audience previews and for the
 * difference a change would make. Same rules as canReadSpace + labelAllows, as SQL.
 */
import { sql, type Kysely } from 'kysely';
import type { AudiencePreview } from '@foyer/shared';
import type { DB } from '../db/schema.js';
import type { SpaceRow } from './spaces.js';
import type { Actor } from './actor.js';
import { directoryFilter } from './users.js';
import { USER_SUMMARY_COLUMNS } from '../presenters/users.js';

/** An item in a space: read by the space's readers. */
export interface SpaceAudienceTarget {
  space: Pick<SpaceRow, 'id' | 'visibility'>;
  label: number;
}

/** A conversation: a channel is read by its space's members, a direct or group one by its participants. */
export interface ConversationAudienceTarget {
  conversation: { id: number; kind: string; space_id: number | null };
  label: number;
}

export type AudienceTarget = SpaceAudienceTarget | ConversationAudienceTarget;

/** Ids of the people who may read an item with this label in this place, as a subquery. */
export function readerIds(db: Kysely<DB>, target: AudienceTarget) {
  return db
    .selectFrom('users')
    .select('users.id')
    .where('users.status', '=', 'active')
    .where((eb) => {
      const memberOf = (spaceId: number) =>
        eb.exists(
          eb
            .selectFrom('memberships')
            .select('memberships.user_id')
            .whereRef('memberships.user_id', '=', 'users.id')
            .where('memberships.space_id', '=', spaceId)
            .where('memberships.state', '=', 'member'),
        );
      let byPlace;
      if ('space' in target) {
        byPlace = target.space.visibility === 'public' ? eb.or([eb('users.role', '!=', 'guest'), memberOf(target.space.id)]) : memberOf(target.space.id);
      } else if (target.conversation.kind === 'channel') {
        byPlace = memberOf(target.conversation.space_id!);
      } else {
        byPlace = eb.exists(
          eb
            .selectFrom('conversation_members')
            .select('conversation_members.user_id')
            .whereRef('conversation_members.user_id', '=', 'users.id')
            .where('conversation_members.conversation_id', '=', target.conversation.id),
        );
      }
      const byLabel = eb.or([eb('users.role', '!=', 'guest'), sql<boolean>`${target.label} <= (select guest_max_label from organisation)`]);
      return eb.and([byPlace, byLabel]);
    });
}

function facet(rows: { key: string; n: number }[]) {
  const by = new Map<string, number>();
  for (const r of rows) by.set(r.key, (by.get(r.key) ?? 0) + r.n);
  return [...by].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** Counts by department, site and country, and guests: fast enough to update while typing. */
export async function audiencePreview(db: Kysely<DB>, target: AudienceTarget): Promise<AudiencePreview> {
  const rows = await db
    .selectFrom('users')
    .select(['department', 'site', 'country', 'role', (eb) => eb.fn.countAll<number>().as('n')])
    .where('id', 'in', readerIds(db, target))
    .groupBy(['department', 'site', 'country', 'role'])
    .execute();
  const counted = rows.map((r) => ({ ...r, n: Number(r.n) }));
  const guests = counted.filter((r) => r.role === 'guest').reduce((a, r) => a + r.n, 0);
  const total = counted.reduce((a, r) => a + r.n, 0);
  return {
    total,
    employees: total - guests,
    guests,
    departments: facet(counted.map((r) => ({ key: r.department, n: r.n }))),
    sites: facet(counted.map((r) => ({ key: r.site, n: r.n }))),
    countries: facet(counted.map((r) => ({ key: r.country, n: r.n }))),
  };
}

/**
 * The people behind a preview, one keyset page at a time, limited to those the viewer can find in
 * the directory (a guest sees only people who share a space with them, as everywhere else).
 */
export function audiencePeople(db: Kysely<DB>, target: AudienceTarget, viewer: Actor, after: number | undefined, limit: number) {
  let q = db.selectFrom('users').select(USER_SUMMARY_COLUMNS).where('id', 'in', readerIds(db, target)).where(directoryFilter(viewer));
  if (after) q = q.where('id', '>', after);
  return q.orderBy('id').limit(limit + 1).execute();
}

/** People who could read the item after the change and cannot now. */
export function newReaderIds(db: Kysely<DB>, now: AudienceTarget, next: AudienceTarget) {
  return readerIds(db, next).where('users.id', 'not in', readerIds(db, now));
}

export async function newReaderCount(db: Kysely<DB>, now: AudienceTarget, next: AudienceTarget): Promise<number> {
  const row = await db
    .selectFrom(newReaderIds(db, now, next).as('added'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** How many readers of `place` can also read `original` (a share shows the original only to them). */
export async function sharedReaderCount(db: Kysely<DB>, place: AudienceTarget, original: AudienceTarget): Promise<number> {
  const row = await db
    .selectFrom(readerIds(db, place).where('users.id', 'in', readerIds(db, original)).as('both'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
