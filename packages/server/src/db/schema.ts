/**
 * Table types for Kysely. Timestamps are ISO-8601 UTC strings and flags are 0/1 integers on both
 * dialects, so every query reads the same on SQLite and PostgreSQL.
 */
import type { Generated, ColumnType } from 'kysely';

type Id = Generated<number>;
type Nullable<T> = T | null;

export interface OrganisationTable {
  id: number;
  name: string;
  default_locale: string;
  allowed_domains: string; // JSON array
  demo: number;
  created_at: string;
  /** 1: guests may be in direct and group conversations. */
  chat_guests: Generated<number>;
  /** Guests never receive content above this label level. */
  guest_max_label: Generated<number>;
  /** Notifications about content at or above this level carry no content. */
  redact_label: Generated<number>;
  private_space_creators: Generated<'everyone' | 'admins' | 'governance'>;
  secret_space_creators: Generated<'everyone' | 'admins' | 'governance'>;
  secret_purpose_required: Generated<number>;
  space_guidelines: Generated<string>;
  escalating_categories: Generated<string>;
  /** Closed spaces without activity for this many days are archived (null: never). */
  inactivity_archive_days: Generated<number | null>;
  /** Largest file upload in bytes (files, migration 014). */
  file_max_bytes: Generated<number>;
  /** An erased person's content in shared places: removed, or kept as "former employee" (migration 016). */
  erasure_mode: Generated<'remove' | 'pseudonymise'>;
}

export interface UserTable {
  id: Id;
  email: string;
  handle: string;
  name: string;
  password_hash: string;
  role: 'admin' | 'member' | 'guest';
  status: 'active' | 'deactivated';
  title: string;
  department: string;
  site: string;
  country: string;
  languages: string; // JSON array
  timezone: string;
  about: string;
  contact: string; // JSON object
  locale: string;
  photo_key: Nullable<string>;
  created_at: string;
  /** Bumped on password change and deactivation; sessions from earlier generations are void. */
  session_generation: Generated<number>;
}

export interface SessionTable {
  id: string; // sha256 of the cookie token
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  user_agent: string;
}

export interface AccessTokenTable {
  id: Id;
  user_id: number;
  name: string;
  token_hash: string;
  scope: 'read' | 'write';
  created_at: string;
  last_used_at: Nullable<string>;
  revoked_at: Nullable<string>;
}

export interface InvitationTable {
  id: Id;
  email: string;
  token_hash: string;
  invited_by: number;
  created_at: string;
  expires_at: string;
  accepted_at: Nullable<string>;
}

export interface SpaceTable {
  id: Id;
  slug: string;
  name: string;
  description: string;
  visibility: 'public' | 'private' | 'secret';
  archived_at: Nullable<string>;
  created_by: number;
  created_at: string;
  last_activity_at: string;
  /** The highest label its content may carry, and the label new content gets. */
  label_ceiling: Generated<number>;
  label_default: Generated<number>;
  /** Why a closed space exists: shown in the closed-space registry. */
  purpose: Generated<string>;
  guidelines_accepted_at: Nullable<string>;
  inactivity_warned_at: Generated<string | null>;
}

export interface MembershipTable {
  space_id: number;
  user_id: number;
  role: 'owner' | 'admin' | 'member';
  state: 'member' | 'requested' | 'invited';
  created_at: string;
  /** Highest post id the member has seen in this space (unread markers). */
  last_read_post_id: Generated<number>;
}

export interface PostTable {
  id: Id;
  space_id: number;
  author_id: number;
  body: string;
  html: string;
  created_at: string;
  edited_at: Nullable<string>;
  deleted_at: Nullable<string>;
  pinned_at: Nullable<string>;
  comment_count: Generated<number>;
  reaction_count: Generated<number>;
  label: Generated<number>;
  /** The post this one shares (embeds); shown only to readers of the original. */
  shared_post_id: Nullable<number>;
  /** Hidden by a moderator pending review: out of every list; the author and moderators still see it. */
  hidden_at: Generated<string | null>;
}

export interface PostRevisionTable {
  id: Id;
  post_id: number;
  editor_id: number;
  body: string;
  created_at: string;
}

