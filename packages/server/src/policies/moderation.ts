/**
 * Moderation without surveillance. A report goes to the moderators of the item's space (its owners
 * and admins); escalating categories — and every report on a direct or group message, which has no
 * space — also reach the company moderators, who then see exactly the reported item and nothing
 * around it. There is no other path for anyone to read content they are not entitled to.
 */
import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import type { DB, ReportTable } from '../db/schema.js';
import type { Actor } from './actor.js';
import { hasRole } from './roles.js';
import { forbidden } from '../errors.js';

export type ReportRow = Selectable<ReportTable>;

export async function isSpaceModerator(db: Kysely<DB>, actor: Actor, spaceId: number | null): Promise<boolean> {
  if (spaceId === null) return false;
  const m = await db.selectFrom('memberships').select(['role', 'state']).where('space_id', '=', spaceId).where('user_id', '=', actor.id).executeTakeFirst();
  return m?.state === 'member' && (m.role === 'owner' || m.role === 'admin');
}

export async function mayModerate(db: Kysely<DB>, actor: Actor, report: ReportRow): Promise<boolean> {
  if (await isSpaceModerator(db, actor, report.space_id)) return true;
  return report.escalated === 1 && (await hasRole(db, actor.id, 'moderator'));
}

/**
 * The reports this person moderates, as a SQL condition (the same rule as mayModerate): those of
 * spaces they own or administer, and escalated ones for the moderator role.
 */
export async function moderatedReports(db: Kysely<DB>, actor: Actor) {
  const companyModerator = await hasRole(db, actor.id, 'moderator');
  const managed = db
    .selectFrom('memberships')
    .select('space_id')
    .where('user_id', '=', actor.id)
    .where('state', '=', 'member')
    .where('role', 'in', ['owner', 'admin']);
  return (eb: ExpressionBuilder<DB, 'reports'>) =>
    companyModerator ? eb.or([eb('reports.space_id', 'in', managed), eb('reports.escalated', '=', 1)]) : eb('reports.space_id', 'in', managed);
}

export async function escalatingCategories(db: Kysely<DB>): Promise<Set<string>> {
  const org = await db.selectFrom('organisation').select('escalating_categories').executeTakeFirst();
  try {
    return new Set(JSON.parse(org?.escalating_categories ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

/** A person muted in a space writes nothing there until the mute ends. */
export async function assertNotMuted(db: Kysely<DB>, spaceId: number, userId: number) {
  const mute = await db.selectFrom('space_mutes').select('until').where('space_id', '=', spaceId).where('user_id', '=', userId).executeTakeFirst();
  if (mute && mute.until > new Date().toISOString()) throw forbidden(`you are muted in this space until ${mute.until}`);
}
