import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { sql } from 'kysely';
import { DEFAULT_POLICY } from '@foyer/shared';
import { startTestFoyer, TEST_DB, type TestFoyer, type TestClient } from '../test/harness.js';
import { write } from '../services.js';
import { runRetention } from '../privacy/retention.js';
import { appendAudit, entryHash, verifyAudit } from './audit.js';
import { pruneAuditLog } from './audit-retention.js';
import { auditVerifyCommand } from './cli.js';

const DAY = 86_400_000;

/** Drops the append-only guard, as someone with database access could. */
async function dropGuard(t: TestFoyer) {
  const db = t.foyer.svc.db;
  if (TEST_DB === 'postgres') await sql`drop trigger audit_log_append_only on audit_log`.execute(db);
  else {
    await sql`drop trigger audit_log_no_update`.execute(db);
    await sql`drop trigger audit_log_no_delete`.execute(db);
  }
}

/** Drops the guard on the retention checkpoint too (it only moves forward, onto an existing entry). */
async function dropCheckpointGuard(t: TestFoyer) {
  const db = t.foyer.svc.db;
  if (TEST_DB === 'postgres') {
    await sql`drop trigger audit_checkpoint_forward on audit_checkpoint`.execute(db);
  } else {
    await sql`drop trigger audit_checkpoint_forward`.execute(db);
    await sql`drop trigger audit_checkpoint_no_delete`.execute(db);
  }
}

