import type { Kysely } from 'kysely';
import type { Dialect } from '../connection.js';
import { withId } from './helpers.js';


/** Chat: conversations (direct, group, space channels), messages, threads, read state, presence. */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  // Whether guests may be in direct and group conversations (channels follow space membership).
  await db.schema.alterTable('organisation').addColumn('chat_guests', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  await withId(db.schema.createTable('conversations'), dialect)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('space_id', 'integer')
    .addColumn('name', 'text')
    // "<smaller id>:<larger id>" for direct conversations: one per pair, enforced by the index.
    .addColumn('direct_key', 'text', (c) => c.unique())
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_message_id', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_message_at', 'text')
    .execute();
  await db.schema.createIndex('conversations_space').on('conversations').columns(['space_id']).execute();

  // Participants of direct and group conversations (a channel's audience is its space's members).
  await db.schema
    .createTable('conversation_members')
    .addColumn('conversation_id', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('conversation_members_pk', ['conversation_id', 'user_id'])
    .execute();
  await db.schema.createIndex('conversation_members_user').on('conversation_members').columns(['user_id', 'conversation_id']).execute();

  // Per person and conversation: read position and notification settings (any kind).
  await db.schema
    .createTable('conversation_state')
    .addColumn('conversation_id', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('last_read_id', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('muted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notify', 'text', (c) => c.notNull().defaultTo('all'))
    .addPrimaryKeyConstraint('conversation_state_pk', ['conversation_id', 'user_id'])
    .execute();

  await withId(db.schema.createTable('messages'), dialect)
    .addColumn('conversation_id', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('thread_root_id', 'integer')
    .addColumn('quote_id', 'integer')
    .addColumn('client_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('reply_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_reply_at', 'text')
    .execute();
  // Top-level history and unread counts: (conversation, thread_root_id IS NULL, id) is one range.
  await db.schema.createIndex('messages_history').on('messages').columns(['conversation_id', 'thread_root_id', 'id']).execute();
  await db.schema.createIndex('messages_thread').on('messages').columns(['thread_root_id', 'id']).execute();
  // Idempotent sends: a retried request with the same key finds the first message.
  await db.schema.createIndex('messages_client_key').on('messages').columns(['author_id', 'client_key']).unique().execute();

  await db.schema
    .createTable('message_reactions')
    .addColumn('message_id', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('reaction', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_reactions_pk', ['message_id', 'user_id', 'reaction'])
    .execute();

  await db.schema
    .createTable('message_mentions')
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('conversation_id', 'integer', (c) => c.notNull())
    .addColumn('message_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_mentions_pk', ['user_id', 'conversation_id', 'message_id'])
    .execute();

  // A status the person sets themselves; nothing here is measured.
  await db.schema
    .createTable('presence')
    .addColumn('user_id', 'integer', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('expires_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Chat mentions stay visible only while their reader takes part in the conversation.
  await db.schema.alterTable('notifications').addColumn('conversation_id', 'integer').execute();
  await db.schema.alterTable('outbox').addColumn('conversation_id', 'integer').execute();
  await db.schema.alterTable('images').addColumn('message_id', 'integer').execute();
  await db.schema.createIndex('images_message').on('images').columns(['message_id', 'position']).execute();
}
