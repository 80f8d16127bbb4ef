/**
 * The API contract: zod schemas for every object that crosses the wire.
 * Server routes declare them for validation and OpenAPI; the web app infers its types from them.
 */
import { z } from 'zod';
import { REACTIONS } from './reactions.js';
import { LIMITS } from './limits.js';
import { FileRef, FileIds } from './files.js';

export const Locale = z.enum(['de', 'en']);
export type Locale = z.infer<typeof Locale>;
export const OrgRole = z.enum(['admin', 'member', 'guest']);
export const UserStatus = z.enum(['active', 'deactivated']);
export const SpaceVisibility = z.enum(['public', 'private', 'secret']);
export type SpaceVisibility = z.infer<typeof SpaceVisibility>;
export const SpaceRole = z.enum(['owner', 'admin', 'member']);
export type SpaceRole = z.infer<typeof SpaceRole>;
export const ReactionKey = z.enum(REACTIONS);

export const Id = z.coerce.number().int().positive();

/** A sensitivity label; its level orders labels (higher = more sensitive) and identifies it. */
export const LabelLevel = z.coerce.number().int().min(1).max(10_000);
export const Label = z.object({ level: z.number(), name: z.object({ en: z.string(), de: z.string() }), colour: z.string() });
export type Label = z.infer<typeof Label>;
export const LabelInput = z.object({
  level: LabelLevel,
  name: z.object({ en: z.string().trim().min(1).max(60), de: z.string().trim().min(1).max(60) }),
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/),
});
export const Cursor = z.string().max(200).optional();
export const PageQuery = z.object({
  cursor: Cursor,
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSize).default(LIMITS.defaultPageSize),
});

export const Page = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

const trimmed = (max: number) => z.string().trim().max(max);
export const Email = z.string().trim().toLowerCase().email().max(254);
export const Password = z.string().min(LIMITS.passwordMin).max(LIMITS.passwordMax);
export const TimeZone = z.string().max(64).refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'unknown time zone');

export const UserSummary = z.object({
  id: z.number(),
  handle: z.string(),
  name: z.string(),
  title: z.string(),
  photoUrl: z.string().nullable(),
  status: UserStatus,
  role: OrgRole,
});
export type UserSummary = z.infer<typeof UserSummary>;

export const Contact = z.object({
  phone: trimmed(40).optional(),
  mobile: trimmed(40).optional(),
  office: trimmed(80).optional(),
  chat: trimmed(80).optional(),
});

export const UserProfile = UserSummary.extend({
  department: z.string(),
  site: z.string(),
  country: z.string(),
  languages: z.array(z.string()),
  timezone: z.string(),
  about: z.string(),
  contact: Contact,
  locale: Locale,
  followedByMe: z.boolean(),
  createdAt: z.string(),
});
export type UserProfile = z.infer<typeof UserProfile>;

/** Roles an administrator grants on top of admin/member/guest. */
export const FunctionalRole = z.enum(['communications', 'governance', 'moderator']);
export type FunctionalRole = z.infer<typeof FunctionalRole>;
export const Me = UserProfile.extend({ email: z.string(), roles: z.array(FunctionalRole) });
export type Me = z.infer<typeof Me>;

export const ProfileUpdate = z.object({
  name: trimmed(LIMITS.userName).min(1).optional(),
  title: trimmed(120).optional(),
  department: trimmed(120).optional(),
  site: trimmed(120).optional(),
  country: trimmed(2).optional(),
  languages: z.array(trimmed(10)).max(20).optional(),
  timezone: TimeZone.optional(),
  about: trimmed(LIMITS.about).optional(),
  contact: Contact.optional(),
  locale: Locale.optional(),
});

export const Organisation = z.object({
  name: z.string(),
  defaultLocale: Locale,
  allowedDomains: z.array(z.string()),
  setupDone: z.boolean(),
  demo: z.boolean(),
  /** Guests may take part in direct and group conversations (channels follow space membership). */
  chatGuests: z.boolean(),
  /** Who may create private and secret spaces. */
  privateSpaceCreators: z.enum(['everyone', 'admins', 'governance']),
  secretSpaceCreators: z.enum(['everyone', 'admins', 'governance']),
  secretPurposeRequired: z.boolean(),
  /** Community guidelines (markdown) that creators of closed spaces accept. */
  spaceGuidelines: z.string(),
  /** Closed spaces without activity for this many days are archived, owners warned a week before; null: never. */
  inactivityArchiveDays: z.number().nullable(),
  /** Guests never receive anything above this label level, on any surface. */
  guestMaxLabel: z.number(),
  /** Notifications about content at or above this level carry no content. */
  redactLabel: z.number(),
});
export type Organisation = z.infer<typeof Organisation>;

