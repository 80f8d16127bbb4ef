/** Organisation set-up, sign-up, sign-in, sessions, invitations and account administration. */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { SetupInput, SignUpInput, ProfileUpdate } from '@foyer/shared';
import type { DB } from '../db/schema.js';
import { write, type Services } from '../services.js';
import { AppError, conflict, forbidden, notFound } from '../errors.js';
import { hashPassword, verifyPassword, assertPasswordRules } from '../auth/passwords.js';
import { randomToken, sha256 } from '../auth/tokens.js';
import { nowIso, isoIn } from '../lib/time.js';
import { parseJson } from '../lib/json.js';
import type { Actor } from '../policies/actor.js';
import { appendAudit } from '../compliance/audit.js';

const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
const INVITATION_TTL_MS = 14 * 24 * 3600 * 1000;

export async function getOrganisation(db: Kysely<DB>) {
  return db.selectFrom('organisation').selectAll().where('id', '=', 1).executeTakeFirst();
}

/** A unique handle from the e-mail's local part (mentions use it). */
export async function uniqueHandle(db: Kysely<DB>, email: string): Promise<string> {
  const base =
    email
      .split('@')[0]
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9.-]/g, '')
      .replace(/^[.-]+|[.-]+$/g, '')
      .slice(0, 40) || 'user';
  for (let i = 0; ; i++) {
    const handle = i === 0 ? base : `${base}${i + 1}`;
    const taken = await db.selectFrom('users').select('id').where('handle', '=', handle).executeTakeFirst();
    if (!taken) return handle;
  }
}

export interface NewUser {
  email: string;
  name: string;
  passwordHash: string;
  role: 'admin' | 'member' | 'guest';
  handle?: string;
  locale?: string;
  profile?: Partial<{ title: string; department: string; site: string; country: string; timezone: string; about: string; languages: string[] }>;
}

