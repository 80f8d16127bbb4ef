/**
 * The personal data Foyer holds about a person, by category: one registry that the transparency
 * centre counts and the data export (GDPR Art. 15/20) writes out, so the two never disagree.
 * Records use the Activity Streams 2.0 vocabulary; Foyer-specific fields carry a `foyer:` prefix.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { RETENTION_TYPES } from '@foyer/shared';

type RetentionType = (typeof RETENTION_TYPES)[number];

type Row = Record<string, unknown>;

export interface ExportContext {
  /** Absolute base of links to Foyer's own pages (public URL or the local address). */
  base: string;
}

export interface DataCategory {
  key: string;
  /** The works agreement's retention type that applies (one of RETENTION_TYPES), if any. */
  retention: RetentionType | null;
  count(db: Kysely<DB>, userId: number): Promise<number>;
  /** The records in pages, oldest first. */
  rows(db: Kysely<DB>, userId: number, offset: number, limit: number): Promise<Row[]>;
  toActivity(row: Row, ctx: ExportContext): Record<string, unknown>;
  /** Binary files that belong to the record (stored under `media/` in the export). */
  media?(row: Row): { key: string; name: string }[];
}

interface TableSource {
  table: keyof DB;
  owner: string;
  order: string[];
  /** Extra condition, e.g. "not deleted". */
  where?: (q: ReturnType<typeof base>) => ReturnType<typeof base>;
}

// The categories differ only in table, owner column and mapping; one dynamic query serves them all.
function base(db: Kysely<DB>, table: keyof DB, owner: string, userId: number) {
  return db.selectFrom(table).where(sql.ref(`${String(table)}.${owner}`), '=', userId);
}

function fromTable(key: string, retention: RetentionType | null, src: TableSource, toActivity: DataCategory['toActivity'], media?: DataCategory['media']): DataCategory {
  const scoped = (db: Kysely<DB>, userId: number) => {
    const q = base(db, src.table, src.owner, userId);
    return src.where ? src.where(q) : q;
  };
  return {
    key,
    retention,
    async count(db, userId) {
      const r = await scoped(db, userId)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      return Number(r?.n ?? 0);
    },
    async rows(db, userId, offset, limit) {
      let q = scoped(db, userId).selectAll();
      for (const col of src.order) q = q.orderBy(sql.ref(`${String(src.table)}.${col}`));
      return (await q.limit(limit).offset(offset).execute()) as Row[];
    },
    toActivity,
    media,
  };
}

const alive = (q: ReturnType<typeof base>) => q.where(sql.ref('deleted_at'), 'is', null);
const markdown = (r: Row) => ({ content: r.html, source: { content: r.body, mediaType: 'text/markdown' } });
const times = (r: Row) => ({ published: r.created_at, ...(r.edited_at ? { updated: r.edited_at } : {}) });
const link = (ctx: ExportContext, path: string) => `${ctx.base}${path}`;

