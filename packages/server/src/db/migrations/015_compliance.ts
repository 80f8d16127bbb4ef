import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection.js';
import { withId } from './helpers.js';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * Works agreement as configuration (versioned policy documents and the decisions on them) and the
 * hash-chained audit log. The log refuses UPDATE and DELETE in the database itself, so no code
 * path — ours or a careless script — can rewrite history without first dropping the guard.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('audit_log')
    // Assigned by the appender (head + 1), never by the database: a gap is then a deletion.
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  // One row: the last sequence number and hash. Appenders lock it, so the chain never forks, and
  // verification compares it with the log's tail to notice entries cut off at the end.
  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.insertInto('audit_head').values({ id: 1, seq: 0, hash: GENESIS_HASH }).execute();

  if (dialect === 'postgres') {
    await sql`create function audit_log_refuse() returns trigger language plpgsql as $$
      begin raise exception 'audit_log is append-only'; end $$`.execute(db);
    await sql`create trigger audit_log_append_only before update or delete on audit_log for each row execute function audit_log_refuse()`.execute(db);
    await sql`create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_refuse()`.execute(db);
  } else {
    await sql`create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  }

  await withId(db.schema.createTable('policy_versions'), dialect)
    .addColumn('version', 'integer', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    // The version active when this one was proposed: its approval rules apply, and changes are shown against it.
    .addColumn('base_version', 'integer')
    .addColumn('proposed_by', 'integer')
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('activated_at', 'text')
    .execute();
  await db.schema.createIndex('policy_versions_status').on('policy_versions').column('status').execute();
  await withId(db.schema.createTable('policy_decisions'), dialect)
    .addColumn('version_id', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('policy_decisions_version').on('policy_decisions').column('version_id').execute();
}
