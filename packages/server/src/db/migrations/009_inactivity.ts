import type { Kysely } from 'kysely';
import type { Dialect } from '../connection.js';

/** Closed spaces archived after a period without activity; their owners are warned first. */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('organisation').addColumn('inactivity_archive_days', 'integer').execute();
  await db.schema.alterTable('spaces').addColumn('inactivity_warned_at', 'text').execute();
}