export const SetupInput = z.object({
  organisation: z.object({
    name: trimmed(120).min(1),
    defaultLocale: Locale,
    allowedDomains: z.array(z.string().trim().toLowerCase().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/)).max(50),
  }),
  admin: z.object({ name: trimmed(LIMITS.userName).min(1), email: Email, password: Password }),
});

export const SignInInput = z.object({ email: Email, password: z.string().min(1).max(LIMITS.passwordMax) });
export const SignUpInput = z.object({
  name: trimmed(LIMITS.userName).min(1),
  email: Email,
  password: Password,
  invitation: z.string().max(200).optional(),
});

export const SpaceAbilities = z.object({
  read: z.boolean(),
  post: z.boolean(),
  join: z.boolean(),
  requestJoin: z.boolean(),
  leave: z.boolean(),
  manage: z.boolean(),
  pin: z.boolean(),
});

export const Space = z.object({
  id: z.number(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  visibility: SpaceVisibility,
  archived: z.boolean(),
  memberCount: z.number(),
  myRole: SpaceRole.nullable(),
  myState: z.enum(['member', 'requested', 'invited']).nullable(),
  unreadCount: z.number(),
  createdAt: z.string(),
  /** Why a closed space exists; listed with it in the closed-space registry. */
  purpose: z.string(),
  /** Private and secret spaces appear (name, purpose, owners, counts — never content) in the registry. */
  listedInRegistry: z.boolean(),
  /** The highest label its content may carry, and the label new content gets by default. */
  labelCeiling: z.number(),
  labelDefault: z.number(),
  abilities: SpaceAbilities,
});
export type Space = z.infer<typeof Space>;

export const SpaceCreate = z.object({
  name: trimmed(LIMITS.spaceName).min(1),
  description: trimmed(LIMITS.spaceDescription).default(''),
  visibility: SpaceVisibility,
  slug: z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9-]{1,62}$/).optional(),
  /** Why the space exists; required for secret spaces when the organisation says so. */
  purpose: trimmed(500).optional(),
  /** Closed spaces: the creator accepts the organisation's community guidelines. */
  acceptGuidelines: z.boolean().optional(),
});
export const SpaceUpdate = z.object({
  name: trimmed(LIMITS.spaceName).min(1).optional(),
  description: trimmed(LIMITS.spaceDescription).optional(),
  visibility: SpaceVisibility.optional(),
  purpose: trimmed(500).optional(),
  labelCeiling: LabelLevel.optional(),
  labelDefault: LabelLevel.optional(),
  /** Required when the change lets new people read existing content. */
  confirmAudience: z.boolean().optional(),
});

export const SpaceMember = z.object({ user: UserSummary, role: SpaceRole, state: z.enum(['member', 'requested', 'invited']) });

export const ReactionSummary = z.object({
  counts: z.record(z.string(), z.number()),
  mine: z.array(ReactionKey),
});

export const SpaceRef = z.object({ id: z.number(), slug: z.string(), name: z.string(), visibility: SpaceVisibility });

export const PostImage = z.object({ id: z.number(), url: z.string(), thumbUrl: z.string(), width: z.number(), height: z.number() });
export type PostImage = z.infer<typeof PostImage>;

/**
 * A shared post as embedded in a share: `available` is false, and nothing of the original is
 * included, for readers of the share who may not read the original (shares never widen).
 */
export const SharedPost = z.object({
  id: z.number(),
  available: z.boolean(),
  author: UserSummary.nullable(),
  space: SpaceRef.nullable(),
  html: z.string(),
  label: z.number().nullable(),
  createdAt: z.string().nullable(),
});
export type SharedPost = z.infer<typeof SharedPost>;

export const Post = z.object({
  id: z.number(),
  space: SpaceRef,
  author: UserSummary,
  body: z.string(),
  html: z.string(),
  hashtags: z.array(z.string()),
  images: z.array(PostImage),
  /** Attached files (see Files in docs/api.md). */
  files: z.array(FileRef).default([]),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  deleted: z.boolean(),
  pinned: z.boolean(),
  commentCount: z.number(),
  /** Sensitivity label level; the comment thread carries the same label. */
  label: z.number(),
  /** The post this one shares, if any. */
  shared: SharedPost.nullable(),
  /** Set on announcements. `progress` only for the author and space managers. */
  announcement: z
    .object({
      ackRequired: z.boolean(),
      deadline: z.string().nullable(),
      acknowledged: z.boolean(),
      progress: z.object({ acknowledged: z.number(), audience: z.number() }).nullable(),
    })
    .nullable(),
  reactions: ReactionSummary,
  followed: z.boolean(),
  saved: z.boolean(),
  /** Mentioned people who cannot read the post; shown to the author only. */
  unreachableMentions: z.array(z.string()).optional(),
  abilities: z.object({ edit: z.boolean(), delete: z.boolean(), pin: z.boolean(), comment: z.boolean(), react: z.boolean() }),
});
export type Post = z.infer<typeof Post>;

