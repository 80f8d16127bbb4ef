/**
 * Who may do what with a sealed-access request. Requests are metadata for administrators and the
 * request's approvers; the content behind an approved request is for its requester alone.
 */
import type { Kysely, Selectable } from 'kysely';
import type { PolicyRole } from '@foyer/shared';
import type { DB, SealedRequestTable } from '../db/schema.js';
import { isOrgAdmin, type Actor } from '../policies/actor.js';
import { rolesOf } from '../policies/roles.js';
import { parseJson } from '../lib/json.js';

export type SealedRow = Selectable<SealedRequestTable>;

/** The policy roles this person holds: administrators hold 'admin', the rest are functional roles. */
export async function policyRolesOf(db: Kysely<DB>, actor: Actor): Promise<PolicyRole[]> {
  const held: PolicyRole[] = await rolesOf(db, actor.id);
  return isOrgAdmin(actor) ? ['admin', ...held] : held;
}

export const approverRolesOf = (row: SealedRow): PolicyRole[] => parseJson<PolicyRole[]>(row.approver_roles, []);

/** Roles in which this person may decide on the request (none: not an approver of it). */
export const eligibleRoles = (row: SealedRow, held: PolicyRole[]): PolicyRole[] => approverRolesOf(row).filter((r) => held.includes(r));

/** Administrators and the request's approvers see that it exists (never its content). */
export const maySee = (actor: Actor, row: SealedRow, held: PolicyRole[]): boolean => isOrgAdmin(actor) || row.requester_id === actor.id || eligibleRoles(row, held).length > 0;

/** Both kinds of end that make a request vanish for its reader. */
export const isLive = (row: SealedRow, now = new Date().toISOString()): boolean => row.status === 'approved' && row.expires_at > now;