export async function insertUser(trx: Kysely<DB>, u: NewUser): Promise<number> {
  const exists = await trx.selectFrom('users').select('id').where('email', '=', u.email).executeTakeFirst();
  if (exists) throw conflict('an account with this e-mail exists', { fields: { email: 'taken' } });
  const row = await trx
    .insertInto('users')
    .values({
      email: u.email,
      handle: u.handle ?? (await uniqueHandle(trx, u.email)),
      name: u.name,
      password_hash: u.passwordHash,
      role: u.role,
      status: 'active',
      title: u.profile?.title ?? '',
      department: u.profile?.department ?? '',
      site: u.profile?.site ?? '',
      country: u.profile?.country ?? '',
      languages: JSON.stringify(u.profile?.languages ?? []),
      timezone: u.profile?.timezone ?? 'Europe/Berlin',
      about: u.profile?.about ?? '',
      contact: '{}',
      locale: u.locale ?? 'en',
      photo_key: null,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setupOrganisation(svc: Services, input: z.infer<typeof SetupInput>, demo = false) {
  assertPasswordRules(input.admin.password, input.admin.email);
  const passwordHash = await hashPassword(input.admin.password);
  return write(svc, async (trx) => {
    if (await getOrganisation(trx)) throw new AppError(409, 'setup_done', 'the organisation is already set up');
    await trx
      .insertInto('organisation')
      .values({
        id: 1,
        name: input.organisation.name,
        default_locale: input.organisation.defaultLocale,
        allowed_domains: JSON.stringify(input.organisation.allowedDomains),
        demo: demo ? 1 : 0,
        created_at: nowIso(),
      })
      .execute();
    return insertUser(trx, {
      email: input.admin.email,
      name: input.admin.name,
      passwordHash,
      role: 'admin',
      locale: input.organisation.defaultLocale,
    });
  });
}

export async function signUp(svc: Services, input: z.infer<typeof SignUpInput>) {
  const org = await getOrganisation(svc.db);
  if (!org) throw new AppError(409, 'setup_required', 'the organisation is not set up yet');
  assertPasswordRules(input.password, input.email);
  const passwordHash = await hashPassword(input.password);
  return write(svc, async (trx) => {
    let invitationId: number | null = null;
    if (input.invitation) {
      const inv = await trx
        .selectFrom('invitations')
        .selectAll()
        .where('token_hash', '=', sha256(input.invitation))
        .executeTakeFirst();
      if (!inv || inv.accepted_at || inv.expires_at < nowIso())
        throw new AppError(400, 'invitation_invalid', 'this invitation link is invalid or has expired');
      if (inv.email !== input.email)
        throw new AppError(400, 'invitation_invalid', 'this invitation is for another e-mail address');
      invitationId = inv.id;
    } else {
      const domains = parseJson<string[]>(org.allowed_domains, []);
      const domain = input.email.split('@')[1];
      if (!domains.includes(domain))
        throw new AppError(403, 'email_domain_not_allowed', 'sign-up needs an invitation or an e-mail address of the organisation');
    }
    const id = await insertUser(trx, {
      email: input.email,
      name: input.name,
      passwordHash,
      role: 'member',
      locale: org.default_locale,
    });
    if (invitationId) await trx.updateTable('invitations').set({ accepted_at: nowIso() }).where('id', '=', invitationId).execute();
    return id;
  });
}

export async function createSession(db: Kysely<DB>, userId: number, userAgent: string) {
  const token = randomToken();
  const csrfToken = randomToken(18);
  await db
    .insertInto('sessions')
    .values({
      id: sha256(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: nowIso(),
      expires_at: isoIn(SESSION_TTL_MS),
      user_agent: userAgent.slice(0, 200),
    })
    .execute();
  return { token, csrfToken };
}

// A fixed hash to verify against when the e-mail is unknown, so timing does not reveal accounts.
let dummyHash: Promise<string> | null = null;

export async function signIn(svc: Services, email: string, password: string) {
  const user = await svc.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  if (!user) {
    dummyHash ??= hashPassword('not-a-real-password-0');
    await verifyPassword(await dummyHash, password);
    throw new AppError(401, 'invalid_credentials', 'e-mail or password is wrong');
  }
  const ok = await verifyPassword(user.password_hash, password);
  if (!ok || user.status !== 'active') throw new AppError(401, 'invalid_credentials', 'e-mail or password is wrong');
  return user;
}

/** Ends sessions in the database and closes their open WebSockets on every node. */
export async function endSessions(svc: Services, sessionIds: string[], reason: 'signed_out' | 'deactivated') {
  if (!sessionIds.length) return;
  await svc.db.deleteFrom('sessions').where('id', 'in', sessionIds).execute();
  svc.bus.publish({ kind: 'session-ended', sessionIds, reason });
}

export async function endAllSessions(svc: Services, userId: number, reason: 'signed_out' | 'deactivated', except?: string) {
  let q = svc.db.selectFrom('sessions').select('id').where('user_id', '=', userId);
  if (except) q = q.where('id', '!=', except);
  const ids = (await q.execute()).map((r) => r.id);
  await endSessions(svc, ids, reason);
}

export async function changePassword(svc: Services, actor: Actor, current: string, next: string) {
  const user = await svc.db.selectFrom('users').selectAll().where('id', '=', actor.id).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, current)))
    throw new AppError(400, 'invalid_credentials', 'the current password is wrong', { fields: { currentPassword: 'wrong' } });
  assertPasswordRules(next, user.email);
  const hash = await hashPassword(next);
  await svc.db.updateTable('users').set({ password_hash: hash }).where('id', '=', actor.id).execute();
  await endAllSessions(svc, actor.id, 'signed_out', actor.sessionId);
}

export async function updateProfile(svc: Services, actor: Actor, input: z.infer<typeof ProfileUpdate>) {
  const set: Record<string, string> = {};
  for (const key of ['name', 'title', 'department', 'site', 'country', 'timezone', 'about', 'locale'] as const) {
    if (input[key] !== undefined) set[key] = input[key] as string;
  }
  if (input.languages) set.languages = JSON.stringify(input.languages);
  if (input.contact) set.contact = JSON.stringify(input.contact);
  if (Object.keys(set).length) await svc.db.updateTable('users').set(set).where('id', '=', actor.id).execute();
}

export async function createInvitation(svc: Services, actor: Actor, email: string, baseUrl: string) {
  if (actor.role !== 'admin') throw forbidden('only administrators can invite');
  const existing = await svc.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (existing) throw conflict('this person already has an account', { fields: { email: 'taken' } });
  const token = randomToken();
  const row = await svc.db
    .insertInto('invitations')
    .values({
      email,
      token_hash: sha256(token),
      invited_by: actor.id,
      created_at: nowIso(),
      expires_at: isoIn(INVITATION_TTL_MS),
      accepted_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...row, url: `${baseUrl}/sign-up?invitation=${token}` };
}

export async function setUserStatus(svc: Services, actor: Actor, userId: number, status: 'active' | 'deactivated') {
  if (actor.role !== 'admin') throw forbidden('only administrators can do this');
  if (userId === actor.id) throw forbidden('you cannot deactivate yourself');
  const res = await svc.db.updateTable('users').set({ status }).where('id', '=', userId).executeTakeFirst();
  if (!res.numUpdatedRows) throw notFound('person');
  if (status === 'deactivated') await endAllSessions(svc, userId, 'deactivated');
}

export async function setUserRole(svc: Services, actor: Actor, userId: number, role: 'admin' | 'member' | 'guest') {
  if (actor.role !== 'admin') throw forbidden('only administrators can do this');
  if (userId === actor.id && role !== 'admin') throw forbidden('you cannot remove your own administrator role');
  await write(svc, async (trx) => {
    const before = await trx.selectFrom('users').select('role').where('id', '=', userId).executeTakeFirst();
    if (!before) throw notFound('person');
    await trx.updateTable('users').set({ role }).where('id', '=', userId).execute();
    if (before.role !== role) await appendAudit(trx, svc.dialect, { actorId: actor.id, action: 'org_role.changed', targetType: 'user', targetId: userId, details: { from: before.role, to: role } });
  });
  svc.bus.publish({ kind: 'role-changed', userId, role });
}
