import { z } from 'zod';
import {
  Organisation,
  SetupInput,
  SignInInput,
  SignUpInput,
  Me,
  ProfileUpdate,
  NotificationPrefs,
  NotificationType,
  AccessToken,
  AccessTokenCreate,
  Password,
  LIMITS,
  SessionPolicy,
} from '@foyer/shared';
import type { FoyerApp } from '../app.js';
import type { Services } from '../services.js';
import { errors, actorOf, limit, IdParams, NoContent } from './common.js';
import * as accounts from '../commands/accounts.js';
import { setNotificationPrefs } from '../commands/notifications.js';
import { presentMe } from '../presenters/users.js';
import { presentOrganisation } from '../presenters/organisation.js';
import { SESSION_COOKIE } from '../http/auth.js';
import { sha256, randomToken } from '../auth/tokens.js';
import { nowIso } from '../lib/time.js';
import { AppError, notFound } from '../errors.js';
import { DEMO_ACCOUNTS } from '../seed/demo.js';
import { reencode } from '../media/images.js';
import { loadUserForView } from '../policies/users.js';
import { rolesOf } from '../policies/roles.js';
import { sendImage } from './images.js';
import { sessionPolicy } from '../compliance/modules.js';

/** `policy`: which modules the works agreement switches on, so the web app shows only those. */
const SessionOut = z.object({ me: Me, csrfToken: z.string(), policy: SessionPolicy });

