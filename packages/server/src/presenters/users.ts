import type { Selectable } from 'kysely';
import type { UserSummary, UserProfile, Me } from '@foyer/shared';
import type { UserTable, FunctionalRole } from '../db/schema.js';
import { parseJson } from '../lib/json.js';

type UserRow = Selectable<UserTable>;
export type UserSummaryRow = Pick<UserRow, 'id' | 'handle' | 'name' | 'title' | 'photo_key' | 'status' | 'role'>;
export const USER_SUMMARY_COLUMNS = ['id', 'handle', 'name', 'title', 'photo_key', 'status', 'role'] as const;

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
