/**
 * Questions follow their space and label exactly like posts: readable when the space is readable
 * and the label allows the reader. The asker or a space admin chooses the best answer.
 */
import { sql, type ExpressionBuilder, type Kysely, type RawBuilder, type Selectable, type SqlBool } from 'kysely';
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
  if (!seesQuestion(actor, { ...ctx, question })) throw notFound('question');
  return { ...ctx, question };
}

/** Hidden pending review, like a post: the asker and the space's managers still see it. REST and realtime delivery both ask this. */
export function seesQuestion(actor: Actor, ctx: QuestionContext): boolean {
  return !ctx.question.hidden_at || ctx.question.author_id === actor.id || spaceAbilities(actor, ctx).manage;
}

export interface AnswerContext extends QuestionContext {
  answer: AnswerRow;
}

/** An answer through its question's policy; deleted, hidden (to others than its author and the managers) and missing alike are 404. */
export async function loadAnswerForRead(db: Kysely<DB>, actor: Actor, id: number): Promise<AnswerContext> {
  const answer = await db.selectFrom('answers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!answer || answer.deleted_at) throw notFound('answer');
  let ctx: QuestionContext;
  try {
    ctx = await loadQuestionForRead(db, actor, answer.question_id);
  } catch {
    throw notFound('answer');
  }
  if (!seesAnswer(actor, ctx, answer)) throw notFound('answer');
  return { ...ctx, answer };
}

/** Lists leave moderation-hidden questions out, except for their asker. */
export function unhiddenQuestions(actor: Actor) {
  return (eb: ExpressionBuilder<DB, 'questions'>) => eb.or([eb('questions.hidden_at', 'is', null), eb('questions.author_id', '=', actor.id)]);
}

/** Whether a hidden answer is still shown in its question to this person: its author and the space's managers. */
export function seesAnswer(actor: Actor, ctx: QuestionContext, answer: AnswerRow): boolean {
  return !answer.hidden_at || answer.author_id === actor.id || spaceAbilities(actor, ctx).manage;
}

/**
 * seesAnswer (plus "not deleted") as SQL, for what cannot load each answer: counts, the best-answer
 * marker and the unanswered/solved filters. `answer` and `question` are the table names or aliases
 * in the query it goes into; the question itself must already be readable there. Managing needs a
 * writing session, as in spaceAbilities.
 */
export function readableAnswerSql(actor: Actor, answer: string, question: string): RawBuilder<SqlBool> {
  const col = (c: string) => sql.ref(`${answer}.${c}`);
  const manages =
    actor.scope === 'read'
      ? sql<SqlBool>`1 = 0`
      : sql<SqlBool>`${sql.ref(`${question}.space_id`)} in (select qm.space_id from memberships qm where qm.user_id = ${actor.id} and qm.state = 'member' and qm.role in ('owner', 'admin'))`;
  return sql<SqlBool>`(${col('deleted_at')} is null and (${col('hidden_at')} is null or ${col('author_id')} = ${actor.id} or ${manages}))`;
}

/**
 * Whether this answer may become the best one: a live answer the actor reads, not hidden by
 * moderation (not even for the managers who still see it). Anything else is answered like a
 * missing answer.
 */
export function mayBeBest(actor: Actor, ctx: QuestionContext, answer: AnswerRow): boolean {
  return answer.question_id === ctx.question.id && !answer.deleted_at && !answer.hidden_at && seesAnswer(actor, ctx, answer);
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
