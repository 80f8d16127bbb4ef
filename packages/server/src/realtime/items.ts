/**
 * Per-item audience for question, answer and wiki page events. The gateway already limits a space
 * event to the space's readers (and guests to the outbox label); this adds what the REST loaders
 * check on the item itself, with the same policy functions: the item's current label and its
 * moderation-hidden state. The rows are read once per event, at delivery, so an item hidden since
 * the event was written (or replayed later) reaches only those who may read it now.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Actor } from '../policies/actor.js';
import type { MembershipRow, SpaceContext } from '../policies/spaces.js';
import { labelAllows, type LabelPolicy } from '../policies/labels.js';
import { seesAnswer, seesQuestion } from '../policies/questions.js';
import { seesPage } from '../policies/pages.js';

/** Whether one recipient (already a reader of the space) may receive the event. */
export type ItemGate = (actor: Actor, labels: LabelPolicy) => boolean;

const NOBODY: ItemGate = () => false;

/**
 * The gate for an event, or null when the event has none beyond the space rule (space files carry
 * their own label in the outbox row and have no hidden state).
 */
export async function itemGate(db: Kysely<DB>, type: string, payload: Record<string, unknown>): Promise<ItemGate | null> {
  const family = type.slice(0, type.indexOf('.'));
  if (family === 'question' || family === 'answer') return questionGate(db, Number(payload.questionId), payload.answerId == null ? null : Number(payload.answerId));
  if (family === 'page') return pageGate(db, Number(payload.pageId));
  return null;
}

/**
 * A per-recipient space context for the policy functions. Of the membership, only "manage" (a
 * space owner or admin) matters to the hidden-state rules, so only managers are loaded, and only
 * when something is hidden.
 */
async function contextFor(db: Kysely<DB>, spaceId: number, hidden: boolean): Promise<((actor: Actor) => SpaceContext) | null> {
  const [space, managers] = await Promise.all([
    db.selectFrom('spaces').selectAll().where('id', '=', spaceId).executeTakeFirst(),
    hidden ? db.selectFrom('memberships').selectAll().where('space_id', '=', spaceId).where('state', '=', 'member').where('role', 'in', ['owner', 'admin']).execute() : [],
  ]);
  if (!space) return null;
  const byUser = new Map<number, MembershipRow>(managers.map((m) => [m.user_id, m]));
  return (actor) => ({ space, membership: byUser.get(actor.id) ?? null });
}

async function questionGate(db: Kysely<DB>, questionId: number, answerId: number | null): Promise<ItemGate> {
  const question = await db.selectFrom('questions').selectAll().where('id', '=', questionId).executeTakeFirst();
  const answer = answerId === null ? null : await db.selectFrom('answers').selectAll().where('id', '=', answerId).executeTakeFirst();
  if (!question || (answerId !== null && (!answer || answer.question_id !== questionId))) return NOBODY;
  const ctxOf = await contextFor(db, question.space_id, !!question.hidden_at || !!answer?.hidden_at);
  if (!ctxOf) return NOBODY;
  return (actor, labels) => {
    if (!labelAllows(actor, question.label, labels)) return false;
    const ctx = { ...ctxOf(actor), question };
    return seesQuestion(actor, ctx) && (!answer || seesAnswer(actor, ctx, answer));
  };
}

async function pageGate(db: Kysely<DB>, pageId: number): Promise<ItemGate> {
  const page = await db.selectFrom('pages').selectAll().where('id', '=', pageId).executeTakeFirst();
  if (!page) return NOBODY;
  const ctxOf = await contextFor(db, page.space_id, !!page.hidden_at);
  if (!ctxOf) return NOBODY;
  return (actor, labels) => labelAllows(actor, page.label, labels) && seesPage(actor, { ...ctxOf(actor), page });
}
