/** Question lists: per space or across every readable space, filtered, newest first by keyset. */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Actor } from '../policies/actor.js';
import { readableSpaceIds } from '../policies/spaces.js';
import { labelCondition } from '../policies/labels.js';
import { SearchService, dialectOf } from '../search/service.js';
import { unhiddenQuestions, type QuestionRow } from '../policies/questions.js';

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
  if (args.filter === 'unanswered') q = q.where('answer_count', '=', 0);
  if (args.filter === 'solved') q = q.where('best_answer_id', 'is not', null);
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