export const PostCreate = z.object({
  spaceId: Id,
  /** May be empty when sharing another post. */
  body: trimmed(LIMITS.postBody),
  /** Share (embed) this post; the sharer must be able to read it. */
  sharedPostId: Id.optional(),
  /** Post as an announcement (space managers, or the communications role): pinned, optionally to be acknowledged. */
  announcement: z.object({ ackRequired: z.boolean(), deadline: z.iso.datetime({ offset: true }).optional() }).optional(),
  /** Images uploaded before with POST /images, in display order. */
  imageIds: z.array(Id).max(LIMITS.imagesPerPost).optional(),
  /** Files uploaded before with POST /files by the same person, not attached yet. */
  fileIds: FileIds.optional(),
  /** Sensitivity label level; defaults to the space's default, at most its ceiling. */
  label: LabelLevel.optional(),
});
export const PostUpdate = z.object({
  body: trimmed(LIMITS.postBody).min(1).optional(),
  label: LabelLevel.optional(),
  /** Required when a lower label lets new people read the post (409 `audience_widening` otherwise). */
  confirmAudience: z.boolean().optional(),
  /** The complete new list of attached files (left-out files are deleted). */
  fileIds: FileIds.optional(),
});

/** Who would be able to read: counts and breakdowns computed by the read policy. */
export const AudiencePreview = z.object({
  total: z.number(),
  employees: z.number(),
  guests: z.number(),
  departments: z.array(z.object({ name: z.string(), count: z.number() })),
  sites: z.array(z.object({ name: z.string(), count: z.number() })),
  countries: z.array(z.object({ name: z.string(), count: z.number() })),
  /** Readers the change would add (label lowered, visibility widened); absent for plain previews. */
  newReaders: z.number().optional(),
  /** For a share: how many of its readers can read the shared original (the others see a placeholder). */
  originalReaders: z.number().optional(),
});
export const ShareAudienceQuery = z.object({ spaceId: z.coerce.number().int().positive().optional(), conversationId: z.coerce.number().int().positive().optional() });
export type AudiencePreview = z.infer<typeof AudiencePreview>;
export const PostRevision = z.object({ id: z.number(), body: z.string(), editor: UserSummary, createdAt: z.string() });

