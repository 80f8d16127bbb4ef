import type { Kysely, Selectable } from 'kysely';
import type { UserSummary, UserProfile, Me } from '@foyer/shared';
import type { DB, UserTable, FunctionalRole } from '../db/schema.js';
import { reusableQuery } from '../db/reusable.js';
import { parseJson } from '../lib/json.js';

type UserRow = Selectable<UserTable>;
export type UserSummaryRow = Pick<UserRow, 'id' | 'handle' | 'name' | 'title' | 'photo_key' | 'status' | 'role'>;
export const USER_SUMMARY_COLUMNS = ['id', 'handle', 'name', 'title', 'photo_key', 'status', 'role'] as const;

const summariesIn = reusableQuery((db, v: { ids: number[] }) => db.selectFrom('users').select([...USER_SUMMARY_COLUMNS]).where('id', 'in', v.ids));

/** Summary rows of these people by id, in one query (compiled once per list length: hot on every page). */
export async function userSummariesById(db: Kysely<DB>, ids: number[]): Promise<Map<number, UserSummaryRow>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  return new Map((await summariesIn(db, { ids: unique })).map((r) => [r.id, r]));
}

export function presentUserSummary(u: UserSummaryRow): UserSummary {
  return {
    id: u.id,
    handle: u.handle,
    name: u.name,
    title: u.title,
    photoUrl: u.photo_key ? `/api/v1/people/${u.id}/photo?v=${encodeURIComponent(u.photo_key)}` : null,
    status: u.status,
    role: u.role,
  };
}

export function presentUserProfile(u: UserRow, followedByMe: boolean): UserProfile {
  return {
    ...presentUserSummary(u),
    department: u.department,
    site: u.site,
    country: u.country,
    languages: parseJson<string[]>(u.languages, []),
    timezone: u.timezone,
    about: u.about,
    contact: parseJson(u.contact, {}),
    locale: u.locale === 'de' ? 'de' : 'en',
    followedByMe,
    createdAt: u.created_at,
  };
}

export function presentMe(u: UserRow, roles: FunctionalRole[]): Me {
  return { ...presentUserProfile(u, false), email: u.email, roles };
}
