/**
 * Shares never widen: an embedded post is shown to a reader of the share only when that reader
 * may read the original under the normal policy — or when the original's author or space owner
 * approved a declassification for exactly the place of the share. Guests' label maximum holds
 * in every case.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Actor } from './actor.js';
import { loadPostForRead, type PostRow } from './posts.js';
import { labelAllows, loadLabelPolicy } from './labels.js';
import type { SpaceRow } from './spaces.js';

export type SharePlace = { spaceId: number } | { conversationId: number };

export interface VisibleOriginal {
  post: PostRow;
  space: SpaceRow;
}

/** The originals this reader may see through shares placed in `place`; the rest are absent from the map. */
export async function visibleOriginals(db: Kysely<DB>, actor: Actor, originalIds: number[], place: SharePlace): Promise<Map<number, VisibleOriginal>> {
  const out = new Map<number, VisibleOriginal>();
  const ids = [...new Set(originalIds)];
  if (!ids.length) return out;
  const declassified = await approvedFor(db, ids, place);
  const policy = declassified.size ? await loadLabelPolicy(db) : null;
  for (const id of ids) {
    try {
      const ctx = await loadPostForRead(db, actor, id);
      if (!ctx.post.deleted_at) out.set(id, { post: ctx.post, space: ctx.space });
      continue;
    } catch {
      /* not readable by the normal policy: only an approved declassification opens it */
    }
    if (!declassified.has(id)) continue;
    const post = await db.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirst();
    if (!post || post.deleted_at || !labelAllows(actor, post.label, policy!)) continue;
    const space = await db.selectFrom('spaces').selectAll().where('id', '=', post.space_id).executeTakeFirstOrThrow();
    out.set(id, { post, space });
  }
  return out;
}

async function approvedFor(db: Kysely<DB>, postIds: number[], place: SharePlace): Promise<Set<number>> {
  let q = db.selectFrom('declassifications').select('post_id').where('post_id', 'in', postIds).where('status', '=', 'approved');
  q = 'spaceId' in place ? q.where('space_id', '=', place.spaceId) : q.where('conversation_id', '=', place.conversationId);
  return new Set((await q.execute()).map((r) => r.post_id));
}
