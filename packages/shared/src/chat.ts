/**
 * Chat contract: direct and group conversations, channels inside spaces, messages, threads,
 * read state and chosen presence. See docs/api.md (Chat) for the routes.
 */
import { z } from 'zod';
import { Id, UserSummary, SpaceRef, ReactionSummary, PostImage, LabelLevel, SharedPost } from './schemas.js';
import { LIMITS } from './limits.js';
import { FileRef, FileIds } from './files.js';

export const ConversationKind = z.enum(['direct', 'group', 'channel']);
export type ConversationKind = z.infer<typeof ConversationKind>;
export const NotifyLevel = z.enum(['all', 'mentions', 'none']);
export type NotifyLevel = z.infer<typeof NotifyLevel>;

/** A status the person chooses. Nothing is measured: no last seen, no idle detection. */
export const PresenceStatus = z.enum(['available', 'busy', 'dnd', 'away']);
export type PresenceStatus = z.infer<typeof PresenceStatus>;
export const Presence = z.object({
  userId: z.number(),
  status: PresenceStatus.nullable(),
  text: z.string(),
  expiresAt: z.string().nullable(),
});
export type Presence = z.infer<typeof Presence>;
export const PresenceUpdate = z.object({
  /** null clears the status. */
  status: PresenceStatus.nullable(),
  text: z.string().trim().max(LIMITS.presenceText).default(''),
  /** ISO time; must lie in the future. */
  expiresAt: z.iso.datetime({ offset: true }).nullable().default(null),
});

export const MessageSummary = z.object({
  id: z.number(),
  author: UserSummary,
  /** Plain-text excerpt (markdown stripped), empty when deleted. */
  excerpt: z.string(),
  createdAt: z.string(),
  deleted: z.boolean(),
});
export type MessageSummary = z.infer<typeof MessageSummary>;

export const Conversation = z.object({
  id: z.number(),
  kind: ConversationKind,
  /** Group and channel name; null for direct conversations (show the other person). */
  name: z.string().nullable(),
  /** The channel's space. */
  space: SpaceRef.nullable(),
  /** Direct and group: the participants (everyone, including me). Channels: empty (see the space). */
  members: z.array(UserSummary),
  memberCount: z.number(),
  lastMessage: MessageSummary.nullable(),
  lastMessageId: z.number(),
  lastReadId: z.number(),
  /** Top-level messages by others after lastReadId, capped at LIMITS.unreadCap. */
  unreadCount: z.number(),
  /** Unread messages that mention me. */
  mentionCount: z.number(),
  muted: z.boolean(),
  notify: NotifyLevel,
  /** Sensitivity label level: channels start at their space's default, direct and group conversations at Internal. */
  label: z.number(),
  createdAt: z.string(),
  abilities: z.object({ post: z.boolean(), rename: z.boolean(), relabel: z.boolean(), addMembers: z.boolean(), removeMembers: z.boolean(), leave: z.boolean() }),
});
export type Conversation = z.infer<typeof Conversation>;

export const ConversationCreate = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('direct'), userId: Id }),
  z.object({
    kind: z.literal('group'),
    userIds: z.array(Id).min(1).max(LIMITS.groupMembers - 1),
    name: z.string().trim().max(LIMITS.conversationName).optional(),
  }),
]);
export const ChannelCreate = z.object({
  name: z.string().trim().min(1).max(LIMITS.conversationName),
  /** Sensitivity label level; defaults to the space's default, at most its ceiling. */
  label: LabelLevel.optional(),
});
export const ConversationUpdate = z.object({
  name: z.string().trim().max(LIMITS.conversationName).optional(),
  /** A new sensitivity label. Lowering it so that more people can read needs `confirmAudience`. */
  label: z.number().int().min(0).max(10_000).optional(),
  confirmAudience: z.boolean().optional(),
});
export const MembersAdd = z.object({
  userIds: z.array(Id).min(1).max(LIMITS.groupMembers - 1),
  /** Required when the conversation has history: the added people will read it (409 `{ newReaders }` otherwise). */
  confirmAudience: z.boolean().optional(),
});
export const ConversationSettings = z.object({ muted: z.boolean().optional(), notify: NotifyLevel.optional() });

