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
  // Questions and answers: to the space's readers who may read the question (and the answer):
  // label and moderation-hidden state are checked per recipient when delivering.
  'question.created': z.object({ ...ids, questionId: z.number(), authorId: z.number() }),
  /** Its text or tags changed, or its answers did in a way only a refetch shows (hidden, restored). */
  'question.updated': z.object({ ...ids, questionId: z.number() }),
  'question.deleted': z.object({ ...ids, questionId: z.number() }),
  'answer.created': z.object({ ...ids, questionId: z.number(), answerId: z.number(), authorId: z.number() }),
  /** Its text changed, or someone commented on it. */
  'answer.updated': z.object({ ...ids, questionId: z.number(), answerId: z.number() }),
  'answer.deleted': z.object({ ...ids, questionId: z.number(), answerId: z.number() }),
  /** The best answer was chosen (answerId) or unmarked (null). */
  'answer.best': z.object({ ...ids, questionId: z.number(), answerId: z.number().nullable() }),
  /** An answer's score changed: the new total only, never who voted. */
  'answer.voted': z.object({ ...ids, questionId: z.number(), answerId: z.number(), score: z.number() }),
  // Wiki pages: to the space's readers who may read the page (label, moderation-hidden state).
  'page.created': z.object({ ...ids, pageId: z.number() }),
  'page.updated': z.object({ ...ids, pageId: z.number(), version: z.number() }),
  /** A new parent or place among its siblings (the tree changed). */
  'page.moved': z.object({ ...ids, pageId: z.number() }),
  'page.deleted': z.object({ ...ids, pageId: z.number() }),
  // A space's files (not attachments, which follow their item's events): to readers its label allows.
  'file.created': z.object({ ...ids, fileId: z.number() }),
  'file.versioned': z.object({ ...ids, fileId: z.number(), version: z.number() }),
  /** Renamed, moved to another folder or relabelled. */
  'file.updated': z.object({ ...ids, fileId: z.number() }),
  'file.deleted': z.object({ ...ids, fileId: z.number() }),
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