export interface CommentTable {
  id: Id;
  post_id: number;
  parent_id: Nullable<number>;
  author_id: number;
  body: string;
  html: string;
  created_at: string;
  edited_at: Nullable<string>;
  deleted_at: Nullable<string>;
  /** Hidden by a moderator pending review: out of every list; the author and moderators still see it. */
  hidden_at: Generated<string | null>;
}

export interface ReactionTable {
  post_id: number;
  comment_id: number; // 0 for a reaction on the post itself (keeps the primary key simple)
  user_id: number;
  reaction: string;
  created_at: string;
}

export interface PostHashtagTable {
  post_id: number;
  tag: string;
  space_id: number;
}

export interface MentionTable {
  post_id: number;
  comment_id: number;
  user_id: number;
}

export interface FollowUserTable {
  follower_id: number;
  followee_id: number;
  created_at: string;
}

export interface FollowHashtagTable {
  user_id: number;
  tag: string;
  created_at: string;
}

export interface FollowPostTable {
  user_id: number;
  post_id: number;
  /** 1 = follows, 0 = explicitly unfollowed (beats the implicit follow of authors and commenters). */
  following: number;
}

export interface BookmarkTable {
  user_id: number;
  post_id: number;
  created_at: string;
}

export interface NotificationTable {
  id: Id;
  user_id: number;
  type: string;
  actor_id: Nullable<number>;
  actor_count: Generated<number>;
  space_id: Nullable<number>;
  post_id: Nullable<number>;
  comment_id: Nullable<number>;
  group_key: Nullable<string>;
  data: string; // JSON
  created_at: string;
  read_at: Nullable<string>;
  conversation_id: Nullable<number>;
  /** Held by quiet hours until this moment; null once delivered. */
  deliver_at: Nullable<string>;
}

/** A person's own working hours; no row follows the works agreement's default. */
export interface WorkingHoursTable {
  user_id: number;
  /** ISO weekdays, comma-separated: "1,2,3,4,5". */
  workdays: string;
  start_time: string;
  end_time: string;
  time_zone: string;
  updated_at: string;
}

export interface NotificationPrefTable {
  user_id: number;
  type: string;
  enabled: number;
}

export interface OutboxTable {
  id: Id;
  type: string;
  payload: string; // JSON
  space_id: Nullable<number>;
  user_id: Nullable<number>;
  conversation_id: Nullable<number>;
  created_at: string;
  label: Nullable<number>;
}

export interface ConversationTable {
  id: Id;
  kind: 'direct' | 'group' | 'channel';
  space_id: Nullable<number>;
  name: Nullable<string>;
  direct_key: Nullable<string>;
  created_by: number;
  created_at: string;
  last_message_id: Generated<number>;
  last_message_at: Nullable<string>;
  label: Generated<number>;
}

export interface ConversationMemberTable {
  conversation_id: number;
  user_id: number;
  joined_at: string;
}

export interface ConversationStateTable {
  conversation_id: number;
  user_id: number;
  last_read_id: Generated<number>;
  muted: Generated<number>;
  notify: Generated<'all' | 'mentions' | 'none'>;
}

export interface MessageTable {
  id: Id;
  conversation_id: number;
  author_id: number;
  body: string;
  html: string;
  thread_root_id: Nullable<number>;
  quote_id: Nullable<number>;
  client_key: Nullable<string>;
  created_at: string;
  edited_at: Nullable<string>;
  deleted_at: Nullable<string>;
  reply_count: Generated<number>;
  last_reply_at: Nullable<string>;
  shared_post_id: Nullable<number>;
  /** Hidden by a moderator pending review: out of every list; the author and moderators still see it. */
  hidden_at: Generated<string | null>;
}

export interface MessageReactionTable {
  message_id: number;
  user_id: number;
  reaction: string;
  created_at: string;
}

export interface MessageMentionTable {
  user_id: number;
  conversation_id: number;
  message_id: number;
}

export interface PresenceTable {
  user_id: number;
  status: 'available' | 'busy' | 'dnd' | 'away';
  text: string;
  expires_at: Nullable<string>;
  updated_at: string;
}

