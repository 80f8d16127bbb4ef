import { z } from 'zod';
import {
  ChannelCreate,
  ChatUnread,
  Conversation,
  ConversationCreate,
  ConversationSettings,
  ConversationUpdate,
  MarkRead,
  MembersAdd,
  Message,
  MessageCreate,
  MessagePage,
  MessageSearchQuery,
  MessagesQuery,
  MessageUpdate,
  Presence,
  PresenceUpdate,
  ReactionKey,
  SwitcherQuery,
  SwitcherResult,
  Thread,
} from '@foyer/shared';
import type { FoyerApp } from '../app.js';
import type { Services } from '../services.js';
import { errors, actorOf, IdParams, NoContent, limit } from './common.js';
import * as chat from '../commands/chat.js';
import type { Actor } from '../policies/actor.js';
import { loadConversationForRead, loadMessageForRead } from '../policies/conversations.js';
import { loadSpaceForView, visibleSpaceFilter } from '../policies/spaces.js';
import { directoryFilter } from '../policies/users.js';
import { presentConversations, presentMessages } from '../presenters/chat.js';
import { presentUserSummary, USER_SUMMARY_COLUMNS } from '../presenters/users.js';
import { spaceRef } from '../presenters/spaces.js';
import { listConversations, messagePage, searchConversation, threadReplies } from '../queries/chat.js';
import { invalid, notFound } from '../errors.js';
import { nowIso } from '../lib/time.js';
import { containsText } from '../lib/like.js';
import { labelCondition } from '../policies/labels.js';

const ReactionParams = IdParams.extend({ reaction: ReactionKey });
const MemberParams = IdParams.extend({ userId: z.coerce.number().int().positive() });
const PresenceQuery = z.object({
  ids: z
    .string()
    .max(1200)
    .transform((s, ctx) => {
      const ids = [...new Set(s.split(',').filter(Boolean).map(Number))];
      if (ids.length > 100 || ids.some((n) => !Number.isInteger(n) || n <= 0)) {
        ctx.addIssue({ code: 'custom', message: 'up to 100 positive ids, comma separated' });
        return z.NEVER;
      }
      return ids;
    }),
});
const Items = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item) });

