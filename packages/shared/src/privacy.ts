/** The personal transparency centre and data exports (GDPR Art. 15/20). */
import { z } from 'zod';

export const DataCategoryCount = z.object({
  /** Category key (profile, posts, comments, messages, …); the client translates it. */
  key: z.string(),
  count: z.number(),
  /** The works agreement's retention type for it, or null when none applies. */
  retention: z.string().nullable(),
  /** Days after which the works agreement has it deleted; null: kept until deleted by someone. */
  retentionDays: z.number().nullable(),
});
export const DataOverview = z.object({ categories: z.array(DataCategoryCount) });
export type DataOverview = z.infer<typeof DataOverview>;

export const SessionInfo = z.object({
  /** An opaque id for this list only (never the session's own key). */
  id: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  userAgent: z.string(),
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const DataExport = z.object({
  id: z.number(),
  status: z.enum(['queued', 'running', 'ready', 'failed', 'expired']),
  /** 0–100. */
  progress: z.number(),
  size: z.number().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Until when the archive can be downloaded. */
  expiresAt: z.string().nullable(),
});
export type DataExport = z.infer<typeof DataExport>;
