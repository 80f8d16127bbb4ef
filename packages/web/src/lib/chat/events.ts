/** Realtime chat events (ids only) turned into cache patches and refetches. */
import type { QueryClient } from '@tanstack/react-query';
import type { EventName } from '../types';
import { dropConversation, markMessageDeleted, refreshMessage } from './cache';
import { invalidate } from '../invalidate';
import { chatKeys } from './keys';
import { noteTyping, stopTyping } from './typing';

type EventData = Record<string, unknown>;
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

export interface ChatEventHooks {
  meId: () => number | null;
  /** The person lost access to a conversation (removed, left on another device). */
  onConversationRemoved: (conversationId: number) => void;
}

function listsChanged(qc: QueryClient, conversationId: number | null): void {
  void invalidate(qc, { queryKey: chatKeys.conversations });
  void invalidate(qc, { queryKey: chatKeys.unread });
  void invalidate(qc, { queryKey: ['chat', 'channels'] });
  if (conversationId !== null) void invalidate(qc, { queryKey: chatKeys.conversation(conversationId) });
}

/** Returns false for events that are not about chat. */
export function applyChatEvent(qc: QueryClient, type: EventName, data: EventData, hooks: ChatEventHooks): boolean {
  const conversationId = num(data.conversationId);
  const messageId = num(data.messageId);
  switch (type) {
    case 'message.created': {
      const root = num(data.threadRootId);
      const author = num(data.authorId);
      if (conversationId !== null && author !== null) stopTyping(conversationId, author);
      if (root === null) {
        // Catch up every window of this conversation that shows the newest messages (see fetchWindow).
        if (conversationId !== null) void invalidate(qc, { queryKey: chatKeys.messagesOf(conversationId) });
      } else {
        void invalidate(qc, { queryKey: chatKeys.thread(root) });
        void refreshMessage(root); // its reply count
      }
      listsChanged(qc, conversationId);
      return true;
    }
    case 'message.updated':
    case 'message.reaction':
      if (messageId !== null) void refreshMessage(messageId);
      if (type === 'message.updated') void invalidate(qc, { queryKey: chatKeys.conversations });
      return true;
    case 'message.deleted':
      if (messageId !== null) markMessageDeleted(messageId);
      // A deleted reply changes its root's count; a deleted last message changes the list preview.
      void invalidate(qc, { queryKey: chatKeys.allThreads });
      listsChanged(qc, conversationId);
      return true;
    case 'conversation.created':
    case 'conversation.updated':
    case 'conversation.members':
    case 'conversation.read':
      listsChanged(qc, conversationId);
      return true;
    case 'conversation.removed':
      if (conversationId !== null) {
        dropConversation(conversationId);
        hooks.onConversationRemoved(conversationId);
      }
      return true;
    case 'presence.changed': {
      const userId = num(data.userId);
      if (userId !== null) void invalidate(qc, { queryKey: chatKeys.presence(userId) });
      return true;
    }
    default:
      return false;
  }
}

export function applyTyping(conversationId: number, userId: number, meId: number | null): void {
  if (userId !== meId) noteTyping(conversationId, userId);
}

/**
 * The socket came back (or the browser went online again): open conversations catch up on their
 * newest messages, lists and counts refetch. Events missed meanwhile are replayed from the cursor
 * as well; both paths merge by id, so nothing shows twice.
 */
export function chatCatchUp(qc: QueryClient): void {
  void invalidate(qc, { queryKey: chatKeys.all });
}

/** The server could not replay what was missed: reload open conversations from scratch. */
export function chatResync(qc: QueryClient): void {
  qc.removeQueries({ queryKey: chatKeys.allMessages, type: 'inactive' });
  void qc.resetQueries({ queryKey: chatKeys.allMessages });
}
