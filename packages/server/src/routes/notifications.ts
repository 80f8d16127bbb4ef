import { z } from 'zod';
import { Notification, Page, PageQuery, Id, type NotificationType } from '@foyer/shared';
import type { FoyerApp } from '../app.js';
import type { Services } from '../services.js';
import { errors, actorOf } from './common.js';
import { decodeCursor, page } from '../lib/cursor.js';
import { visibleNotifications } from '../policies/notifications.js';
import { markNotificationsRead } from '../commands/notifications.js';
import { presentUserSummary, USER_SUMMARY_COLUMNS } from '../presenters/users.js';
import { spaceRef } from '../presenters/spaces.js';
import { parseJson } from '../lib/json.js';
import type { Actor } from '../policies/actor.js';

export async function notificationRoutes(app: FoyerApp, svc: Services) {
  const db = svc.db;
  const stillVisible = (actor: Actor) => visibleNotifications(db, actor);
  const unreadCount = async (actor: Actor) =>
    Number(
      (
        await db
          .selectFrom('notifications')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('user_id', '=', actor.id)
          .where('read_at', 'is', null)
          .where(stillVisible(actor))
          .executeTakeFirstOrThrow()
      ).n,
    );

  app.get(
    '/notifications',
    { schema: { querystring: PageQuery, response: { 200: Page(Notification).extend({ unreadCount: z.number() }), ...errors } } },
    async (req) => {
      const actor = actorOf(req);
      let q = db.selectFrom('notifications').selectAll().where('user_id', '=', actor.id).where(stillVisible(actor));
      const before = decodeCursor(req.query.cursor);
      if (before) q = q.where('id', '<', before);
      const rows = await q.orderBy('id', 'desc').limit(req.query.limit + 1).execute();
      const p = page(rows, req.query.limit);
      const actorIds = [...new Set(p.items.map((n) => n.actor_id).filter((x): x is number => x !== null))];
      const spaceIds = [...new Set(p.items.map((n) => n.space_id).filter((x): x is number => x !== null))];
      const [actors, spaces] = await Promise.all([
        actorIds.length ? db.selectFrom('users').select([...USER_SUMMARY_COLUMNS]).where('id', 'in', actorIds).execute() : [],
        spaceIds.length ? db.selectFrom('spaces').select(['id', 'slug', 'name', 'visibility']).where('id', 'in', spaceIds).execute() : [],
      ]);
      const actorBy = new Map(actors.map((a) => [a.id, a]));
      const spaceBy = new Map(spaces.map((s) => [s.id, s]));
      return {
        items: p.items.map((n) => ({
          id: n.id,
          type: n.type as NotificationType,
          actor: n.actor_id && actorBy.get(n.actor_id) ? presentUserSummary(actorBy.get(n.actor_id)!) : null,
          count: n.actor_count,
          space: n.space_id && spaceBy.get(n.space_id) ? spaceRef(spaceBy.get(n.space_id)!) : null,
          postId: n.post_id,
          commentId: n.comment_id,
          data: parseJson<Record<string, unknown>>(n.data, {}),
          createdAt: n.created_at,
          readAt: n.read_at,
        })),
        nextCursor: p.nextCursor,
        unreadCount: await unreadCount(actor),
      };
    },
  );

  app.get('/notifications/unread-count', { schema: { response: { 200: z.object({ count: z.number() }) } } }, async (req) => ({
    count: await unreadCount(actorOf(req)),
  }));

  app.post(
    '/notifications/read',
    {
      schema: {
        body: z.object({ ids: z.array(Id).max(500).optional(), all: z.boolean().optional() }).refine((b) => b.all || b.ids, 'give ids or all'),
        response: { 200: z.object({ count: z.number() }), ...errors },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await markNotificationsRead(svc, actor, req.body.all ? 'all' : (req.body.ids ?? []));
      return { count: await unreadCount(actor) };
    },
  );
}
