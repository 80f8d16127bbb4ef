/**
 * Quiet hours as the works agreement sets them: whose notifications wait, and until when. The
 * agreement's quiet period is everyone's default; a person may set their own working hours, which
 * count only while the agreement enables quiet hours.
 */
import type { Kysely } from 'kysely';
import { DEFAULT_POLICY, PolicyDocument, type NotificationType, type WorkingHours } from '@foyer/shared';
import type { DB } from '../db/schema.js';
import { readActivePolicy } from '../compliance/active.js';
import { nextWorkingStart } from './working-hours.js';

export type QuietHoursPolicy = PolicyDocument['quietHours'];

/** The active agreement's quiet hours, read through the caller's transaction (notify() runs inside one). */
export async function quietHoursPolicy(db: Kysely<DB>): Promise<QuietHoursPolicy> {
  return (await readActivePolicy(db))?.document.quietHours ?? DEFAULT_POLICY.quietHours;
}

/** The agreement's quiet period turned around: the working day runs from its end to its start. */
export function policyWorkingHours(q: QuietHoursPolicy): WorkingHours {
  return { workdays: [...q.workdays].sort((a, b) => a - b), start: q.end, end: q.start, timeZone: q.timeZone };
}

/** Types delivered at once even outside working hours. */
export const urgentTypes = (q: QuietHoursPolicy): NotificationType[] => (q.urgentBypass ? [...q.urgentTypes] : []);

export async function ownWorkingHours(db: Kysely<DB>, userId: number): Promise<WorkingHours | null> {
  const row = await db.selectFrom('working_hours').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (!row) return null;
  return { workdays: row.workdays.split(',').map(Number), start: row.start_time, end: row.end_time, timeZone: row.time_zone };
}

export async function effectiveWorkingHours(db: Kysely<DB>, userId: number, q: QuietHoursPolicy): Promise<WorkingHours> {
  return (await ownWorkingHours(db, userId)) ?? policyWorkingHours(q);
}

/**
 * Until when a notification of this type for this person waits, as an ISO instant; null delivers it
 * now. Urgent types, the summary itself, and anything while quiet hours are off never wait; with no
 * working day at all there is no start to wait for, so nothing waits either.
 */
export async function holdUntil(db: Kysely<DB>, userId: number, type: NotificationType, now: Date): Promise<string | null> {
  if (type === 'quiet_hours_summary') return null;
  const q = await quietHoursPolicy(db);
  if (!q.enabled || urgentTypes(q).includes(type)) return null;
  const next = nextWorkingStart(now, await effectiveWorkingHours(db, userId, q));
  return next && next.getTime() > now.getTime() ? next.toISOString() : null;
}
