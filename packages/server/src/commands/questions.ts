/** Questions and answers: every write goes through here. */
import type { z } from 'zod';
import type { QuestionCreate, QuestionUpdate } from '@foyer/shared';
import { write, type Services } from '../services.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { nowIso } from '../lib/time.js';
import type { Actor } from '../policies/actor.js';
import { loadSpaceForView, spaceAbilities } from '../policies/spaces.js';
import { assertLabelFits } from '../policies/labels.js';
import { assertNotMuted } from '../policies/moderation.js';
import { answerAbilities, loadQuestionForRead, mayBeBest, questionAbilities, seesAnswer } from '../policies/questions.js';
import { renderMarkdown } from '../markdown/render.js';
import { notify } from './notifications.js';
import { attachFiles, dropItemFiles, purgeDeletedFiles, replaceItemFiles } from '../files/commands.js';
import { emit } from '../events/outbox.js';

/** Question and answer events go to the space's readers the question's label allows (and the gateway checks hidden state). */
const audienceOf = (q: { space_id: number; label: number }) => ({ spaceId: q.space_id, label: q.label });

export async function askQuestion(svc: Services, actor: Actor, spaceId: number, input: z.infer<typeof QuestionCreate>): Promise<number> {
  const ctx = await loadSpaceForView(svc.db, actor, spaceId);
  const can = spaceAbilities(actor, ctx);
  if (ctx.space.archived_at) throw new AppError(409, 'space_archived', 'this space is archived');
  if (!can.post) throw forbidden(can.read ? 'join the space to ask' : 'you cannot ask here');
  await assertNotMuted(svc.db, spaceId, actor.id);
  const label = input.label ?? ctx.space.label_default;
  await assertLabelFits(svc.db, ctx.space, label);
  const now = nowIso();
  return write(svc, async (trx) => {
    const { id } = await trx
      .insertInto('questions')
      .values({
        space_id: spaceId,
        author_id: actor.id,
        title: input.title,
        body: input.body,
        html: input.body ? renderMarkdown(input.body) : '',
        tags: JSON.stringify([...new Set(input.tags)]),
        label,
        best_answer_id: null,
        created_at: now,
        edited_at: null,
        deleted_at: null,
        last_activity_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.updateTable('spaces').set({ last_activity_at: now }).where('id', '=', spaceId).execute();
    await attachFiles(trx, actor, { type: 'question', id, spaceId }, input.fileIds);
    await emit(trx, 'question.created', { spaceId, questionId: id, authorId: actor.id }, { spaceId, label });
    return id;
  });
}

export async function editQuestion(svc: Services, actor: Actor, id: number, input: z.infer<typeof QuestionUpdate>) {
  const ctx = await loadQuestionForRead(svc.db, actor, id);
  if (!questionAbilities(actor, ctx).edit) throw forbidden('only the asker can edit this question');
  const set: { title?: string; body?: string; html?: string; tags?: string; edited_at: string } = { edited_at: nowIso() };
  if (input.title !== undefined) set.title = input.title;
  if (input.body !== undefined) Object.assign(set, { body: input.body, html: input.body ? renderMarkdown(input.body) : '' });
  if (input.tags !== undefined) set.tags = JSON.stringify([...new Set(input.tags)]);
  await write(svc, async (trx) => {
    await trx.updateTable('questions').set(set).where('id', '=', id).execute();
    // Same rules as when asking: only the asker's own unattached uploads join; left-out files go.
    await replaceItemFiles(trx, actor, { type: 'question', id, spaceId: ctx.space.id }, input.fileIds);
    await emit(trx, 'question.updated', { spaceId: ctx.space.id, questionId: id }, audienceOf(ctx.question));
  });
  if (input.fileIds !== undefined) await purgeDeletedFiles(svc);
}

export async function deleteQuestion(svc: Services, actor: Actor, id: number) {
  const ctx = await loadQuestionForRead(svc.db, actor, id);
  if (!questionAbilities(actor, ctx).delete) throw forbidden('you cannot delete this question');
  await write(svc, async (trx) => {
    await trx.updateTable('questions').set({ deleted_at: nowIso(), body: '', html: '' }).where('id', '=', id).execute();
    await dropItemFiles(trx, 'question', [id]);
    await dropItemFiles(trx, 'answer', (await trx.selectFrom('answers').select('id').where('question_id', '=', id).execute()).map((a) => a.id));
    await emit(trx, 'question.deleted', { spaceId: ctx.space.id, questionId: id }, audienceOf(ctx.question));
  });
  await purgeDeletedFiles(svc);
}

export async function answerQuestion(svc: Services, actor: Actor, questionId: number, body: string, fileIds?: number[]): Promise<number> {
  const ctx = await loadQuestionForRead(svc.db, actor, questionId);
  if (!questionAbilities(actor, ctx).answer) throw forbidden('you cannot answer here');
  await assertNotMuted(svc.db, ctx.space.id, actor.id);
  const now = nowIso();
  return write(svc, async (trx) => {
    const { id } = await trx
      .insertInto('answers')
      .values({ question_id: questionId, author_id: actor.id, body, html: renderMarkdown(body), created_at: now, edited_at: null, deleted_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('questions')
      .set({ last_activity_at: now })
      .where('id', '=', questionId)
      .execute();
    await attachFiles(trx, actor, { type: 'answer', id, spaceId: ctx.space.id }, fileIds);
    await notify(trx, { userId: ctx.question.author_id, type: 'question_answered', actorId: actor.id, spaceId: ctx.space.id, data: { questionId, answerId: id } });
    await emit(trx, 'answer.created', { spaceId: ctx.space.id, questionId, answerId: id, authorId: actor.id }, audienceOf(ctx.question));
    return id;
  });
}

async function loadAnswer(svc: Services, actor: Actor, answerId: number) {
  const answer = await svc.db.selectFrom('answers').selectAll().where('id', '=', answerId).executeTakeFirst();
  if (!answer) throw notFound('answer');
  try {
    const ctx = await loadQuestionForRead(svc.db, actor, answer.question_id);
    // An answer hidden by moderation is as missing to everyone but its author and the managers.
    if (seesAnswer(actor, ctx, answer)) return { ctx, answer };
  } catch {
    throw notFound('answer');
  }
  throw notFound('answer');
}

/** `fileIds`: the complete new list of attached files, as for a question; undefined leaves them. */
export async function editAnswer(svc: Services, actor: Actor, answerId: number, body: string, fileIds?: number[]) {
  const { ctx, answer } = await loadAnswer(svc, actor, answerId);
  if (!answerAbilities(actor, ctx, answer).edit) throw forbidden('only the author can edit this answer');
  await write(svc, async (trx) => {
    await trx.updateTable('answers').set({ body, html: renderMarkdown(body), edited_at: nowIso() }).where('id', '=', answerId).execute();
    await replaceItemFiles(trx, actor, { type: 'answer', id: answerId, spaceId: ctx.space.id }, fileIds);
    await emit(trx, 'answer.updated', { spaceId: ctx.space.id, questionId: answer.question_id, answerId }, audienceOf(ctx.question));
  });
  if (fileIds !== undefined) await purgeDeletedFiles(svc);
}

export async function deleteAnswer(svc: Services, actor: Actor, answerId: number) {
  const { ctx, answer } = await loadAnswer(svc, actor, answerId);
  if (!answerAbilities(actor, ctx, answer).delete) throw forbidden('you cannot delete this answer');
  await write(svc, async (trx) => {
    await trx.updateTable('answers').set({ deleted_at: nowIso(), body: '', html: '' }).where('id', '=', answerId).execute();
    if (ctx.question.best_answer_id === answerId) await trx.updateTable('questions').set({ best_answer_id: null }).where('id', '=', answer.question_id).execute();
    await dropItemFiles(trx, 'answer', [answerId]);
    await emit(trx, 'answer.deleted', { spaceId: ctx.space.id, questionId: answer.question_id, answerId }, audienceOf(ctx.question));
  });
  await purgeDeletedFiles(svc);
}

/** One vote per person and answer: up, down, or withdrawn (0); the score is kept with the answer. */
export async function vote(svc: Services, actor: Actor, answerId: number, value: 1 | -1 | 0) {
  const { ctx, answer } = await loadAnswer(svc, actor, answerId);
  if (!answerAbilities(actor, ctx, answer).vote) throw forbidden(answer.author_id === actor.id ? 'you cannot vote on your own answer' : 'you cannot vote here');
  await write(svc, async (trx) => {
    const before = await trx.selectFrom('answer_votes').select('value').where('answer_id', '=', answerId).where('user_id', '=', actor.id).executeTakeFirst();
    const delta = value - (before?.value ?? 0);
    if (!delta) return;
    await trx.deleteFrom('answer_votes').where('answer_id', '=', answerId).where('user_id', '=', actor.id).execute();
    if (value) await trx.insertInto('answer_votes').values({ answer_id: answerId, user_id: actor.id, value }).execute();
    await trx.updateTable('answers').set((eb) => ({ score: eb('score', '+', delta) })).where('id', '=', answerId).execute();
    // The new total only: who voted is never part of an event.
    const { score } = await trx.selectFrom('answers').select('score').where('id', '=', answerId).executeTakeFirstOrThrow();
    await emit(trx, 'answer.voted', { spaceId: ctx.space.id, questionId: answer.question_id, answerId, score }, audienceOf(ctx.question));
  });
}

export async function chooseBest(svc: Services, actor: Actor, questionId: number, answerId: number | null) {
  const ctx = await loadQuestionForRead(svc.db, actor, questionId);
  if (!questionAbilities(actor, ctx).chooseBest) throw forbidden('only the asker or a space admin can choose the best answer');
  if (answerId !== null) {
    // Missing, deleted, hidden, unreadable or another question's: all the same 404.
    const answer = await svc.db.selectFrom('answers').selectAll().where('id', '=', answerId).executeTakeFirst();
    if (!answer || !mayBeBest(actor, ctx, answer)) throw notFound('answer');
  }
  await write(svc, async (trx) => {
    await trx.updateTable('questions').set({ best_answer_id: answerId }).where('id', '=', questionId).execute();
    await emit(trx, 'answer.best', { spaceId: ctx.space.id, questionId, answerId }, audienceOf(ctx.question));
  });
}

export async function commentOnAnswer(svc: Services, actor: Actor, answerId: number, body: string) {
  const { ctx, answer } = await loadAnswer(svc, actor, answerId);
  if (!answerAbilities(actor, ctx, answer).comment) throw forbidden('you cannot comment here');
  await assertNotMuted(svc.db, ctx.space.id, actor.id);
  await write(svc, async (trx) => {
    await trx.insertInto('answer_comments').values({ answer_id: answerId, author_id: actor.id, body, html: renderMarkdown(body), created_at: nowIso(), deleted_at: null }).execute();
    await emit(trx, 'answer.updated', { spaceId: ctx.space.id, questionId: answer.question_id, answerId }, audienceOf(ctx.question));
  });
}
