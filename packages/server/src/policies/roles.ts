/** Functional roles granted by administrators: communications, governance, moderator. */
import type { Kysely } from 'kysely';
import type { DB, FunctionalRole } from '../db/schema.js';

export async function rolesOf(db: Kysely<DB>, userId: number): Promise<FunctionalRole[]> {
  return (await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).orderBy('role').execute()).map((r) => r.role);
}

export async function hasRole(db: Kysely<DB>, userId: number, role: FunctionalRole): Promise<boolean> {
  return !!(await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).where('role', '=', role).executeTakeFirst());
}
