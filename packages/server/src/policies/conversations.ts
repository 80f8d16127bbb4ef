/**
 * Who may read and do what in chat. Every chat surface — REST, unread counts, search, realtime
 * audience, typing, notifications — asks these functions.
 *
 *   direct, group : the participants, and nobody else. Organisation admins get no access; the
 *                   sealed-access procedure (trust issue) will be the only other path.
 *   channel       : exactly the members of its space (not the readers of a public space).
 */
import type { Kysely, Selectable } from 'kysely';
import type { DB, ConversationTable, MessageTable } from '../db/schema.js';
import { isEmployee, type Actor } from './actor.js';
import { loadSpaceContext, type SpaceContext } from './spaces.js';
import { directoryFilter } from './users.js';
import { notFound } from '../errors.js';
import { labelAllows, labelCondition, loadLabelPolicy, type LabelPolicy } from './labels.js';

export type ConversationRow = Selectable<ConversationTable>;
export type MessageRow = Selectable<MessageTable>;

export interface ConversationContext {
  conversation: ConversationRow;
  /** Channels: the space and my membership in it. */
  space: SpaceContext | null;
}

const isSpaceMember = (ctx: SpaceContext | null) => ctx?.membership?.state === 'member';
const isSpaceManager = (ctx: SpaceContext | null) =>
  isSpaceMember(ctx) && (ctx!.membership!.role === 'owner' || ctx!.membership!.role === 'admin');

/** Loads a conversation the actor takes part in; anything else is the same 404 as a missing one. */
export async function loadConversationForRead(db: Kysely<DB>, actor: Actor, conversationId: number): Promise<ConversationContext> {
  const conversation = await db.selectFrom('conversations').selectAll().where('id', '=', conversationId).executeTakeFirst();
  if (!conversation) throw notFound('conversation');
  if (conversation.kind === 'channel') {
    const space = await loadSpaceContext(db, actor, conversation.space_id!);
    if (!isSpaceMember(space)) throw notFound('conversation');
    if (actor.role === 'guest' && !labelAllows(actor, conversation.label, await loadLabelPolicy(db))) throw notFound('conversation');
    return { conversation, space };
  }
  const member = await db
    .selectFrom('conversation_members')
    .select('user_id')
    .where('conversation_id', '=', conversationId)
    .where('user_id', '=', actor.id)
    .executeTakeFirst();
  if (!member) throw notFound('conversation');
  // A guest in a conversation labelled above their maximum stops reading it, like in a space.
  if (actor.role === 'guest' && !labelAllows(actor, conversation.label, await loadLabelPolicy(db))) throw notFound('conversation');
  return { conversation, space: null };
}

export function conversationAbilities(actor: Actor, ctx: ConversationContext) {
  const writeScope = actor.scope !== 'read';
  const { conversation: c } = ctx;
  const archived = !!ctx.space?.space.archived_at;
  return {
    post: writeScope && !archived,
    rename: writeScope && (c.kind === 'group' || (c.kind === 'channel' && isSpaceManager(ctx.space) && !archived)),
    relabel: writeScope && (c.kind !== 'channel' || (isSpaceManager(ctx.space) && !archived)),
    addMembers: writeScope && c.kind === 'group',
    removeMembers: writeScope && c.kind === 'group' && c.created_by === actor.id,
    leave: writeScope && c.kind === 'group',
  };
}

export function messageAbilities(actor: Actor, ctx: ConversationContext, message: MessageRow) {
  const can = conversationAbilities(actor, ctx);
  const alive = !message.deleted_at;
  const own = message.author_id === actor.id;
  return {
    edit: alive && own && can.post,
    delete: alive && can.post && (own || (ctx.conversation.kind === 'channel' && isSpaceManager(ctx.space))),
    react: alive && can.post,
    reply: alive && can.post && message.thread_root_id === null,
  };
}

