/**
 * Archives closed spaces that saw no activity for the organisation's period, warning their owners
 * a week before. Idempotent and safe on several nodes: each step is a conditional update.
 */
import type { Services } from '../services.js';
import { write } from '../services.js';
import { notify } from '../commands/notifications.js';
import { emit } from '../events/outbox.js';

const WARN_BEFORE_MS = 7 * 86_400_000;

export async function archiveInactiveSpaces(svc: Services, now = Date.now()): Promise<{ warned: number; archived: number }> {
  const org = await svc.db.selectFrom('organisation').select('inactivity_archive_days').executeTakeFirst();
  const days = org?.inactivity_archive_days;
  if (!days) return { warned: 0, archived: 0 };
  const period = days * 86_400_000;
  const spaces = await svc.db
    .selectFrom('spaces')
    .select(['id', 'last_activity_at', 'inactivity_warned_at'])
    .where('visibility', '!=', 'public')
    .where('archived_at', 'is', null)
    .where('last_activity_at', '<=', new Date(now - period + WARN_BEFORE_MS).toISOString())
    .execute();
  let warned = 0;
  let archived = 0;
  for (const s of spaces) {
    const archiveAt = Date.parse(s.last_activity_at) + period;
    // A warning given before the latest activity no longer counts.
    const warnedSinceActivity = !!s.inactivity_warned_at && s.inactivity_warned_at > s.last_activity_at;
    await write(svc, async (trx) => {
      const owners = await trx.selectFrom('memberships').select('user_id').where('space_id', '=', s.id).where('role', '=', 'owner').where('state', '=', 'member').execute();
      if (archiveAt <= now && warnedSinceActivity && Date.parse(s.inactivity_warned_at!) + WARN_BEFORE_MS <= now) {
        const res = await trx.updateTable('spaces').set({ archived_at: new Date(now).toISOString() }).where('id', '=', s.id).where('archived_at', 'is', null).executeTakeFirst();
        if (!res.numUpdatedRows) return;
        for (const o of owners) await notify(trx, { userId: o.user_id, type: 'space_inactive', actorId: null, spaceId: s.id, data: { archived: true } });
        await emit(trx, 'space.updated', { spaceId: s.id }, { spaceId: s.id });
        archived++;
      } else if (!warnedSinceActivity && archiveAt - WARN_BEFORE_MS <= now) {
        const res = await trx
          .updateTable('spaces')
          .set({ inactivity_warned_at: new Date(now).toISOString() })
          .where('id', '=', s.id)
          .where('last_activity_at', '=', s.last_activity_at)
          .executeTakeFirst();
        if (!res.numUpdatedRows) return;
        // Never archived sooner than a week after the warning.
        const at = new Date(Math.max(archiveAt, now + WARN_BEFORE_MS)).toISOString();
        for (const o of owners) await notify(trx, { userId: o.user_id, type: 'space_inactive', actorId: null, spaceId: s.id, data: { archived: false, archiveAt: at } });
        warned++;
      }
    });
  }
  return { warned, archived };
}
