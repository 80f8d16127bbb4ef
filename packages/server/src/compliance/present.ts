/** Policy versions and audit entries as API objects, with the caller's abilities. */
import type { Kysely, Selectable } from 'kysely';
import type { AuditEntry, Locale, PolicyDocument, PolicyRole, PolicyVersion, PolicyView, UserSummary } from '@foyer/shared';
import type { DB, PolicyVersionTable, AuditLogTable } from '../db/schema.js';
import type { Actor } from '../policies/actor.js';
import { rolesOf } from '../policies/roles.js';
import { presentUserSummary, userSummariesById, USER_SUMMARY_COLUMNS } from '../presenters/users.js';
import { parseJson } from '../lib/json.js';
import { awaitingRoles, documentOf } from './policy.js';
import { readStoredPolicy } from './active.js';
import { changedPaths } from './canonical.js';
import { describePolicy } from './render.js';

type VersionRow = Selectable<PolicyVersionTable>;

export async function presentVersions(db: Kysely<DB>, actor: Actor, rows: VersionRow[]): Promise<PolicyVersion[]> {
  if (!rows.length) return [];
  const decisions = await db.selectFrom('policy_decisions').selectAll().where('version_id', 'in', rows.map((r) => r.id)).orderBy('id').execute();
  const people = await userSummariesById(db, [...decisions.map((d) => d.user_id), ...rows.flatMap((r) => (r.proposed_by === null ? [] : [r.proposed_by]))]);
  const summary = (id: number) => presentUserSummary(people.get(id)!);
  const mine = new Set(await rolesOf(db, actor.id));
  const out: PolicyVersion[] = [];
  for (const r of rows) {
    const document = await readStoredPolicy(db, r.document);
    const base = await documentOf(db, r.base_version);
    const awaiting = r.status === 'pending' ? await awaitingRoles(db, r) : [];
    const decidedByMe = decisions.some((d) => d.version_id === r.id && d.user_id === actor.id);
    const mayDecide = r.status === 'pending' && r.proposed_by !== actor.id && !decidedByMe && actor.scope !== 'read';
    out.push({
      id: r.id,
      version: r.version,
      status: r.status,
      document,
      note: r.note,
      proposedBy: r.proposed_by === null ? null : summary(r.proposed_by),
      proposedAt: r.proposed_at,
      decidedAt: r.decided_at,
      activatedAt: r.activated_at,
      decisions: decisions
        .filter((d) => d.version_id === r.id)
        .map((d) => ({ by: summary(d.user_id), role: d.role, decision: d.decision, reason: d.reason, at: d.at })),
      changes: base ? changedPaths(base, document) : [],
      awaiting,
      abilities: {
        approve: mayDecide && awaiting.some((role) => mine.has(role)),
        reject: mayDecide && (base?.coDetermination.approverRoles ?? []).some((role) => mine.has(role)),
      },
    });
  }
  return out;
}

/** Current holders of the enabled functional roles. */
export async function roleHolders(db: Kysely<DB>, doc: PolicyDocument): Promise<Record<string, UserSummary[]>> {
  const rows = await db
    .selectFrom('user_roles')
    .innerJoin('users', 'users.id', 'user_roles.user_id')
    .select(['user_roles.role as held', ...USER_SUMMARY_COLUMNS.map((c) => `users.${c}` as const)])
    .where('users.status', '=', 'active')
    .orderBy('users.name')
    .execute();
  const out: Record<string, UserSummary[]> = {};
  for (const role of ['communications', 'governance', 'moderator'] as const) if (doc.roles[role]) out[role] = rows.filter((r) => r.held === role).map(presentUserSummary);
  return out;
}

export async function presentView(db: Kysely<DB>, actor: Actor, row: VersionRow, locale: Locale): Promise<PolicyView> {
  const [version] = await presentVersions(db, actor, [row]);
  const holders = await roleHolders(db, version.document);
  const names = Object.fromEntries(Object.entries(holders).map(([r, people]) => [r, people.map((p) => p.name)])) as Partial<Record<PolicyRole, string[]>>;
  return { ...version, sections: describePolicy(version.document, locale, names), holders };
}

export async function presentAuditEntries(db: Kysely<DB>, rows: Selectable<AuditLogTable>[]): Promise<AuditEntry[]> {
  const people = await userSummariesById(db, rows.flatMap((r) => (r.actor_id === null ? [] : [r.actor_id])));
  return rows.map((r) => {
    const who = r.actor_id === null ? undefined : people.get(r.actor_id);
    return {
      seq: r.seq,
      at: r.at,
      actor: who ? presentUserSummary(who) : null,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      details: parseJson<Record<string, unknown>>(r.details, {}),
      prevHash: r.prev_hash,
      hash: r.hash,
    };
  });
}
