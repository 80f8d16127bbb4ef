/**
 * The realtime event catalogue: name -> payload schema. Payloads carry identifiers, never content:
 * clients fetch content over REST, through the policy, so an event can never leak more than a read.
 */
import { z } from 'zod';

const ids = { spaceId: z.number() };
export const EVENT_SCHEMAS = {
  'post.created': z.object({ ...ids, postId: z.number(), authorId: z.number() }),
  'post.updated': z.object({ ...ids, postId: z.number() }),
  'post.deleted': z.object({ ...ids, postId: z.number() }),
  'comment.created': z.object({ ...ids, postId: z.number(), commentId: z.number(), authorId: z.number() }),
  'comment.updated': z.object({ ...ids, postId: z.number(), commentId: z.number() }),
  'comment.deleted': z.object({ ...ids, postId: z.number(), commentId: z.number() }),
  'reaction.changed': z.object({ ...ids, postId: z.number(), commentId: z.number().nullable() }),
  'space.updated': z.object({ ...ids }),
  'membership.changed': z.object({ ...ids, userId: z.number() }),
  /** Sent to a person who lost read access to a space: drop everything cached from it. */
  'access.revoked': z.object({ ...ids }),
  'notification.created': z.object({ userId: z.number(), notificationId: z.number() }),
  'notification.read': z.object({ userId: z.number() }),
  // Chat: delivered to the conversation's participants (a channel's: its space's members).
  'message.created': z.object({ conversationId: z.number(), messageId: z.number(), authorId: z.number(), threadRootId: z.number().nullable() }),
  'message.updated': z.object({ conversationId: z.number(), messageId: z.number() }),
  /** threadRootId: the thread whose reply count changed, for replies. */
  'message.deleted': z.object({ conversationId: z.number(), messageId: z.number(), threadRootId: z.number().nullable() }),
  'message.reaction': z.object({ conversationId: z.number(), messageId: z.number() }),
  'conversation.created': z.object({ conversationId: z.number() }),
  'conversation.updated': z.object({ conversationId: z.number() }),
  /** Participants changed: audiences are recomputed before any later event of this conversation. */
  'conversation.members': z.object({ conversationId: z.number() }),
  /** To one person who lost access: drop the conversation from the list and close it. */
  'conversation.removed': z.object({ conversationId: z.number() }),
  /** To the reader's other tabs and devices: read state moved. */
  'conversation.read': z.object({ conversationId: z.number(), lastReadId: z.number() }),
  /** Someone changed their chosen status; to everyone who may see that person. */
  'presence.changed': z.object({ userId: z.number() }),
} as const;

export type EventName = keyof typeof EVENT_SCHEMAS;
export type EventPayload<N extends EventName> = z.infer<(typeof EVENT_SCHEMAS)[N]>;
export const EVENT_NAMES = Object.keys(EVENT_SCHEMAS) as EventName[];

/** Server -> client WebSocket envelope. `id` is the resume cursor. */
export type ServerMessage =
  | { kind: 'event'; id: number; type: EventName; data: Record<string, unknown> }
  | { kind: 'hello'; cursor: number }
  | { kind: 'resync'; cursor: number }
  | { kind: 'bye'; reason: 'signed_out' | 'deactivated' | 'shutdown' }
  /** Ephemeral, never stored or replayed: someone is typing in a conversation. */
  | { kind: 'typing'; conversationId: number; userId: number };
