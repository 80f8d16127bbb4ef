/**
 * Conversations and messages with authors, counts and the caller's read state and abilities —
 * batched per page, so a list of 50 conversations or 50 messages costs a fixed number of queries.
 */
import type { Kysely } from 'kysely';
import { LIMITS, type Conversation, type Message, type MessageSummary, type Reaction } from '@foyer/shared';
import type { DB } from '../db/schema.js';
import type { Actor } from '../policies/actor.js';
import {
  conversationAbilities,
  messageAbilities,
  type ConversationContext,
  type ConversationRow,
  type MessageRow,
} from '../policies/conversations.js';
import type { MembershipRow, SpaceRow } from '../policies/spaces.js';
import { presentUserSummary, userSummariesById, type UserSummaryRow } from './users.js';
import { memberCounts, spaceRef } from './spaces.js';
import { presentImage } from './posts.js';
import { presentShared, sharedKey } from './shares.js';
import { filesOf } from '../files/present.js';

/** Members listed per conversation in lists; GET /conversations/:id lists everyone. */
const LIST_MEMBERS = 8;
const EXCERPT = 140;

/** Markdown to a one-line plain excerpt: good enough for lists and quotes. */
export function excerptOf(body: string): string {
  const plain = body
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_~`>#|]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > EXCERPT ? `${plain.slice(0, EXCERPT - 1)}…` : plain;
}

function summaryOf(m: MessageRow, author: UserSummaryRow): MessageSummary {
  const deleted = !!m.deleted_at;
  return { id: m.id, author: presentUserSummary(author), excerpt: deleted ? '' : excerptOf(m.body), createdAt: m.created_at, deleted };
}

/** Unread top-level messages by others after the read marker, counted up to LIMITS.unreadCap. */
function unreadCount(db: Kysely<DB>, actor: Actor, conversationId: number, lastReadId: number) {
  return db
    .selectFrom((eb) =>
      eb
        .selectFrom('messages')
        .select('id')
        .where('conversation_id', '=', conversationId)
        .where('thread_root_id', 'is', null)
        .where('id', '>', lastReadId)
        .where('author_id', '!=', actor.id)
        .where('deleted_at', 'is', null)
        .limit(LIMITS.unreadCap)
        .as('unread'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
}

export interface ReadState {
  lastReadId: number;
  muted: boolean;
  notify: 'all' | 'mentions' | 'none';
  unreadCount: number;
  mentionCount: number;
}

/** My read state, unread and mention counts for these conversations. */
export async function readStates(db: Kysely<DB>, actor: Actor, conversations: ConversationRow[]): Promise<Map<number, ReadState>> {
  const ids = conversations.map((c) => c.id);
  if (!ids.length) return new Map();
  const states = await db.selectFrom('conversation_state').selectAll().where('user_id', '=', actor.id).where('conversation_id', 'in', ids).execute();
  const stateBy = new Map(states.map((s) => [s.conversation_id, s]));
  const out = new Map<number, ReadState>();
  await Promise.all(
    conversations.map(async (c) => {
      const s = stateBy.get(c.id);
      const lastReadId = s?.last_read_id ?? 0;
      const behind = c.last_message_id > lastReadId;
      const [unread, mentions] = behind
        ? await Promise.all([
            unreadCount(db, actor, c.id, lastReadId),
            db
              .selectFrom('message_mentions')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('user_id', '=', actor.id)
              .where('conversation_id', '=', c.id)
              .where('message_id', '>', lastReadId)
              .executeTakeFirstOrThrow(),
          ])
        : [{ n: 0 }, { n: 0 }];
      out.set(c.id, {
        lastReadId,
        muted: s?.muted === 1,
        notify: s?.notify ?? 'all',
        unreadCount: Number(unread.n),
        mentionCount: Number(mentions.n),
      });
    }),
  );
  return out;
}

export async function presentConversations(
  db: Kysely<DB>,
  actor: Actor,
  rows: ConversationRow[],
  opts: { allMembers?: boolean } = {},
): Promise<Conversation[]> {
  if (!rows.length) return [];
  const ids = rows.map((c) => c.id);
  const spaceIds = [...new Set(rows.map((c) => c.space_id).filter((x): x is number => x !== null))];
  const lastIds = rows.map((c) => c.last_message_id).filter((id) => id > 0);
  const [members, countBy, spaces, memberships, lastMessages, states] = await Promise.all([
    db
      .selectFrom('conversation_members')
      .select(['conversation_id', 'user_id'])
      .where('conversation_id', 'in', ids)
      .orderBy('joined_at')
      .orderBy('user_id')
      .execute(),
    memberCounts(db, spaceIds),
    spaceIds.length ? db.selectFrom('spaces').selectAll().where('id', 'in', spaceIds).execute() : [],
    spaceIds.length ? db.selectFrom('memberships').selectAll().where('space_id', 'in', spaceIds).where('user_id', '=', actor.id).execute() : [],
    lastIds.length ? db.selectFrom('messages').selectAll().where('id', 'in', lastIds).execute() : [],
    readStates(db, actor, rows),
  ]);
  const membersBy = new Map<number, number[]>();
  for (const m of members) (membersBy.get(m.conversation_id) ?? membersBy.set(m.conversation_id, []).get(m.conversation_id)!).push(m.user_id);
  const shown = (id: number) => {
    const all = membersBy.get(id) ?? [];
    return opts.allMembers ? all : all.slice(0, LIST_MEMBERS);
  };
  const users = await userSummariesById(db, [...rows.flatMap((c) => shown(c.id)), ...lastMessages.map((m) => m.author_id)]);
  const spaceBy = new Map<number, SpaceRow>(spaces.map((s) => [s.id, s]));
  const membershipBy = new Map<number, MembershipRow>(memberships.map((m) => [m.space_id, m]));
  const lastBy = new Map(lastMessages.map((m) => [m.id, m]));
  return rows.map((c) => {
    const space = c.space_id !== null ? spaceBy.get(c.space_id)! : null;
    const ctx: ConversationContext = { conversation: c, space: space ? { space, membership: membershipBy.get(space.id) ?? null } : null };
    const last = lastBy.get(c.last_message_id);
    const state = states.get(c.id)!;
    return {
      id: c.id,
      kind: c.kind,
      name: c.name,
      space: space ? spaceRef(space) : null,
      members: shown(c.id)
        .map((id) => users.get(id))
        .filter((u): u is UserSummaryRow => !!u)
        .map(presentUserSummary),
      memberCount: space ? (countBy.get(space.id) ?? 0) : (membersBy.get(c.id)?.length ?? 0),
      lastMessage: last ? summaryOf(last, users.get(last.author_id)!) : null,
      lastMessageId: c.last_message_id,
      lastReadId: state.lastReadId,
      unreadCount: state.unreadCount,
      mentionCount: state.mentionCount,
      muted: state.muted,
      notify: state.notify,
      label: c.label,
      createdAt: c.created_at,
      abilities: conversationAbilities(actor, ctx),
    };
  });
}

export async function presentMessages(db: Kysely<DB>, actor: Actor, ctx: ConversationContext, rows: MessageRow[]): Promise<Message[]> {
  if (!rows.length) return [];
  const ids = rows.map((m) => m.id);
  const quoteIds = [...new Set(rows.map((m) => m.quote_id).filter((x): x is number => x !== null))];
  const [counts, mine, quotes, images, filesBy] = await Promise.all([
    db
      .selectFrom('message_reactions')
      .select(['message_id', 'reaction', (eb) => eb.fn.countAll<number>().as('n')])
      .where('message_id', 'in', ids)
      .groupBy(['message_id', 'reaction'])
      .execute(),
    db.selectFrom('message_reactions').select(['message_id', 'reaction']).where('message_id', 'in', ids).where('user_id', '=', actor.id).execute(),
    // Quotes come from the same conversation only (checked on send; checked again here).
    quoteIds.length
      ? db.selectFrom('messages').selectAll().where('id', 'in', quoteIds).where('conversation_id', '=', ctx.conversation.id).execute()
      : [],
    db.selectFrom('images').select(['id', 'message_id', 'width', 'height']).where('message_id', 'in', ids).orderBy('position').execute(),
    filesOf(db, 'message', ids),
  ]);
  const place = { conversationId: ctx.conversation.id };
  const [users, shared] = await Promise.all([
    userSummariesById(db, [...rows.map((m) => m.author_id), ...quotes.map((q) => q.author_id)]),
    presentShared(db, actor, rows.map((m) => ({ shared_post_id: m.shared_post_id, place }))),
  ]);
  const quoteBy = new Map(quotes.map((q) => [q.id, q]));
  const countsBy = new Map<number, Record<string, number>>();
  for (const r of counts) (countsBy.get(r.message_id) ?? countsBy.set(r.message_id, {}).get(r.message_id)!)[r.reaction] = Number(r.n);
  const mineBy = new Map<number, Reaction[]>();
  for (const r of mine) (mineBy.get(r.message_id) ?? mineBy.set(r.message_id, []).get(r.message_id)!).push(r.reaction as Reaction);
  const imagesBy = new Map<number, { id: number; width: number; height: number }[]>();
  for (const i of images) (imagesBy.get(i.message_id!) ?? imagesBy.set(i.message_id!, []).get(i.message_id!)!).push(i);
  return rows.map((m) => {
    const deleted = !!m.deleted_at;
    const quoted = m.quote_id !== null ? quoteBy.get(m.quote_id) : undefined;
    return {
      id: m.id,
      conversationId: m.conversation_id,
      author: presentUserSummary(users.get(m.author_id)!),
      body: deleted ? '' : m.body,
      html: deleted ? '' : m.html,
      images: deleted ? [] : (imagesBy.get(m.id) ?? []).map(presentImage),
      files: deleted ? [] : (filesBy.get(m.id) ?? []),
      shared: m.shared_post_id !== null && !deleted ? shared.get(sharedKey(place, m.shared_post_id))! : null,
      createdAt: m.created_at,
      editedAt: m.edited_at,
      deleted,
      threadRootId: m.thread_root_id,
      replyCount: m.reply_count,
      lastReplyAt: m.last_reply_at,
      quote: !deleted && quoted ? summaryOf(quoted, users.get(quoted.author_id)!) : null,
      reactions: { counts: countsBy.get(m.id) ?? {}, mine: mineBy.get(m.id) ?? [] },
      clientKey: m.author_id === actor.id ? m.client_key : null,
      abilities: messageAbilities(actor, ctx, m),
    };
  });
}
