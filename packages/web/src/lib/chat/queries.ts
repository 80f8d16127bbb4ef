/** Hooks that read the chat caches. Writes live next to the components that make them. */
import { useQuery } from '@tanstack/react-query';
import { get } from '../api';
import { queryClient } from '../queryClient';
import type { ChatUnread, Conversation, Thread } from '../types';
import { fetchWindow, sortConversations } from './cache';
import { chatKeys } from './keys';

export function useConversations() {
  return useQuery({
    queryKey: chatKeys.conversations,
    queryFn: async ({ signal }) => {
      const res = await get<{ items: Conversation[] }>('/conversations', undefined, signal);
      return { items: sortConversations(res.items) };
    },
  });
}

export function useConversation(id: number) {
  return useQuery<Conversation>({
    queryKey: chatKeys.conversation(id),
    queryFn: ({ signal }) => get<Conversation>(`/conversations/${id}`, undefined, signal),
    // The list already holds it: show the header at once while the detail loads.
    placeholderData: () => queryClient.getQueryData<{ items: Conversation[] }>(chatKeys.conversations)?.items.find((c) => c.id === id),
  });
}

export function useChatUnread() {
  return useQuery({
    queryKey: chatKeys.unread,
    queryFn: ({ signal }) => get<ChatUnread>('/chat/unread', undefined, signal),
    refetchInterval: 120_000,
  });
}

export function useMessageWindow(conversationId: number, anchor: number | null) {
  return useQuery({
    queryKey: chatKeys.messages(conversationId, anchor),
    queryFn: ({ signal }) => fetchWindow(conversationId, anchor, signal),
    // Kept current by realtime events; a stale window only catches up (see fetchWindow).
    staleTime: Infinity,
    refetchOnMount: 'always',
  });
}

export function useThread(rootId: number | null) {
  return useQuery({
    queryKey: chatKeys.thread(rootId ?? 0),
    queryFn: ({ signal }) => get<Thread>(`/messages/${rootId}/thread`, undefined, signal),
    enabled: rootId !== null,
  });
}
