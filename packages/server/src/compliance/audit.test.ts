import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { sql } from 'kysely';
import { startTestFoyer, TEST_DB, type TestFoyer, type TestClient } from '../test/harness.js';
import { write } from '../services.js';
import { appendAudit, entryHash, verifyAudit } from './audit.js';
import { auditVerifyCommand } from './cli.js';

/** Drops the append-only guard, as someone with database access could. */
async function dropGuard(t: TestFoyer) {
  const db = t.foyer.svc.db;
  if (TEST_DB === 'postgres') await sql`drop trigger audit_log_append_only on audit_log`.execute(db);
  else {
    await sql`drop trigger audit_log_no_update`.execute(db);
    await sql`drop trigger audit_log_no_delete`.execute(db);
  }
}

describe('hash-chained audit log', () => {
  let t: TestFoyer;
  let gov: TestClient;
  beforeEach(async () => {
    t = await startTestFoyer();
    gov = await t.user('greta');
    // Entry 1: the first policy version, written on first use.
    expect((await t.admin.get('/policy')).status).toBe(200);
  });
  afterEach(() => t.close());

  const svc = () => t.foyer.svc;
  const verify = () => verifyAudit(svc().db, svc().dialect);
  const seqs = async () => (await svc().db.selectFrom('audit_log').select('seq').orderBy('seq').execute()).map((r) => r.seq);

  it('keeps one chain under concurrent appends from requests and transactions', async () => {
    // Concurrent requests: role grants and revocations from the API, each in its own transaction.
    const people = await Promise.all(['p1', 'p2', 'p3', 'p4', 'p5', 'p6'].map((h) => t.user(h)));
    const res = await Promise.all(people.flatMap((p) => [t.admin.put(`/admin/people/${p.id}/roles/moderator`), t.admin.put(`/admin/people/${p.id}/roles/communications`)]));
    expect(res.map((r) => r.status)).toEqual(res.map(() => 200));
    // Concurrent transactions straight on the pool (PostgreSQL: several connections at once).
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        write(svc(), async (trx) => {
          await appendAudit(trx, svc().dialect, { actorId: null, action: 'audit.verified', details: { i } });
        }),
      ),
    );
    const all = await seqs();
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    expect(all.length).toBe(1 + 12 + 25);
    const result = await verify();
    expect(result).toMatchObject({ ok: true, entries: 38, lastSeq: 38, problem: null });
    const head = await svc().db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    expect(head.seq).toBe(38);
  });

  it('rolls the entry back with the action it records', async () => {
    await expect(
      write(svc(), async (trx) => {
        await appendAudit(trx, svc().dialect, { actorId: t.admin.id, action: 'role.granted', targetType: 'user', targetId: 1, details: { role: 'moderator' } });
        throw new Error('the action failed');
      }),
    ).rejects.toThrow('the action failed');
    expect(await seqs()).toEqual([1]);
    expect((await verify()).ok).toBe(true);
  });

  it('refuses UPDATE, DELETE in the database itself', async () => {
    await t.admin.put(`/admin/people/${gov.id}/roles/governance`);
    const db = svc().db;
    await expect(db.updateTable('audit_log').set({ action: 'role.revoked' }).where('seq', '=', 1).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').where('seq', '=', 1).execute()).rejects.toThrow(/append-only/);
    if (TEST_DB === 'postgres') await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only/);
    expect(await seqs()).toEqual([1, 2]);
    expect((await verify()).ok).toBe(true);
  });

  it('detects an altered entry, a deleted one and a cut-off tail', async () => {
    for (const role of ['governance', 'moderator', 'communications'] as const) await t.admin.put(`/admin/people/${gov.id}/roles/${role}`);
    await t.admin.del(`/admin/people/${gov.id}/roles/moderator`);
    expect(await seqs()).toEqual([1, 2, 3, 4, 5]);
    await dropGuard(t);
    const db = svc().db;

    // Altered behind the app's back: the content no longer matches the hash.
    const original = await db.selectFrom('audit_log').selectAll().where('seq', '=', 2).executeTakeFirstOrThrow();
    await db.updateTable('audit_log').set({ details: '{"role":"communications"}' }).where('seq', '=', 2).execute();
    expect(await verify()).toMatchObject({ ok: false, problem: { seq: 2, kind: 'altered' } });
    // With its hash recomputed it looks consistent, but the next entry no longer follows it.
    const forged = await db.selectFrom('audit_log').selectAll().where('seq', '=', 2).executeTakeFirstOrThrow();
    await db.updateTable('audit_log').set({ hash: entryHash(forged) }).where('seq', '=', 2).execute();
    expect(await verify()).toMatchObject({ ok: false, problem: { seq: 3, kind: 'relinked' } });
    await db.updateTable('audit_log').set({ details: original.details, hash: original.hash }).where('seq', '=', 2).execute();
    expect((await verify()).ok).toBe(true);

    // A deleted entry leaves a gap.
    await db.deleteFrom('audit_log').where('seq', '=', 3).execute();
    expect(await verify()).toMatchObject({ ok: false, problem: { seq: 3, kind: 'missing' } });
    const cli: string[] = [];
    expect(await auditVerifyCommand(t.config, (l) => cli.push(l))).toBe(1);
    expect(JSON.parse(cli[0])).toMatchObject({ ok: false, problem: { seq: 3, kind: 'missing' } });

    // The admin endpoint reports it too (and records that someone checked).
    const api = await t.admin.get('/audit/verify');
    expect(api.status).toBe(200);
    expect(api.body).toMatchObject({ ok: false, problem: { seq: 3, kind: 'missing' } });
  });

  it('detects entries cut off at the end and reordered entries', async () => {
    for (const role of ['governance', 'moderator', 'communications'] as const) await t.admin.put(`/admin/people/${gov.id}/roles/${role}`);
    await dropGuard(t);
    const db = svc().db;
    const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    // Swap the contents of entries 2 and 3 (keeping their sequence numbers).
    const swap = async (seq: number, r: (typeof rows)[number]) =>
      db.updateTable('audit_log').set({ at: r.at, action: r.action, details: r.details, target_id: r.target_id, prev_hash: r.prev_hash, hash: r.hash }).where('seq', '=', seq).execute();
    await swap(2, rows[2]);
    await swap(3, rows[1]);
    expect(await verify()).toMatchObject({ ok: false, problem: { seq: 2, kind: 'relinked' } });
    await swap(2, rows[1]);
    await swap(3, rows[2]);
    expect((await verify()).ok).toBe(true);
    await db.deleteFrom('audit_log').where('seq', '=', 4).execute();
    expect(await verify()).toMatchObject({ ok: false, problem: { seq: 4, kind: 'truncated' } });
  });

  it('passes the CLI check on an intact log', async () => {
    await t.admin.put(`/admin/people/${gov.id}/roles/governance`);
    const out: string[] = [];
    expect(await auditVerifyCommand(t.config, (l) => out.push(l))).toBe(0);
    expect(JSON.parse(out[0])).toMatchObject({ ok: true, entries: 2 });
  });
});
