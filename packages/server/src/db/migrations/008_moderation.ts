import type { Kysely } from 'kysely';
import type { Dialect } from '../connection.js';
import { withId } from './helpers.js';


/** Moderation without surveillance: reports, the decisions on them, hidden items and mutes. */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await withId(db.schema.createTable('reports'), dialect)
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addColumn('space_id', 'integer')
    .addColumn('conversation_id', 'integer')
    .addColumn('author_id', 'integer', (c) => c.notNull())
    .addColumn('reporter_id', 'integer', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('escalated', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reports_space').on('reports').columns(['space_id', 'status']).execute();
  await withId(db.schema.createTable('moderation_actions'), dialect)
    .addColumn('report_id', 'integer', (c) => c.notNull())
    .addColumn('moderator_id', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('space_mutes')
    .addColumn('space_id', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('until', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('space_mutes_pk', ['space_id', 'user_id'])
    .execute();
  for (const table of ['posts', 'comments', 'messages']) await db.schema.alterTable(table).addColumn('hidden_at', 'text').execute();
  // Categories that also reach the company moderators (JSON array).
  await db.schema
    .alterTable('organisation')
    .addColumn('escalating_categories', 'text', (c) => c.notNull().defaultTo('["harassment","illegal","confidential_leak"]'))
    .execute();
}
