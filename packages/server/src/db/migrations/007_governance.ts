import type { Kysely } from 'kysely';
import type { Dialect } from '../connection.js';

/**
 * Functional roles (communications, governance, moderator), announcements with acknowledgement,
 * and closed-space governance: who may create private and secret spaces, a stated purpose, and
 * the audited registry of closed spaces.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('user_roles')
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('granted_by', 'integer', (c) => c.notNull())
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role'])
    .execute();

  await db.schema
    .createTable('announcements')
    .addColumn('post_id', 'integer', (c) => c.primaryKey())
    .addColumn('ack_required', 'integer', (c) => c.notNull())
    .addColumn('deadline', 'text')
    .addColumn('reminded_at', 'text')
    .execute();
  await db.schema
    .createTable('acknowledgements')
    .addColumn('post_id', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('acknowledgements_pk', ['post_id', 'user_id'])
    .execute();

  // Who may create closed spaces: 'everyone', 'admins' or 'governance' (admins and the governance role).
  await db.schema.alterTable('organisation').addColumn('private_space_creators', 'text', (c) => c.notNull().defaultTo('everyone')).execute();
  await db.schema.alterTable('organisation').addColumn('secret_space_creators', 'text', (c) => c.notNull().defaultTo('everyone')).execute();
  await db.schema.alterTable('organisation').addColumn('secret_purpose_required', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('organisation').addColumn('space_guidelines', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('spaces').addColumn('purpose', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('spaces').addColumn('guidelines_accepted_at', 'text').execute();

  // Every look at the closed-space registry, by whom and when.
  await db.schema
    .createTable('registry_views')
    .addColumn('viewer_id', 'integer', (c) => c.notNull())
    .addColumn('viewed_at', 'text', (c) => c.notNull())
    .execute();
}
