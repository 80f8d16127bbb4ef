import { z } from 'zod';
import { RegistryEntry, UserSummary } from '@foyer/shared';
import type { FoyerApp } from '../app.js';
import { write, type Services } from '../services.js';
import { appendAudit } from '../compliance/audit.js';
import { errors, actorOf } from './common.js';
import { forbidden } from '../errors.js';
import { nowIso } from '../lib/time.js';
import { isEmployee } from '../policies/actor.js';
import { hasRole } from '../policies/roles.js';
import { presentUserSummary, USER_SUMMARY_COLUMNS } from '../presenters/users.js';
import { memberCounts, spaceRef } from '../presenters/spaces.js';

/**
 * The closed-space registry for the governance role (e.g. works council, ombudsperson): which
 * private and secret spaces exist, why, who owns them, how many members and how active — never
 * content, never member lists. Every look is recorded, and the record is open to all employees.
 */
export async function governanceRoutes(app: FoyerApp, svc: Services) {
  const db = svc.db;
  app.get('/governance/registry', { schema: { response: { 200: z.object({ items: z.array(RegistryEntry) }), ...errors } } }, async (req) => {
    const actor = actorOf(req);
    if (!(await hasRole(db, actor.id, 'governance'))) throw forbidden('the closed-space registry is for the governance role');
    await write(svc, async (trx) => {
      await trx.insertInto('registry_views').values({ viewer_id: actor.id, viewed_at: nowIso() }).execute();
      await appendAudit(trx, svc.dialect, { actorId: actor.id, action: 'registry.viewed', targetType: 'registry' });
    });
    const spaces = await db.selectFrom('spaces').selectAll().where('visibility', '!=', 'public').orderBy('name').execute();
    const ids = spaces.map((s) => s.id);
    const [countBy, owners] = ids.length
      ? await Promise.all([
          memberCounts(db, ids),
          db
            .selectFrom('memberships')
            .innerJoin('users', 'users.id', 'memberships.user_id')
            .select(['memberships.space_id', ...USER_SUMMARY_COLUMNS.map((c) => `users.${c}` as const)])
            .where('memberships.space_id', 'in', ids)
            .where('memberships.role', '=', 'owner')
            .where('memberships.state', '=', 'member')
            .execute(),
        ])
      : [new Map<number, number>(), []];
    return {
      items: spaces.map((s) => ({
        space: spaceRef(s),
        purpose: s.purpose,
        owners: owners.filter((o) => o.space_id === s.id).map(presentUserSummary),
        memberCount: countBy.get(s.id) ?? 0,
        createdAt: s.created_at,
        lastActivityAt: s.last_activity_at,
      })),
    };
  });

  app.get(
    '/governance/registry/views',
    { schema: { response: { 200: z.object({ items: z.array(z.object({ viewer: UserSummary, viewedAt: z.string() })) }), ...errors } } },
    async (req) => {
      if (!isEmployee(actorOf(req))) throw forbidden('for employees');
      const rows = await db
        .selectFrom('registry_views')
        .innerJoin('users', 'users.id', 'registry_views.viewer_id')
        .select(['registry_views.viewed_at', ...USER_SUMMARY_COLUMNS.map((c) => `users.${c}` as const)])
        .orderBy('registry_views.viewed_at', 'desc')
        .limit(200)
        .execute();
      return { items: rows.map((r) => ({ viewer: presentUserSummary(r), viewedAt: r.viewed_at })) };
    },
  );
}