export const CATEGORIES: DataCategory[] = [
  fromTable('profile', null, { table: 'users', owner: 'id', order: ['id'] }, (r) => ({
    type: 'Person',
    name: r.name,
    preferredUsername: r.handle,
    summary: r.about,
    published: r.created_at,
    'foyer:email': r.email,
    'foyer:title': r.title,
    'foyer:department': r.department,
    'foyer:site': r.site,
    'foyer:country': r.country,
    'foyer:languages': safeJson(r.languages),
    'foyer:timezone': r.timezone,
    'foyer:locale': r.locale,
    'foyer:contact': safeJson(r.contact),
  }), (r) => (r.photo_key ? [{ key: String(r.photo_key), name: `profile-photo${extension(String(r.photo_key))}` }] : [])),
  fromTable('posts', 'posts', { table: 'posts', owner: 'author_id', order: ['id'], where: alive }, (r, ctx) => ({
    type: 'Note',
    id: link(ctx, `/posts/${r.id}`),
    ...markdown(r),
    ...times(r),
    context: link(ctx, `/spaces/${r.space_id}`),
    'foyer:label': r.label,
  })),
  fromTable('comments', 'comments', { table: 'comments', owner: 'author_id', order: ['id'], where: alive }, (r, ctx) => ({
    type: 'Note',
    ...markdown(r),
    ...times(r),
    inReplyTo: link(ctx, `/posts/${r.post_id}`),
  })),
  fromTable('reactions', null, { table: 'reactions', owner: 'user_id', order: ['created_at', 'post_id', 'comment_id'] }, (r, ctx) => ({
    type: 'Like',
    object: link(ctx, `/posts/${r.post_id}`),
    content: r.reaction,
    published: r.created_at,
    ...(Number(r.comment_id) ? { 'foyer:comment': r.comment_id } : {}),
  })),
  fromTable('messages', 'chatMessages', { table: 'messages', owner: 'author_id', order: ['id'], where: alive }, (r) => ({
    type: 'Note',
    ...markdown(r),
    ...times(r),
    context: `foyer:conversation:${r.conversation_id}`,
    ...(r.thread_root_id ? { inReplyTo: `foyer:message:${r.thread_root_id}` } : {}),
  })),
  fromTable('messageReactions', null, { table: 'message_reactions', owner: 'user_id', order: ['created_at', 'message_id'] }, (r) => ({
    type: 'Like',
    object: `foyer:message:${r.message_id}`,
    content: r.reaction,
    published: r.created_at,
  })),
  fromTable('questions', 'questions', { table: 'questions', owner: 'author_id', order: ['id'], where: alive }, (r, ctx) => ({
    type: 'Question',
    id: link(ctx, `/questions/${r.id}`),
    name: r.title,
    ...markdown(r),
    ...times(r),
    tag: safeJson(r.tags),
  })),
  fromTable('answers', 'questions', { table: 'answers', owner: 'author_id', order: ['id'], where: alive }, (r, ctx) => ({
    type: 'Note',
    ...markdown(r),
    ...times(r),
    inReplyTo: link(ctx, `/questions/${r.question_id}`),
  })),
  fromTable('answerComments', 'questions', { table: 'answer_comments', owner: 'author_id', order: ['id'], where: alive }, (r) => ({
    type: 'Note',
    ...markdown(r),
    published: r.created_at,
    inReplyTo: `foyer:answer:${r.answer_id}`,
  })),
  fromTable('votes', 'questions', { table: 'answer_votes', owner: 'user_id', order: ['answer_id'] }, (r) => ({
    type: Number(r.value) > 0 ? 'Like' : 'Dislike',
    object: `foyer:answer:${r.answer_id}`,
  })),
  fromTable('pageRevisions', 'wikiPages', { table: 'page_revisions', owner: 'author_id', order: ['id'] }, (r, ctx) => ({
    type: 'Article',
    id: link(ctx, `/pages/${r.page_id}`),
    name: r.title,
    source: { content: r.body, mediaType: 'text/markdown' },
    published: r.created_at,
    'foyer:version': r.version,
  })),
  fromTable(
    'files',
    'files',
    { table: 'file_versions', owner: 'uploader_id', order: ['id'] },
    (r) => ({
      type: 'Document',
      name: r.name,
      mediaType: r.mime,
      url: `media/file-${r.id}${extension(String(r.storage_key))}`,
      published: r.created_at,
      'foyer:size': r.size,
      'foyer:version': r.version,
    }),
    (r) => [{ key: String(r.storage_key), name: `file-${r.id}${extension(String(r.storage_key))}` }],
  ),
  fromTable(
    'images',
    'files',
    { table: 'images', owner: 'uploader_id', order: ['id'] },
    (r, ctx) => ({
      type: 'Image',
      url: `media/image-${r.id}${extension(String(r.key))}`,
      published: r.created_at,
      width: r.width,
      height: r.height,
      ...(r.post_id ? { context: link(ctx, `/posts/${r.post_id}`) } : {}),
    }),
    (r) => [{ key: String(r.key), name: `image-${r.id}${extension(String(r.key))}` }],
  ),
  fromTable('memberships', null, { table: 'memberships', owner: 'user_id', order: ['created_at', 'space_id'] }, (r, ctx) => ({
    type: 'Join',
    object: link(ctx, `/spaces/${r.space_id}`),
    published: r.created_at,
    'foyer:role': r.role,
    'foyer:state': r.state,
  })),
  fromTable('bookmarks', null, { table: 'bookmarks', owner: 'user_id', order: ['created_at', 'post_id'] }, (r, ctx) => ({
    type: 'Add',
    object: link(ctx, `/posts/${r.post_id}`),
    target: 'foyer:bookmarks',
    published: r.created_at,
  })),
  fromTable('followedPeople', null, { table: 'follow_users', owner: 'follower_id', order: ['created_at', 'followee_id'] }, (r) => ({
    type: 'Follow',
    object: `foyer:person:${r.followee_id}`,
    published: r.created_at,
  })),
  fromTable('followedTags', null, { table: 'follow_hashtags', owner: 'user_id', order: ['created_at', 'tag'] }, (r) => ({
    type: 'Follow',
    object: { type: 'Hashtag', name: `#${r.tag}` },
    published: r.created_at,
  })),
  fromTable('reports', null, { table: 'reports', owner: 'reporter_id', order: ['id'] }, (r) => ({
    type: 'Flag',
    object: `foyer:${r.target_type}:${r.target_id}`,
    content: r.note,
    published: r.created_at,
    'foyer:category': r.category,
    'foyer:status': r.status,
  })),
  fromTable('acknowledgements', null, { table: 'acknowledgements', owner: 'user_id', order: ['acknowledged_at', 'post_id'] }, (r, ctx) => ({
    type: 'Accept',
    object: link(ctx, `/posts/${r.post_id}`),
    published: r.acknowledged_at,
  })),
  fromTable('notifications', 'notifications', { table: 'notifications', owner: 'user_id', order: ['id'] }, (r) => ({
    type: 'Notify',
    published: r.created_at,
    'foyer:type': r.type,
    'foyer:read': r.read_at !== null,
    'foyer:data': safeJson(r.data),
  })),
  fromTable('notificationSettings', null, { table: 'notification_prefs', owner: 'user_id', order: ['type'] }, (r) => ({
    type: 'foyer:Settings',
    'foyer:settings': withoutOwner(r),
  })),
  fromTable('workingHours', null, { table: 'working_hours', owner: 'user_id', order: ['user_id'] }, (r) => ({
    type: 'foyer:Settings',
    'foyer:settings': withoutOwner(r),
  })),
  fromTable('sessions', null, { table: 'sessions', owner: 'user_id', order: ['created_at'] }, (r) => ({
    type: 'foyer:Session',
    published: r.created_at,
    endTime: r.expires_at,
    'foyer:userAgent': r.user_agent,
  })),
  fromTable('accessTokens', null, { table: 'access_tokens', owner: 'user_id', order: ['id'] }, (r) => ({
    type: 'foyer:AccessToken',
    name: r.name,
    published: r.created_at,
    'foyer:scope': r.scope,
    'foyer:lastUsed': r.last_used_at,
    'foyer:revoked': r.revoked_at,
  })),
];

function safeJson(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

function withoutOwner(r: Row): Row {
  const { user_id: _owner, ...rest } = r;
  return rest;
}

function extension(key: string): string {
  const m = /\.[a-z0-9]{1,8}$/.exec(key);
  return m ? m[0] : '';
}

/** Counts per category and the retention period the works agreement sets (days; null: kept until deleted). */
export async function dataOverview(
  db: Kysely<DB>,
  userId: number,
  retentionDays: Partial<Record<RetentionType, number | null>>,
): Promise<{ key: string; count: number; retention: string | null; retentionDays: number | null }[]> {
  return Promise.all(
    CATEGORIES.map(async (c) => ({ key: c.key, count: await c.count(db, userId), retention: c.retention, retentionDays: c.retention ? (retentionDays[c.retention] ?? null) : null })),
  );
}
