import type { Kysely } from 'kysely';
import type { Dialect } from '../connection.js';
import { withId } from './helpers.js';

/**
 * Retention and legal hold. Space managers may shorten the policy's retention per content type
 * for their space; legal holds on a space or a person suspend deletion; each daily retention run
 * is claimed by one row so several nodes do the work once.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('space_retention')
    .addColumn('space_id', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('space_retention_pk', ['space_id', 'type'])
    .execute();

  // Lifted holds stay as the record of what was held, when and by whom.
  await withId(db.schema.createTable('legal_holds'), dialect)
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('placed_by', 'integer', (c) => c.notNull())
    .addColumn('placed_at', 'text', (c) => c.notNull())
    .addColumn('lifted_by', 'integer')
    .addColumn('lifted_at', 'text')
    .execute();
  await db.schema.createIndex('legal_holds_target').on('legal_holds').columns(['target_type', 'target_id', 'lifted_at']).execute();

  // One row per day: inserting it is the claim; `finished_at` null after a long time means a crashed run.
  await db.schema
    .createTable('retention_runs')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('counts', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
}
