/**
 * Questions follow their space and label exactly like posts: readable when the space is readable
 * and the label allows the reader. The asker or a space admin chooses the best answer.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DB, QuestionTable, AnswerTable } from '../db/schema.js';
import type { Actor } from './actor.js';
import { canReadSpace, loadSpaceContext, spaceAbilities, type SpaceContext } from './spaces.js';
import { labelAllows, loadLabelPolicy } from './labels.js';
import { notFound } from '../errors.js';

export type QuestionRow = Selectable<QuestionTable>;
export type AnswerRow = Selectable<AnswerTable>;
export interface QuestionContext extends SpaceContext {
  question: QuestionRow;
}

export async function loadQuestionForRead(db: Kysely<DB>, actor: Actor, id: number): Promise<QuestionContext> {
  const question = await db.selectFrom('questions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!question || question.deleted_at) throw notFound('question');
  const ctx = await loadSpaceContext(db, actor, question.space_id);
  if (!ctx || !canReadSpace(actor, ctx)) throw notFound('question');
  if (actor.role === 'guest' && !labelAllows(actor, question.label, await loadLabelPolicy(db))) throw notFound('question');
  return { ...ctx, question };
}

export function questionAbilities(actor: Actor, ctx: QuestionContext) {
  const space = spaceAbilities(actor, ctx);
  const live = !ctx.space.archived_at;
  const write = actor.scope !== 'read';
  const own = ctx.question.author_id === actor.id;
  return {
    edit: live && own && write,
    delete: write && (own || space.manage),
    answer: live && space.read && write,
    chooseBest: live && write && (own || space.manage),
  };
}

export function answerAbilities(actor: Actor, ctx: QuestionContext, answer: AnswerRow) {
  const q = questionAbilities(actor, ctx);
  const own = answer.author_id === actor.id;
  const live = !answer.deleted_at;
  return {
    edit: live && own && q.answer,
    delete: live && actor.scope !== 'read' && (own || spaceAbilities(actor, ctx).manage),
    vote: live && !own && q.answer,
    comment: live && q.answer,
  };
}
