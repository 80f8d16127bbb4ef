/** Question lists: per space or across every readable space, filtered, newest first by keyset. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Actor } from '../policies/actor.js';
import { readableSpaceIds } from '../policies/spaces.js';
import { labelCondition } from '../policies/labels.js';
import { SearchService, dialectOf } from '../search/service.js';
import { readableAnswerSql, unhiddenQuestions, type QuestionRow } from '../policies/questions.js';

export interface QuestionListArgs {
  spaceId?: number;
  filter: 'all' | 'unanswered' | 'solved';
  before?: number;
  limit: number;
}

export function listQuestions(db: Kysely<DB>, actor: Actor, args: QuestionListArgs): Promise<QuestionRow[]> {
  let q = db.selectFrom('questions').selectAll().where('deleted_at', 'is', null).where(unhiddenQuestions(actor)).where('space_id', 'in', readableSpaceIds(db, actor));
  const label = labelCondition(actor, 'questions.label');
  if (label) q = q.where(label);
  if (args.spaceId !== undefined) q = q.where('space_id', '=', args.spaceId);
  // Answered and solved as the viewer sees it: answers they may not read do not count.
  const readable = readableAnswerSql(actor, 'fa', 'questions');
  if (args.filter === 'unanswered') q = q.where(sql<boolean>`not exists (select 1 from answers fa where fa.question_id = questions.id and ${readable})`);
  if (args.filter === 'solved') q = q.where(sql<boolean>`exists (select 1 from answers fa where fa.id = questions.best_answer_id and fa.question_id = questions.id and ${readable})`);
  if (args.before) q = q.where('id', '<', args.before);
  return q.orderBy('id', 'desc').limit(args.limit + 1).execute();
}

/**
 * Questions that share words with what is being typed, best first: shown while asking, so people
 * find an answer before asking again. Uses search (stemmed, German and English, same permission
 * condition as every search result).
 */
export async function similarQuestions(db: Kysely<DB>, actor: Actor, text: string, limit = 5): Promise<QuestionRow[]> {
  const ids = await new SearchService(db, dialectOf(db)).similar(actor, text, 'question', limit);
  if (!ids.length) return [];
  const rows = await db.selectFrom('questions').selectAll().where('id', 'in', ids).where('deleted_at', 'is', null).where('hidden_at', 'is', null).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

export interface AnswerTally {
  count: number;
  /** The best answer, when the viewer may read it; otherwise the question is unsolved for them. */
  bestId: number | null;
}

/** Per question: how many answers the viewer may read, and whether the best one is among them. */
export async function answerTallies(db: Kysely<DB>, actor: Actor, questionIds: number[]): Promise<Map<number, AnswerTally>> {
  const out = new Map<number, AnswerTally>(questionIds.map((id) => [id, { count: 0, bestId: null }]));
  if (!questionIds.length) return out;
  const rows = await db
    .selectFrom('answers as ta')
    .innerJoin('questions as tq', 'tq.id', 'ta.question_id')
    .select((eb) => ['ta.question_id', eb.fn.countAll().as('n'), eb.fn.max(sql<number | null>`case when ta.id = tq.best_answer_id then ta.id end`).as('best')])
    .where('ta.question_id', 'in', questionIds)
    .where(readableAnswerSql(actor, 'ta', 'tq'))
    .groupBy('ta.question_id')
    .execute();
  for (const r of rows) out.set(r.question_id, { count: Number(r.n), bestId: r.best === null ? null : Number(r.best) });
  return out;
}