export const Comment = z.object({
  id: z.number(),
  postId: z.number(),
  parentId: z.number().nullable(),
  author: UserSummary,
  body: z.string(),
  html: z.string(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  deleted: z.boolean(),
  reactions: ReactionSummary,
  /** Attached files (see Files in docs/api.md). */
  files: z.array(FileRef).default([]),
  abilities: z.object({ edit: z.boolean(), delete: z.boolean(), react: z.boolean(), reply: z.boolean() }),
});
export type Comment = z.infer<typeof Comment>;
export const CommentCreate = z.object({ body: trimmed(LIMITS.commentBody).min(1), parentId: Id.optional(), fileIds: FileIds.optional() });
export const CommentUpdate = z.object({
  body: trimmed(LIMITS.commentBody).min(1),
  /** The complete new list of attached files (left-out files are deleted). */
  fileIds: FileIds.optional(),
});

export const NotificationType = z.enum([
  'mention',
  'reply',
  'reaction',
  'join_request',
  'join_decision',
  'invitation',
  /** Someone mentioned me in a chat message; `data` holds conversationId and messageId, never text. */
  'chat_mention',
  /** Someone asks to let a share's audience read my post (or a post in a space I own). */
  'declassify_request',
  /** My declassification request was approved or denied (`data.approved`). */
  'declassify_decision',
  /** An announcement I have not acknowledged is due within a day. */
  'announcement_reminder',
  /** A report reached a queue I moderate (`data.reportId`). */
  'report_received',
  /** A moderation decision on something I reported or wrote (`data.action`, `data.reason`). */
  'moderation_decision',
  /** A closed space I own will be archived for inactivity (`data.archiveAt`), or was archived. */
  'space_inactive',
  /** Someone answered my question (`data.questionId`, `data.answerId`). */
  'question_answered',
  /** Notifications held back outside my working hours were released (`data.count`); never held itself. */
  'quiet_hours_summary',
]);
export type NotificationType = z.infer<typeof NotificationType>;

export const Notification = z.object({
  id: z.number(),
  type: NotificationType,
  actor: UserSummary.nullable(),
  /** Number of actors folded into this notification (grouped reactions). */
  count: z.number(),
  space: SpaceRef.nullable(),
  postId: z.number().nullable(),
  commentId: z.number().nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationPrefs = z.record(NotificationType, z.boolean());

export const AccessToken = z.object({
  id: z.number(),
  name: z.string(),
  scope: z.enum(['read', 'write']),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export const AccessTokenCreate = z.object({ name: trimmed(80).min(1), scope: z.enum(['read', 'write']) });

export const Invitation = z.object({
  id: z.number(),
  email: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  acceptedAt: z.string().nullable(),
  /** Only returned once, on creation. */
  url: z.string().optional(),
});

/** Aggregate progress; `pending` (who has not acknowledged yet) exists only for acknowledgement-required announcements. */
export const AckProgress = z.object({ acknowledged: z.number(), audience: z.number(), pending: z.array(UserSummary) });

export const RegistryEntry = z.object({
  space: SpaceRef,
  purpose: z.string(),
  owners: z.array(UserSummary),
  memberCount: z.number(),
  createdAt: z.string(),
  lastActivityAt: z.string().nullable(),
});

export const ReportCategory = z.enum(['harassment', 'discrimination', 'confidential_leak', 'illegal', 'spam', 'other']);
/** Everything a person can report: space content and chat messages. */
export const ReportTargetType = z.enum(['post', 'comment', 'message', 'question', 'answer', 'page']);
export const ReportCreate = z.object({
  targetType: ReportTargetType,
  targetId: Id,
  category: ReportCategory,
  note: trimmed(1000).default(''),
});
export const ModerationAction = z.enum(['hide', 'restore', 'delete', 'warn', 'mute', 'dismiss']);
export const ModerationDecision = z.object({
  action: ModerationAction,
  /** Shown to the reporter and the author. */
  reason: trimmed(1000).min(1),
  /** For `mute`: days the author may not write in the space (1–90). */
  muteDays: z.number().int().min(1).max(90).optional(),
});
export const Report = z.object({
  id: z.number(),
  targetType: ReportTargetType,
  targetId: z.number(),
  category: ReportCategory,
  note: z.string(),
  status: z.enum(['open', 'resolved']),
  escalated: z.boolean(),
  createdAt: z.string(),
  space: SpaceRef.nullable(),
  /** Exactly the reported item, for its moderators — never its surroundings. */
  item: z.object({
    author: UserSummary,
    /** Questions and pages have a title; posts, comments, messages and answers do not. */
    title: z.string().nullable(),
    html: z.string(),
    createdAt: z.string(),
    hidden: z.boolean(),
    deleted: z.boolean(),
    /** Where the item lives, for a link from the queue: the post of a comment, the question of an answer, the conversation of a message. */
    parentId: z.number().nullable(),
  }),
  actions: z.array(z.object({ action: ModerationAction, reason: z.string(), moderator: UserSummary, createdAt: z.string() })),
});

export const DeclassifyRequest = z.object({ reason: trimmed(500).min(1) });
export const Declassification = z.object({
  id: z.number(),
  postId: z.number(),
  /** Where the original would become readable: the share's space or conversation. */
  space: SpaceRef.nullable(),
  conversationId: z.number().nullable(),
  requestedBy: UserSummary,
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'denied']),
  decidedBy: UserSummary.nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  /** Whether the caller may approve or deny it (the original's author or its space's owners). */
  canDecide: z.boolean(),
});

export const NudgeKind = z.enum(['regex', 'words', 'iban']);
export const NudgePattern = z.object({ id: z.number(), name: z.string(), kind: NudgeKind, pattern: z.string(), minLabel: z.number() });
export const NudgePatternInput = z.object({
  name: trimmed(80).min(1),
  kind: NudgeKind,
  /** regex: a JavaScript regular expression (case-insensitive, at most 300 characters); words: one word or phrase per line. */
  pattern: z.string().max(4000),
  minLabel: LabelLevel,
});
/** The author's own check while composing: nothing is stored or reported. */
export const NudgeCheck = z.object({ text: z.string().max(LIMITS.postBody), label: LabelLevel, spaceId: Id.optional() });
export const NudgeResult = z.object({
  matches: z.array(z.object({ patternId: z.number(), name: z.string(), minLabel: z.number() })),
  /** The label the matches call for when it is above the chosen one; null otherwise. */
  suggestedLabel: z.number().nullable(),
  /** Matching content would reach guests or everyone in the organisation. */
  wideAudience: z.boolean(),
});

export const Hashtag = z.object({ tag: z.string(), postCount: z.number(), followed: z.boolean() });
export const Facet = z.object({ name: z.string(), count: z.number() });
