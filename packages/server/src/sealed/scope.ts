/**
 * What a request covers: the scope must exist when asked for, the people it affects are told,
 * and the viewer reads exactly this and nothing else (messages, or posts and comments, inside the
 * time range; deleted items stay deleted).
 */
import type { Kysely } from 'kysely';
import type { SealedItem, SealedScope } from '@foyer/shared';
import type { DB } from '../db/schema.js';
import { notFound } from '../errors.js';
import { presentUserSummary, userSummariesById } from '../presenters/users.js';

export interface Scope {
  type: SealedScope;
  id: number;
  from: string;
  to: string;
}

/** A readable name for the scope, or 404 when it does not exist. */
export async function scopeLabel(db: Kysely<DB>, type: SealedScope, id: number): Promise<string> {
  if (type === 'person') {
    const u = await db.selectFrom('users').select('name').where('id', '=', id).executeTakeFirst();
    if (!u) throw notFound('person');
    return u.name;
  }
  if (type === 'space') {
    const s = await db.selectFrom('spaces').select('name').where('id', '=', id).executeTakeFirst();
    if (!s) throw notFound('space');
    return s.name;
  }
  const c = await db.selectFrom('conversations').select(['name', 'kind']).where('id', '=', id).executeTakeFirst();
  if (!c) throw notFound('conversation');
  if (c.name) return c.name;
  const names = await db
    .selectFrom('conversation_members')
    .innerJoin('users', 'users.id', 'conversation_members.user_id')
    .select('users.name')
    .where('conversation_members.conversation_id', '=', id)
    .orderBy('users.name')
    .limit(8)
    .execute();
  return names.map((n) => n.name).join(', ');
}

/** The people whose data the scope holds: they get a notice in their transparency centre. */
export async function affectedPeople(db: Kysely<DB>, type: SealedScope, id: number): Promise<number[]> {
  if (type === 'person') return [id];
  if (type === 'space') return (await db.selectFrom('memberships').select('user_id').where('space_id', '=', id).where('state', '=', 'member').orderBy('user_id').execute()).map((r) => r.user_id);
  return (await db.selectFrom('conversation_members').select('user_id').where('conversation_id', '=', id).orderBy('user_id').execute()).map((r) => r.user_id);
}

type Kind = SealedItem['kind'];
interface RawItem {
  kind: Kind;
  id: number;
  author_id: number;
  created_at: string;
  edited_at: string | null;
  body: string;
  conversation_id: number | null;
  space_id: number | null;
  post_id: number | null;
}
type Source = { kind: Kind; fetch(after: number, n: number): Promise<RawItem[]> };

function sources(db: Kysely<DB>, s: Scope): Source[] {
  const messages = (filter: 'person' | 'conversation'): Source => ({
    kind: 'message',
    async fetch(after, n) {
      let q = db
        .selectFrom('messages')
        .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
        .select(['messages.id', 'messages.author_id', 'messages.created_at', 'messages.edited_at', 'messages.body', 'messages.conversation_id', 'conversations.space_id'])
        .where('messages.id', '>', after)
        .where('messages.deleted_at', 'is', null)
        .where('messages.created_at', '>=', s.from)
        .where('messages.created_at', '<', s.to);
      // A person's messages: what they wrote in direct and group conversations, not channels of spaces.
      q = filter === 'person' ? q.where('messages.author_id', '=', s.id).where('conversations.kind', 'in', ['direct', 'group']) : q.where('messages.conversation_id', '=', s.id);
      const rows = await q.orderBy('messages.id').limit(n).execute();
      return rows.map((r) => ({ kind: 'message' as const, ...r, post_id: null }));
    },
  });
  if (s.type === 'person') return [messages('person')];
  if (s.type === 'conversation') return [messages('conversation')];
  return [
    {
      kind: 'post',
      async fetch(after, n) {
        const rows = await db
          .selectFrom('posts')
          .select(['id', 'author_id', 'created_at', 'edited_at', 'body', 'space_id'])
          .where('space_id', '=', s.id)
          .where('id', '>', after)
          .where('deleted_at', 'is', null)
          .where('created_at', '>=', s.from)
          .where('created_at', '<', s.to)
          .orderBy('id')
          .limit(n)
          .execute();
        return rows.map((r) => ({ kind: 'post' as const, ...r, conversation_id: null, post_id: null }));
      },
    },
    {
      kind: 'comment',
      async fetch(after, n) {
        const rows = await db
          .selectFrom('comments')
          .innerJoin('posts', 'posts.id', 'comments.post_id')
          .select(['comments.id', 'comments.author_id', 'comments.created_at', 'comments.edited_at', 'comments.body', 'posts.space_id', 'comments.post_id'])
          .where('posts.space_id', '=', s.id)
          .where('comments.id', '>', after)
          .where('comments.deleted_at', 'is', null)
          .where('comments.created_at', '>=', s.from)
          .where('comments.created_at', '<', s.to)
          .orderBy('comments.id')
          .limit(n)
          .execute();
        return rows.map((r) => ({ kind: 'comment' as const, ...r, conversation_id: null }));
      },
    },
  ];
}

export interface Position {
  kind: Kind;
  id: number;
}

export function encodePosition(p: Position): string {
  return Buffer.from(`${p.kind}:${p.id}`).toString('base64url');
}

/** An unreadable cursor starts from the beginning (it can only select inside the scope anyway). */
export function decodePosition(cursor: string | undefined): Position | null {
  if (!cursor) return null;
  const m = /^(message|post|comment):(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  return m ? { kind: m[1] as Kind, id: Number(m[2]) } : null;
}

/** One page of the scope in a stable order (by kind, then id), and where the next page starts. */
export async function readScope(db: Kysely<DB>, s: Scope, after: Position | null, limit: number): Promise<{ items: SealedItem[]; next: Position | null }> {
  const all = sources(db, s);
  let i = after ? Math.max(0, all.findIndex((x) => x.kind === after.kind)) : 0;
  let from = after ? after.id : 0;
  const raw: RawItem[] = [];
  while (i < all.length && raw.length <= limit) {
    raw.push(...(await all[i].fetch(from, limit + 1 - raw.length)));
    i++;
    from = 0;
  }
  const page = raw.slice(0, limit);
  const people = await userSummariesById(db, page.map((r) => r.author_id));
  const items = page.map((r) => {
    const author = people.get(r.author_id);
    return {
      kind: r.kind,
      id: r.id,
      author: author ? presentUserSummary(author) : null,
      createdAt: r.created_at,
      editedAt: r.edited_at,
      body: r.body,
      conversationId: r.conversation_id,
      spaceId: r.space_id,
      postId: r.post_id,
    };
  });
  const last = page[page.length - 1];
  return { items, next: raw.length > limit && last ? { kind: last.kind, id: last.id } : null };
}
