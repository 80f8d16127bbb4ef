import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection.js';
import { GENESIS_HASH } from './015_compliance.js';

/**
 * Audit-log retention. The works agreement may limit how long audit entries are kept; pruning
 * removes a prefix of the chain and leaves a checkpoint (sequence number and hash of the last
 * removed entry) from which verification starts. The database guards both: entries can only be
 * deleted up to the checkpoint, and the checkpoint only moves forward onto an entry that still
 * exists with that hash — so it is set before the entries go, inside the pruning transaction.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  // One row; seq 0 with the genesis hash: nothing pruned yet.
  await db.schema
    .createTable('audit_checkpoint')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.insertInto('audit_checkpoint').values({ id: 1, seq: 0, hash: GENESIS_HASH }).execute();

  // A missing checkpoint row counts as "nothing pruned" (coalesce), never as "anything goes".
  if (dialect === 'postgres') {
    await sql`create function audit_log_guard() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' and old.seq <= coalesce((select seq from audit_checkpoint where id = 1), 0) then return old; end if;
        raise exception 'audit_log is append-only';
      end $$`.execute(db);
    await sql`drop trigger audit_log_append_only on audit_log`.execute(db);
    await sql`create trigger audit_log_append_only before update or delete on audit_log for each row execute function audit_log_guard()`.execute(db);
    await sql`create function audit_checkpoint_guard() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' and new.id = old.id and new.seq > old.seq and new.hash = (select hash from audit_log where seq = new.seq) then return new; end if;
        raise exception 'audit_checkpoint only moves forward, onto an existing entry';
      end $$`.execute(db);
    await sql`create trigger audit_checkpoint_forward before update or delete on audit_checkpoint for each row execute function audit_checkpoint_guard()`.execute(db);
    await sql`create trigger audit_checkpoint_no_truncate before truncate on audit_checkpoint for each statement execute function audit_checkpoint_guard()`.execute(db);
  } else {
    await sql`drop trigger audit_log_no_delete`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log
      when old.seq > coalesce((select seq from audit_checkpoint where id = 1), 0)
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    await sql`create trigger audit_checkpoint_forward before update on audit_checkpoint
      when new.id <> old.id or new.seq <= old.seq or new.hash is not (select hash from audit_log where seq = new.seq)
      begin select raise(abort, 'audit_checkpoint only moves forward, onto an existing entry'); end`.execute(db);
    await sql`create trigger audit_checkpoint_no_delete before delete on audit_checkpoint
      begin select raise(abort, 'audit_checkpoint only moves forward, onto an existing entry'); end`.execute(db);
  }
}
