/**
 * The chat caches: windows of messages per conversation, threads, the conversation list.
 * Realtime events carry ids only, so everything here either refetches over REST or patches
 * what is cached. Merging is always "by id, sorted by id", which makes every path idempotent:
 * the same message arriving from a POST response, a catch-up fetch and a refetch shows once.
 */
import type { Query } from '@tanstack/react-query';
import { get, isApiError } from '../api';
import { queryClient } from '../queryClient';
import type { Conversation, Message, MessagePage, Thread } from '../types';
import { chatKeys } from './keys';
import { forgetPendingKeys } from './outbox';

export interface MessageWindow {
  items: Message[];
  hasOlder: boolean;
  hasNewer: boolean;
}

const MAX_PAGE = 100;

export function mergeMessages(a: Message[], b: Message[]): Message[] {
  const byId = new Map<number, Message>();
  for (const m of a) byId.set(m.id, m);
  for (const m of b) byId.set(m.id, m);
  return [...byId.values()].sort((x, y) => x.id - y.id);
}

const messagesPath = (conversationId: number) => `/conversations/${conversationId}/messages`;

/**
 * The query function of a message window. With data already cached and nothing newer missing,
 * it only fetches what came after the newest cached message, so invalidating a window (new
 * message event, reconnect, back online) is a cheap, gap-free catch-up instead of a reload.
 */
export async function fetchWindow(conversationId: number, anchor: number | null, signal?: AbortSignal): Promise<MessageWindow> {
  const key = chatKeys.messages(conversationId, anchor);
  const cached = queryClient.getQueryData<MessageWindow>(key);
  const last = cached?.items.at(-1);
  if (cached && last && !cached.hasNewer) {
    const page = await get<MessagePage>(messagesPath(conversationId), { after: last.id, limit: MAX_PAGE }, signal);
    const now = queryClient.getQueryData<MessageWindow>(key) ?? cached;
    forgetPendingKeys(page.items);
    return { ...now, items: mergeMessages(now.items, page.items), hasNewer: page.hasNewer };
  }
  // Reading history (newer messages not loaded yet): nothing to catch up, and a reload would lose the place.
  if (cached && cached.items.length > 0) return cached;
  const page = await get<MessagePage>(messagesPath(conversationId), anchor ? { around: anchor } : {}, signal);
  forgetPendingKeys(page.items);
  return { items: page.items, hasOlder: page.hasOlder, hasNewer: page.hasNewer };
}

/** Scrolling back (older) or forward (newer) in a window. */
export async function extendWindow(conversationId: number, anchor: number | null, direction: 'older' | 'newer'): Promise<void> {
  const key = chatKeys.messages(conversationId, anchor);
  const cached = queryClient.getQueryData<MessageWindow>(key);
  if (!cached || cached.items.length === 0) return;
  const older = direction === 'older';
  const edge = older ? cached.items[0] : cached.items.at(-1);
  if (!edge) return;
  const page = await get<MessagePage>(messagesPath(conversationId), older ? { before: edge.id } : { after: edge.id });
  forgetPendingKeys(page.items);
  queryClient.setQueryData<MessageWindow>(key, (w) =>
    w
      ? {
          items: mergeMessages(w.items, page.items),
          hasOlder: older ? page.hasOlder : w.hasOlder,
          hasNewer: older ? w.hasNewer : page.hasNewer,
        }
      : w,
  );
}

const isWindowOf = (conversationId: number | null) => (q: Query) =>
  q.queryKey[0] === 'chat' && q.queryKey[1] === 'messages' && (conversationId === null || q.queryKey[2] === conversationId);
const isThreadQuery = (q: Query) => q.queryKey[0] === 'chat' && q.queryKey[1] === 'thread';

/** Whether a message belongs into a window without leaving a gap between it and the loaded range. */
function fitsWindow(w: MessageWindow, id: number): boolean {
  const first = w.items[0];
  const last = w.items.at(-1);
  if (!first || !last) return !w.hasNewer;
  if (id > last.id) return !w.hasNewer;
  if (id < first.id) return !w.hasOlder;
  return true;
}

