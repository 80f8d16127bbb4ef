/** Search: the contract. See docs/api.md (Search) and docs/adr/0007-search.md. */
import { z } from 'zod';
import { Id, UserSummary, SpaceRef } from './schemas.js';
import { FileKind } from './files.js';

/** Longest accepted query; longer ones are a 400 (validation_failed), never silently cut. */
export const SEARCH_QUERY_MAX = 500;
/** Counts stop here; clients show "1000+" when `countsCapped` is true. */
export const SEARCH_COUNT_CAP = 1000;
/** Deepest result reachable by paging. */
export const SEARCH_MAX_OFFSET = 1000;

export const SEARCH_TYPES = ['post', 'comment', 'question', 'answer', 'page', 'message', 'person', 'space', 'file'] as const;
export const SearchType = z.enum(SEARCH_TYPES);
export type SearchType = z.infer<typeof SearchType>;

const isoDate = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO date or date-time');
const flag = z.preprocess((v) => (v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : v), z.boolean());

export const SearchQuery = z.object({
  q: z.string().max(SEARCH_QUERY_MAX).default(''),
  /** Comma-separated types; all when absent. */
  type: z
    .string()
    .max(200)
    .optional()
    .transform((s, ctx) => {
      if (!s) return undefined;
      const parts = [...new Set(s.split(',').map((t) => t.trim()).filter(Boolean))];
      const bad = parts.filter((t) => !(SEARCH_TYPES as readonly string[]).includes(t));
      if (bad.length) {
        ctx.addIssue({ code: 'custom', message: `unknown type: ${bad.join(', ')}` });
        return z.NEVER;
      }
      return parts as SearchType[];
    }),
  spaceId: Id.optional(),
  authorId: Id.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  hasFiles: flag.optional(),
  sort: z.enum(['relevance', 'date']).default('relevance'),
  cursor: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

/** What a file hit adds: the file itself and where it lives (found by name and, where readable, text). */
export const SearchFileHit = z.object({
  kind: FileKind,
  mime: z.string(),
  size: z.number(),
  /** Downloads the current version. */
  url: z.string(),
  /** Images only. */
  thumbUrl: z.string().nullable(),
  owner: z.object({
    /** The item it is attached to, or `space` for a space's folders. */
    type: z.enum(['space', 'post', 'comment', 'message', 'question', 'answer', 'page']),
    id: z.number(),
    /** Where the item opens: the post of a comment, the question of an answer, the conversation of a message. */
    parentId: z.number().nullable(),
    /** The title of the question (also for an answer) or page; null for items without one. */
    title: z.string().nullable(),
  }),
  /** Space files: their folder (null at the top level). */
  folderId: z.number().nullable(),
});
export type SearchFileHit = z.infer<typeof SearchFileHit>;

export const SearchHit = z.object({
  type: SearchType,
  id: z.number(),
  /** The post of a comment, the question of an answer, the conversation of a message, the item a file is attached to. */
  parentId: z.number().nullable(),
  space: SpaceRef.nullable(),
  conversationId: z.number().nullable(),
  /** Author of content; the person itself for a person hit. */
  author: UserSummary.nullable(),
  /** Sensitivity label level of content hits; null for people and spaces. */
  label: z.number().nullable(),
  /** HTML: escaped text with <mark> around matches. Safe to insert as HTML. */
  titleHtml: z.string(),
  snippetHtml: z.string(),
  createdAt: z.string(),
  /** File hits only (absent for other types; null if the file went away while searching). */
  file: SearchFileHit.nullable().optional(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchResult = z.object({
  items: z.array(SearchHit),
  nextCursor: z.string().nullable(),
  /** Matches per type among what the viewer may see (all types, ignoring the type filter). */
  counts: z.record(z.string(), z.number()),
  countsCapped: z.boolean(),
  /** Spaces with the most matches (readable spaces only). */
  spaces: z.array(z.object({ space: SpaceRef, count: z.number() })),
  /** Hashtags equal to a query word, with the number of readable posts carrying them. */
  hashtags: z.array(z.object({ tag: z.string(), count: z.number() })),
  /** A spelling built only from words of items the viewer may read; null when none. */
  didYouMean: z.string().nullable(),
  /** True when some query words were dropped (limits); stop words are dropped silently. */
  truncated: z.boolean(),
});
export type SearchResult = z.infer<typeof SearchResult>;

export const SuggestQuery = z.object({ q: z.string().max(200).default(''), limit: z.coerce.number().int().min(1).max(10).default(5) });
export const SuggestResult = z.object({
  people: z.array(UserSummary),
  spaces: z.array(SpaceRef),
  pages: z.array(z.object({ id: z.number(), title: z.string(), titleHtml: z.string(), space: SpaceRef })),
});
export type SuggestResult = z.infer<typeof SuggestResult>;