export interface ImageTable {
  id: Id;
  uploader_id: number;
  post_id: Nullable<number>;
  message_id: Nullable<number>;
  position: Generated<number>;
  key: string;
  thumb_key: string;
  width: number;
  height: number;
  created_at: string;
}

export interface LabelTable {
  level: number;
  name_en: string;
  name_de: string;
  colour: string;
}

export interface DeclassificationTable {
  id: Id;
  post_id: number;
  space_id: Nullable<number>;
  conversation_id: Nullable<number>;
  requested_by: number;
  reason: string;
  status: 'pending' | 'approved' | 'denied';
  decided_by: Nullable<number>;
  created_at: string;
  decided_at: Nullable<string>;
}

export interface NudgePatternTable {
  id: Id;
  name: string;
  kind: 'regex' | 'words' | 'iban';
  /** Regex source, or one word or phrase per line; empty for built-in detectors. */
  pattern: string;
  min_label: number;
  created_at: string;
}

export type FunctionalRole = 'communications' | 'governance' | 'moderator';

export interface UserRoleTable {
  user_id: number;
  role: FunctionalRole;
  granted_by: number;
  granted_at: string;
}

export interface AnnouncementTable {
  post_id: number;
  ack_required: number;
  deadline: Nullable<string>;
  reminded_at: Nullable<string>;
}

export interface AcknowledgementTable {
  post_id: number;
  user_id: number;
  acknowledged_at: string;
}

export interface RegistryViewTable {
  viewer_id: number;
  viewed_at: string;
}

export type ReportCategory = 'harassment' | 'discrimination' | 'confidential_leak' | 'illegal' | 'spam' | 'other';

export interface ReportTable {
  id: Id;
  target_type: 'post' | 'comment' | 'message' | 'question' | 'answer' | 'page';
  target_id: number;
  space_id: Nullable<number>;
  conversation_id: Nullable<number>;
  author_id: number;
  reporter_id: number;
  category: ReportCategory;
  note: string;
  escalated: number;
  status: 'open' | 'resolved';
  created_at: string;
}

export interface ModerationActionTable {
  id: Id;
  report_id: number;
  moderator_id: number;
  action: 'hide' | 'restore' | 'delete' | 'warn' | 'mute' | 'dismiss';
  reason: string;
  created_at: string;
}

export interface SpaceMuteTable {
  space_id: number;
  user_id: number;
  until: string;
}

export interface QuestionTable {
  id: Id;
  space_id: number;
  author_id: number;
  title: string;
  body: string;
  html: string;
  tags: Generated<string>; // JSON array
  label: number;
  best_answer_id: Nullable<number>;
  created_at: string;
  edited_at: Nullable<string>;
  deleted_at: Nullable<string>;
  last_activity_at: string;
  /** Hidden pending moderation review (017_moderation_items). */
  hidden_at: Generated<string | null>;
}

export interface AnswerTable {
  id: Id;
  question_id: number;
  author_id: number;
  body: string;
  html: string;
  score: Generated<number>;
  created_at: string;
  edited_at: Nullable<string>;
  deleted_at: Nullable<string>;
  hidden_at: Generated<string | null>;
}

export interface AnswerVoteTable {
  answer_id: number;
  user_id: number;
  value: number;
}

export interface AnswerCommentTable {
  id: Id;
  answer_id: number;
  author_id: number;
  body: string;
  html: string;
  created_at: string;
  deleted_at: Nullable<string>;
}

export interface PageTable {
  id: Id;
  space_id: number;
  parent_id: Nullable<number>;
  position: Generated<number>;
  title: string;
  body: string;
  html: string;
  label: number;
  version: number;
  created_by: number;
  created_at: string;
  updated_by: number;
  updated_at: string;
  deleted_at: Nullable<string>;
  hidden_at: Generated<string | null>;
}

export interface PageRevisionTable {
  id: Id;
  page_id: number;
  version: number;
  title: string;
  body: string;
  author_id: number;
  created_at: string;
}

export interface PageLinkTable {
  from_page: number;
  to_page: number;
}

export interface DataExportTable {
  id: Id;
  user_id: number;
  status: 'queued' | 'running' | 'ready' | 'failed' | 'expired';
  progress: Generated<number>;
  file_name: Nullable<string>;
  size: Nullable<number>;
  error: Nullable<string>;
  created_at: string;
  started_at: Nullable<string>;
  finished_at: Nullable<string>;
  expires_at: Nullable<string>;
}

