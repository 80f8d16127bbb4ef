/** Questions with their authors and abilities; a question's answers with votes and comments. */
import type { Kysely } from 'kysely';
import type { Answer, Question } from '@foyer/shared';
import type { DB } from '../db/schema.js';
import type { Actor } from '../policies/actor.js';
import { questionAbilities, answerAbilities, seesAnswer, type QuestionContext, type QuestionRow } from '../policies/questions.js';
import type { MembershipRow, SpaceRow } from '../policies/spaces.js';
import { presentUserSummary, userSummariesById } from './users.js';
import { spaceRef } from './spaces.js';
import { parseJson } from '../lib/json.js';
import { filesOf } from '../files/present.js';
import { answerTallies } from '../queries/questions.js';

export async function presentQuestions(db: Kysely<DB>, actor: Actor, rows: QuestionRow[]): Promise<Question[]> {
  if (!rows.length) return [];
  const spaceIds = [...new Set(rows.map((q) => q.space_id))];
  const [spaces, memberships, authors, tallies] = await Promise.all([
    db.selectFrom('spaces').selectAll().where('id', 'in', spaceIds).execute(),
    db.selectFrom('memberships').selectAll().where('space_id', 'in', spaceIds).where('user_id', '=', actor.id).execute(),
    userSummariesById(db, rows.map((q) => q.author_id)),
    answerTallies(db, actor, rows.map((q) => q.id)),
  ]);
  const spaceBy = new Map<number, SpaceRow>(spaces.map((s) => [s.id, s]));
  const memberBy = new Map<number, MembershipRow>(memberships.map((m) => [m.space_id, m]));
  return rows.map((q) => {
    const ctx: QuestionContext = { space: spaceBy.get(q.space_id)!, membership: memberBy.get(q.space_id) ?? null, question: q };
    return {
      id: q.id,
      space: spaceRef(ctx.space),
      author: presentUserSummary(authors.get(q.author_id)!),
      title: q.title,
      body: q.body,
      html: q.html,
      tags: parseJson<string[]>(q.tags, []),
      label: q.label,
      // Only answers this viewer may read count, and only such an answer is shown as the best.
      answerCount: tallies.get(q.id)!.count,
      bestAnswerId: tallies.get(q.id)!.bestId,
      createdAt: q.created_at,
      editedAt: q.edited_at,
      lastActivityAt: q.last_activity_at,
      abilities: questionAbilities(actor, ctx),
    };
  });
}

/** Live answers: the best first, then by score, then oldest first. */
export async function presentAnswers(db: Kysely<DB>, actor: Actor, ctx: QuestionContext): Promise<Answer[]> {
  const rows = (await db.selectFrom('answers').selectAll().where('question_id', '=', ctx.question.id).where('deleted_at', 'is', null).orderBy('id').execute()).filter((a) => seesAnswer(actor, ctx, a));
  if (!rows.length) return [];
  const ids = rows.map((a) => a.id);
  const [votes, comments, filesBy] = await Promise.all([
    db.selectFrom('answer_votes').select(['answer_id', 'value']).where('answer_id', 'in', ids).where('user_id', '=', actor.id).execute(),
    db.selectFrom('answer_comments').selectAll().where('answer_id', 'in', ids).where('deleted_at', 'is', null).orderBy('id').execute(),
    filesOf(db, 'answer', ids),
  ]);
  const authors = await userSummariesById(db, [...rows.map((a) => a.author_id), ...comments.map((c) => c.author_id)]);
  const myVote = new Map(votes.map((v) => [v.answer_id, v.value]));
  const best = ctx.question.best_answer_id;
  const ordered = [...rows].sort((a, b) => Number(b.id === best) - Number(a.id === best) || b.score - a.score || a.id - b.id);
  return ordered.map((a) => ({
    id: a.id,
    questionId: a.question_id,
    author: presentUserSummary(authors.get(a.author_id)!),
    body: a.body,
    html: a.html,
    score: a.score,
    myVote: myVote.get(a.id) ?? 0,
    best: a.id === best,
    createdAt: a.created_at,
    editedAt: a.edited_at,
    comments: comments.filter((c) => c.answer_id === a.id).map((c) => ({ id: c.id, author: presentUserSummary(authors.get(c.author_id)!), html: c.html, createdAt: c.created_at })),
    files: filesBy.get(a.id) ?? [],
    abilities: answerAbilities(actor, ctx, a),
  }));
}
