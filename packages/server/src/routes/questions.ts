import { z } from 'zod';
import { AnswerCommentCreate, AnswerCreate, AnswerUpdate, BestAnswerInput, Page, Question, QuestionCreate, QuestionDetail, QuestionFilter, QuestionUpdate, SimilarQuery, VoteInput } from '@foyer/shared';
import type { FoyerApp } from '../app.js';
import type { Services } from '../services.js';
import { errors, actorOf, IdParams, NoContent, limit } from './common.js';
import * as questions from '../commands/questions.js';
import { loadQuestionForRead } from '../policies/questions.js';
import { loadSpaceForView, canReadSpace } from '../policies/spaces.js';
import { presentAnswers, presentQuestions } from '../presenters/questions.js';
import { listQuestions, similarQuestions } from '../queries/questions.js';
import { decodeCursor, page } from '../lib/cursor.js';
import type { Actor } from '../policies/actor.js';
import { notFound } from '../errors.js';
import { filesOf } from '../files/present.js';

export async function questionRoutes(app: FoyerApp, svc: Services) {
  const db = svc.db;
  const detail = async (actor: Actor, id: number) => {
    const ctx = await loadQuestionForRead(db, actor, id);
    const [question] = await presentQuestions(db, actor, [ctx.question]);
    return { ...question, answers: await presentAnswers(db, actor, ctx), files: (await filesOf(db, 'question', [id])).get(id) ?? [] };
  };
  const listPage = async (actor: Actor, query: z.infer<typeof QuestionFilter>, spaceId?: number) => {
    const rows = await listQuestions(db, actor, { spaceId, filter: query.filter, before: decodeCursor(query.cursor), limit: query.limit });
    const p = page(rows, query.limit);
    return { items: await presentQuestions(db, actor, p.items), nextCursor: p.nextCursor };
  };

  app.get('/questions', { schema: { querystring: QuestionFilter, response: { 200: Page(Question), ...errors } } }, async (req) => listPage(actorOf(req), req.query));
  app.get('/questions/similar', { config: limit(svc, 600), schema: { querystring: SimilarQuery, response: { 200: z.object({ items: z.array(Question) }), ...errors } } }, async (req) => {
    const actor = actorOf(req);
    return { items: await presentQuestions(db, actor, await similarQuestions(db, actor, req.query.q)) };
  });
  app.get('/spaces/:id/questions', { schema: { params: IdParams, querystring: QuestionFilter, response: { 200: Page(Question), ...errors } } }, async (req) => {
    const actor = actorOf(req);
    const ctx = await loadSpaceForView(db, actor, req.params.id);
    if (!canReadSpace(actor, ctx)) throw notFound('space');
    return listPage(actor, req.query, ctx.space.id);
  });
  app.post('/spaces/:id/questions', { config: limit(svc, 60), schema: { params: IdParams, body: QuestionCreate, response: { 200: QuestionDetail, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    return detail(actor, await questions.askQuestion(svc, actor, req.params.id, req.body));
  });
  app.get('/questions/:id', { schema: { params: IdParams, response: { 200: QuestionDetail, ...errors } } }, async (req) => detail(actorOf(req), req.params.id));
  app.patch('/questions/:id', { schema: { params: IdParams, body: QuestionUpdate, response: { 200: QuestionDetail, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    await questions.editQuestion(svc, actor, req.params.id, req.body);
    return detail(actor, req.params.id);
  });
  app.delete('/questions/:id', { schema: { params: IdParams, response: { 204: NoContent, ...errors } } }, async (req, reply) => {
    await questions.deleteQuestion(svc, actorOf(req), req.params.id);
    return reply.status(204).send(null);
  });
  app.post('/questions/:id/answers', { config: limit(svc, 60), schema: { params: IdParams, body: AnswerCreate, response: { 200: QuestionDetail, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    await questions.answerQuestion(svc, actor, req.params.id, req.body.body, req.body.fileIds);
    return detail(actor, req.params.id);
  });
  app.put('/questions/:id/best', { schema: { params: IdParams, body: BestAnswerInput, response: { 200: QuestionDetail, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    await questions.chooseBest(svc, actor, req.params.id, req.body.answerId);
    return detail(actor, req.params.id);
  });
  const questionOf = async (answerId: number) => (await db.selectFrom('answers').select('question_id').where('id', '=', answerId).executeTakeFirstOrThrow()).question_id;
  app.patch('/answers/:id', { schema: { params: IdParams, body: AnswerUpdate, response: { 200: QuestionDetail, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    await questions.editAnswer(svc, actor, req.params.id, req.body.body, req.body.fileIds);
    return detail(actor, await questionOf(req.params.id));
  });
  app.delete('/answers/:id', { schema: { params: IdParams, response: { 204: NoContent, ...errors } } }, async (req, reply) => {
    await questions.deleteAnswer(svc, actorOf(req), req.params.id);
    return reply.status(204).send(null);
  });
  app.put('/answers/:id/vote', { config: limit(svc, 300), schema: { params: IdParams, body: VoteInput, response: { 200: QuestionDetail, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    await questions.vote(svc, actor, req.params.id, req.body.value);
    return detail(actor, await questionOf(req.params.id));
  });
  app.post('/answers/:id/comments', { config: limit(svc, 120), schema: { params: IdParams, body: AnswerCommentCreate, response: { 200: QuestionDetail, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    await questions.commentOnAnswer(svc, actor, req.params.id, req.body.body);
    return detail(actor, await questionOf(req.params.id));
  });
}
