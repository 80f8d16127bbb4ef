/** Questions and answers: the contract. See docs/api.md (Questions and answers). */
import { z } from 'zod';
import { Id, UserSummary, SpaceRef, LabelLevel } from './schemas.js';
import { LIMITS } from './limits.js';
import { FileRef, FileIds } from './files.js';

export const Answer = z.object({
  id: z.number(),
  questionId: z.number(),
  author: UserSummary,
  body: z.string(),
  html: z.string(),
  score: z.number(),
  /** My vote: 1, -1 or 0. */
  myVote: z.number(),
  best: z.boolean(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  comments: z.array(z.object({ id: z.number(), author: UserSummary, html: z.string(), createdAt: z.string() })),
  /** Attached files (see Files in docs/api.md). */
  files: z.array(FileRef).default([]),
  abilities: z.object({ edit: z.boolean(), delete: z.boolean(), vote: z.boolean(), comment: z.boolean() }),
});
export type Answer = z.infer<typeof Answer>;

export const Question = z.object({
  id: z.number(),
  space: SpaceRef,
  author: UserSummary,
  title: z.string(),
  body: z.string(),
  html: z.string(),
  tags: z.array(z.string()),
  label: z.number(),
  answerCount: z.number(),
  bestAnswerId: z.number().nullable(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  lastActivityAt: z.string(),
  abilities: z.object({ edit: z.boolean(), delete: z.boolean(), answer: z.boolean(), chooseBest: z.boolean() }),
});
export type Question = z.infer<typeof Question>;

/** A question with its answers: the best first, then by score, then oldest first. */
export const QuestionDetail = Question.extend({ answers: z.array(Answer), files: z.array(FileRef).default([]) });

const Tag = z.string().trim().toLowerCase().regex(/^[\p{L}\p{N}_-]{1,40}$/u);
export const QuestionCreate = z.object({
  title: z.string().trim().min(5).max(LIMITS.questionTitle),
  body: z.string().trim().max(LIMITS.postBody).default(''),
  tags: z.array(Tag).max(10).default([]),
  label: LabelLevel.optional(),
  /** Files uploaded before with POST /files by the same person, not attached yet. */
  fileIds: FileIds.optional(),
});
export const QuestionUpdate = z.object({
  title: z.string().trim().min(5).max(LIMITS.questionTitle).optional(),
  body: z.string().trim().max(LIMITS.postBody).optional(),
  tags: z.array(Tag).max(10).optional(),
  /** The complete new list of attached files (left-out files are deleted; new ones as in QuestionCreate). */
  fileIds: FileIds.optional(),
});
export const AnswerCreate = z.object({ body: z.string().trim().min(1).max(LIMITS.postBody), fileIds: FileIds.optional() });
/** `fileIds`: the complete new list of attached files (left-out files are deleted). */
export const AnswerUpdate = AnswerCreate;
export const AnswerCommentCreate = z.object({ body: z.string().trim().min(1).max(LIMITS.commentBody) });
export const VoteInput = z.object({ value: z.union([z.literal(1), z.literal(-1), z.literal(0)]) });
export const BestAnswerInput = z.object({ answerId: Id.nullable() });
export const QuestionFilter = z.object({
  filter: z.enum(['all', 'unanswered', 'solved']).default('all'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSize).default(LIMITS.defaultPageSize),
});
export const SimilarQuery = z.object({ q: z.string().trim().min(3).max(200) });
