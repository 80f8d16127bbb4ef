import type { Kysely } from 'kysely';
import type { Dialect } from '../connection.js';

/**
 * Answer counts are counted per viewer (hidden answers are not theirs to count), so the stored
 * counter had no reader left; keeping it up to date in four places only invited drift.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('questions').dropColumn('answer_count').execute();
}
