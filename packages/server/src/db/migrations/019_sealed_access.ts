import type { Kysely } from 'kysely';
import type { Dialect } from '../connection.js';
import { withId } from './helpers.js';

/**
 * Sealed access: lawful-access requests, the approvers' decisions, and transparency notices held
 * back by the policy's notification delay. The rules that decide (approver roles, time box, delay)
 * are copied into the request when it is made, so a later policy change cannot lower its bar.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await withId(db.schema.createTable('sealed_requests'), dialect)
    .addColumn('requester_id', 'integer', (c) => c.notNull())
    .addColumn('scope_type', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'integer', (c) => c.notNull())
    .addColumn('range_from', 'text', (c) => c.notNull())
    .addColumn('range_to', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('legal_basis_text', 'text', (c) => c.notNull())
    .addColumn('approver_roles', 'text', (c) => c.notNull())
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('notify_delay_days', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('replaced_by', 'integer')
    .execute();
  await db.schema.createIndex('sealed_requests_status').on('sealed_requests').columns(['status', 'expires_at']).execute();

  await withId(db.schema.createTable('sealed_decisions'), dialect)
    .addColumn('request_id', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sealed_decisions_request').on('sealed_decisions').column('request_id').execute();

  await withId(db.schema.createTable('sealed_notices'), dialect)
    .addColumn('request_id', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .execute();
  await db.schema.createIndex('sealed_notices_due').on('sealed_notices').columns(['delivered_at', 'due_at']).execute();
}
