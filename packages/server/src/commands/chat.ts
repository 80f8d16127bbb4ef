/** Chat: every change to conversations, messages, read state and presence goes through here. */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { extractMentions, LIMITS, type PresenceUpdate, type MessageCreate, type ConversationSettings, type Reaction } from '@foyer/shared';
import type { DB } from '../db/schema.js';
import { write, type Services } from '../services.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../errors.js';
import { nowIso } from '../lib/time.js';
import { isEmployee, type Actor } from '../policies/actor.js';
import { loadSpaceForView, spaceAbilities } from '../policies/spaces.js';
import {
  addablePeople,
  conversationAbilities,
  audienceIncludes,
  conversationAudience,
  loadConversationForRead,
  loadMessageForRead,
  messageAbilities,
  messageInConversation,
  type ConversationContext,
} from '../policies/conversations.js';
import { renderMarkdown } from '../markdown/render.js';
import { emit } from '../events/outbox.js';
import { notify } from './notifications.js';
import { attachImages, purgeImages } from './images.js';
import { attachFiles, dropItemFiles, purgeDeletedFiles, replaceItemFiles } from '../files/commands.js';
import { assertLabelFits, labelExists, loadLabelPolicy } from '../policies/labels.js';
import { newReaderCount } from '../policies/audience.js';
import { shareableOriginal } from './shares.js';
import { assertNotMuted } from '../policies/moderation.js';

const directKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e?.message ?? '');
}

async function assertMayChat(db: Kysely<DB>, actor: Actor) {
  if (actor.scope === 'read') throw forbidden('this token can only read');
  if (isEmployee(actor)) return;
  const org = await db.selectFrom('organisation').select('chat_guests').executeTakeFirst();
  if (org?.chat_guests !== 1) throw forbidden('guests cannot start conversations in this organisation');
}

/** People the actor may add, or a 404 naming the ones they may not (unknown and hidden alike). */
async function requireAddable(db: Kysely<DB>, actor: Actor, userIds: number[]) {
  const ok = await addablePeople(db, actor, userIds);
  const missing = userIds.filter((id) => !ok.has(id));
  if (missing.length) throw new AppError(404, 'not_found', 'some people were not found', { fields: { userIds: missing } });
}

/** Read state for people entering a conversation: what was said before counts as read. */
async function startReading(trx: Kysely<DB>, conversationId: number, userIds: number[], lastReadId: number) {
  for (const userId of userIds) {
    await trx.deleteFrom('conversation_state').where('conversation_id', '=', conversationId).where('user_id', '=', userId).execute();
    await trx.insertInto('conversation_state').values({ conversation_id: conversationId, user_id: userId, last_read_id: lastReadId }).execute();
  }
}

