/** Query keys of the chat caches, in one place so realtime and components agree. */
export const chatKeys = {
  all: ['chat'] as const,
  conversations: ['chat', 'conversations'] as const,
  conversation: (id: number) => ['chat', 'conversation', id] as const,
  /** A window of top-level messages; `anchor` is a message id (deep link / jump) or null for the newest. */
  messages: (id: number, anchor: number | null) => ['chat', 'messages', id, anchor] as const,
  messagesOf: (id: number) => ['chat', 'messages', id] as const,
  allMessages: ['chat', 'messages'] as const,
  thread: (rootId: number) => ['chat', 'thread', rootId] as const,
  allThreads: ['chat', 'thread'] as const,
  unread: ['chat', 'unread'] as const,
  channels: (spaceId: number) => ['chat', 'channels', spaceId] as const,
  search: (id: number, q: string) => ['chat', 'search', id, q] as const,
  switcher: (q: string) => ['chat', 'switcher', q] as const,
  presence: (userId: number) => ['presence', userId] as const,
};