/** Conversations the actor takes part in, as a SQL subquery of ids. */
export function myConversationIds(db: Kysely<DB>, actor: Actor) {
  const direct = db
    .selectFrom('conversation_members')
    .innerJoin('conversations', 'conversations.id', 'conversation_members.conversation_id')
    .select('conversation_members.conversation_id as id')
    .where('conversation_members.user_id', '=', actor.id);
  const channels = db
    .selectFrom('conversations')
    .innerJoin('memberships', 'memberships.space_id', 'conversations.space_id')
    .select('conversations.id as id')
    .where('conversations.kind', '=', 'channel')
    .where('memberships.user_id', '=', actor.id)
    .where('memberships.state', '=', 'member');
  const label = labelCondition(actor, 'conversations.label');
  return label ? direct.where(label).union(channels.where(label)) : direct.union(channels);
}

export interface Audience {
  spaceId: number | null;
  label: number;
  /** Participants (a channel's: its space's members), whatever their role. */
  userIds: Set<number>;
}

/**
 * A conversation's participants, cached by the realtime gateway. The label rule is not baked in:
 * roles and the guest maximum can change at any time, so it is applied per delivery
 * (`audienceIncludes`) with the reader's current role.
 */
export async function conversationAudience(db: Kysely<DB>, conversationId: number): Promise<Audience | null> {
  const c = await db.selectFrom('conversations').select(['kind', 'space_id', 'label']).where('id', '=', conversationId).executeTakeFirst();
  if (!c) return null;
  const rows =
    c.kind === 'channel'
      ? await db.selectFrom('memberships').select('user_id').where('space_id', '=', c.space_id!).where('state', '=', 'member').execute()
      : await db.selectFrom('conversation_members').select('user_id').where('conversation_id', '=', conversationId).execute();
  return { spaceId: c.space_id, label: c.label, userIds: new Set(rows.map((r) => r.user_id)) };
}

/** Whether this person receives the conversation's content now: a participant, and the label allows their role. */
export function audienceIncludes(audience: Audience | null, person: Pick<Actor, 'id' | 'role'>, policy: LabelPolicy): boolean {
  return !!audience && audience.userIds.has(person.id) && labelAllows(person, audience.label, policy);
}

/**
 * People the actor may bring into a direct or group conversation: those they can find in the
 * directory, and guests only where the organisation allows guests in chat. Returns the ids that
 * pass; the caller answers the rest like unknown people.
 */
export async function addablePeople(db: Kysely<DB>, actor: Actor, userIds: number[]): Promise<Set<number>> {
  if (!userIds.length) return new Set();
  const org = await db.selectFrom('organisation').select('chat_guests').executeTakeFirst();
  const guestsAllowed = org?.chat_guests === 1;
  if (!isEmployee(actor) && !guestsAllowed) return new Set();
  let q = db.selectFrom('users').select('id').where('id', 'in', userIds).where(directoryFilter(actor));
  if (!guestsAllowed) q = q.where('role', '!=', 'guest');
  return new Set((await q.execute()).map((r) => r.id));
}

/** Whether a message id belongs to the conversation and may be referenced (quote, thread root). */
export async function messageInConversation(db: Kysely<DB>, conversationId: number, messageId: number) {
  const m = await db.selectFrom('messages').selectAll().where('id', '=', messageId).where('conversation_id', '=', conversationId).executeTakeFirst();
  return m ?? null;
}

/** Loads a message through its conversation's policy: hidden and missing give the same 404. */
export async function loadMessageForRead(db: Kysely<DB>, actor: Actor, messageId: number) {
  const message = await db.selectFrom('messages').selectAll().where('id', '=', messageId).executeTakeFirst();
  if (!message) throw notFound('message');
  let ctx: ConversationContext;
  try {
    ctx = await loadConversationForRead(db, actor, message.conversation_id);
  } catch {
    throw notFound('message');
  }
  if (message.hidden_at && message.author_id !== actor.id) throw notFound('message');
  return { ...ctx, message };
}
