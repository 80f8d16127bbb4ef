import { z } from 'zod';
import { AudiencePreview, LabelLevel, Page, PageQuery, ShareAudienceQuery, UserSummary } from '@foyer/shared';
import type { FoyerApp } from '../app.js';
import type { Services } from '../services.js';
import { errors, actorOf, IdParams, limit } from './common.js';
import { canReadSpace, loadSpaceForView } from '../policies/spaces.js';
import { loadPostForRead } from '../policies/posts.js';
import { assertLabelFits, labelExists } from '../policies/labels.js';
import { audiencePeople, audiencePreview, newReaderCount, sharedReaderCount, type AudienceTarget } from '../policies/audience.js';
import { loadConversationForRead } from '../policies/conversations.js';
import { invalid, notFound } from '../errors.js';
import { decodeCursor, page } from '../lib/cursor.js';
import { presentUserSummary } from '../presenters/users.js';
import type { Actor } from '../policies/actor.js';

const LabelQuery = z.object({ label: LabelLevel.optional() });
const PeopleQuery = PageQuery.extend(LabelQuery.shape);

/**
 * Audience previews for composers: who will be able to read, computed by the read policy, and
 * for a change to an existing post, how many people it would add.
 */
export async function audienceRoutes(app: FoyerApp, svc: Services) {
  const db = svc.db;
  /** A space's readers for an item with this label (the space's default when none is given). */
  async function spaceTarget(actor: Actor, spaceId: number, label: number | undefined): Promise<AudienceTarget> {
    const ctx = await loadSpaceForView(db, actor, spaceId);
    // Readers of a space's content are visible to those who read it, like its member list.
    if (!canReadSpace(actor, ctx)) throw notFound('space');
    const chosen = label ?? ctx.space.label_default;
    await assertLabelFits(db, ctx.space, chosen);
    return { space: ctx.space, label: chosen };
  }

  /** The expanded preview: who exactly, one page at a time. */
  async function peoplePage(actor: Actor, target: AudienceTarget, q: { cursor?: string; limit: number }) {
    const rows = await audiencePeople(db, target, actor, decodeCursor(q.cursor), q.limit);
    const p = page(rows, q.limit);
    return { items: p.items.map(presentUserSummary), nextCursor: p.nextCursor };
  }

  app.get(
    '/spaces/:id/audience',
    { config: limit(svc, 600), schema: { params: IdParams, querystring: LabelQuery, response: { 200: AudiencePreview, ...errors } } },
    async (req) => audiencePreview(db, await spaceTarget(actorOf(req), req.params.id, req.query.label)),
  );
  app.get(
    '/spaces/:id/audience/people',
    { config: limit(svc, 300), schema: { params: IdParams, querystring: PeopleQuery, response: { 200: Page(UserSummary), ...errors } } },
    async (req) => {
      const actor = actorOf(req);
      return peoplePage(actor, await spaceTarget(actor, req.params.id, req.query.label), req.query);
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
  app.get(
    '/conversations/:id/audience',
    { config: limit(svc, 600), schema: { params: IdParams, querystring: LabelQuery, response: { 200: AudiencePreview, ...errors } } },
    async (req) => {
      const ctx = await loadConversationForRead(db, actorOf(req), req.params.id);
      const now = { conversation: ctx.conversation, label: ctx.conversation.label };
      const label = req.query.label;
      if (label === undefined || label === ctx.conversation.label) return audiencePreview(db, now);
      if (!(await labelExists(db, label))) throw invalid('unknown label', { fields: { label: 'unknown' } });
      const next = { conversation: ctx.conversation, label };
      const [preview, added] = await Promise.all([audiencePreview(db, next), newReaderCount(db, now, next)]);
      return { ...preview, newReaders: added };
    },
  );
  app.get(
    '/conversations/:id/audience/people',
    { config: limit(svc, 300), schema: { params: IdParams, querystring: PageQuery, response: { 200: Page(UserSummary), ...errors } } },
    async (req) => {
      const actor = actorOf(req);
      const ctx = await loadConversationForRead(db, actor, req.params.id);
      return peoplePage(actor, { conversation: ctx.conversation, label: ctx.conversation.label }, req.query);
    },
  );
  app.get(
    '/posts/:id/share-audience',
    { config: limit(svc, 600), schema: { params: IdParams, querystring: ShareAudienceQuery, response: { 200: AudiencePreview, ...errors } } },
    async (req) => {
      const actor = actorOf(req);
      const original = await loadPostForRead(db, actor, req.params.id);
      const place = await sharePlace(actor, req.query);
      const [preview, originalReaders] = await Promise.all([
        audiencePreview(db, place),
        sharedReaderCount(db, place, { space: original.space, label: original.post.label }),
      ]);
      return { ...preview, originalReaders };
    },
  );

  /** Where a share would go, as the share itself would be labelled there (the place's default). */
  async function sharePlace(actor: Actor, q: { spaceId?: number; conversationId?: number }): Promise<AudienceTarget> {
    if ((q.spaceId === undefined) === (q.conversationId === undefined)) throw invalid('name either a space or a conversation', { fields: { spaceId: 'one_of' } });
    if (q.conversationId !== undefined) {
      const c = await loadConversationForRead(db, actor, q.conversationId);
      return { conversation: c.conversation, label: c.conversation.label };
    }
    return spaceTarget(actor, q.spaceId!, undefined);
  }
}
