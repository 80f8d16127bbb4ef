import { z } from 'zod';
import { AudiencePreview, LabelLevel } from '@foyer/shared';
import type { FoyerApp } from '../app.js';
import type { Services } from '../services.js';
import { errors, actorOf, IdParams, limit } from './common.js';
import { canReadSpace, loadSpaceForView } from '../policies/spaces.js';
import { loadPostForRead } from '../policies/posts.js';
import { assertLabelFits } from '../policies/labels.js';
import { audiencePreview, newReaderCount } from '../policies/audience.js';
import { notFound } from '../errors.js';

const LabelQuery = z.object({ label: LabelLevel.optional() });

/**
 * Audience previews for composers: who will be able to read, computed by the read policy, and
 * for a change to an existing post, how many people it would add.
 */
export async function audienceRoutes(app: FoyerApp, svc: Services) {
  const db = svc.db;
  app.get(
    '/spaces/:id/audience',
    { config: limit(svc, 600), schema: { params: IdParams, querystring: LabelQuery, response: { 200: AudiencePreview, ...errors } } },
    async (req) => {
      const actor = actorOf(req);
      const ctx = await loadSpaceForView(db, actor, req.params.id);
      // Readers of a space's content are visible to those who read it, like its member list.
      if (!canReadSpace(actor, ctx)) throw notFound('space');
      const label = req.query.label ?? ctx.space.label_default;
      await assertLabelFits(db, ctx.space, label);
      return audiencePreview(db, { space: ctx.space, label });
    },
  );
  app.get(
    '/posts/:id/audience',
    { config: limit(svc, 600), schema: { params: IdParams, querystring: LabelQuery, response: { 200: AudiencePreview, ...errors } } },
    async (req) => {
      const actor = actorOf(req);
      const ctx = await loadPostForRead(db, actor, req.params.id);
      const now = { space: ctx.space, label: ctx.post.label };
      if (req.query.label === undefined) return audiencePreview(db, now);
      await assertLabelFits(db, ctx.space, req.query.label);
      const next = { space: ctx.space, label: req.query.label };
      const [preview, added] = await Promise.all([audiencePreview(db, next), newReaderCount(db, now, next)]);
      return { ...preview, newReaders: added };
    },
  );
}