export interface ErasureTable {
  user_id: number;
  requested_by: number;
  mode: 'remove' | 'pseudonymise';
  status: 'pending' | 'done';
  /** JSON: how many items of each kind were removed (never what they said). */
  counts: Generated<string>;
  created_at: string;
  finished_at: Nullable<string>;
}

/** A space's retention, shorter than the policy's, per content type (018_retention). */
export interface SpaceRetentionTable {
  space_id: number;
  type: string;
  days: number;
  updated_by: number;
  updated_at: string;
}

/** A hold on a space or a person: retention deletes nothing it covers until lifted (018_retention). */
export interface LegalHoldTable {
  id: Id;
  target_type: 'space' | 'user';
  target_id: number;
  reason: string;
  placed_by: number;
  placed_at: string;
  lifted_by: Nullable<number>;
  lifted_at: Nullable<string>;
}

/** One claimed retention run per day (018_retention). */
export interface RetentionRunTable {
  day: string;
  claimed_at: string;
  finished_at: Nullable<string>;
  counts: Generated<string>;
}

export interface LinkPreviewTable {
  url: string;
  ok: number;
  title: string;
  description: string;
  image_url: Nullable<string>;
  site_name: string;
  fetched_at: string;
}

/** Hash-chained, append-only (015_compliance). */
export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: number | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

/** The last entry removed by audit-log retention (seq 0: none); verification starts after it (021_audit_retention). */
export interface AuditCheckpointTable {
  id: number;
  seq: number;
  hash: string;
}

export interface PolicyVersionTable {
  id: Id;
  version: number;
  status: 'pending' | 'active' | 'retired' | 'superseded' | 'rejected';
  document: string;
  note: string;
  base_version: number | null;
  proposed_by: number | null;
  proposed_at: string;
  decided_at: string | null;
  activated_at: string | null;
}

export interface PolicyDecisionTable {
  id: Id;
  version_id: number;
  user_id: number;
  role: FunctionalRole;
  decision: 'approve' | 'reject';
  reason: string;
  at: string;
}

export type FileOwnerType = 'upload' | 'space' | 'post' | 'comment' | 'message' | 'question' | 'answer' | 'page';

export interface FileTable {
  id: Id;
  uploader_id: number;
  /** 'upload': not attached yet; 'space': in the space's folders; else the item it is attached to. */
  owner_type: FileOwnerType;
  owner_id: Nullable<number>;
  space_id: Nullable<number>;
  folder_id: Nullable<number>;
  position: Generated<number>;
  name: string;
  /** Space files only; attachments follow their item's label. */
  label: Nullable<number>;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: Nullable<string>;
}

export interface FileVersionTable {
  id: Id;
  file_id: number;
  version: number;
  name: string;
  kind: 'image' | 'pdf' | 'document' | 'spreadsheet' | 'presentation' | 'text';
  mime: string;
  size: number;
  sha256: string;
  storage_key: string;
  thumb_key: Nullable<string>;
  width: Nullable<number>;
  height: Nullable<number>;
  uploader_id: number;
  idempotency_key: Nullable<string>;
  created_at: string;
}

export interface FileFolderTable {
  id: Id;
  space_id: number;
  parent_id: Nullable<number>;
  name: string;
  created_by: number;
  created_at: string;
}

/** One searchable item (013_search); terms live in FTS5 tables (SQLite) or `tsv` (PostgreSQL). */
export interface SearchDocTable {
  id: Id;
  kind: 'post' | 'comment' | 'question' | 'answer' | 'page' | 'message' | 'person' | 'space' | 'file';
  item_id: number;
  /** The post of a comment, the question of an answer, the conversation of a message, the item a file is attached to. */
  parent_id: Nullable<number>;
  space_id: Nullable<number>;
  conversation_id: Nullable<number>;
  author_id: Nullable<number>;
  label: number;
  /** 0 when deleted or hidden by moderation (kept current by triggers in the writing transaction). */
  visible: number;
  lang: string;
  title: string;
  body: string;
  created_at: string;
}

