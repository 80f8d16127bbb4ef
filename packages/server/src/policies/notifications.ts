/**
 * Which of a person's notifications they see: delivered ones (not held by quiet hours) whose
 * subject they may still read. The list, the unread count and the quiet-hours summary ask this.
 */
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Actor } from './actor.js';
import { labelCondition } from './labels.js';
import { myConversationIds } from './conversations.js';
import { readableSpaceIds, visibleSpaceFilter } from './spaces.js';

export function visibleNotifications(db: Kysely<DB>, actor: Actor) {
  return (eb: ExpressionBuilder<DB, 'notifications'>) => {
    // Guests: a notification about a post above their label maximum is hidden like the post.
    const label = labelCondition(actor, 'posts.label');
    return eb.and([
      eb('notifications.user_id', '=', actor.id),
      // Held until the person's next working start: not there yet.
      eb('notifications.deliver_at', 'is', null),
      ...(label ? [eb.or([eb('notifications.post_id', 'is', null), eb('notifications.post_id', 'in', db.selectFrom('posts').select('posts.id').where(label))])] : []),
      // Chat mentions only while their reader takes part in the conversation.
      eb.or([eb('notifications.conversation_id', 'is', null), eb('notifications.conversation_id', 'in', myConversationIds(db, actor))]),
      eb.or([
        eb('notifications.space_id', 'is', null),
        eb.and([
          eb('notifications.space_id', 'in', db.selectFrom('spaces').select('spaces.id').where(visibleSpaceFilter(actor))),
          eb.or([eb('notifications.post_id', 'is', null), eb('notifications.space_id', 'in', readableSpaceIds(db, actor))]),
        ]),
      ]),
    ]);
  };
}
