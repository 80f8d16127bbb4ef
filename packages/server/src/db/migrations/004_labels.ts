import type { Kysely } from 'kysely';
import type { Dialect } from '../connection.js';

/**
 * Sensitivity labels. A label is identified by its level: higher is more sensitive. Levels are
 * spaced by 100 so an organisation can add a label between two others without renumbering.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('labels')
    .addColumn('level', 'integer', (c) => c.primaryKey())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_de', 'text', (c) => c.notNull())
    .addColumn('colour', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('labels')
    .values([
      { level: 100, name_en: 'Public', name_de: 'Öffentlich', colour: '#2e7d32' },
      { level: 200, name_en: 'Internal', name_de: 'Intern', colour: '#1565c0' },
      { level: 300, name_en: 'Confidential', name_de: 'Vertraulich', colour: '#ef6c00' },
      { level: 400, name_en: 'Strictly confidential', name_de: 'Streng vertraulich', colour: '#c62828' },
    ])
    .execute();
  // Guests never receive anything above this level; notifications at or above the second carry no content.
  await db.schema.alterTable('organisation').addColumn('guest_max_label', 'integer', (c) => c.notNull().defaultTo(200)).execute();
  await db.schema.alterTable('organisation').addColumn('redact_label', 'integer', (c) => c.notNull().defaultTo(300)).execute();
  await db.schema.alterTable('spaces').addColumn('label_ceiling', 'integer', (c) => c.notNull().defaultTo(400)).execute();
  await db.schema.alterTable('spaces').addColumn('label_default', 'integer', (c) => c.notNull().defaultTo(200)).execute();
  await db.schema.alterTable('posts').addColumn('label', 'integer', (c) => c.notNull().defaultTo(200)).execute();
  await db.schema.alterTable('conversations').addColumn('label', 'integer', (c) => c.notNull().defaultTo(200)).execute();
  // The label of the item an event is about, for audience decisions only (never sent to clients).
  await db.schema.alterTable('outbox').addColumn('label', 'integer').execute();
}
