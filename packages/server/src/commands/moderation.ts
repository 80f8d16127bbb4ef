/** Reports and moderation decisions: every decision is recorded and explained to reporter and author. */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { ModerationDecision, ReportCreate } from '@foyer/shared';
import type { DB } from '../db/schema.js';
import { write, type Services } from '../services.js';
import { conflict, forbidden, invalid, notFound } from '../errors.js';
import { nowIso } from '../lib/time.js';
import type { Actor } from '../policies/actor.js';
import { loadCommentForRead, loadPostForRead } from '../policies/posts.js';
import { loadMessageForRead } from '../policies/conversations.js';
import { loadAnswerForRead, loadQuestionForRead } from '../policies/questions.js';
import { loadPageForRead } from '../policies/pages.js';
import { dropItemFiles, purgeDeletedFiles } from '../files/commands.js';
import { escalatingCategories, mayModerate, type ReportRow } from '../policies/moderation.js';
import { announceItemChanged } from '../events/item-changed.js';
import { notify } from './notifications.js';
import { appendAudit } from '../compliance/audit.js';

interface Target {
  spaceId: number | null;
  conversationId: number | null;
  authorId: number;
  /** Direct and group messages have no space moderators. */
  spaceless: boolean;
}

/** The reported item, through the reporter's own read policy: what they cannot see, they cannot report (404). */
async function targetFor(db: Kysely<DB>, actor: Actor, type: ReportRow['target_type'], id: number): Promise<Target> {
  if (type === 'post') {
    const c = await loadPostForRead(db, actor, id);
    return { spaceId: c.space.id, conversationId: null, authorId: c.post.author_id, spaceless: false };
  }
  if (type === 'comment') {
    const c = await loadCommentForRead(db, actor, id);
    return { spaceId: c.space.id, conversationId: null, authorId: c.comment.author_id, spaceless: false };
  }
  if (type === 'question') {
    const c = await loadQuestionForRead(db, actor, id);
    return { spaceId: c.space.id, conversationId: null, authorId: c.question.author_id, spaceless: false };
  }
  if (type === 'answer') {
    const c = await loadAnswerForRead(db, actor, id);
    return { spaceId: c.space.id, conversationId: null, authorId: c.answer.author_id, spaceless: false };
  }
  if (type === 'page') {
    // A wiki page has many writers: its author here is whoever saved the version being reported.
    const c = await loadPageForRead(db, actor, id);
    return { spaceId: c.space.id, conversationId: null, authorId: c.page.updated_by, spaceless: false };
  }
  const c = await loadMessageForRead(db, actor, id);
  return { spaceId: c.conversation.space_id, conversationId: c.conversation.id, authorId: c.message.author_id, spaceless: c.conversation.space_id === null };
}

