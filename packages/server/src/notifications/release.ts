/**
 * Releases notifications held by quiet hours once the person's working day has started: they
 * become visible, and one summary notification (with one realtime event) says how many arrived.
 * Safe on several nodes: the update that clears `deliver_at` claims the rows, so each held row is
 * released by exactly one transaction and a second run finds nothing.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { write, type Services } from '../services.js';
import { emit } from '../events/outbox.js';
import { notify, openInGroup } from '../commands/notifications.js';
import { visibleNotifications } from '../policies/notifications.js';
import { quietHoursPolicy } from './quiet-hours.js';

/** Past every deliver_at: used when quiet hours were switched off, so nothing waits any longer. */
const EVERYTHING = '9999-12-31T23:59:59.999Z';

export async function releaseHeldNotifications(svc: Services, now = new Date()): Promise<number> {
  const q = await quietHoursPolicy(svc.db);
  const until = q.enabled ? now.toISOString() : EVERYTHING;
  const people = await svc.db
    .selectFrom('notifications')
    .select('user_id')
    .distinct()
    .where('deliver_at', 'is not', null)
    .where('deliver_at', '<=', until)
    .limit(500)
    .execute();
  let released = 0;
  for (const p of people) released += await write(svc, (trx) => releaseFor(trx, p.user_id, until, now));
  return released;
}

async function releaseFor(trx: Kysely<DB>, userId: number, until: string, now: Date): Promise<number> {
  const claimed = await trx
    .updateTable('notifications')
    .set({ deliver_at: null })
    .where('user_id', '=', userId)
    .where('deliver_at', 'is not', null)
    .where('deliver_at', '<=', until)
    .returning(['id', 'group_key', 'actor_id', 'actor_count', 'created_at'])
    .execute();
  if (!claimed.length) return 0;
  const user = await trx.selectFrom('users').select(['role', 'status']).where('id', '=', userId).executeTakeFirst();
  if (!user) return claimed.length;
  // Counted like the list counts: what lost its subject meanwhile is neither shown nor counted.
  const actor = { id: userId, role: user.role, scope: 'session' as const };
  const visible = await trx
    .selectFrom('notifications')
    .select('id')
    .where('id', 'in', claimed.map((c) => c.id))
    .where(visibleNotifications(trx, actor))
    .orderBy('id', 'desc')
    .execute();
  const foldedInto = await foldGroups(trx, userId, claimed);
  if (!visible.length || user.status !== 'active') return claimed.length;
  const summary = await notify(trx, { userId, type: 'quiet_hours_summary', actorId: null, data: { count: visible.length } }, now);
  // Summaries switched off: the lists still have to learn that something arrived.
  if (summary === null) await emit(trx, 'notification.created', { userId, notificationId: foldedInto.get(visible[0].id) ?? visible[0].id }, { userId });
  return claimed.length;
}

/** A released group (e.g. reactions) joins the open delivered one with the same key instead of showing twice. */
async function foldGroups(trx: Kysely<DB>, userId: number, claimed: { id: number; group_key: string | null; actor_id: number | null; actor_count: number; created_at: string }[]) {
  const foldedInto = new Map<number, number>();
  for (const h of claimed) {
    if (!h.group_key) continue;
    const open = await openInGroup(trx, userId, h.group_key, false).where('id', '!=', h.id).executeTakeFirst();
    if (!open) continue;
    await trx
      .updateTable('notifications')
      .set((eb) => ({ actor_count: eb('actor_count', '+', h.actor_count), actor_id: h.actor_id, created_at: h.created_at }))
      .where('id', '=', open.id)
      .execute();
    await trx.deleteFrom('notifications').where('id', '=', h.id).execute();
    foldedInto.set(h.id, open.id);
  }
  return foldedInto;
}
