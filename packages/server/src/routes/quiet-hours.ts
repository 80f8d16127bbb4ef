/** Quiet hours: my working hours (GET/PUT /me/working-hours). Only ever the signed-in person's own. */
import { WorkingHoursUpdate, WorkingHoursView } from '@foyer/shared';
import type { FoyerApp } from '../app.js';
import type { Services } from '../services.js';
import type { DB } from '../db/schema.js';
import type { Kysely } from 'kysely';
import { errors, actorOf, limit } from './common.js';
import { setWorkingHours } from '../commands/working-hours.js';
import { ownWorkingHours, policyWorkingHours, quietHoursPolicy, urgentTypes } from '../notifications/quiet-hours.js';

async function present(db: Kysely<DB>, userId: number): Promise<WorkingHoursView> {
  const q = await quietHoursPolicy(db);
  const own = await ownWorkingHours(db, userId);
  const policyDefault = policyWorkingHours(q);
  return { enabled: q.enabled, policyDefault, own, effective: own ?? policyDefault, urgentTypes: urgentTypes(q) };
}

export async function quietHoursRoutes(app: FoyerApp, svc: Services) {
  app.get('/me/working-hours', { schema: { response: { 200: WorkingHoursView, ...errors } } }, async (req) => present(svc.db, actorOf(req).id));

  app.put(
    '/me/working-hours',
    { config: limit(svc, 30), schema: { body: WorkingHoursUpdate, response: { 200: WorkingHoursView, ...errors } } },
    async (req) => {
      const actor = actorOf(req);
      await setWorkingHours(svc, actor, req.body.own);
      return present(svc.db, actor.id);
    },
  );
}