export async function sessionRoutes(app: FoyerApp, svc: Services) {
  const meRow = (id: number) => svc.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const me = async (id: number) => presentMe(await meRow(id), await rolesOf(svc.db, id));
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: svc.config.secureCookies,
    maxAge: 30 * 24 * 3600,
  };
  async function startSession(reply: import('fastify').FastifyReply, userId: number, userAgent: string | undefined) {
    const { token, csrfToken } = await accounts.createSession(svc.db, userId, userAgent ?? '');
    reply.setCookie(SESSION_COOKIE, token, cookieOptions);
    return { me: await me(userId), csrfToken, policy: await sessionPolicy(svc) };
  }

  app.get('/organisation', { config: { auth: 'public' }, schema: { response: { 200: Organisation } } }, async () => {
    return presentOrganisation(await accounts.getOrganisation(svc.db));
  });

  app.post(
    '/setup',
    { config: { auth: 'public', ...limit(svc, 10) }, schema: { body: SetupInput, response: { 200: SessionOut, ...errors } } },
    async (req, reply) => {
      const userId = await accounts.setupOrganisation(svc, req.body);
      return startSession(reply, userId, req.headers['user-agent']);
    },
  );

  app.get('/session', { config: { auth: 'optional' }, schema: { response: { 200: SessionOut, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    if (!req.csrfToken) throw new AppError(401, 'unauthenticated', 'no browser session');
    return { me: await me(actor.id), csrfToken: req.csrfToken, policy: await sessionPolicy(svc) };
  });

  app.post(
    '/auth/sign-in',
    { config: { auth: 'public', ...limit(svc, 10) }, schema: { body: SignInInput, response: { 200: SessionOut, ...errors } } },
    async (req, reply) => {
      const user = await accounts.signIn(svc, req.body.email, req.body.password);
      return startSession(reply, user.id, req.headers['user-agent']);
    },
  );

  app.post(
    '/auth/sign-up',
    { config: { auth: 'public', ...limit(svc, 10) }, schema: { body: SignUpInput, response: { 200: SessionOut, ...errors } } },
    async (req, reply) => {
      const userId = await accounts.signUp(svc, req.body);
      return startSession(reply, userId, req.headers['user-agent']);
    },
  );

  app.post('/auth/sign-out', { config: { auth: 'optional' }, schema: { response: { 204: NoContent } } }, async (req, reply) => {
    if (req.actor?.sessionId) await accounts.endSessions(svc, [req.actor.sessionId], 'signed_out');
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.get(
    '/auth/demo-accounts',
    {
      config: { auth: 'public' },
      schema: { response: { 200: z.array(z.object({ email: z.string(), password: z.string(), label: z.string(), name: z.string() })) } },
    },
    async () => {
      const org = await accounts.getOrganisation(svc.db);
      return org?.demo === 1 ? DEMO_ACCOUNTS() : [];
    },
  );

  app.get('/me', { schema: { response: { 200: Me, ...errors } } }, async (req) => me(actorOf(req).id));

  app.patch('/me', { schema: { body: ProfileUpdate, response: { 200: Me, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    await accounts.updateProfile(svc, actor, req.body);
    return await me(actor.id);
  });

  app.post(
    '/me/password',
    {
      config: limit(svc, 10),
      schema: { body: z.object({ currentPassword: z.string().max(LIMITS.passwordMax), newPassword: Password }), response: { 204: NoContent, ...errors } },
    },
    async (req, reply) => {
      await accounts.changePassword(svc, actorOf(req), req.body.currentPassword, req.body.newPassword);
      return reply.status(204).send(null);
    },
  );

  // Profile photos: re-encoded (orientation applied, metadata dropped), stored by content hash.
  app.put('/me/photo', { config: limit(svc, 20), schema: { response: { 200: Me, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    const photo = await reencode(req.body, { width: 320, height: 320, fit: 'cover' });
    await svc.files.put(`photos/${photo.key}.webp`, photo.data);
    await svc.db.updateTable('users').set({ photo_key: photo.key }).where('id', '=', actor.id).execute();
    return await me(actor.id);
  });

  app.get('/people/:id/photo', { schema: { params: IdParams } }, async (req, reply) => {
    // A photo is visible to whoever may see the person (guests: people who share a space with them).
    const person = await loadUserForView(svc.db, actorOf(req), req.params.id);
    const data = person.photo_key ? await svc.files.get(`photos/${person.photo_key}.webp`) : null;
    if (!data) throw notFound('photo');
    return sendImage(reply, data);
  });

  const loadPrefs = async (userId: number) => {
    const rows = await svc.db.selectFrom('notification_prefs').selectAll().where('user_id', '=', userId).execute();
    const prefs = Object.fromEntries(NotificationType.options.map((t) => [t, true])) as Record<string, boolean>;
    for (const r of rows) prefs[r.type] = r.enabled === 1;
    return prefs;
  };
  app.get('/me/notification-prefs', { schema: { response: { 200: NotificationPrefs } } }, async (req) => loadPrefs(actorOf(req).id));
  app.put(
    '/me/notification-prefs',
    { schema: { body: z.record(NotificationType, z.boolean()), response: { 200: NotificationPrefs, ...errors } } },
    async (req) => {
      await setNotificationPrefs(svc, actorOf(req), req.body);
      return loadPrefs(actorOf(req).id);
    },
  );

  const presentToken = (t: { id: number; name: string; scope: 'read' | 'write'; created_at: string; last_used_at: string | null }) => ({
    id: t.id,
    name: t.name,
    scope: t.scope,
    createdAt: t.created_at,
    lastUsedAt: t.last_used_at,
  });
  app.get('/me/tokens', { schema: { response: { 200: z.array(AccessToken) } } }, async (req) => {
    const rows = await svc.db
      .selectFrom('access_tokens')
      .selectAll()
      .where('user_id', '=', actorOf(req).id)
      .where('revoked_at', 'is', null)
      .orderBy('id', 'desc')
      .execute();
    return rows.map(presentToken);
  });
  app.post(
    '/me/tokens',
    { config: limit(svc, 20), schema: { body: AccessTokenCreate, response: { 200: AccessToken.extend({ token: z.string() }), ...errors } } },
    async (req) => {
      // Tokens are for people; a token cannot mint more tokens.
      const actor = actorOf(req);
      if (actor.scope !== 'session') throw new AppError(403, 'forbidden', 'tokens can only be created from a browser session');
      const token = `foyer_${randomToken()}`;
      const row = await svc.db
        .insertInto('access_tokens')
        .values({ user_id: actor.id, name: req.body.name, token_hash: sha256(token), scope: req.body.scope, created_at: nowIso(), last_used_at: null, revoked_at: null })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { ...presentToken(row), token };
    },
  );
  app.delete('/me/tokens/:id', { schema: { params: IdParams, response: { 204: NoContent, ...errors } } }, async (req, reply) => {
    const res = await svc.db
      .updateTable('access_tokens')
      .set({ revoked_at: nowIso() })
      .where('id', '=', req.params.id)
      .where('user_id', '=', actorOf(req).id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!res.numUpdatedRows) throw notFound('token');
    return reply.status(204).send(null);
  });
}
