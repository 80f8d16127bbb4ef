/**
 * Retention and legal hold: a space's retention periods (read by its readers, shortened by its
 * managers), legal holds (administrators), and whether a hold covers me. The daily run itself is
 * a job (privacy/retention.ts). See docs/api.md (Retention and legal hold).
 */
import { z } from 'zod';
import { LegalHold, LegalHoldInput, MyLegalHold, SpaceRetention, SpaceRetentionUpdate } from '@foyer/shared';
import type { FoyerApp } from '../app.js';
import type { Services } from '../services.js';
import { errors, actorOf, IdParams, NoContent, limit } from './common.js';
import { myLegalHold, setSpaceRetention, spaceRetention } from '../privacy/retention.js';
import { liftHold, listHolds, placeHold, presentHolds } from '../privacy/holds.js';

export async function retentionRoutes(app: FoyerApp, svc: Services) {
  const db = svc.db;

  app.get('/spaces/:id/retention', { schema: { params: IdParams, response: { 200: SpaceRetention, ...errors } } }, async (req) =>
    spaceRetention(svc, actorOf(req), req.params.id),
  );

  app.put(
    '/spaces/:id/retention',
    { config: limit(svc, 30), schema: { params: IdParams, body: SpaceRetentionUpdate, response: { 200: SpaceRetention, ...errors } } },
    async (req) => {
      const actor = actorOf(req);
      await setSpaceRetention(svc, actor, req.params.id, req.body);
      return spaceRetention(svc, actor, req.params.id);
    },
  );

  app.get('/legal-holds', { schema: { response: { 200: z.object({ items: z.array(LegalHold) }), ...errors } } }, async (req) => ({
    items: await listHolds(svc, actorOf(req)),
  }));

  app.post('/legal-holds', { config: limit(svc, 30), schema: { body: LegalHoldInput, response: { 200: LegalHold, ...errors } } }, async (req) => {
    const id = await placeHold(svc, actorOf(req), req.body);
    return (await presentHolds(db, [await db.selectFrom('legal_holds').selectAll().where('id', '=', id).executeTakeFirstOrThrow()]))[0];
  });

  app.delete('/legal-holds/:id', { config: limit(svc, 30), schema: { params: IdParams, response: { 204: NoContent, ...errors } } }, async (req, reply) => {
    await liftHold(svc, actorOf(req), req.params.id);
    return reply.status(204).send(null);
  });

  app.get('/me/legal-hold', { schema: { response: { 200: MyLegalHold, ...errors } } }, async (req) => myLegalHold(db, actorOf(req)));
}
