/**
 * Reminds the readers who have not yet acknowledged an announcement, once, when its deadline is
 * less than a day away. Several app processes may run this: each announcement is claimed with a
 * conditional update, so only one of them sends.
 */
import type { Services } from '../services.js';
import { write } from '../services.js';
import { notify } from '../commands/notifications.js';
import { readerIds } from '../policies/audience.js';

export const REMIND_BEFORE_MS = 24 * 3600 * 1000;

export async function sendDueReminders(svc: Services, now = Date.now()): Promise<number> {
  const due = await svc.db
    .selectFrom('announcements')
    .innerJoin('posts', 'posts.id', 'announcements.post_id')
    .innerJoin('spaces', 'spaces.id', 'posts.space_id')
    .select(['announcements.post_id', 'posts.space_id', 'posts.label', 'posts.author_id', 'spaces.visibility'])
    .where('announcements.ack_required', '=', 1)
    .where('announcements.reminded_at', 'is', null)
    .where('announcements.deadline', '>', new Date(now).toISOString())
    .where('announcements.deadline', '<=', new Date(now + REMIND_BEFORE_MS).toISOString())
    .where('posts.deleted_at', 'is', null)
    .execute();
  let sent = 0;
  for (const a of due) {
    await write(svc, async (trx) => {
      const claimed = await trx
        .updateTable('announcements')
        .set({ reminded_at: new Date(now).toISOString() })
        .where('post_id', '=', a.post_id)
        .where('reminded_at', 'is', null)
        .executeTakeFirst();
      if (!claimed.numUpdatedRows) return;
      const pending = await trx
        .selectFrom('users')
        .select('id')
        .where('id', 'in', readerIds(trx, { space: { id: a.space_id, visibility: a.visibility }, label: a.label }))
        .where('id', 'not in', trx.selectFrom('acknowledgements').select('user_id').where('post_id', '=', a.post_id))
        .execute();
      for (const p of pending) await notify(trx, { userId: p.id, type: 'announcement_reminder', actorId: a.author_id, spaceId: a.space_id, postId: a.post_id });
      sent += pending.length;
    });
  }
  return sent;
}