/** Put a message (new or changed) into every cached window and thread where it belongs. */
export function upsertMessage(m: Message): void {
  forgetPendingKeys([m]);
  if (m.threadRootId === null) {
    queryClient.setQueriesData<MessageWindow>({ predicate: isWindowOf(m.conversationId) }, (w) => {
      if (!w) return w;
      if (!fitsWindow(w, m.id)) return w;
      return { ...w, items: mergeMessages(w.items, [m]) };
    });
  }
  queryClient.setQueriesData<Thread>({ predicate: isThreadQuery }, (t) => {
    if (!t) return t;
    if (t.root.id === m.id) return { ...t, root: m };
    if (m.threadRootId !== t.root.id) return t;
    return { ...t, replies: mergeMessages(t.replies, [m]) };
  });
}

/**
 * Gone everywhere at once, the way the server shows it after a reload: out of history and
 * threads, except a thread root with replies, which stays as a "deleted" placeholder.
 */
export function markMessageDeleted(messageId: number): void {
  const tombstone = (m: Message): Message => ({ ...m, deleted: true, body: '', html: '', images: [], quote: null, reactions: { counts: {}, mine: [] } });
  queryClient.setQueriesData<MessageWindow>({ predicate: isWindowOf(null) }, (w) =>
    w ? { ...w, items: w.items.flatMap((m) => (m.id !== messageId ? [m] : m.replyCount > 0 ? [tombstone(m)] : [])) } : w,
  );
  queryClient.setQueriesData<Thread>({ predicate: isThreadQuery }, (t) =>
    t ? { root: t.root.id === messageId ? tombstone(t.root) : t.root, replies: t.replies.filter((m) => m.id !== messageId) } : t,
  );
}

export function findCachedMessage(messageId: number): Message | undefined {
  for (const q of queryClient.getQueryCache().findAll({ predicate: isWindowOf(null) })) {
    const hit = (q.state.data as MessageWindow | undefined)?.items.find((m) => m.id === messageId);
    if (hit) return hit;
  }
  for (const q of queryClient.getQueryCache().findAll({ predicate: isThreadQuery })) {
    const t = q.state.data as Thread | undefined;
    const hit = t?.root.id === messageId ? t.root : t?.replies.find((m) => m.id === messageId);
    if (hit) return hit;
  }
  return undefined;
}

/** Refetch one message that is on screen somewhere (edited, reacted to, replied to). */
export async function refreshMessage(messageId: number): Promise<void> {
  if (!findCachedMessage(messageId)) return;
  try {
    upsertMessage(await get<Message>(`/messages/${messageId}`));
  } catch (e) {
    if (isApiError(e, 'not_found')) markMessageDeleted(messageId);
  }
}

/** Latest activity first: the last message's time, else when the conversation was started. */
export function activityOf(c: Conversation): string {
  return c.lastMessage?.createdAt ?? c.createdAt;
}
export function sortConversations(list: Conversation[]): Conversation[] {
  return [...list].sort((a, b) => activityOf(b).localeCompare(activityOf(a)) || b.id - a.id);
}

/** A fresh conversation object from a write (read, settings, rename): detail and list at once. */
export function patchConversation(c: Conversation): void {
  queryClient.setQueryData(chatKeys.conversation(c.id), c);
  queryClient.setQueryData<{ items: Conversation[] }>(chatKeys.conversations, (list) => {
    if (!list) return list;
    const found = list.items.some((x) => x.id === c.id);
    return { items: sortConversations(found ? list.items.map((x) => (x.id === c.id ? c : x)) : [c, ...list.items]) };
  });
  void queryClient.invalidateQueries({ queryKey: chatKeys.unread });
}

/** Access lost or conversation left: forget everything cached about it. */
export function dropConversation(conversationId: number): void {
  queryClient.removeQueries({ queryKey: chatKeys.conversation(conversationId) });
  queryClient.removeQueries({ queryKey: chatKeys.messagesOf(conversationId) });
  queryClient.removeQueries({ predicate: (q) => isThreadQuery(q) && (q.state.data as Thread | undefined)?.root.conversationId === conversationId });
  queryClient.setQueryData<{ items: Conversation[] }>(chatKeys.conversations, (list) =>
    list ? { items: list.items.filter((c) => c.id !== conversationId) } : list,
  );
  void queryClient.invalidateQueries({ queryKey: chatKeys.unread });
  void queryClient.invalidateQueries({ queryKey: ['chat', 'channels'] });
}
