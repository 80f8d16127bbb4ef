/**
 * Source rows -> search documents. The permission columns computed here (space, conversation,
 * label, visible) are the same values the triggers of 013_search copy on every change, so a
 * reindex and a trigger never disagree (for files, literally the same SQL: 022_search_files).
 * Shares index only their own text: the embedded original stays out, it is found (if at all) as
 * itself under its own policy.
 */
import { sql, type Kysely } from 'kysely';
import type { DB, SearchDocTable } from '../db/schema.js';
import { FILE_DOC_STATE } from '../db/migrations/022_search_files.js';
import { detectLanguage, indexTerms, nameTerms, plainText, toLang, type Lang } from './analysis.js';

export type DocKind = SearchDocTable['kind'];
export const DOC_KINDS: readonly DocKind[] = ['post', 'comment', 'question', 'answer', 'page', 'message', 'person', 'space', 'file'];
/** The source table of each kind (used by reindex and by the migration's triggers). */
export const SOURCE_TABLE: Record<DocKind, keyof DB> = {
  post: 'posts',
  comment: 'comments',
  question: 'questions',
  answer: 'answers',
  page: 'pages',
  message: 'messages',
  person: 'users',
  space: 'spaces',
  file: 'files',
};

/** Snippet text is capped: enough to find a match in any realistic post, bounded storage. */
const MAX_BODY = 20_000;

export interface SearchDoc {
  kind: DocKind;
  itemId: number;
  parentId: number | null;
  spaceId: number | null;
  conversationId: number | null;
  authorId: number | null;
  label: number;
  visible: number;
  lang: Lang;
  title: string;
  body: string;
  createdAt: string;
  titleTerms: string;
  bodyTerms: string;
  /** Folded words of a name or title for search-as-you-type (people, spaces, pages). */
  nameTerms: string | null;
}

interface Draft {
  itemId: number;
  parentId?: number | null;
  spaceId: number | null;
  conversationId?: number | null;
  authorId: number | null;
  label: number;
  visible: boolean;
  title: string;
  body: string;
  createdAt: string;
  locale: string | null;
  /** Titles that are names (people, spaces) are folded, not stemmed. */
  titleIsName?: boolean;
  /** Text offered to search-as-you-type (people, spaces, pages); absent for everything else. */
  suggest?: string;
}

function finish(kind: DocKind, d: Draft, fallback: Lang): SearchDoc {
  const body = d.body.slice(0, MAX_BODY);
  const lang = detectLanguage(`${d.title} ${body}`, toLang(d.locale) ?? fallback);
  return {
    kind,
    itemId: d.itemId,
    parentId: d.parentId ?? null,
    spaceId: d.spaceId,
    conversationId: d.conversationId ?? null,
    authorId: d.authorId,
    label: d.label,
    visible: d.visible ? 1 : 0,
    lang,
    title: d.title,
    body,
    createdAt: d.createdAt,
    titleTerms: d.titleIsName ? nameTerms(d.title) : indexTerms(d.title, lang),
    bodyTerms: indexTerms(body, lang),
    nameTerms: d.suggest ? nameTerms(d.suggest) : null,
  };
}

const tags = (json: string) => {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v.filter((t) => typeof t === 'string').join(' ') : '';
  } catch {
    return '';
  }
};

export interface LoadOptions {
  /**
   * The text of a file version (by its id), read beforehand (files/text.ts); undefined when it was
   * not read, and the file is then deferred. Without this option files are indexed by name only.
   */
  fileText?: (versionId: number) => string | undefined;
}

/** A draft, or the id of an item whose document cannot be written in this batch (its file text was not read yet). */
type Loader = (db: Kysely<DB>, ids: number[], opts: LoadOptions) => Promise<(Draft | { deferred: number })[]>;

const FILE = FILE_DOC_STATE('f');

interface FileDocRow {
  id: number;
  owner_type: string;
  uploader_id: number;
  name: string;
  deleted_at: string | null;
  updated_at: string;
  version_id: number;
  locale: string | null;
  doc_parent: number | null;
  doc_space: number | null;
  doc_conversation: number | null;
  doc_label: number;
  doc_visible: number;
}

