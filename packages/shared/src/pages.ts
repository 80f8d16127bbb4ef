/** Wiki pages: the contract. See docs/api.md (Wiki pages). */
import { z } from 'zod';
import { Id, UserSummary, SpaceRef, LabelLevel } from './schemas.js';
import { LIMITS } from './limits.js';
import { FileRef, FileIds } from './files.js';

export const PageSummary = z.object({
  id: z.number(),
  space: SpaceRef,
  parentId: z.number().nullable(),
  position: z.number(),
  title: z.string(),
  label: z.number(),
  version: z.number(),
  updatedBy: UserSummary,
  updatedAt: z.string(),
  /** How many other pages link here. */
  backlinks: z.number(),
});
export type PageSummary = z.infer<typeof PageSummary>;
export const WikiPage = PageSummary.extend({
  body: z.string(),
  html: z.string(),
  /** Attached files (see Files in docs/api.md). */
  files: z.array(FileRef).default([]),
  abilities: z.object({ edit: z.boolean(), delete: z.boolean() }),
});
export type WikiPage = z.infer<typeof WikiPage>;

const Title = z.string().trim().min(1).max(LIMITS.pageTitle);
export const PageCreate = z.object({ title: Title, body: z.string().max(LIMITS.pageBody).default(''), parentId: Id.optional(), label: LabelLevel.optional(), fileIds: FileIds.optional() });
/** `baseVersion`: the version the editor started from. Someone else saved since: 409 with both versions. */
export const PageUpdate = z.object({ title: Title, body: z.string().max(LIMITS.pageBody), baseVersion: z.number().int().min(1), fileIds: FileIds.optional() });
export const PageMove = z.object({ parentId: Id.nullable(), position: z.number().int().min(0).max(10_000) });
export const PageRevision = z.object({ version: z.number(), title: z.string(), author: UserSummary, createdAt: z.string() });
/** A line diff: unchanged, added and removed lines in order. */
export const PageDiff = z.object({
  from: z.number(),
  to: z.number(),
  lines: z.array(z.object({ op: z.enum(['same', 'add', 'del']), text: z.string() })),
  truncated: z.boolean(),
});
export const PageListQuery = z.object({ sort: z.enum(['recent', 'linked']).default('recent'), limit: z.coerce.number().int().min(1).max(100).default(30) });
