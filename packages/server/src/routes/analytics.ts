/**
 * Aggregate analytics for the organisation (admins, communications role) and for a space (its
 * managers). Only when the works agreement enables the module (the policy gate answers 403
 * otherwise); k comes from the agreement. No route here accepts a person.
 */
import { AnalyticsQuery, AnalyticsReport } from '@foyer/shared';
import type { FoyerApp } from '../app.js';
import type { Services } from '../services.js';
import { errors, actorOf, IdParams, limit } from './common.js';
import { activePolicy } from '../compliance/active.js';
import { weeklyFigures } from '../analytics/figures.js';
import { hasRole } from '../policies/roles.js';
import { loadSpaceForView, spaceAbilities, canReadSpace } from '../policies/spaces.js';
import { forbidden, notFound } from '../errors.js';

export async function analyticsRoutes(app: FoyerApp, svc: Services) {
  const db = svc.db;
  const k = async () => (await activePolicy(db, svc.dialect)).document.analytics.k;

  app.get('/analytics', { config: limit(svc, 60), schema: { querystring: AnalyticsQuery, response: { 200: AnalyticsReport, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    if (actor.role !== 'admin' && !(await hasRole(db, actor.id, 'communications'))) throw forbidden('organisation analytics are for administrators and communications');
    const threshold = await k();
    return { k: threshold, by: req.query.by, weeks: await weeklyFigures(db, { weeks: req.query.weeks, by: req.query.by, k: threshold }) };
  });

  app.get(
    '/spaces/:id/analytics',
    { config: limit(svc, 60), schema: { params: IdParams, querystring: AnalyticsQuery, response: { 200: AnalyticsReport, ...errors } } },
    async (req) => {
      const actor = actorOf(req);
      const ctx = await loadSpaceForView(db, actor, req.params.id);
      if (!canReadSpace(actor, ctx)) throw notFound('space');
      if (!spaceAbilities(actor, ctx).manage) throw forbidden('space analytics are for the space’s managers');
      const threshold = await k();
      return { k: threshold, by: req.query.by, weeks: await weeklyFigures(db, { spaceId: ctx.space.id, weeks: req.query.weeks, by: req.query.by, k: threshold }) };
    },
  );
}
