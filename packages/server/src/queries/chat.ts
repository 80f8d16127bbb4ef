/**
 * Chat reads: my conversation list, message history pages in both directions, threads and
 * search inside one conversation. Callers have checked the conversation's policy first.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Actor } from '../policies/actor.js';
import { containsText } from '../lib/like.js';
import { myConversationIds, type ConversationRow, type MessageRow } from '../policies/conversations.js';

/** More than anyone scrolls through; the list is ordered by latest activity. */
const MAX_CONVERSATIONS = 300;
const MAX_THREAD_REPLIES = 1000;

export function listConversations(db: Kysely<DB>, actor: Actor): Promise<ConversationRow[]> {
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('id', 'in', myConversationIds(db, actor))
    .orderBy(sql`coalesce(last_message_at, created_at)`, 'desc')
    .orderBy('id', 'desc')
    .limit(MAX_CONVERSATIONS)
    .execute();
}

/** Top-level history: deleted messages drop out unless a thread hangs on them; hidden ones drop out. */
function history(db: Kysely<DB>, conversationId: number) {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('thread_root_id', 'is', null)
    .where('hidden_at', 'is', null)
    .where((eb) => eb.or([eb('deleted_at', 'is', null), eb('reply_count', '>', 0)]));
}

export interface HistoryQuery {
  before?: number;
  after?: number;
  around?: number;
  limit: number;
}

/** A page of history, oldest first, with whether more lies beyond each end. */
export async function messagePage(db: Kysely<DB>, conversationId: number, q: HistoryQuery): Promise<{ rows: MessageRow[]; hasOlder: boolean; hasNewer: boolean }> {
  const older = async (before: number | undefined, n: number, inclusive = false) => {
    let b = history(db, conversationId);
    if (before !== undefined) b = b.where('id', inclusive ? '<=' : '<', before);
    const rows = await b.orderBy('id', 'desc').limit(n + 1).execute();
    return { rows: rows.slice(0, n).reverse(), more: rows.length > n };
  };
  const newer = async (after: number, n: number) => {
    const rows = await history(db, conversationId).where('id', '>', after).orderBy('id', 'asc').limit(n + 1).execute();
    return { rows: rows.slice(0, n), more: rows.length > n };
  };
  if (q.around !== undefined) {
    const back = await older(q.around, Math.ceil(q.limit / 2), true);
    const fwd = await newer(q.around, Math.floor(q.limit / 2));
    return { rows: [...back.rows, ...fwd.rows], hasOlder: back.more, hasNewer: fwd.more };
  }
  if (q.after !== undefined) {
    const fwd = await newer(q.after, q.limit);
    const first = fwd.rows[0]?.id ?? q.after + 1;
    const before = await history(db, conversationId).select('id').where('id', '<', first).limit(1).execute();
    return { rows: fwd.rows, hasOlder: before.length > 0, hasNewer: fwd.more };
  }
  const back = await older(q.before, q.limit);
  const last = back.rows.at(-1)?.id ?? (q.before ?? Number.MAX_SAFE_INTEGER) - 1;
  const hasNewer = q.before !== undefined && (await history(db, conversationId).select('id').where('id', '>', last).limit(1).execute()).length > 0;
  return { rows: back.rows, hasOlder: back.more, hasNewer };
}

export function threadReplies(db: Kysely<DB>, rootId: number): Promise<MessageRow[]> {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('thread_root_id', '=', rootId)
    .where('deleted_at', 'is', null)
    .where('hidden_at', 'is', null)
    .orderBy('id', 'asc')
    .limit(MAX_THREAD_REPLIES)
    .execute();
}

/** Search inside one conversation (full-text search across Foyer comes with the knowledge issue). */
export function searchConversation(db: Kysely<DB>, conversationId: number, needle: string, limit: number): Promise<MessageRow[]> {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('deleted_at', 'is', null)
    .where('hidden_at', 'is', null)
    .where(containsText('body', needle))
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