/** Waits until the clock is past `iso`: entries written next are later than it (an ordering, not a timing, assumption). */
async function clockPast(iso: string) {
  while (new Date().toISOString() <= iso) await new Promise((r) => setTimeout(r, 1));
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

  describe('retention', () => {
    const db = () => svc().db;
    const entry = (seq: number) => db().selectFrom('audit_log').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
    const checkpoint = () => db().selectFrom('audit_checkpoint').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
    /** A cut time: every entry so far is older, every entry written after it younger. */
    const cutHere = async () => {
      const last = await db().selectFrom('audit_log').select('at').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
      await clockPast(last.at);
      const cut = new Date().toISOString();
      await clockPast(cut);
      return cut;
    };
    const grant = async (role: 'governance' | 'moderator' | 'communications', on: TestClient = gov) => expect((await t.admin.put(`/admin/people/${on.id}/roles/${role}`)).status).toBe(200);
    const revoke = async (role: 'governance' | 'moderator' | 'communications', on: TestClient = gov) => expect((await t.admin.del(`/admin/people/${on.id}/roles/${role}`)).status).toBe(200);

    it('prunes entries older than the works agreement’s period in the daily run, and verify starts from the checkpoint', async () => {
      await grant('governance');
      const proposal = await t.admin.post('/policy/versions', { document: { ...DEFAULT_POLICY, retention: { ...DEFAULT_POLICY.retention, auditLog: 30 } }, note: 'keep the audit log 30 days' });
      expect(proposal.status).toBe(200);
      expect((await gov.post(`/policy/versions/${proposal.body.id}/approve`, { reason: 'agreed' })).body.status).toBe('active');
      await grant('moderator');
      const before = await seqs();
      const lastOld = await entry(before.at(-1)!);

      // Nothing is old enough today.
      expect(await runRetention(svc(), new Date())).toMatchObject({ auditLog: 0 });
      expect((await seqs()).slice(0, before.length)).toEqual(before);
      const firstRun = await entry(lastOld.seq + 1);
      expect(firstRun.action).toBe('retention.ran');

      // 40 days on, everything written until now is past the period.
      const counts = await runRetention(svc(), new Date(Date.now() + 40 * DAY));
      expect(counts!.auditLog).toBe(before.length + 1); // and the first run's own entry
      const cut = lastOld.seq + 1;
      expect(await checkpoint()).toEqual({ seq: cut, hash: firstRun.hash });
      const remaining = await db().selectFrom('audit_log').selectAll().orderBy('seq').execute();
      expect(remaining.map((r) => r.action)).toEqual(['audit.pruned', 'retention.ran']);
      const pruned = remaining[0];
      expect(pruned.seq).toBe(cut + 1);
      expect(JSON.parse(pruned.details)).toMatchObject({ count: cut, checkpoint: await checkpoint() });
      expect(pruned.prev_hash).toBe((await checkpoint()).hash);
      expect(JSON.parse(remaining[1].details).counts).toMatchObject({ auditLog: cut });
      expect(await verify()).toMatchObject({ ok: true, entries: 2, prunedThrough: cut, lastSeq: cut + 2, problem: null });
      const out: string[] = [];
      expect(await auditVerifyCommand(t.config, (l) => out.push(l))).toBe(0);
      expect(JSON.parse(out[0])).toMatchObject({ ok: true, prunedThrough: cut });

      // A later run prunes the earlier pruning's entry too; the newest pruning always names the checkpoint.
      await grant('communications');
      expect((await runRetention(svc(), new Date(Date.now() + 80 * DAY)))!.auditLog).toBe(3);
      expect((await checkpoint()).seq).toBe(cut + 3);
      expect(await verify()).toMatchObject({ ok: true, entries: 2, prunedThrough: cut + 3 });
    });

    it('never prunes entries younger than the period, nor the entries of a sealed-access case still open', async () => {
      await grant('governance');
      const space = (await t.admin.post('/spaces', { name: 'Dock', visibility: 'public' })).body;
      const sealed = await t.admin.post('/sealed', {
        scopeType: 'space',
        scopeId: space.id,
        from: new Date(Date.now() - 30 * DAY).toISOString(),
        to: new Date().toISOString(),
        reason: 'Complaint about the dock, case 2026-04',
        legalBasis: 'internal_investigation',
        legalBasisText: 'Works agreement §12',
      });
      expect(sealed.status).toBe(201);
      const requested = await db().selectFrom('audit_log').select('seq').where('action', '=', 'sealed_access.requested').executeTakeFirstOrThrow();
      await grant('moderator');
      const cut = await cutHere();
      await grant('communications');
      const young = (await seqs()).at(-1)!;

      // The open case stops the cut before its first entry.
      const first = await pruneAuditLog(svc(), cut);
      expect(first).toMatchObject({ count: requested.seq - 1, checkpoint: { seq: requested.seq - 1 }, problem: null });
      expect((await seqs())[0]).toBe(requested.seq);
      expect(await verify()).toMatchObject({ ok: true, prunedThrough: requested.seq - 1 });
      // Again: nothing more may go while the case is open.
      expect((await pruneAuditLog(svc(), cut)).count).toBe(0);

      // Closed: its entries may go now, but not what was written after the cut.
      expect((await t.admin.post(`/sealed/${sealed.body.id}/revoke`)).status).toBe(200);
      const second = await pruneAuditLog(svc(), cut);
      expect(second.count).toBe(young - requested.seq);
      expect((await seqs())[0]).toBe(young);
      const left = await db().selectFrom('audit_log').select('action').orderBy('seq').execute();
      expect(left.map((r) => r.action)).toEqual(['role.granted', 'audit.pruned', 'sealed_access.revoked', 'audit.pruned']);
      expect(await verify()).toMatchObject({ ok: true, prunedThrough: young - 1 });
    });

    it('still detects alteration, deletion, reordering and truncation after a prune, and a checkpoint no pruning recorded', async () => {
      await grant('governance');
      await grant('moderator');
      await grant('communications');
      const cut = await cutHere();
      await revoke('moderator');
      await revoke('communications');
      expect((await pruneAuditLog(svc(), cut)).count).toBe(4);
      expect(await seqs()).toEqual([5, 6, 7]);
      expect(await verify()).toMatchObject({ ok: true, entries: 3, prunedThrough: 4 });

      // The database still refuses: deleting past the checkpoint, moving it back, or onto an entry it does not match.
      await expect(db().deleteFrom('audit_log').where('seq', '=', 5).execute()).rejects.toThrow(/append-only/);
      await expect(db().updateTable('audit_log').set({ action: 'role.granted' }).where('seq', '=', 6).execute()).rejects.toThrow(/append-only/);
      await expect(db().updateTable('audit_checkpoint').set({ seq: 1 }).where('id', '=', 1).execute()).rejects.toThrow(/only moves forward/);
      await expect(db().updateTable('audit_checkpoint').set({ seq: 5, hash: '0'.repeat(64) }).where('id', '=', 1).execute()).rejects.toThrow(/only moves forward/);
      await expect(db().deleteFrom('audit_checkpoint').execute()).rejects.toThrow(/only moves forward/);

      await dropGuard(t);
      await dropCheckpointGuard(t);
      const rows = await db().selectFrom('audit_log').selectAll().orderBy('seq').execute();
      const restore = async (r: (typeof rows)[number]) => db().updateTable('audit_log').set(r).where('seq', '=', r.seq).execute();

      // Altered.
      await db().updateTable('audit_log').set({ details: '{"role":"governance"}' }).where('seq', '=', 6).execute();
      expect(await verify()).toMatchObject({ ok: false, problem: { seq: 6, kind: 'altered' } });
      await restore(rows[1]);
      // Reordered.
      await db().updateTable('audit_log').set({ ...rows[1], seq: 5 }).where('seq', '=', 5).execute();
      await db().updateTable('audit_log').set({ ...rows[0], seq: 6 }).where('seq', '=', 6).execute();
      expect(await verify()).toMatchObject({ ok: false, problem: { seq: 5, kind: 'relinked' } });
      await restore(rows[0]);
      await restore(rows[1]);
      expect((await verify()).ok).toBe(true);
      // The first entry after the checkpoint deleted, the checkpoint left as it was.
      await db().deleteFrom('audit_log').where('seq', '=', 5).execute();
      expect(await verify()).toMatchObject({ ok: false, problem: { seq: 5, kind: 'missing' } });
      const cli: string[] = [];
      expect(await auditVerifyCommand(t.config, (l) => cli.push(l))).toBe(1);
      // ... and the checkpoint moved over it by hand: no pruning recorded that checkpoint.
      await db().updateTable('audit_checkpoint').set({ seq: 5, hash: rows[0].hash }).where('id', '=', 1).execute();
      expect(await verify()).toMatchObject({ ok: false, problem: { kind: 'missing' } });
      await db().updateTable('audit_checkpoint').set({ seq: 4, hash: rows[0].prev_hash }).where('id', '=', 1).execute();
      await db().insertInto('audit_log').values(rows[0]).execute();
      expect((await verify()).ok).toBe(true);
      // Cut off at the end.
      await db().deleteFrom('audit_log').where('seq', '=', 7).execute();
      expect(await verify()).toMatchObject({ ok: false, problem: { seq: 7, kind: 'truncated' } });
    });

    it('reports entries deleted at the start when no pruning set a checkpoint', async () => {
      await grant('governance');
      await grant('moderator');
      await dropGuard(t);
      await db().deleteFrom('audit_log').where('seq', '<=', 2).execute();
      expect(await verify()).toMatchObject({ ok: false, prunedThrough: 0, problem: { seq: 1, kind: 'missing' } });
    });

    it('keeps the evidence: a part to be pruned that does not verify is not pruned', async () => {
      await grant('governance');
      await grant('moderator');
      const cut = await cutHere();
      await dropGuard(t);
      await db().updateTable('audit_log').set({ details: '{"role":"communications"}' }).where('seq', '=', 2).execute();
      expect(await pruneAuditLog(svc(), cut)).toMatchObject({ count: 0, problem: expect.stringContaining('entry 2') });
      expect(await seqs()).toEqual([1, 2, 3]);
      expect(await verify()).toMatchObject({ ok: false, problem: { seq: 2, kind: 'altered' } });
    });
  });
});