/** Reversed index terms that can be compounds (024_search_compounds): suffix lookup. */
export interface SearchSuffixTable {
  rev: string;
}

/** The same terms forward (024_search_compounds): lookup of compounds that start with a word. */
export interface SearchHeadTable {
  term: string;
}

export interface SearchQueueTable {
  id: Id;
  kind: string;
  item_id: number;
}

/** A lawful-access request (019_sealed_access). */
export interface SealedRequestTable {
  id: Id;
  requester_id: number;
  scope_type: 'person' | 'space' | 'conversation';
  scope_id: number;
  range_from: string;
  range_to: string;
  reason: string;
  legal_basis: 'court_order' | 'internal_investigation' | 'gdpr_request' | 'other';
  legal_basis_text: string;
  approver_roles: string; // JSON array of policy roles, copied from the policy at request time
  days: number;
  notify_delay_days: number;
  status: 'pending' | 'approved' | 'denied' | 'void' | 'revoked' | 'expired';
  created_at: string;
  decided_at: Nullable<string>;
  expires_at: string;
  replaced_by: Nullable<number>;
}

export interface SealedDecisionTable {
  id: Id;
  request_id: number;
  user_id: number;
  role: 'admin' | 'communications' | 'governance' | 'moderator';
  decision: 'approve' | 'deny';
  reason: string;
  at: string;
}

/** A transparency notice held back by the policy's delay; the job writes it when due. */
export interface SealedNoticeTable {
  id: Id;
  request_id: number;
  user_id: number;
  due_at: string;
  delivered_at: Nullable<string>;
}

export interface DB {
  images: ImageTable;
  organisation: OrganisationTable;
  users: UserTable;
  sealed_requests: SealedRequestTable;
  sealed_decisions: SealedDecisionTable;
  sealed_notices: SealedNoticeTable;
  sessions: SessionTable;
  access_tokens: AccessTokenTable;
  invitations: InvitationTable;
  spaces: SpaceTable;
  memberships: MembershipTable;
  posts: PostTable;
  post_revisions: PostRevisionTable;
  comments: CommentTable;
  reactions: ReactionTable;
  post_hashtags: PostHashtagTable;
  mentions: MentionTable;
  follow_users: FollowUserTable;
  follow_hashtags: FollowHashtagTable;
  follow_posts: FollowPostTable;
  bookmarks: BookmarkTable;
  notifications: NotificationTable;
  notification_prefs: NotificationPrefTable;
  working_hours: WorkingHoursTable;
  outbox: OutboxTable;
  conversations: ConversationTable;
  conversation_members: ConversationMemberTable;
  conversation_state: ConversationStateTable;
  messages: MessageTable;
  message_reactions: MessageReactionTable;
  message_mentions: MessageMentionTable;
  presence: PresenceTable;
  labels: LabelTable;
  declassifications: DeclassificationTable;
  nudge_patterns: NudgePatternTable;
  user_roles: UserRoleTable;
  announcements: AnnouncementTable;
  acknowledgements: AcknowledgementTable;
  registry_views: RegistryViewTable;
  reports: ReportTable;
  moderation_actions: ModerationActionTable;
  space_mutes: SpaceMuteTable;
  questions: QuestionTable;
  answers: AnswerTable;
  answer_votes: AnswerVoteTable;
  answer_comments: AnswerCommentTable;
  pages: PageTable;
  page_revisions: PageRevisionTable;
  page_links: PageLinkTable;
  link_previews: LinkPreviewTable;
  data_exports: DataExportTable;
  erasures: ErasureTable;
  files: FileTable;
  file_versions: FileVersionTable;
  file_folders: FileFolderTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  audit_checkpoint: AuditCheckpointTable;
  policy_versions: PolicyVersionTable;
  policy_decisions: PolicyDecisionTable;
  search_docs: SearchDocTable;
  search_queue: SearchQueueTable;
  search_suffixes: SearchSuffixTable;
  search_heads: SearchHeadTable;
  space_retention: SpaceRetentionTable;
  legal_holds: LegalHoldTable;
  retention_runs: RetentionRunTable;
}

export type Count = ColumnType<number, never, never>;