export async function chatRoutes(app: FoyerApp, svc: Services) {
  const db = svc.db;

  const oneConversation = async (actor: Actor, id: number) => {
    const ctx = await loadConversationForRead(db, actor, id);
    return (await presentConversations(db, actor, [ctx.conversation], { allMembers: true }))[0];
  };
  const oneMessage = async (actor: Actor, id: number) => {
    const ctx = await loadMessageForRead(db, actor, id);
    return (await presentMessages(db, actor, ctx, [ctx.message]))[0];
  };

  app.get('/conversations', { schema: { response: { 200: Items(Conversation), ...errors } } }, async (req) => {
    const actor = actorOf(req);
    return { items: await presentConversations(db, actor, await listConversations(db, actor)) };
  });
  app.post('/conversations', { config: limit(svc, 60), schema: { body: ConversationCreate, response: { 200: Conversation, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    const id = req.body.kind === 'direct' ? await chat.openDirect(svc, actor, req.body.userId) : await chat.createGroup(svc, actor, req.body.userIds, req.body.name);
    return oneConversation(actor, id);
  });
  app.get('/conversations/:id', { schema: { params: IdParams, response: { 200: Conversation, ...errors } } }, async (req) =>
    oneConversation(actorOf(req), req.params.id),
  );
  app.patch('/conversations/:id', { schema: { params: IdParams, body: ConversationUpdate, response: { 200: Conversation, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    const { name, label, confirmAudience } = req.body;
    if (name === undefined && label === undefined) throw invalid('nothing to change', { fields: { name: 'missing' } });
    if (label !== undefined) await chat.relabelConversation(svc, actor, req.params.id, label, confirmAudience);
    if (name !== undefined) await chat.renameConversation(svc, actor, req.params.id, name);
    return oneConversation(actor, req.params.id);
  });
  app.post('/conversations/:id/members', { schema: { params: IdParams, body: MembersAdd, response: { 200: Conversation, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    await chat.addMembers(svc, actor, req.params.id, req.body.userIds, req.body.confirmAudience);
    return oneConversation(actor, req.params.id);
  });
  app.delete('/conversations/:id/members/:userId', { schema: { params: MemberParams, response: { 200: Conversation, 204: NoContent, ...errors } } }, async (req, reply) => {
    const actor = actorOf(req);
    await chat.removeFromGroup(svc, actor, req.params.id, req.params.userId);
    if (req.params.userId === actor.id) return reply.status(204).send(null);
    return oneConversation(actor, req.params.id);
  });
  app.post('/conversations/:id/leave', { schema: { params: IdParams, response: { 204: NoContent, ...errors } } }, async (req, reply) => {
    const actor = actorOf(req);
    await chat.removeFromGroup(svc, actor, req.params.id, actor.id);
    return reply.status(204).send(null);
  });
  app.put('/conversations/:id/settings', { schema: { params: IdParams, body: ConversationSettings, response: { 200: Conversation, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    await chat.updateSettings(svc, actor, req.params.id, req.body);
    return oneConversation(actor, req.params.id);
  });
  for (const [path, fn] of [
    ['read', chat.markRead],
    ['unread', chat.markUnread],
  ] as const) {
    app.post(`/conversations/:id/${path}`, { schema: { params: IdParams, body: MarkRead, response: { 200: Conversation, ...errors } } }, async (req) => {
      const actor = actorOf(req);
      await fn(svc, actor, req.params.id, req.body.messageId);
      return oneConversation(actor, req.params.id);
    });
  }

  app.get('/conversations/:id/messages', { schema: { params: IdParams, querystring: MessagesQuery, response: { 200: MessagePage, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    const ctx = await loadConversationForRead(db, actor, req.params.id);
    const { rows, hasOlder, hasNewer } = await messagePage(db, ctx.conversation.id, req.query);
    return { items: await presentMessages(db, actor, ctx, rows), hasOlder, hasNewer };
  });
  app.post(
    '/conversations/:id/messages',
    { config: limit(svc, 120), schema: { params: IdParams, body: MessageCreate, response: { 200: Message, ...errors } } },
    async (req) => {
      const actor = actorOf(req);
      const id = await chat.sendMessage(svc, actor, req.params.id, req.body);
      return oneMessage(actor, id);
    },
  );
  app.get('/conversations/:id/search', { schema: { params: IdParams, querystring: MessageSearchQuery, response: { 200: Items(Message), ...errors } } }, async (req) => {
    const actor = actorOf(req);
    const ctx = await loadConversationForRead(db, actor, req.params.id);
    return { items: await presentMessages(db, actor, ctx, await searchConversation(db, ctx.conversation.id, req.query.q, req.query.limit)) };
  });

  app.get('/messages/:id', { schema: { params: IdParams, response: { 200: Message, ...errors } } }, async (req) => oneMessage(actorOf(req), req.params.id));
  app.patch('/messages/:id', { config: limit(svc, 120), schema: { params: IdParams, body: MessageUpdate, response: { 200: Message, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    await chat.editMessage(svc, actor, req.params.id, req.body.body, req.body.fileIds);
    return oneMessage(actor, req.params.id);
  });
  app.delete('/messages/:id', { schema: { params: IdParams, response: { 204: NoContent, ...errors } } }, async (req, reply) => {
    await chat.deleteMessage(svc, actorOf(req), req.params.id);
    return reply.status(204).send(null);
  });
  app.get('/messages/:id/thread', { schema: { params: IdParams, response: { 200: Thread, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    const ctx = await loadMessageForRead(db, actor, req.params.id);
    if (ctx.message.thread_root_id !== null) throw notFound('thread');
    const [root, ...replies] = await presentMessages(db, actor, ctx, [ctx.message, ...(await threadReplies(db, ctx.message.id))]);
    return { root, replies };
  });
  for (const [method, on] of [
    ['put', true],
    ['delete', false],
  ] as const) {
    app[method]('/messages/:id/reactions/:reaction', { config: limit(svc, 300), schema: { params: ReactionParams, response: { 200: Message, ...errors } } }, async (req) => {
      const actor = actorOf(req);
      await chat.setMessageReaction(svc, actor, req.params.id, req.params.reaction, on);
      return oneMessage(actor, req.params.id);
    });
  }

  app.get('/spaces/:id/channels', { schema: { params: IdParams, response: { 200: Items(Conversation), ...errors } } }, async (req) => {
    const actor = actorOf(req);
    const ctx = await loadSpaceForView(db, actor, req.params.id);
    if (ctx.membership?.state !== 'member') return { items: [] };
    // Channels above a guest's label maximum are hidden from guests like everywhere else.
    let q = db.selectFrom('conversations').selectAll().where('space_id', '=', ctx.space.id).where('kind', '=', 'channel');
    const label = labelCondition(actor, 'conversations.label');
    if (label) q = q.where(label);
    return { items: await presentConversations(db, actor, await q.orderBy('id').execute()) };
  });
  app.post('/spaces/:id/channels', { config: limit(svc, 60), schema: { params: IdParams, body: ChannelCreate, response: { 200: Conversation, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    const id = await chat.createChannel(svc, actor, req.params.id, req.body.name, req.body.label);
    return oneConversation(actor, id);
  });

  app.get('/chat/unread', { schema: { response: { 200: ChatUnread, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    const conversations = await presentConversations(db, actor, await listConversations(db, actor));
    const counted = conversations.filter((c) => !c.muted);
    return {
      total: counted.reduce((n, c) => n + c.unreadCount, 0),
      mentions: conversations.reduce((n, c) => n + c.mentionCount, 0),
      conversations: conversations
        .filter((c) => c.unreadCount || c.mentionCount)
        .map((c) => ({ id: c.id, unreadCount: c.unreadCount, mentionCount: c.mentionCount, muted: c.muted })),
    };
  });

  app.get('/presence', { schema: { querystring: PresenceQuery, response: { 200: Items(Presence), ...errors } } }, async (req) => {
    const actor = actorOf(req);
    const ids = req.query.ids;
    if (!ids.length) return { items: [] };
    const visible = await db.selectFrom('users').select('id').where('id', 'in', ids).where(directoryFilter(actor)).execute();
    const visibleIds = visible.map((u) => u.id);
    const rows = visibleIds.length ? await db.selectFrom('presence').selectAll().where('user_id', 'in', visibleIds).execute() : [];
    const now = nowIso();
    const byUser = new Map(rows.filter((r) => !r.expires_at || r.expires_at > now).map((r) => [r.user_id, r]));
    return {
      items: visibleIds.map((userId) => {
        const p = byUser.get(userId);
        return { userId, status: p?.status ?? null, text: p?.text ?? '', expiresAt: p?.expires_at ?? null };
      }),
    };
  });
  app.put('/me/presence', { config: limit(svc, 60), schema: { body: PresenceUpdate, response: { 200: Presence, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    await chat.setPresence(svc, actor, req.body);
    const p = await db.selectFrom('presence').selectAll().where('user_id', '=', actor.id).executeTakeFirst();
    return { userId: actor.id, status: p?.status ?? null, text: p?.text ?? '', expiresAt: p?.expires_at ?? null };
  });

  app.get('/switcher', { config: limit(svc, 300), schema: { querystring: SwitcherQuery, response: { 200: SwitcherResult, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    const q = req.query.q.toLowerCase();
    const matches = (text: string | null | undefined) => !!text && text.toLowerCase().includes(q);
    const all = await presentConversations(db, actor, await listConversations(db, actor));
    const conversations = all.filter((c) => !q || matches(c.name) || c.members.some((m) => m.id !== actor.id && matches(m.name))).slice(0, 8);
    const [spaces, people] = await Promise.all([
      db
        .selectFrom('spaces')
        .selectAll()
        .where(visibleSpaceFilter(actor))
        .where(containsText('spaces.name', q))
        .orderBy('last_activity_at', 'desc')
        .limit(5)
        .execute(),
      db
        .selectFrom('users')
        .select([...USER_SUMMARY_COLUMNS])
        .where(directoryFilter(actor))
        .where('id', '!=', actor.id)
        .where(containsText('users.name', q))
        .orderBy('name')
        .limit(5)
        .execute(),
    ]);
    return { conversations, spaces: spaces.map(spaceRef), people: people.map(presentUserSummary) };
  });
}
