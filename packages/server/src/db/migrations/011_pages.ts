import type { Kysely } from 'kysely';
import type { Dialect } from '../connection.js';
import { withId } from './helpers.js';


/** Wiki pages per space: a tree, full revision history, links between pages. */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await withId(db.schema.createTable('pages'), dialect)
    .addColumn('space_id', 'integer', (c) => c.notNull())
    .addColumn('parent_id', 'integer')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('label', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('pages_space').on('pages').columns(['space_id', 'parent_id', 'position']).execute();
  await withId(db.schema.createTable('page_revisions'), dialect)
    .addColumn('page_id', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('page_revisions_page').on('page_revisions').columns(['page_id', 'version']).unique().execute();
  await db.schema
    .createTable('page_links')
    .addColumn('from_page', 'integer', (c) => c.notNull())
    .addColumn('to_page', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('page_links_pk', ['from_page', 'to_page'])
    .execute();
  await db.schema.createIndex('page_links_to').on('page_links').columns(['to_page']).execute();
}
