import { z } from 'zod';
import { sql } from 'kysely';
import { Me, Page, PageQuery, Invitation, Email, Organisation, Locale, OrgRole, LabelLevel, FunctionalRole } from '@foyer/shared';
import type { FoyerApp } from '../app.js';
import { write, type Services } from '../services.js';
import { appendAudit } from '../compliance/audit.js';
import { activePolicy } from '../compliance/active.js';
import { errors, actorOf, IdParams, baseUrl, limit } from './common.js';
import * as accounts from '../commands/accounts.js';
import { presentMe } from '../presenters/users.js';
import { decodeCursor, page } from '../lib/cursor.js';
import { conflict, forbidden, invalid, notFound } from '../errors.js';
import { nowIso } from '../lib/time.js';
import { labelExists } from '../policies/labels.js';
import { rolesOf } from '../policies/roles.js';
import { isOrgAdmin, type Actor } from '../policies/actor.js';
import { presentOrganisation } from '../presenters/organisation.js';
import { likePattern } from '../lib/like.js';

export function requireAdmin(actor: Actor) {
  if (!isOrgAdmin(actor)) throw forbidden('only administrators can do this');
}

export async function adminRoutes(app: FoyerApp, svc: Services) {
  const db = svc.db;
  const me = async (id: number) => presentMe(await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow(), await rolesOf(db, id));

  app.get(
    '/admin/people',
    {
      schema: {
        querystring: PageQuery.extend({ q: z.string().trim().max(100).optional(), status: z.enum(['active', 'deactivated']).optional() }),
        response: { 200: Page(Me), ...errors },
      },
    },
    async (req) => {
      requireAdmin(actorOf(req));
      let q = db.selectFrom('users').selectAll();
      if (req.query.q) {
        const p = likePattern(req.query.q);
        q = q.where((eb) => eb.or([eb(sql`lower(name)`, 'like', sql`${p} escape '\\'`), eb(sql`lower(email)`, 'like', sql`${p} escape '\\'`)]));
      }
      if (req.query.status) q = q.where('status', '=', req.query.status);
      const after = decodeCursor(req.query.cursor);
      if (after) q = q.where('id', '>', after);
      const rows = await q.orderBy('id').limit(req.query.limit + 1).execute();
      const p = page(rows, req.query.limit);
      const ids = p.items.map((u) => u.id);
      const roles = ids.length ? await db.selectFrom('user_roles').select(['user_id', 'role']).where('user_id', 'in', ids).execute() : [];
      const rolesFor = (id: number) => roles.filter((r) => r.user_id === id).map((r) => r.role);
      return { items: p.items.map((u) => presentMe(u, rolesFor(u.id))), nextCursor: p.nextCursor };
    },
  );

  app.post('/admin/people/:id/deactivate', { schema: { params: IdParams, response: { 200: Me, ...errors } } }, async (req) => {
    await accounts.setUserStatus(svc, actorOf(req), req.params.id, 'deactivated');
    return me(req.params.id);
  });
  app.post('/admin/people/:id/reactivate', { schema: { params: IdParams, response: { 200: Me, ...errors } } }, async (req) => {
    await accounts.setUserStatus(svc, actorOf(req), req.params.id, 'active');
    return me(req.params.id);
  });
  app.patch(
    '/admin/people/:id',
    { schema: { params: IdParams, body: z.object({ role: OrgRole }), response: { 200: Me, ...errors } } },
    async (req) => {
      await accounts.setUserRole(svc, actorOf(req), req.params.id, req.body.role);
      return me(req.params.id);
    },
  );

  const presentInvitation = (i: { id: number; email: string; created_at: string; expires_at: string; accepted_at: string | null }) => ({
    id: i.id,
    email: i.email,
    createdAt: i.created_at,
    expiresAt: i.expires_at,
    acceptedAt: i.accepted_at,
  });
  app.get('/admin/invitations', { schema: { response: { 200: z.array(Invitation), ...errors } } }, async (req) => {
    requireAdmin(actorOf(req));
    const rows = await db.selectFrom('invitations').selectAll().orderBy('id', 'desc').limit(200).execute();
    return rows.map(presentInvitation);
  });
  app.post(
    '/admin/invitations',
    { config: limit(svc, 60), schema: { body: z.object({ email: Email }), response: { 200: Invitation, ...errors } } },
    async (req) => {
      const inv = await accounts.createInvitation(svc, actorOf(req), req.body.email, baseUrl(svc, req));
      return { ...presentInvitation(inv), url: inv.url };
    },
  );

  for (const [method, grant] of [
    ['put', true],
    ['delete', false],
  ] as const) {
    app[method](
      '/admin/people/:id/roles/:role',
      { schema: { params: IdParams.extend({ role: FunctionalRole }), response: { 200: Me, ...errors } } },
      async (req) => {
        const actor = actorOf(req);
        requireAdmin(actor);
        const { id, role } = req.params;
        const user = await db.selectFrom('users').select(['id', 'role']).where('id', '=', id).executeTakeFirst();
        if (!user) throw notFound('person');
        if (grant && user.role === 'guest') throw invalid('guests cannot hold functional roles', { fields: { role: 'guest' } });
        if (grant && !(await activePolicy(db, svc.dialect)).document.roles[role]) throw forbidden(`the works agreement does not provide the role ${role}`);
        await write(svc, async (trx) => {
          const had = await trx.deleteFrom('user_roles').where('user_id', '=', id).where('role', '=', role).executeTakeFirst();
          if (grant) await trx.insertInto('user_roles').values({ user_id: id, role, granted_by: actor.id, granted_at: nowIso() }).execute();
          // Only real changes are recorded: repeating a grant or a revocation changes nothing.
          if (grant !== Number(had.numDeletedRows) > 0)
            await appendAudit(trx, svc.dialect, { actorId: actor.id, action: grant ? 'role.granted' : 'role.revoked', targetType: 'user', targetId: id, details: { role } });
        });
        return me(id);
      },
    );
  }

  app.patch(
    '/organisation',
    {
      schema: {
        body: z.object({
          name: z.string().trim().min(1).max(120).optional(),
          defaultLocale: Locale.optional(),
          allowedDomains: z.array(z.string().trim().toLowerCase().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/)).max(50).optional(),
          chatGuests: z.boolean().optional(),
          guestMaxLabel: LabelLevel.optional(),
          redactLabel: LabelLevel.optional(),
          privateSpaceCreators: z.enum(['everyone', 'admins', 'governance']).optional(),
          secretSpaceCreators: z.enum(['everyone', 'admins', 'governance']).optional(),
          secretPurposeRequired: z.boolean().optional(),
          spaceGuidelines: z.string().max(20_000).optional(),
          inactivityArchiveDays: z.number().int().min(14).max(3650).nullable().optional(),
          /** Moved into the works agreement (`erasure.mode`): kept in the schema only to answer 409 with where it went. */
          erasureMode: z.enum(['remove', 'pseudonymise']).optional(),
        }),
        response: { 200: Organisation, ...errors },
      },
    },
    async (req) => {
      requireAdmin(actorOf(req));
      // Refused before anything is written: the request changes nothing.
      if (req.body.erasureMode !== undefined)
        throw conflict('the erasure mode is part of the works agreement: propose a new version of it (erasure.mode), which takes effect once approved', {
          reason: 'works_agreement',
          field: 'erasureMode',
          policyPath: 'erasure.mode',
        });
      const set: Record<string, string | number> = {};
      if (req.body.name) set.name = req.body.name;
      if (req.body.defaultLocale) set.default_locale = req.body.defaultLocale;
      if (req.body.allowedDomains) set.allowed_domains = JSON.stringify(req.body.allowedDomains);
      if (req.body.chatGuests !== undefined) set.chat_guests = req.body.chatGuests ? 1 : 0;
      if (req.body.privateSpaceCreators) set.private_space_creators = req.body.privateSpaceCreators;
      if (req.body.secretSpaceCreators) set.secret_space_creators = req.body.secretSpaceCreators;
      if (req.body.secretPurposeRequired !== undefined) set.secret_purpose_required = req.body.secretPurposeRequired ? 1 : 0;
      if (req.body.spaceGuidelines !== undefined) set.space_guidelines = req.body.spaceGuidelines;
      if (req.body.inactivityArchiveDays !== undefined) {
        if (req.body.inactivityArchiveDays === null) await db.updateTable('organisation').set({ inactivity_archive_days: null }).where('id', '=', 1).execute();
        else set.inactivity_archive_days = req.body.inactivityArchiveDays;
      }
      for (const [field, column] of [
        ['guestMaxLabel', 'guest_max_label'],
        ['redactLabel', 'redact_label'],
      ] as const) {
        const level = req.body[field];
        if (level === undefined) continue;
        if (!(await labelExists(db, level))) throw invalid('no such label', { fields: { [field]: 'unknown' } });
        set[column] = level;
      }
      if (Object.keys(set).length) await db.updateTable('organisation').set(set).where('id', '=', 1).execute();
      return presentOrganisation(await accounts.getOrganisation(db));
    },
  );
}
