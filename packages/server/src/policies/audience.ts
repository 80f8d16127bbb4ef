/**
 * Who can read an item: the read policy (space visibility and membership, label and guest
 * maximum, active accounts) expressed over all people, for audience previews and for the
 * difference a change would make. Same rules as canReadSpace + labelAllows, as SQL.
 */
import { sql, type Kysely } from 'kysely';
import type { AudiencePreview } from '@foyer/shared';
import type { DB } from '../db/schema.js';
import type { SpaceRow } from './spaces.js';

export interface AudienceTarget {
  space: Pick<SpaceRow, 'id' | 'visibility'>;
  label: number;
}

/** Ids of the people who may read an item with this label in this space, as a subquery. */
export function readerIds(db: Kysely<DB>, { space, label }: AudienceTarget) {
  return db
    .selectFrom('users')
    .select('users.id')
    .where('users.status', '=', 'active')
    .where((eb) => {
      const member = eb.exists(
        eb
          .selectFrom('memberships')
          .select('memberships.user_id')
          .whereRef('memberships.user_id', '=', 'users.id')
          .where('memberships.space_id', '=', space.id)
          .where('memberships.state', '=', 'member'),
      );
      const bySpace = space.visibility === 'public' ? eb.or([eb('users.role', '!=', 'guest'), member]) : member;
      const byLabel = eb.or([eb('users.role', '!=', 'guest'), sql<boolean>`${label} <= (select guest_max_label from organisation)`]);
      return eb.and([bySpace, byLabel]);
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