export const Message = z.object({
  id: z.number(),
  conversationId: z.number(),
  author: UserSummary,
  body: z.string(),
  html: z.string(),
  /** Pasted or attached images (uploaded first with POST /images, like post images). */
  images: z.array(PostImage),
  /** Attached files (see Files in docs/api.md). */
  files: z.array(FileRef).default([]),
  /** A shared post, embedded only for participants who may read it. */
  shared: SharedPost.nullable(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  deleted: z.boolean(),
  /** Set on replies: the thread's first message. */
  threadRootId: z.number().nullable(),
  /** On thread roots: number of replies and the time of the last one. */
  replyCount: z.number(),
  lastReplyAt: z.string().nullable(),
  /** A quoted message of the same conversation; `deleted` with an empty excerpt once it was deleted. */
  quote: MessageSummary.nullable(),
  reactions: ReactionSummary,
  /** The sender's idempotency key, returned to the sender only. */
  clientKey: z.string().nullable(),
  abilities: z.object({ edit: z.boolean(), delete: z.boolean(), react: z.boolean(), reply: z.boolean() }),
});
export type Message = z.infer<typeof Message>;

export const MessageCreate = z.object({
  body: z.string().trim().max(LIMITS.messageBody),
  /** Chosen by the client per message; a retry with the same key returns the first result. */
  clientKey: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/),
  threadRootId: Id.optional(),
  quoteId: Id.optional(),
  /** Images uploaded before with POST /images; a message may also be images only (body may then be empty). */
  imageIds: z.array(Id).max(LIMITS.imagesPerPost).optional(),
  /** Files uploaded before with POST /files by the same person, not attached yet. */
  fileIds: FileIds.optional(),
  /** Share a post into the conversation; participants who cannot read it see it as unavailable. */
  sharedPostId: Id.optional(),
});
export const MessageUpdate = z.object({
  /** May be empty when the message keeps images or files, as when sending. */
  body: z.string().trim().max(LIMITS.messageBody),
  /** The complete new list of attached files (left-out files are deleted). */
  fileIds: FileIds.optional(),
});

export const MessagesQuery = z.object({
  /** Older than this message id. */
  before: Id.optional(),
  /** Newer than this message id. */
  after: Id.optional(),
  /** This message and its neighbours in both directions (deep links). */
  around: Id.optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.messagePage).default(LIMITS.defaultMessagePage),
});
/** Messages oldest first. `hasOlder`/`hasNewer` tell whether scrolling further can load more. */
export const MessagePage = z.object({ items: z.array(Message), hasOlder: z.boolean(), hasNewer: z.boolean() });
export type MessagePage = z.infer<typeof MessagePage>;

export const Thread = z.object({ root: Message, replies: z.array(Message) });
export const MarkRead = z.object({ messageId: z.number().int().min(0) });
export const ChatUnread = z.object({
  total: z.number(),
  mentions: z.number(),
  conversations: z.array(z.object({ id: z.number(), unreadCount: z.number(), mentionCount: z.number(), muted: z.boolean() })),
});
export const MessageSearchQuery = z.object({ q: z.string().trim().min(1).max(200), limit: z.coerce.number().int().min(1).max(50).default(20) });

export const SwitcherQuery = z.object({ q: z.string().trim().max(100).default('') });
export const SwitcherResult = z.object({
  conversations: z.array(Conversation),
  spaces: z.array(SpaceRef),
  people: z.array(UserSummary),
});

/** What a client may send over its WebSocket. Anything else is dropped; repeated abuse closes it. */
export const ClientMessage = z.discriminatedUnion('kind', [z.object({ kind: z.literal('typing'), conversationId: z.number().int().positive() })]);
export type ClientMessage = z.infer<typeof ClientMessage>;
