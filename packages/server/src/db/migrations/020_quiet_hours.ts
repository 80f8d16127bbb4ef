import type { Kysely } from 'kysely';
import type { Dialect } from '../connection.js';

/**
 * Quiet hours: a person's own working hours (no row: the works agreement's default), and
 * notifications held until the next working start (`deliver_at`; null means delivered).
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('working_hours')
    .addColumn('user_id', 'integer', (c) => c.primaryKey())
    .addColumn('workdays', 'text', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('end_time', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('notifications').addColumn('deliver_at', 'text').execute();
  // The release job looks only at held rows.
  await db.schema.createIndex('notifications_held').on('notifications').columns(['deliver_at', 'user_id']).where('deliver_at', 'is not', null).execute();
}
