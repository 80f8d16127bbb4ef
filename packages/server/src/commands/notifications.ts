/**
 * In-app notifications, written in the same transaction as the change that causes them.
 * Reactions are grouped per target (one notification, a growing actor count) until read.
 * Outside the recipient's working hours (quiet hours in the works agreement) they are held.
 */
import type { Kysely } from 'kysely';
import type { NotificationType } from '@foyer/shared';
import type { DB } from '../db/schema.js';
import { emit } from '../events/outbox.js';
import { nowIso } from '../lib/time.js';
import { write, type Services } from '../services.js';
import type { Actor } from '../policies/actor.js';
import { holdUntil } from '../notifications/quiet-hours.js';

export interface NotifyInput {
  userId: number;
  type: NotificationType;
  actorId: number | null;
  spaceId?: number | null;
  postId?: number | null;
  commentId?: number | null;
  conversationId?: number | null;
  data?: Record<string, unknown>;
  /** Notifications with the same key fold into one unread notification. */
  groupKey?: string;
}

async function wants(trx: Kysely<DB>, userId: number, type: string): Promise<boolean> {
  const [pref, user] = await Promise.all([
    trx.selectFrom('notification_prefs').select('enabled').where('user_id', '=', userId).where('type', '=', type).executeTakeFirst(),
    trx.selectFrom('users').select('status').where('id', '=', userId).executeTakeFirst(),
  ]);
  return user?.status === 'active' && (pref ? pref.enabled === 1 : true);
}

/**
 * The unread notification of a group that another one joins: a held one for a held one, a
 * delivered one for a delivered one (the release job folds what waited into the delivered one).
 */
export const openInGroup = (trx: Kysely<DB>, userId: number, groupKey: string, held: boolean) =>
  trx
    .selectFrom('notifications')
    .select('id')
    .where('user_id', '=', userId)
    .where('group_key', '=', groupKey)
    .where('read_at', 'is', null)
    .where('deliver_at', held ? 'is not' : 'is', null);

/**
 * Writes the notification, or holds it until the recipient's next working start when quiet hours
 * apply (no event then: the release job tells the person). Returns the id written or folded into,
 * null when the person does not want it. `now` decides the quiet-hours question (tests pass it).
 */
export async function notify(trx: Kysely<DB>, n: NotifyInput, now = new Date()): Promise<number | null> {
  if (n.actorId === n.userId) return null;
  if (!(await wants(trx, n.userId, n.type))) return null;
  const deliverAt = await holdUntil(trx, n.userId, n.type, now);
  if (n.groupKey) {
    const open = await openInGroup(trx, n.userId, n.groupKey, deliverAt !== null).executeTakeFirst();
    if (open) {
      const folded = await trx
        .updateTable('notifications')
        .set((eb) => ({ actor_count: eb('actor_count', '+', 1), actor_id: n.actorId, created_at: now.toISOString() }))
        .where('id', '=', open.id)
        .where('read_at', 'is', null)
        .where('deliver_at', deliverAt ? 'is not' : 'is', null)
        .executeTakeFirst();
      // Released or read in the meantime: write a fresh one below.
      if (Number(folded.numUpdatedRows) === 1) {
        if (!deliverAt) await emit(trx, 'notification.created', { userId: n.userId, notificationId: open.id }, { userId: n.userId });
        return open.id;
      }
    }
  }
  const row = await trx
    .insertInto('notifications')
    .values({
      user_id: n.userId,
      type: n.type,
      actor_id: n.actorId,
      space_id: n.spaceId ?? null,
      post_id: n.postId ?? null,
      comment_id: n.commentId ?? null,
      conversation_id: n.conversationId ?? null,
      group_key: n.groupKey ?? null,
      data: JSON.stringify(n.data ?? {}),
      created_at: now.toISOString(),
      read_at: null,
      deliver_at: deliverAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (!deliverAt) await emit(trx, 'notification.created', { userId: n.userId, notificationId: row.id }, { userId: n.userId });
  return row.id;
}

export async function markNotificationsRead(svc: Services, actor: Actor, ids: number[] | 'all') {
  await write(svc, async (trx) => {
    // Held notifications are not there yet for the person: "all" cannot mean them.
    let q = trx.updateTable('notifications').set({ read_at: nowIso() }).where('user_id', '=', actor.id).where('read_at', 'is', null).where('deliver_at', 'is', null);
    if (ids !== 'all') q = q.where('id', 'in', ids.length ? ids : [0]);
    await q.execute();
    await emit(trx, 'notification.read', { userId: actor.id }, { userId: actor.id });
  });
}

export async function setNotificationPrefs(svc: Services, actor: Actor, prefs: Partial<Record<NotificationType, boolean>>) {
  await write(svc, async (trx) => {
    for (const [type, enabled] of Object.entries(prefs)) {
      await trx.deleteFrom('notification_prefs').where('user_id', '=', actor.id).where('type', '=', type).execute();
      await trx.insertInto('notification_prefs').values({ user_id: actor.id, type, enabled: enabled ? 1 : 0 }).execute();
    }
  });
}
