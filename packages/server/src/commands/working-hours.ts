/**
 * A person sets their own working hours or returns to the works agreement's default. Notifications
 * already waiting move to the first start under the new hours, so nobody waits for a day they
 * no longer work (or is woken by one they no longer take off).
 */
import type { WorkingHours } from '@foyer/shared';
import { write, type Services } from '../services.js';
import type { Actor } from '../policies/actor.js';
import { effectiveWorkingHours, quietHoursPolicy } from '../notifications/quiet-hours.js';
import { nextWorkingStart } from '../notifications/working-hours.js';

export async function setWorkingHours(svc: Services, actor: Actor, own: WorkingHours | null, now = new Date()): Promise<void> {
  await write(svc, async (trx) => {
    await trx.deleteFrom('working_hours').where('user_id', '=', actor.id).execute();
    if (own) {
      await trx
        .insertInto('working_hours')
        .values({
          user_id: actor.id,
          workdays: [...own.workdays].sort((a, b) => a - b).join(','),
          start_time: own.start,
          end_time: own.end,
          time_zone: own.timeZone,
          updated_at: now.toISOString(),
        })
        .execute();
    }
    const q = await quietHoursPolicy(trx);
    // Off: the release job lets everything out on its next run anyway.
    if (!q.enabled) return;
    const next = nextWorkingStart(now, await effectiveWorkingHours(trx, actor.id, q));
    await trx
      .updateTable('notifications')
      .set({ deliver_at: (next ?? now).toISOString() })
      .where('user_id', '=', actor.id)
      .where('deliver_at', 'is not', null)
      .execute();
  });
}
