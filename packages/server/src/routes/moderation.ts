import { z } from 'zod';
import { ModerationDecision, Report, ReportCreate } from '@foyer/shared';
import type { Kysely } from 'kysely';
import type { FoyerApp } from '../app.js';
import type { Services } from '../services.js';
import type { DB } from '../db/schema.js';
import { errors, actorOf, IdParams, limit } from './common.js';
import * as moderation from '../commands/moderation.js';
import { moderatedReports, type ReportRow } from '../policies/moderation.js';
import type { Actor } from '../policies/actor.js';
import { presentUserSummary, USER_SUMMARY_COLUMNS } from '../presenters/users.js';
import { spaceRef } from '../presenters/spaces.js';
import { recordReportViews } from '../compliance/transparency.js';

/** Exactly the reported item, whatever its type: author (the report's, fixed when reported), title, text, state, and where it lives. */
async function reportedItem(db: Kysely<DB>, r: ReportRow) {
  const cols = ['html', 'created_at', 'hidden_at', 'deleted_at'] as const;
  switch (r.target_type) {
    case 'comment': {
      const c = await db.selectFrom('comments').select([...cols, 'post_id']).where('id', '=', r.target_id).executeTakeFirstOrThrow();
      return { ...c, title: null, parentId: c.post_id };
    }
    case 'message': {
      const m = await db.selectFrom('messages').select([...cols, 'conversation_id']).where('id', '=', r.target_id).executeTakeFirstOrThrow();
      return { ...m, title: null, parentId: m.conversation_id };
    }
    case 'answer': {
      const a = await db.selectFrom('answers').select([...cols, 'question_id']).where('id', '=', r.target_id).executeTakeFirstOrThrow();
      return { ...a, title: null, parentId: a.question_id };
    }
    case 'question':
      return { ...(await db.selectFrom('questions').select([...cols, 'title']).where('id', '=', r.target_id).executeTakeFirstOrThrow()), parentId: null };
    case 'page': {
      // A page's date is that of the version that was reported on, not of its first version.
      const p = await db.selectFrom('pages').select(['html', 'updated_at as created_at', 'hidden_at', 'deleted_at', 'title']).where('id', '=', r.target_id).executeTakeFirstOrThrow();
      return { ...p, parentId: null };
    }
    default:
      return { ...(await db.selectFrom('posts').select([...cols]).where('id', '=', r.target_id).executeTakeFirstOrThrow()), title: null, parentId: null };
  }
}

async function presentReport(db: Kysely<DB>, r: ReportRow) {
  const item = { ...(await reportedItem(db, r)), author_id: r.author_id };
  const actions = await db.selectFrom('moderation_actions').selectAll().where('report_id', '=', r.id).orderBy('id').execute();
  const userIds = [...new Set([item.author_id, ...actions.map((a) => a.moderator_id)])];
  const users = new Map((await db.selectFrom('users').select([...USER_SUMMARY_COLUMNS]).where('id', 'in', userIds).execute()).map((u) => [u.id, u]));
  const space = r.space_id !== null ? await db.selectFrom('spaces').selectAll().where('id', '=', r.space_id).executeTakeFirst() : undefined;
  return {
    id: r.id,
    targetType: r.target_type,
    targetId: r.target_id,
    category: r.category,
    note: r.note,
    status: r.status,
    escalated: r.escalated === 1,
    createdAt: r.created_at,
    space: space ? spaceRef(space) : null,
    item: {
      author: presentUserSummary(users.get(item.author_id)!),
      title: item.title,
      html: item.html,
      createdAt: item.created_at,
      hidden: !!item.hidden_at,
      deleted: !!item.deleted_at,
      parentId: item.parentId,
    },
    actions: actions.map((a) => ({ action: a.action, reason: a.reason, moderator: presentUserSummary(users.get(a.moderator_id)!), createdAt: a.created_at })),
  };
}

/**
 * Reporting and the moderation queue. The queue holds the reports of the spaces one moderates,
 * plus escalated ones for company moderators — each with exactly the reported item.
 */
export async function moderationRoutes(app: FoyerApp, svc: Services) {
  const db = svc.db;
  app.post('/reports', { config: limit(svc, 20), schema: { body: ReportCreate, response: { 200: z.object({ id: z.number() }), ...errors } } }, async (req) => ({
    id: await moderation.createReport(svc, actorOf(req), req.body),
  }));
  app.get('/moderation/reports', { schema: { querystring: z.object({ status: z.enum(['open', 'resolved']).default('open') }), response: { 200: z.object({ items: z.array(Report) }), ...errors } } }, async (req) => {
    const actor: Actor = actorOf(req);
    const rows = await db
      .selectFrom('reports')
      .selectAll()
      .where('status', '=', req.query.status)
      .where(await moderatedReports(db, actor))
      .orderBy('id', 'desc')
      .limit(100)
      .execute();
    // The queue shows each reported item: its author learns that a moderator saw it.
    await recordReportViews(svc, actor, rows);
    return { items: await Promise.all(rows.map((r) => presentReport(db, r))) };
  });
  app.get('/moderation/reports/:id', { schema: { params: IdParams, response: { 200: Report, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    const report = await moderation.loadReportForModerator(db, actor, req.params.id);
    await recordReportViews(svc, actor, [report]);
    return presentReport(db, report);
  });
  app.post('/moderation/reports/:id/decide', { schema: { params: IdParams, body: ModerationDecision, response: { 200: Report, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    await moderation.decide(svc, actor, req.params.id, req.body);
    return presentReport(db, await db.selectFrom('reports').selectAll().where('id', '=', req.params.id).executeTakeFirstOrThrow());
  });
}