/** Returns the direct conversation with this person, creating it the first time. */
export async function openDirect(svc: Services, actor: Actor, userId: number): Promise<number> {
  await assertMayChat(svc.db, actor);
  if (userId === actor.id) throw invalid('a direct conversation needs another person', { fields: { userId: 'self' } });
  await requireAddable(svc.db, actor, [userId]);
  const key = directKey(actor.id, userId);
  const existing = await svc.db.selectFrom('conversations').select('id').where('direct_key', '=', key).executeTakeFirst();
  if (existing) return existing.id;
  try {
    return await write(svc, async (trx) => {
      const now = nowIso();
      const { id } = await trx
        .insertInto('conversations')
        .values({ kind: 'direct', space_id: null, name: null, direct_key: key, created_by: actor.id, created_at: now, last_message_at: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('conversation_members').values([actor.id, userId].map((u) => ({ conversation_id: id, user_id: u, joined_at: now }))).execute();
      await startReading(trx, id, [actor.id, userId], 0);
      await emit(trx, 'conversation.created', { conversationId: id }, { conversationId: id });
      return id;
    });
  } catch (err) {
    // Both people opened it at the same moment: the other request created it.
    if (!isUniqueViolation(err)) throw err;
    const again = await svc.db.selectFrom('conversations').select('id').where('direct_key', '=', key).executeTakeFirstOrThrow();
    return again.id;
  }
}

export async function createGroup(svc: Services, actor: Actor, userIds: number[], name?: string): Promise<number> {
  await assertMayChat(svc.db, actor);
  const others = [...new Set(userIds)].filter((id) => id !== actor.id);
  if (!others.length) throw invalid('a group needs at least one other person', { fields: { userIds: 'empty' } });
  if (others.length + 1 > LIMITS.groupMembers) throw invalid(`a group has at most ${LIMITS.groupMembers} people`, { fields: { userIds: 'too_many' } });
  await requireAddable(svc.db, actor, others);
  return write(svc, async (trx) => {
    const now = nowIso();
    const { id } = await trx
      .insertInto('conversations')
      .values({ kind: 'group', space_id: null, name: name?.trim() || null, direct_key: null, created_by: actor.id, created_at: now, last_message_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const members = [actor.id, ...others];
    await trx.insertInto('conversation_members').values(members.map((u) => ({ conversation_id: id, user_id: u, joined_at: now }))).execute();
    await startReading(trx, id, members, 0);
    await emit(trx, 'conversation.created', { conversationId: id }, { conversationId: id });
    return id;
  });
}

export async function createChannel(svc: Services, actor: Actor, spaceId: number, name: string, requestedLabel?: number): Promise<number> {
  const ctx = await loadSpaceForView(svc.db, actor, spaceId);
  if (!spaceAbilities(actor, ctx).manage) throw ctx.membership ? forbidden('only space owners and admins can add channels') : notFound('space');
  if (ctx.space.archived_at) throw new AppError(409, 'space_archived', 'this space is archived');
  const label = requestedLabel ?? ctx.space.label_default;
  await assertLabelFits(svc.db, ctx.space, label);
  return write(svc, async (trx) => {
    const now = nowIso();
    const { id } = await trx
      .insertInto('conversations')
      .values({ kind: 'channel', space_id: spaceId, name: name.trim(), label, direct_key: null, created_by: actor.id, created_at: now, last_message_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await emit(trx, 'conversation.created', { conversationId: id }, { conversationId: id });
    return id;
  });
}

/** A new space member starts reading the space's channels from now on (called in its transaction). */
export async function startReadingChannels(trx: Kysely<DB>, spaceId: number, userId: number) {
  const channels = await trx.selectFrom('conversations').select(['id', 'last_message_id']).where('space_id', '=', spaceId).where('kind', '=', 'channel').execute();
  for (const c of channels) await startReading(trx, c.id, [userId], c.last_message_id);
}

/** In the transaction that ends someone's space membership: their channels of that space disappear. */
export async function stopReadingChannels(trx: Kysely<DB>, spaceId: number, userId: number) {
  const channels = await trx.selectFrom('conversations').select('id').where('space_id', '=', spaceId).where('kind', '=', 'channel').execute();
  for (const c of channels) {
    await trx.deleteFrom('conversation_state').where('conversation_id', '=', c.id).where('user_id', '=', userId).execute();
    await emit(trx, 'conversation.removed', { conversationId: c.id }, { userId });
  }
}

export async function renameConversation(svc: Services, actor: Actor, conversationId: number, name: string) {
  const ctx = await loadConversationForRead(svc.db, actor, conversationId);
  if (!conversationAbilities(actor, ctx).rename) throw forbidden('you cannot rename this conversation');
  if (ctx.conversation.kind === 'channel' && !name.trim()) throw invalid('a channel needs a name', { fields: { name: 'empty' } });
  await write(svc, async (trx) => {
    await trx.updateTable('conversations').set({ name: name.trim() || null }).where('id', '=', conversationId).execute();
    await emit(trx, 'conversation.updated', { conversationId }, { conversationId });
  });
}

/**
 * Changes a conversation's label. Raising is always allowed; lowering so that more people could
 * read (guests above their maximum) needs `confirmAudience`, and for sensitive content in a
 * channel the space's owner — the same rules as a post's label.
 */
export async function relabelConversation(svc: Services, actor: Actor, conversationId: number, label: number, confirmAudience = false) {
  const ctx = await loadConversationForRead(svc.db, actor, conversationId);
  if (!conversationAbilities(actor, ctx).relabel) throw forbidden('you cannot change the label of this conversation');
  const c = ctx.conversation;
  if (label === c.label) return;
  if (ctx.space) await assertLabelFits(svc.db, ctx.space.space, label);
  else if (!(await labelExists(svc.db, label))) throw invalid('no such label', { fields: { label: 'unknown' } });
  if (label < c.label) {
    const newReaders = await newReaderCount(svc.db, { conversation: c, label: c.label }, { conversation: c, label });
    if (newReaders > 0) {
      const policy = await loadLabelPolicy(svc.db);
      if (c.kind === 'channel' && c.label >= policy.sensitive && ctx.space?.membership?.role !== 'owner')
        throw forbidden('only a space owner can let more people read confidential content');
      if (!confirmAudience) throw conflict('the lower label lets more people read this conversation; confirm the new audience', { newReaders, confirmField: 'confirmAudience' });
    }
  }
  await write(svc, async (trx) => {
    await trx.updateTable('conversations').set({ label }).where('id', '=', conversationId).execute();
    // Delivered with the new label, so people it now excludes are not told about the change.
    await emit(trx, 'conversation.updated', { conversationId }, { conversationId, label });
  });
}

export async function addMembers(svc: Services, actor: Actor, conversationId: number, userIds: number[], confirmAudience = false) {
  const ctx = await loadConversationForRead(svc.db, actor, conversationId);
  if (!conversationAbilities(actor, ctx).addMembers) throw forbidden('people can only be added to group conversations');
  const current = new Set(
    (await svc.db.selectFrom('conversation_members').select('user_id').where('conversation_id', '=', conversationId).execute()).map((r) => r.user_id),
  );
  const added = [...new Set(userIds)].filter((id) => !current.has(id));
  if (!added.length) return;
  if (current.size + added.length > LIMITS.groupMembers) throw invalid(`a group has at most ${LIMITS.groupMembers} people`, { fields: { userIds: 'too_many' } });
  await requireAddable(svc.db, actor, added);
  // The history becomes readable to the added people: that widening is confirmed explicitly.
  if (ctx.conversation.last_message_id > 0 && !confirmAudience)
    throw conflict('the people you add will be able to read the conversation so far; confirm', { newReaders: added.length, confirmField: 'confirmAudience' });
  await write(svc, async (trx) => {
    const now = nowIso();
    await trx.insertInto('conversation_members').values(added.map((u) => ({ conversation_id: conversationId, user_id: u, joined_at: now }))).execute();
    await startReading(trx, conversationId, added, ctx.conversation.last_message_id);
    await emit(trx, 'conversation.members', { conversationId }, { conversationId });
  });
}

/** Removes someone from a group: the starter removes others, anyone removes themselves (leave). */
export async function removeFromGroup(svc: Services, actor: Actor, conversationId: number, userId: number) {
  const ctx = await loadConversationForRead(svc.db, actor, conversationId);
  const can = conversationAbilities(actor, ctx);
  if (userId === actor.id ? !can.leave : !can.removeMembers) throw forbidden(userId === actor.id ? 'you cannot leave this conversation' : 'only the person who started the group can remove people');
  const member = await svc.db
    .selectFrom('conversation_members')
    .select('user_id')
    .where('conversation_id', '=', conversationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!member) throw notFound('member');
  await write(svc, async (trx) => {
    await trx.deleteFrom('conversation_members').where('conversation_id', '=', conversationId).where('user_id', '=', userId).execute();
    await trx.deleteFrom('conversation_state').where('conversation_id', '=', conversationId).where('user_id', '=', userId).execute();
    // Audience first: from this event on, the removed person receives nothing of this conversation.
    await emit(trx, 'conversation.members', { conversationId }, { conversationId });
    await emit(trx, 'conversation.removed', { conversationId }, { userId });
  });
}

async function ensureState(trx: Kysely<DB>, conversationId: number, userId: number) {
  const row = await trx.selectFrom('conversation_state').selectAll().where('conversation_id', '=', conversationId).where('user_id', '=', userId).executeTakeFirst();
  if (row) return row;
  await trx.insertInto('conversation_state').values({ conversation_id: conversationId, user_id: userId }).execute();
  return { conversation_id: conversationId, user_id: userId, last_read_id: 0, muted: 0, notify: 'all' as const };
}

export async function updateSettings(svc: Services, actor: Actor, conversationId: number, input: z.infer<typeof ConversationSettings>) {
  await loadConversationForRead(svc.db, actor, conversationId);
  await write(svc, async (trx) => {
    await ensureState(trx, conversationId, actor.id);
    const set: { muted?: number; notify?: 'all' | 'mentions' | 'none' } = {};
    if (input.muted !== undefined) set.muted = input.muted ? 1 : 0;
    if (input.notify !== undefined) set.notify = input.notify;
    if (Object.keys(set).length)
      await trx.updateTable('conversation_state').set(set).where('conversation_id', '=', conversationId).where('user_id', '=', actor.id).execute();
    await emit(trx, 'conversation.updated', { conversationId }, { userId: actor.id });
  });
}

/** Read up to and including `messageId`; never moves back (other tabs may be ahead). */
export async function markRead(svc: Services, actor: Actor, conversationId: number, messageId: number) {
  const ctx = await loadConversationForRead(svc.db, actor, conversationId);
  const upTo = Math.min(messageId, ctx.conversation.last_message_id);
  await write(svc, async (trx) => {
    const state = await ensureState(trx, conversationId, actor.id);
    if (upTo <= state.last_read_id) return;
    await trx.updateTable('conversation_state').set({ last_read_id: upTo }).where('conversation_id', '=', conversationId).where('user_id', '=', actor.id).execute();
    await emit(trx, 'conversation.read', { conversationId, lastReadId: upTo }, { userId: actor.id });
  });
}

/** This message and everything after it count as unread again. */
export async function markUnread(svc: Services, actor: Actor, conversationId: number, messageId: number) {
  await loadConversationForRead(svc.db, actor, conversationId);
  const message = await messageInConversation(svc.db, conversationId, messageId);
  if (!message || message.thread_root_id !== null) throw notFound('message');
  await write(svc, async (trx) => {
    await ensureState(trx, conversationId, actor.id);
    const lastReadId = messageId - 1;
    await trx.updateTable('conversation_state').set({ last_read_id: lastReadId }).where('conversation_id', '=', conversationId).where('user_id', '=', actor.id).execute();
    await emit(trx, 'conversation.read', { conversationId, lastReadId }, { userId: actor.id });
  });
}

/** Mentioned handles that take part in the conversation; the others are not notified. */
async function resolveMentions(db: Kysely<DB>, conversationId: number, body: string) {
  const handles = extractMentions(body);
  if (!handles.length) return { knownHandles: new Set<string>(), participants: [] as number[] };
  const users = await db.selectFrom('users').select(['id', 'handle', 'role']).where('handle', 'in', handles).where('status', '=', 'active').execute();
  const [audience, policy] = await Promise.all([conversationAudience(db, conversationId), loadLabelPolicy(db)]);
  return {
    knownHandles: new Set(users.map((u) => u.handle)),
    participants: users.filter((u) => audienceIncludes(audience, u, policy)).map((u) => u.id),
  };
}

async function notifyMentions(trx: Kysely<DB>, actor: Actor, ctx: ConversationContext, messageId: number, userIds: number[]) {
  const c = ctx.conversation;
  for (const userId of userIds) {
    if (userId === actor.id) continue;
    await trx.insertInto('message_mentions').values({ user_id: userId, conversation_id: c.id, message_id: messageId }).execute();
    const state = await trx.selectFrom('conversation_state').select('notify').where('conversation_id', '=', c.id).where('user_id', '=', userId).executeTakeFirst();
    if (state?.notify === 'none') continue;
    await notify(trx, {
      userId,
      type: 'chat_mention',
      actorId: actor.id,
      spaceId: c.space_id,
      conversationId: c.id,
      data: { conversationId: c.id, messageId },
    });
  }
}

export type SendInput = z.infer<typeof MessageCreate>;

/**
 * Sends a message. Acknowledged only after commit; a retry with the same clientKey returns the
 * first message instead of a duplicate. The conversation row is updated first in the transaction,
 * which serialises senders per conversation: ids, and so the order everyone sees, follow commits.
 */
export async function sendMessage(svc: Services, actor: Actor, conversationId: number, input: SendInput): Promise<number> {
  const ctx = await loadConversationForRead(svc.db, actor, conversationId);
  const earlier = await svc.db.selectFrom('messages').select(['id', 'conversation_id']).where('author_id', '=', actor.id).where('client_key', '=', input.clientKey).executeTakeFirst();
  if (earlier) {
    if (earlier.conversation_id !== conversationId) throw conflict('this clientKey was used for another message', { fields: { clientKey: 'reused' } });
    return earlier.id;
  }
  if (!conversationAbilities(actor, ctx).post) throw ctx.space?.space.archived_at ? new AppError(409, 'space_archived', 'this space is archived') : forbidden('you cannot write here');
  if (ctx.conversation.space_id !== null) await assertNotMuted(svc.db, ctx.conversation.space_id, actor.id);
  const body = input.body.trim();
  const imageIds = input.imageIds ?? [];
  if (!body && !imageIds.length && !input.fileIds?.length && input.sharedPostId === undefined) throw invalid('a message needs text or an image', { fields: { body: 'empty' } });
  if (input.sharedPostId !== undefined) await shareableOriginal(svc.db, actor, input.sharedPostId);
  if (input.threadRootId !== undefined) {
    const root = await messageInConversation(svc.db, conversationId, input.threadRootId);
    if (!root || root.deleted_at || root.thread_root_id !== null) throw invalid('replies go to a message of this conversation', { fields: { threadRootId: 'unknown' } });
  }
  if (input.quoteId !== undefined) {
    const quoted = await messageInConversation(svc.db, conversationId, input.quoteId);
    if (!quoted || quoted.deleted_at) throw invalid('only messages of this conversation can be quoted', { fields: { quoteId: 'unknown' } });
  }
  const mentions = await resolveMentions(svc.db, conversationId, body);
  const html = body ? renderMarkdown(body, { knownHandles: mentions.knownHandles }) : '';
  const threadRootId = input.threadRootId ?? null;
  try {
    return await write(svc, async (trx) => {
      const now = nowIso();
      await trx.updateTable('conversations').set({ last_message_at: now }).where('id', '=', conversationId).execute();
      const { id } = await trx
        .insertInto('messages')
        .values({
          conversation_id: conversationId,
          author_id: actor.id,
          body,
          html,
          thread_root_id: threadRootId,
          quote_id: input.quoteId ?? null,
          shared_post_id: input.sharedPostId ?? null,
          client_key: input.clientKey,
          created_at: now,
          edited_at: null,
          deleted_at: null,
          last_reply_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (threadRootId === null) {
        await trx.updateTable('conversations').set({ last_message_id: id }).where('id', '=', conversationId).execute();
        // My own message is read; the rest of my read state stays where it is.
        await ensureState(trx, conversationId, actor.id);
        await trx.updateTable('conversation_state').set({ last_read_id: id }).where('conversation_id', '=', conversationId).where('user_id', '=', actor.id).execute();
      } else {
        await trx
          .updateTable('messages')
          .set((eb) => ({ reply_count: eb('reply_count', '+', 1), last_reply_at: now }))
          .where('id', '=', threadRootId)
          .execute();
      }
      await attachImages(trx, actor, { messageId: id }, imageIds);
      await attachFiles(trx, actor, { type: 'message', id, spaceId: ctx.conversation.space_id }, input.fileIds);
      await notifyMentions(trx, actor, ctx, id, mentions.participants);
      await emit(trx, 'message.created', { conversationId, messageId: id, authorId: actor.id, threadRootId }, { conversationId });
      return id;
    });
  } catch (err) {
    // Two retries of the same send raced: the first one won, answer with it.
    if (!isUniqueViolation(err)) throw err;
    const first = await svc.db.selectFrom('messages').select('id').where('author_id', '=', actor.id).where('client_key', '=', input.clientKey).executeTakeFirst();
    if (!first) throw err;
    return first.id;
  }
}

/** `fileIds`: the complete new list of attached files, as for a post; undefined leaves them. */
export async function editMessage(svc: Services, actor: Actor, messageId: number, body: string, fileIds?: number[]) {
  const ctx = await loadMessageForRead(svc.db, actor, messageId);
  if (!messageAbilities(actor, ctx, ctx.message).edit) throw forbidden('only the author can edit this message');
  if (body === ctx.message.body && fileIds === undefined) return;
  // As when sending: text, an image, a file or a shared post must remain.
  if (!body && ctx.message.shared_post_id === null) {
    const files = fileIds ?? (await svc.db.selectFrom('files').select('id').where('owner_type', '=', 'message').where('owner_id', '=', messageId).where('deleted_at', 'is', null).execute());
    const image = await svc.db.selectFrom('images').select('id').where('message_id', '=', messageId).executeTakeFirst();
    if (!files.length && !image) throw invalid('a message needs text or an image', { fields: { body: 'empty' } });
  }
  const mentions = await resolveMentions(svc.db, ctx.conversation.id, body);
  const html = body ? renderMarkdown(body, { knownHandles: mentions.knownHandles }) : '';
  await write(svc, async (trx) => {
    await trx.updateTable('messages').set({ body, html, edited_at: nowIso() }).where('id', '=', messageId).execute();
    await replaceItemFiles(trx, actor, { type: 'message', id: messageId, spaceId: ctx.conversation.space_id }, fileIds);
    const before = new Set((await trx.selectFrom('message_mentions').select('user_id').where('message_id', '=', messageId).execute()).map((r) => r.user_id));
    await notifyMentions(trx, actor, ctx, messageId, mentions.participants.filter((id) => !before.has(id)));
    await emit(trx, 'message.updated', { conversationId: ctx.conversation.id, messageId }, { conversationId: ctx.conversation.id });
  });
  if (fileIds !== undefined) await purgeDeletedFiles(svc);
}

/** Gone for everyone: text, reactions, mentions and images are removed; a thread root keeps a tombstone. */
export async function deleteMessage(svc: Services, actor: Actor, messageId: number) {
  const ctx = await loadMessageForRead(svc.db, actor, messageId);
  if (!messageAbilities(actor, ctx, ctx.message).delete) throw forbidden('you cannot delete this message');
  const images = await svc.db.selectFrom('images').select(['id', 'key', 'thumb_key']).where('message_id', '=', messageId).execute();
  await write(svc, async (trx) => {
    await trx.updateTable('messages').set({ body: '', html: '', deleted_at: nowIso() }).where('id', '=', messageId).execute();
    await trx.deleteFrom('message_reactions').where('message_id', '=', messageId).execute();
    await trx.deleteFrom('message_mentions').where('message_id', '=', messageId).execute();
    if (images.length) await trx.deleteFrom('images').where('message_id', '=', messageId).execute();
    await dropItemFiles(trx, 'message', [messageId]);
    if (ctx.message.thread_root_id !== null)
      await trx
        .updateTable('messages')
        .set((eb) => ({ reply_count: eb('reply_count', '-', 1) }))
        .where('id', '=', ctx.message.thread_root_id)
        .execute();
    await emit(trx, 'message.deleted', { conversationId: ctx.conversation.id, messageId, threadRootId: ctx.message.thread_root_id }, { conversationId: ctx.conversation.id });
  });
  await purgeImages(svc, images.flatMap((i) => [i.key, i.thumb_key]));
  await purgeDeletedFiles(svc);
}

export async function setMessageReaction(svc: Services, actor: Actor, messageId: number, reaction: Reaction, on: boolean) {
  const ctx = await loadMessageForRead(svc.db, actor, messageId);
  if (!messageAbilities(actor, ctx, ctx.message).react) throw forbidden('you cannot react here');
  await write(svc, async (trx) => {
    const existing = await trx
      .selectFrom('message_reactions')
      .select('reaction')
      .where('message_id', '=', messageId)
      .where('user_id', '=', actor.id)
      .where('reaction', '=', reaction)
      .executeTakeFirst();
    if (on === !!existing) return;
    if (on) await trx.insertInto('message_reactions').values({ message_id: messageId, user_id: actor.id, reaction, created_at: nowIso() }).execute();
    else await trx.deleteFrom('message_reactions').where('message_id', '=', messageId).where('user_id', '=', actor.id).where('reaction', '=', reaction).execute();
    await emit(trx, 'message.reaction', { conversationId: ctx.conversation.id, messageId }, { conversationId: ctx.conversation.id });
  });
}

export async function setPresence(svc: Services, actor: Actor, input: z.infer<typeof PresenceUpdate>) {
  if (actor.scope === 'read') throw forbidden('this token can only read');
  if (input.expiresAt && Date.parse(input.expiresAt) <= Date.now()) throw invalid('the expiry must lie in the future', { fields: { expiresAt: 'past' } });
  await write(svc, async (trx) => {
    await trx.deleteFrom('presence').where('user_id', '=', actor.id).execute();
    if (input.status)
      await trx
        .insertInto('presence')
        .values({
          user_id: actor.id,
          status: input.status,
          text: input.text,
          expires_at: input.expiresAt ? new Date(input.expiresAt).toISOString() : null,
          updated_at: nowIso(),
        })
        .execute();
    await emit(trx, 'presence.changed', { userId: actor.id }, {});
  });
}
