/**
 * Source rows -> search documents. The permission columns computed here (space, conversation,
 * label, visible) are the same values the triggers of 013_search copy on every change, so a
 * reindex and a trigger never disagree. Shares index only their own text: the embedded original
 * stays out, it is found (if at all) as itself under its own policy.
 */
import { sql, type Kysely } from 'kysely';
import type { DB, SearchDocTable } from '../db/schema.js';
import { detectLanguage, indexTerms, nameTerms, plainText, toLang, type Lang } from './analysis.js';

export type DocKind = SearchDocTable['kind'];
export const DOC_KINDS: readonly DocKind[] = ['post', 'comment', 'question', 'answer', 'page', 'message', 'person', 'space'];
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

type Loader = (db: Kysely<DB>, ids: number[]) => Promise<Draft[]>;

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
 * (their documents are removed).
 */
export async function loadDocs(db: Kysely<DB>, kind: DocKind, ids: number[], fallback: Lang): Promise<{ docs: SearchDoc[]; missing: number[] }> {
  const drafts = await LOADERS[kind](db, ids);
  const found = new Set(drafts.map((d) => d.itemId));
  return { docs: drafts.map((d) => finish(kind, d, fallback)), missing: ids.filter((id) => !found.has(id)) };
}
