import type { z } from 'zod';
import type * as S from '@foyer/shared';

export type {
  Me,
  Post,
  Comment,
  Space,
  SpaceVisibility,
  SpaceRole,
  UserSummary,
  UserProfile,
  Organisation,
  Notification,
  NotificationType,
  Reaction,
  Locale,
  ErrorCode,
  ServerMessage,
  EventName,
  Label,
  AudiencePreview,
  DataOverview,
  DataExport,
  SessionInfo,
} from '@foyer/shared';

export type PostImage = z.infer<typeof S.PostImage>;
export type SpaceMember = z.infer<typeof S.SpaceMember>;
export type PostRevision = z.infer<typeof S.PostRevision>;
export type ReactionSummary = z.infer<typeof S.ReactionSummary>;
export type Hashtag = z.infer<typeof S.Hashtag>;
export type Facet = z.infer<typeof S.Facet>;
export type AccessToken = z.infer<typeof S.AccessToken> & { token?: string };
export type Invitation = z.infer<typeof S.Invitation>;
export type NotificationPrefs = Record<string, boolean>;
export type SetupInput = z.input<typeof S.SetupInput>;
export type SignInInput = z.input<typeof S.SignInInput>;
export type SignUpInput = z.input<typeof S.SignUpInput>;
export type SpaceCreate = z.input<typeof S.SpaceCreate>;
export type SpaceUpdate = z.input<typeof S.SpaceUpdate>;
export type ProfileUpdate = z.input<typeof S.ProfileUpdate>;
export type Page<T> = { items: T[]; nextCursor: string | null };
/** `policy`: the modules the works agreement switches on (the navigation shows only those). */
export type SessionResponse = { me: S.Me; csrfToken: string; policy: S.SessionPolicy };
export type DemoAccount = { email: string; password: string; label: string };
export type ReactionUser = { reaction: S.Reaction; user: S.UserSummary };

// Chat (packages/shared/src/chat.ts)
export type {
  Conversation,
  ConversationKind,
  Message,
  MessageSummary,
  MessagePage,
  NotifyLevel,
  Presence,
  PresenceStatus,
  ClientMessage,
} from '@foyer/shared';
export type Thread = z.infer<typeof S.Thread>;
export type ChatUnread = z.infer<typeof S.ChatUnread>;
export type SwitcherResult = z.infer<typeof S.SwitcherResult>;
export type ConversationCreate = z.input<typeof S.ConversationCreate>;
export type PresenceUpdate = z.input<typeof S.PresenceUpdate>;

// Shares, nudges, announcements, governance, moderation
export type { SharedPost, FunctionalRole } from '@foyer/shared';
export type Declassification = z.infer<typeof S.Declassification>;
export type AckProgress = z.infer<typeof S.AckProgress>;
export type NudgePattern = z.infer<typeof S.NudgePattern>;
export type NudgePatternInput = z.infer<typeof S.NudgePatternInput>;
export type NudgeResult = z.infer<typeof S.NudgeResult>;
export type RegistryEntry = z.infer<typeof S.RegistryEntry>;
export type Report = z.infer<typeof S.Report>;
export type ReportCategory = z.infer<typeof S.ReportCategory>;
export type ModerationAction = z.infer<typeof S.ModerationAction>;

// Questions and answers, link previews (packages/shared/src/questions.ts, previews.ts)
export type { Question, Answer, LinkPreview } from '@foyer/shared';
export type QuestionDetail = z.infer<typeof S.QuestionDetail>;
export type QuestionCreate = z.input<typeof S.QuestionCreate>;
export type QuestionListFilter = z.infer<typeof S.QuestionFilter>['filter'];

// Wiki pages (packages/shared/src/pages.ts)
export type { PageSummary, WikiPage } from '@foyer/shared';
export type PageRevision = z.infer<typeof S.PageRevision>;
export type PageDiff = z.infer<typeof S.PageDiff>;
export type PageRevisionText = PageRevision & { body: string };

// Search (packages/shared/src/search.ts)
export type { SearchType, SuggestResult } from '@foyer/shared';
/** `label`: a sensitivity label level, shown when the server includes one (the contract may add it). */
export type SearchHit = S.SearchHit;
export type SearchResult = Omit<S.SearchResult, 'items'> & { items: SearchHit[] };

// Files (packages/shared/src/files.ts)
export type { FileRef, FileDetail, FileVersion, FileFolder, SpaceFiles, FileKind, FileRejection } from '@foyer/shared';
export type FileSettings = z.infer<typeof S.FileSettings>;