export async function createReport(svc: Services, actor: Actor, input: z.infer<typeof ReportCreate>): Promise<number> {
  if (actor.scope === 'read') throw forbidden('this token can only read');
  const target = await targetFor(svc.db, actor, input.targetType, input.targetId);
  if (target.authorId === actor.id) throw invalid('you cannot report your own content');
  const open = await svc.db
    .selectFrom('reports')
    .select('id')
    .where('reporter_id', '=', actor.id)
    .where('target_type', '=', input.targetType)
    .where('target_id', '=', input.targetId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (open) return open.id;
  const escalated = target.spaceless || (await escalatingCategories(svc.db)).has(input.category);
  const moderators = await queueMembers(svc.db, target.spaceId, escalated);
  return write(svc, async (trx) => {
    const { id } = await trx
      .insertInto('reports')
      .values({
        target_type: input.targetType,
        target_id: input.targetId,
        space_id: target.spaceId,
        conversation_id: target.conversationId,
        author_id: target.authorId,
        reporter_id: actor.id,
        category: input.category,
        note: input.note,
        escalated: escalated ? 1 : 0,
        status: 'open',
        created_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The notification names the queue, not the content or the reporter.
    for (const userId of moderators) if (userId !== target.authorId) await notify(trx, { userId, type: 'report_received', actorId: null, spaceId: target.spaceId, data: { reportId: id } });
    return id;
  });
}

async function queueMembers(db: Kysely<DB>, spaceId: number | null, escalated: boolean): Promise<number[]> {
  const ids = new Set<number>();
  if (spaceId !== null)
    for (const m of await db.selectFrom('memberships').select('user_id').where('space_id', '=', spaceId).where('state', '=', 'member').where('role', 'in', ['owner', 'admin']).execute())
      ids.add(m.user_id);
  if (escalated) for (const r of await db.selectFrom('user_roles').select('user_id').where('role', '=', 'moderator').execute()) ids.add(r.user_id);
  return [...ids];
}

/** Loads a report its moderator may act on; anyone else gets the same 404 as for a missing one. */
export async function loadReportForModerator(db: Kysely<DB>, actor: Actor, id: number): Promise<ReportRow> {
  const report = await db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!report || !(await mayModerate(db, actor, report))) throw notFound('report');
  return report;
}

/** The table of each reportable item type (every one has body, html, hidden_at and deleted_at). */
export const REPORT_TABLE = { post: 'posts', comment: 'comments', message: 'messages', question: 'questions', answer: 'answers', page: 'pages' } as const;

export async function decide(svc: Services, actor: Actor, reportId: number, decision: z.infer<typeof ModerationDecision>) {
  if (actor.scope === 'read') throw forbidden('this token can only read');
  const report = await loadReportForModerator(svc.db, actor, reportId);
  if (report.status === 'resolved') throw conflict('this report was already resolved');
  if (decision.action === 'mute' && (report.space_id === null || !decision.muteDays)) throw invalid('a mute needs a space and a number of days', { fields: { muteDays: 'required' } });
  const table = REPORT_TABLE[report.target_type];
  const item = await svc.db.selectFrom(table).select(['id', 'deleted_at']).where('id', '=', report.target_id).executeTakeFirst();
  if (!item) throw notFound('item');
  const now = nowIso();
  const dropsFiles = decision.action === 'delete' && !item.deleted_at && FILE_OWNERS.has(report.target_type);
  await write(svc, async (trx) => {
    if (decision.action === 'hide') await trx.updateTable(table).set({ hidden_at: now }).where('id', '=', report.target_id).execute();
    if (decision.action === 'restore') await trx.updateTable(table).set({ hidden_at: null }).where('id', '=', report.target_id).execute();
    if (decision.action === 'delete' && !item.deleted_at) {
      await trx.updateTable(table).set({ body: '', html: '', deleted_at: now }).where('id', '=', report.target_id).execute();
      await keepCountsRight(trx, report);
      if (dropsFiles) await dropItemFiles(trx, report.target_type as 'question' | 'answer' | 'page', [report.target_id]);
      // A deleted question takes its answers' attachments along, as deleteQuestion does.
      if (report.target_type === 'question')
        await dropItemFiles(trx, 'answer', (await trx.selectFrom('answers').select('id').where('question_id', '=', report.target_id).execute()).map((a) => a.id));
    }
    if (decision.action === 'mute') {
      const until = new Date(Date.now() + decision.muteDays! * 86_400_000).toISOString();
      await trx.deleteFrom('space_mutes').where('space_id', '=', report.space_id!).where('user_id', '=', report.author_id).execute();
      await trx.insertInto('space_mutes').values({ space_id: report.space_id!, user_id: report.author_id, until }).execute();
    }
    await trx.insertInto('moderation_actions').values({ report_id: report.id, moderator_id: actor.id, action: decision.action, reason: decision.reason, created_at: now }).execute();
    // The reason stays in moderation_actions: the log keeps the decision, not its wording.
    await appendAudit(trx, svc.dialect, {
      actorId: actor.id,
      action: 'moderation.decided',
      targetType: 'report',
      targetId: report.id,
      details: { action: decision.action, item: report.target_type, itemId: report.target_id, spaceId: report.space_id },
    });
    // Hidden stays open for review; every other decision resolves the report (and its twins from other reporters).
    if (decision.action !== 'hide')
      await trx.updateTable('reports').set({ status: 'resolved' }).where('target_type', '=', report.target_type).where('target_id', '=', report.target_id).where('status', '=', 'open').execute();
    for (const userId of new Set([report.reporter_id, report.author_id]))
      await notify(trx, { userId, type: 'moderation_decision', actorId: null, spaceId: report.space_id, data: { reportId: report.id, action: decision.action, reason: decision.reason } });
    // Readers refetch the item: a hidden or deleted one then answers 404 or a tombstone.
    if (['hide', 'restore', 'delete'].includes(decision.action)) await announceItemChanged(trx, report.target_type, report.target_id);
  });
  if (dropsFiles) await purgeDeletedFiles(svc);
}

/** Items whose attachments live in the files table and go with them, as when their own delete command runs. */
const FILE_OWNERS = new Set<ReportRow['target_type']>(['question', 'answer', 'page']);

/**
 * What the item's own delete command does besides the tombstone: a deleted comment or thread reply
 * no longer counts, a deleted answer no longer stays the best answer; a deleted page's children move up to its
 * parent and its links go.
 */
async function keepCountsRight(trx: Kysely<DB>, r: ReportRow) {
  if (r.target_type === 'answer') await trx.updateTable('questions').set({ best_answer_id: null }).where('best_answer_id', '=', r.target_id).execute();
  if (r.target_type === 'page') {
    const p = await trx.selectFrom('pages').select('parent_id').where('id', '=', r.target_id).executeTakeFirstOrThrow();
    await trx.updateTable('pages').set({ parent_id: p.parent_id }).where('parent_id', '=', r.target_id).execute();
    await trx.deleteFrom('page_links').where((eb) => eb.or([eb('from_page', '=', r.target_id), eb('to_page', '=', r.target_id)])).execute();
  }
  if (r.target_type === 'comment') {
    const c = await trx.selectFrom('comments').select('post_id').where('id', '=', r.target_id).executeTakeFirstOrThrow();
    await trx.updateTable('posts').set((eb) => ({ comment_count: eb('comment_count', '-', 1) })).where('id', '=', c.post_id).execute();
  }
  if (r.target_type === 'message') {
    const m = await trx.selectFrom('messages').select('thread_root_id').where('id', '=', r.target_id).executeTakeFirstOrThrow();
    if (m.thread_root_id !== null) await trx.updateTable('messages').set((eb) => ({ reply_count: eb('reply_count', '-', 1) })).where('id', '=', m.thread_root_id).execute();
  }
}

