/**
 * Shares and declassification. Sharing embeds a post in a post or message; it never changes who
 * may read the original. Letting a share's audience read the original is a request that the
 * original's author or its space's owner approves, recorded with who decided and when.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { write, type Services } from '../services.js';
import { conflict, forbidden, invalid, notFound } from '../errors.js';
import { nowIso } from '../lib/time.js';
import type { Actor } from '../policies/actor.js';
import { loadPostForRead, type PostContext } from '../policies/posts.js';
import { loadMessageForRead } from '../policies/conversations.js';
import type { SharePlace } from '../policies/shares.js';
import { emit } from '../events/outbox.js';
import { notify } from './notifications.js';

/** The original a new share may embed: one the sharer can read, not deleted (404 like missing otherwise). */
export async function shareableOriginal(db: Kysely<DB>, actor: Actor, postId: number): Promise<PostContext> {
  const ctx = await loadPostForRead(db, actor, postId);
  if (ctx.post.deleted_at) throw notFound('post');
  return ctx;
}

/** Who may decide: the original's author, or an owner of the original's space (and they can read it). */
async function mayDecide(db: Kysely<DB>, actor: Actor, originalId: number): Promise<PostContext | null> {
  try {
    const ctx = await loadPostForRead(db, actor, originalId);
    return ctx.post.author_id === actor.id || (ctx.membership?.state === 'member' && ctx.membership.role === 'owner') ? ctx : null;
  } catch {
    return null;
  }
}

export async function deciders(db: Kysely<DB>, original: PostContext): Promise<number[]> {
  const owners = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('space_id', '=', original.space.id)
    .where('state', '=', 'member')
    .where('role', '=', 'owner')
    .execute();
  return [...new Set([original.post.author_id, ...owners.map((o) => o.user_id)])];
}

/** Asked from a share (post or message) by someone in its audience. */
export async function requestDeclassification(svc: Services, actor: Actor, share: { postId: number } | { messageId: number }, reason: string) {
  if (actor.scope === 'read') throw forbidden('this token can only read');
  let place: SharePlace;
  let originalId: number | null;
  if ('postId' in share) {
    const ctx = await loadPostForRead(svc.db, actor, share.postId);
    place = { spaceId: ctx.space.id };
    originalId = ctx.post.shared_post_id;
  } else {
    const ctx = await loadMessageForRead(svc.db, actor, share.messageId);
    place = { conversationId: ctx.conversation.id };
    originalId = ctx.message.shared_post_id;
  }
  if (originalId === null) throw invalid('this item does not share a post');
  const original = await svc.db.selectFrom('posts').selectAll().where('id', '=', originalId).executeTakeFirst();
  if (!original || original.deleted_at) throw notFound('post');
  let open = svc.db.selectFrom('declassifications').select('id').where('post_id', '=', originalId).where('status', 'in', ['pending', 'approved']);
  open = 'spaceId' in place ? open.where('space_id', '=', place.spaceId) : open.where('conversation_id', '=', place.conversationId);
  if (await open.executeTakeFirst()) throw conflict('a request for this place is already open or approved');
  const originalCtx = { post: original, space: await svc.db.selectFrom('spaces').selectAll().where('id', '=', original.space_id).executeTakeFirstOrThrow(), membership: null };
  const notifyIds = await deciders(svc.db, originalCtx);
  return write(svc, async (trx) => {
    const { id } = await trx
      .insertInto('declassifications')
      .values({
        post_id: originalId,
        space_id: 'spaceId' in place ? place.spaceId : null,
        conversation_id: 'conversationId' in place ? place.conversationId : null,
        requested_by: actor.id,
        reason,
        status: 'pending',
        decided_by: null,
        created_at: nowIso(),
        decided_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const userId of notifyIds)
      await notify(trx, { userId, type: 'declassify_request', actorId: actor.id, spaceId: original.space_id, postId: originalId, data: { declassificationId: id } });
    return id;
  });
}

export async function decideDeclassification(svc: Services, actor: Actor, id: number, approve: boolean) {
  if (actor.scope === 'read') throw forbidden('this token can only read');
  const row = await svc.db.selectFrom('declassifications').selectAll().where('id', '=', id).executeTakeFirst();
  // Requests on posts the caller cannot decide on answer like missing ones.
  if (!row || !(await mayDecide(svc.db, actor, row.post_id))) throw notFound('declassification request');
  if (row.status !== 'pending') throw conflict('this request was already decided');
  await write(svc, async (trx) => {
    await trx.updateTable('declassifications').set({ status: approve ? 'approved' : 'denied', decided_by: actor.id, decided_at: nowIso() }).where('id', '=', id).execute();
    await notify(trx, { userId: row.requested_by, type: 'declassify_decision', actorId: actor.id, data: { approved: approve, declassificationId: id } });
    if (!approve) return;
    // Readers of the shares in that place refetch them and now see the original.
    if (row.space_id !== null) {
      const shares = await trx.selectFrom('posts').select(['id', 'label']).where('space_id', '=', row.space_id).where('shared_post_id', '=', row.post_id).execute();
      for (const s of shares) await emit(trx, 'post.updated', { spaceId: row.space_id, postId: s.id }, { spaceId: row.space_id, label: s.label });
    } else {
      const shares = await trx.selectFrom('messages').select('id').where('conversation_id', '=', row.conversation_id!).where('shared_post_id', '=', row.post_id).execute();
      for (const s of shares) await emit(trx, 'message.updated', { conversationId: row.conversation_id!, messageId: s.id }, { conversationId: row.conversation_id! });
    }
  });
}

/** The history of declassification requests of a post, for those who can read it. */
export async function declassificationsOf(svc: Services, actor: Actor, postId: number) {
  await loadPostForRead(svc.db, actor, postId);
  const rows = await svc.db.selectFrom('declassifications').selectAll().where('post_id', '=', postId).orderBy('id', 'desc').execute();
  const canDecide = !!(await mayDecide(svc.db, actor, postId));
  return { rows, canDecide };
}

/** Pending requests the caller may decide on: on their own posts or posts in spaces they own. */
export async function pendingForDecider(svc: Services, actor: Actor) {
  const owned = svc.db.selectFrom('memberships').select('space_id').where('user_id', '=', actor.id).where('state', '=', 'member').where('role', '=', 'owner');
  const candidates = await svc.db
    .selectFrom('declassifications')
    .selectAll()
    .where('status', '=', 'pending')
    .where('post_id', 'in', svc.db.selectFrom('posts').select('id').where((eb) => eb.or([eb('author_id', '=', actor.id), eb('space_id', 'in', owned)])))
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
  // The SQL narrows to the few candidates; the policy still decides each (e.g. a guest above the label).
  const out = [];
  for (const r of candidates) if (await mayDecide(svc.db, actor, r.post_id)) out.push(r);
  return out;
}
