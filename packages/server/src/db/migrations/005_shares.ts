import type { Kysely } from 'kysely';
import type { Dialect } from '../connection.js';
import { withId } from './helpers.js';


/**
 * Shares that never widen: a post or message may embed another post; readers who cannot read
 * the original see that it is unavailable. Declassification is an explicit, approved request.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema.alterTable('posts').addColumn('shared_post_id', 'integer').execute();
  await db.schema.alterTable('messages').addColumn('shared_post_id', 'integer').execute();
  await withId(db.schema.createTable('declassifications'), dialect)
    .addColumn('post_id', 'integer', (c) => c.notNull())
    // Where the original may then be read: the space of the share post, or the conversation of the share message.
    .addColumn('space_id', 'integer')
    .addColumn('conversation_id', 'integer')
    .addColumn('requested_by', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema.createIndex('declassifications_post').on('declassifications').columns(['post_id', 'status']).execute();
}
