/**
 * Sensitivity labels in the read policy. Guests never receive content above the organisation's
 * guest maximum, on any surface; employees read by space rules alone. Every surface that lists,
 * counts, notifies or delivers posts or channels asks these functions.
 */
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../db/schema.js';
import { isEmployee, type Actor } from './actor.js';
import type { SpaceRow } from './spaces.js';
import { invalid } from '../errors.js';

export interface LabelPolicy {
  guestMax: number;
  /** At or above this level: notifications carry no content, and widening needs the space owner. */
  sensitive: number;
}

export const DEFAULT_LABEL_POLICY: LabelPolicy = { guestMax: 200, sensitive: 300 };

export async function loadLabelPolicy(db: Kysely<DB>): Promise<LabelPolicy> {
  const org = await db.selectFrom('organisation').select(['guest_max_label', 'redact_label']).executeTakeFirst();
  return org ? { guestMax: org.guest_max_label, sensitive: org.redact_label } : DEFAULT_LABEL_POLICY;
}

/** Whether the label lets this person read an item their space rules already allow. */
export function labelAllows(actor: Pick<Actor, 'role'> | null, level: number, policy: LabelPolicy): boolean {
  if (!actor) return false;
  return actor.role !== 'guest' || level <= policy.guestMax;
}

/**
 * SQL condition on a label column for the actor, or null when labels do not narrow what the
 * actor may read (employees). Reads the guest maximum inside the query, so it is always current.
 */
export function labelCondition(actor: Actor, column: string): Expression<SqlBool> | null {
  if (isEmployee(actor)) return null;
  return sql<SqlBool>`${sql.ref(column)} <= (select guest_max_label from organisation)`;
}

export async function labelExists(db: Kysely<DB>, level: number): Promise<boolean> {
  return !!(await db.selectFrom('labels').select('level').where('level', '=', level).executeTakeFirst());
}

/** A label for an item in this space: an existing label, at most the space's ceiling (400 otherwise). */
export async function assertLabelFits(db: Kysely<DB>, space: Pick<SpaceRow, 'label_ceiling'>, label: number) {
  if (!(await labelExists(db, label))) throw invalid('no such label', { fields: { label: 'unknown' } });
  if (label > space.label_ceiling) throw invalid('this label is above what the space allows', { fields: { label: 'above_ceiling' }, ceiling: space.label_ceiling });
}
