/**
 * Aggregate activity per calendar week (ISO weeks, Monday 00:00 UTC), for the organisation or one
 * space, optionally broken down by one attribute. Per-person counts exist only inside this
 * function; what leaves it has passed `publishBreakdown`. Weeks are fixed buckets: there is no
 * arbitrary date range whose difference to another could isolate one person's day.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { publishBreakdown, type GroupFigures, type PublishedCell } from './suppress.js';

export const DIMENSIONS = ['none', 'department', 'site', 'country'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const MAX_WEEKS = 26;

type Kind = 'posts' | 'comments' | 'reactions' | 'answers';

export interface WeekFigures {
  start: string;
  total: PublishedCell;
  groups: PublishedCell[];
}

/** Monday 00:00 UTC of the week containing `d`. */
export function weekStart(d: Date): Date {
  const day = (d.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day));
}

async function countsByPerson(db: Kysely<DB>, kind: Kind, from: string, to: string, spaceId: number | undefined): Promise<Map<number, number>> {
  let rows: { u: number; n: number | string | bigint }[];
  if (kind === 'posts') {
    let q = db.selectFrom('posts').select(['author_id as u', (eb) => eb.fn.countAll<number>().as('n')]).where('created_at', '>=', from).where('created_at', '<', to).where('deleted_at', 'is', null);
    if (spaceId !== undefined) q = q.where('space_id', '=', spaceId);
    rows = await q.groupBy('author_id').execute();
  } else if (kind === 'comments') {
    let q = db
      .selectFrom('comments')
      .innerJoin('posts', 'posts.id', 'comments.post_id')
      .select(['comments.author_id as u', (eb) => eb.fn.countAll<number>().as('n')])
      .where('comments.created_at', '>=', from)
      .where('comments.created_at', '<', to)
      .where('comments.deleted_at', 'is', null);
    if (spaceId !== undefined) q = q.where('posts.space_id', '=', spaceId);
    rows = await q.groupBy('comments.author_id').execute();
  } else if (kind === 'reactions') {
    let q = db
      .selectFrom('reactions')
      .innerJoin('posts', 'posts.id', 'reactions.post_id')
      .select(['reactions.user_id as u', (eb) => eb.fn.countAll<number>().as('n')])
      .where('reactions.created_at', '>=', from)
      .where('reactions.created_at', '<', to);
    if (spaceId !== undefined) q = q.where('posts.space_id', '=', spaceId);
    rows = await q.groupBy('reactions.user_id').execute();
  } else {
    let q = db
      .selectFrom('answers')
      .innerJoin('questions', 'questions.id', 'answers.question_id')
      .select(['answers.author_id as u', (eb) => eb.fn.countAll<number>().as('n')])
      .where('answers.created_at', '>=', from)
      .where('answers.created_at', '<', to)
      .where('answers.deleted_at', 'is', null);
    if (spaceId !== undefined) q = q.where('questions.space_id', '=', spaceId);
    rows = await q.groupBy('answers.author_id').execute();
  }
  return new Map(rows.map((r) => [r.u, Number(r.n)]));
}

/** The people the figures are about (active accounts; a space's members) and their attribute. */
async function population(db: Kysely<DB>, spaceId: number | undefined, by: Dimension): Promise<Map<number, string>> {
  let q = db.selectFrom('users').select(['users.id', 'users.department', 'users.site', 'users.country']).where('users.status', '=', 'active');
  if (spaceId !== undefined)
    q = q.innerJoin('memberships', 'memberships.user_id', 'users.id').where('memberships.space_id', '=', spaceId).where('memberships.state', '=', 'member');
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.id, by === 'none' ? '' : r[by]]));
}

export async function weeklyFigures(
  db: Kysely<DB>,
  opts: { spaceId?: number; weeks: number; by: Dimension; k: number; now?: Date },
): Promise<WeekFigures[]> {
  const people = await population(db, opts.spaceId, opts.by);
  const current = weekStart(opts.now ?? new Date());
  const out: WeekFigures[] = [];
  for (let w = opts.weeks; w >= 1; w--) {
    const start = new Date(current.getTime() - w * 7 * 86_400_000);
    const end = new Date(start.getTime() + 7 * 86_400_000);
    const [from, to] = [start.toISOString(), end.toISOString()];
    const kinds: Kind[] = ['posts', 'comments', 'reactions', 'answers'];
    const counts = await Promise.all(kinds.map((k) => countsByPerson(db, k, from, to, opts.spaceId)));
    const groups = new Map<string, GroupFigures>();
    const total: GroupFigures = { name: '', active: 0, posts: 0, comments: 0, reactions: 0, answers: 0 };
    const groupOf = (name: string) => {
      let g = groups.get(name);
      if (!g) groups.set(name, (g = { name, active: 0, posts: 0, comments: 0, reactions: 0, answers: 0 }));
      return g;
    };
    // Every group is listed, active or not: a missing group would say its people did nothing.
    if (opts.by !== 'none') for (const attr of people.values()) groupOf(attr);
    for (const [id, attr] of people) {
      const mine = kinds.map((_, i) => counts[i].get(id) ?? 0);
      if (mine.every((n) => n === 0)) continue;
      for (const g of opts.by === 'none' ? [total] : [total, groupOf(attr)]) {
        g.active++;
        kinds.forEach((kind, i) => (g[kind] += mine[i]));
      }
    }
    const published = publishBreakdown(total, [...groups.values()], opts.k);
    out.push({ start: from, total: published.total, groups: published.groups.sort((a, b) => a.name.localeCompare(b.name)) });
  }
  return out;
}
