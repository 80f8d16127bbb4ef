import type { Kysely } from 'kysely';
import type { Dialect } from '../connection.js';
import { withId } from './helpers.js';

/**
 * Files: attachments of items and a space's folders, with every version kept. Storage keys are
 * random (never derived from names); a file's label is its own only for space files, attachments
 * follow their item (see docs/adr/0008-files.md).
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema.alterTable('organisation').addColumn('file_max_bytes', 'integer', (c) => c.notNull().defaultTo(104_857_600)).execute();
  await withId(db.schema.createTable('file_folders'), dialect)
    .addColumn('space_id', 'integer', (c) => c.notNull())
    .addColumn('parent_id', 'integer')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('file_folders_parent').on('file_folders').columns(['space_id', 'parent_id']).execute();
  await withId(db.schema.createTable('files'), dialect)
    .addColumn('uploader_id', 'integer', (c) => c.notNull())
    .addColumn('owner_type', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'integer')
    .addColumn('space_id', 'integer')
    .addColumn('folder_id', 'integer')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('label', 'integer')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('files_owner').on('files').columns(['owner_type', 'owner_id', 'position']).execute();
  await db.schema.createIndex('files_space').on('files').columns(['space_id', 'folder_id', 'id']).execute();
  await withId(db.schema.createTable('file_versions'), dialect)
    .addColumn('file_id', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('thumb_key', 'text')
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('uploader_id', 'integer', (c) => c.notNull())
    .addColumn('idempotency_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('file_versions_file').on('file_versions').columns(['file_id', 'version']).unique().execute();
  // A retried upload with the same key finds the first one's result instead of storing it twice.
  await db.schema.createIndex('file_versions_idempotency').on('file_versions').columns(['uploader_id', 'idempotency_key']).unique().execute();
}
