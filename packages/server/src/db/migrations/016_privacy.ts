import type { Kysely } from 'kysely';
import type { Dialect } from '../connection.js';
import { withId } from './helpers.js';

/**
 * Personal data exports (GDPR Art. 15/20): built in the background, kept for a limited time.
 * `started_at` doubles as the build's heartbeat.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await withId(db.schema.createTable('data_exports'), dialect)
    .addColumn('user_id', 'integer', (c) => c.notNull())
    // queued → running → ready → expired, or failed. A crash leaves `running`: rebuilt on start.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('file_name', 'text')
    .addColumn('size', 'integer')
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('expires_at', 'text')
    .execute();
  await db.schema.createIndex('data_exports_user').on('data_exports').columns(['user_id', 'created_at']).execute();
  await db.schema.createIndex('data_exports_status').on('data_exports').columns(['status']).execute();

  // Account erasures (GDPR Art. 17): one row per erased person; `pending` ones are (re)run on start.
  await db.schema
    .createTable('erasures')
    .addColumn('user_id', 'integer', (c) => c.primaryKey())
    .addColumn('requested_by', 'integer', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  // What happens to an erased person's content in shared places: removed, or kept as "former employee".
  await db.schema.alterTable('organisation').addColumn('erasure_mode', 'text', (c) => c.notNull().defaultTo('remove')).execute();
}
