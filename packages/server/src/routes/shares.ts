import { z } from 'zod';
import { Declassification, DeclassifyRequest } from '@foyer/shared';
import type { FoyerApp } from '../app.js';
import type { Services } from '../services.js';
import { errors, actorOf, IdParams, limit } from './common.js';
import * as shares from '../commands/shares.js';
import { presentUserSummary, USER_SUMMARY_COLUMNS } from '../presenters/users.js';
import { spaceRef } from '../presenters/spaces.js';
import type { DeclassificationTable } from '../db/schema.js';
import type { Selectable } from 'kysely';

type Row = Selectable<DeclassificationTable>;

/** Declassification requests from shares, and the decisions of the original's author or space owner. */
export async function shareRoutes(app: FoyerApp, svc: Services) {
  const db = svc.db;
  const present = async (rows: Row[], canDecide: (r: Row) => boolean) => {
    const userIds = [...new Set(rows.flatMap((r) => [r.requested_by, ...(r.decided_by ? [r.decided_by] : [])]))];
    const spaceIds = [...new Set(rows.map((r) => r.space_id).filter((x): x is number => x !== null))];
    const [users, spaces] = await Promise.all([
      userIds.length ? db.selectFrom('users').select([...USER_SUMMARY_COLUMNS]).where('id', 'in', userIds).execute() : [],
      spaceIds.length ? db.selectFrom('spaces').selectAll().where('id', 'in', spaceIds).execute() : [],
    ]);
    const userBy = new Map(users.map((u) => [u.id, u]));
    const spaceBy = new Map(spaces.map((s) => [s.id, s]));
    return rows.map((r) => ({
      id: r.id,
      postId: r.post_id,
      space: r.space_id !== null && spaceBy.get(r.space_id) ? spaceRef(spaceBy.get(r.space_id)!) : null,
      conversationId: r.conversation_id,
      requestedBy: presentUserSummary(userBy.get(r.requested_by)!),
      reason: r.reason,
      status: r.status,
      decidedBy: r.decided_by ? presentUserSummary(userBy.get(r.decided_by)!) : null,
      createdAt: r.created_at,
      decidedAt: r.decided_at,
      canDecide: canDecide(r),
    }));
  };
  const byId = async (id: number) => db.selectFrom('declassifications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  for (const [kind, key] of [
    ['posts', 'postId'],
    ['messages', 'messageId'],
  ] as const) {
    app.post(`/${kind}/:id/declassify`, { config: limit(svc, 30), schema: { params: IdParams, body: DeclassifyRequest, response: { 200: Declassification, ...errors } } }, async (req) => {
      const actor = actorOf(req);
      const target = key === 'postId' ? { postId: req.params.id } : { messageId: req.params.id };
      const id = await shares.requestDeclassification(svc, actor, target, req.body.reason);
      return (await present([await byId(id)], () => false))[0];
    });
  }
  app.get('/posts/:id/declassifications', { schema: { params: IdParams, response: { 200: z.object({ items: z.array(Declassification) }), ...errors } } }, async (req) => {
    const { rows, canDecide } = await shares.declassificationsOf(svc, actorOf(req), req.params.id);
    return { items: await present(rows, (r) => canDecide && r.status === 'pending') };
  });
  app.get('/declassifications', { schema: { response: { 200: z.object({ items: z.array(Declassification) }), ...errors } } }, async (req) => {
    return { items: await present(await shares.pendingForDecider(svc, actorOf(req)), () => true) };
  });
  for (const [path, approve] of [
    ['approve', true],
    ['deny', false],
  ] as const) {
    app.post(`/declassifications/:id/${path}`, { schema: { params: IdParams, response: { 200: Declassification, ...errors } } }, async (req) => {
      const actor = actorOf(req);
      await shares.decideDeclassification(svc, actor, req.params.id, approve);
      return (await present([await byId(req.params.id)], () => false))[0];
    });
  }
}