/** Files with their current version and the permission state their owner gives them. */
async function fileDocRows(db: Kysely<DB>, ids: number[]): Promise<FileDocRow[]> {
  if (!ids.length) return [];
  const { rows } = await sql<FileDocRow>`
    select f.id, f.owner_type, f.uploader_id, f.name, f.deleted_at, f.updated_at, v.id as version_id, u.locale,
      ${sql.raw(FILE.parent)} as doc_parent, ${sql.raw(FILE.space)} as doc_space, ${sql.raw(FILE.conversation)} as doc_conversation,
      ${sql.raw(FILE.label)} as doc_label, ${sql.raw(FILE.visible)} as doc_visible
    from files f
    join file_versions v on v.file_id = f.id and v.version = f.version
    left join users u on u.id = f.uploader_id
    where f.id in (${sql.join(ids)})`.execute(db);
  return rows;
}

const LOADERS: Record<DocKind, Loader> = {
  post: async (db, ids) =>
    (
      await db
        .selectFrom('posts as p')
        .innerJoin('users as u', 'u.id', 'p.author_id')
        .select(['p.id', 'p.space_id', 'p.author_id', 'p.label', 'p.body', 'p.created_at', 'p.deleted_at', 'p.hidden_at', 'u.locale'])
        .where('p.id', 'in', ids)
        .execute()
    ).map((r) => ({
      itemId: r.id,
      spaceId: r.space_id,
      authorId: r.author_id,
      label: r.label,
      visible: !r.deleted_at && !r.hidden_at,
      title: '',
      body: plainText(r.body),
      createdAt: r.created_at,
      locale: r.locale,
    })),
  comment: async (db, ids) =>
    (
      await db
        .selectFrom('comments as c')
        .innerJoin('posts as p', 'p.id', 'c.post_id')
        .innerJoin('users as u', 'u.id', 'c.author_id')
        .select(['c.id', 'c.post_id', 'p.space_id', 'c.author_id', 'p.label', 'c.body', 'c.created_at', 'u.locale'])
        .select(sql<number>`case when c.deleted_at is null and c.hidden_at is null and p.deleted_at is null and p.hidden_at is null then 1 else 0 end`.as('alive'))
        .where('c.id', 'in', ids)
        .execute()
    ).map((r) => ({
      itemId: r.id,
      parentId: r.post_id,
      spaceId: r.space_id,
      authorId: r.author_id,
      label: r.label,
      visible: Number(r.alive) === 1,
      title: '',
      body: plainText(r.body),
      createdAt: r.created_at,
      locale: r.locale,
    })),
  question: async (db, ids) =>
    (
      await db
        .selectFrom('questions as q')
        .innerJoin('users as u', 'u.id', 'q.author_id')
        .select(['q.id', 'q.space_id', 'q.author_id', 'q.label', 'q.title', 'q.body', 'q.tags', 'q.created_at', 'q.deleted_at', 'q.hidden_at', 'u.locale'])
        .where('q.id', 'in', ids)
        .execute()
    ).map((r) => ({
      itemId: r.id,
      spaceId: r.space_id,
      authorId: r.author_id,
      label: r.label,
      visible: !r.deleted_at && !r.hidden_at,
      title: r.title,
      body: `${plainText(r.body)} ${tags(r.tags)}`.trim(),
      createdAt: r.created_at,
      locale: r.locale,
    })),
  answer: async (db, ids) =>
    (
      await db
        .selectFrom('answers as a')
        .innerJoin('questions as q', 'q.id', 'a.question_id')
        .innerJoin('users as u', 'u.id', 'a.author_id')
        .select(['a.id', 'a.question_id', 'q.space_id', 'a.author_id', 'q.label', 'a.body', 'a.created_at', 'a.deleted_at', 'a.hidden_at', 'q.deleted_at as question_deleted_at', 'q.hidden_at as question_hidden_at', 'u.locale'])
        .where('a.id', 'in', ids)
        .execute()
    ).map((r) => ({
      itemId: r.id,
      parentId: r.question_id,
      spaceId: r.space_id,
      authorId: r.author_id,
      label: r.label,
      visible: !r.deleted_at && !r.hidden_at && !r.question_deleted_at && !r.question_hidden_at,
      title: '',
      body: plainText(r.body),
      createdAt: r.created_at,
      locale: r.locale,
    })),
  page: async (db, ids) =>
    (
      await db
        .selectFrom('pages as pg')
        .innerJoin('users as u', 'u.id', 'pg.created_by')
        .select(['pg.id', 'pg.space_id', 'pg.updated_by', 'pg.label', 'pg.title', 'pg.body', 'pg.updated_at', 'pg.deleted_at', 'pg.hidden_at', 'u.locale'])
        .where('pg.id', 'in', ids)
        .execute()
    ).map((r) => ({
      itemId: r.id,
      spaceId: r.space_id,
      authorId: r.updated_by,
      label: r.label,
      visible: !r.deleted_at && !r.hidden_at,
      title: r.title,
      body: plainText(r.body),
      createdAt: r.updated_at,
      locale: r.locale,
      suggest: r.title,
    })),
  message: async (db, ids) =>
    (
      await db
        .selectFrom('messages as m')
        .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
        .innerJoin('users as u', 'u.id', 'm.author_id')
        .select(['m.id', 'm.conversation_id', 'c.space_id', 'c.label', 'm.author_id', 'm.body', 'm.created_at', 'm.deleted_at', 'm.hidden_at', 'u.locale'])
        .where('m.id', 'in', ids)
        .execute()
    ).map((r) => ({
      itemId: r.id,
      parentId: r.conversation_id,
      spaceId: r.space_id,
      conversationId: r.conversation_id,
      authorId: r.author_id,
      label: r.label,
      visible: !r.deleted_at && !r.hidden_at,
      title: '',
      body: plainText(r.body),
      createdAt: r.created_at,
      locale: r.locale,
    })),
  person: async (db, ids) =>
    (await db.selectFrom('users').select(['id', 'name', 'handle', 'title', 'department', 'site', 'created_at', 'locale']).where('id', 'in', ids).execute()).map((r) => ({
      itemId: r.id,
      spaceId: null,
      authorId: null,
      label: 0,
      // The directory filter (active, and for guests shared spaces) is applied live at query time.
      visible: true,
      title: r.name,
      body: [`@${r.handle}`, r.title, r.department, r.site].filter(Boolean).join(' · '),
      createdAt: r.created_at,
      locale: r.locale,
      titleIsName: true,
      suggest: `${r.name} ${r.handle}`,
    })),
  file: async (db, ids, opts) => {
    const drafts: (Draft | { deferred: number })[] = [];
    for (const r of await fileDocRows(db, ids)) {
      // Unattached uploads are found by nobody (their text is read once they are attached), deleted files never again.
      const text = r.owner_type === 'upload' || r.deleted_at || !opts.fileText ? '' : opts.fileText(r.version_id);
      if (text === undefined) {
        drafts.push({ deferred: r.id });
        continue;
      }
      drafts.push({
        itemId: r.id,
        parentId: r.doc_parent,
        spaceId: r.doc_space,
        conversationId: r.doc_conversation,
        authorId: r.uploader_id,
        label: Number(r.doc_label),
        visible: Number(r.doc_visible) === 1,
        title: r.name,
        body: text,
        createdAt: r.updated_at,
        locale: r.locale,
      });
    }
    return drafts;
  },
  space: async (db, ids) =>
    (await db.selectFrom('spaces').select(['id', 'name', 'slug', 'description', 'created_at', 'created_by']).where('id', 'in', ids).execute()).map((r) => ({
      itemId: r.id,
      spaceId: r.id,
      authorId: r.created_by,
      label: 0,
      visible: true,
      title: r.name,
      body: plainText(r.description),
      createdAt: r.created_at,
      locale: null,
      titleIsName: true,
      suggest: `${r.name} ${r.slug}`,
    })),
};

/**
 * Documents for the given items; ids whose source row no longer exists come back in `missing`
 * (their documents are removed), files whose text was not read yet in `deferred` (to be queued again).
 */
export async function loadDocs(
  db: Kysely<DB>,
  kind: DocKind,
  ids: number[],
  fallback: Lang,
  opts: LoadOptions = {},
): Promise<{ docs: SearchDoc[]; missing: number[]; deferred: number[] }> {
  const loaded = await LOADERS[kind](db, ids, opts);
  const deferred = loaded.flatMap((d) => ('deferred' in d ? [d.deferred] : []));
  const drafts = loaded.filter((d): d is Draft => !('deferred' in d));
  const found = new Set([...drafts.map((d) => d.itemId), ...deferred]);
  return { docs: drafts.map((d) => finish(kind, d, fallback)), missing: ids.filter((id) => !found.has(id)), deferred };
}
