/** Post and message images: uploaded first (unattached, visible to the uploader only), attached when sending. */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Services } from '../services.js';
import type { Actor } from '../policies/actor.js';
import { reencode } from '../media/images.js';
import { nowIso } from '../lib/time.js';
import { forbidden, invalid, notFound } from '../errors.js';
import { loadPostForRead } from '../policies/posts.js';
import { loadMessageForRead } from '../policies/conversations.js';

export async function uploadImage(svc: Services, actor: Actor, body: unknown) {
  if (actor.scope === 'read') throw forbidden('this token can only read');
  const [full, thumb] = await Promise.all([
    reencode(body, { width: 1600, height: 1600, fit: 'inside' }),
    reencode(body, { width: 480, height: 480, fit: 'inside' }),
  ]);
  // Random keys, not content hashes: deleting one post must never remove another post's file.
  const id = crypto.randomUUID();
  const key = `images/${id}.webp`;
  const thumbKey = `images/${id}-t.webp`;
  await svc.files.put(key, full.data);
  await svc.files.put(thumbKey, thumb.data);
  return svc.db
    .insertInto('images')
    .values({ uploader_id: actor.id, post_id: null, key, thumb_key: thumbKey, width: full.width, height: full.height, created_at: nowIso() })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Inside the post's or message's transaction: claims the actor's unattached uploads for it. */
export async function attachImages(trx: Kysely<DB>, actor: Actor, target: { postId: number } | { messageId: number }, imageIds: number[]) {
  if (!imageIds.length) return;
  const rows = await trx.selectFrom('images').select(['id', 'uploader_id', 'post_id', 'message_id']).where('id', 'in', imageIds).execute();
  const usable = new Set(rows.filter((r) => r.uploader_id === actor.id && r.post_id === null && r.message_id === null).map((r) => r.id));
  const unknown = imageIds.filter((id) => !usable.has(id));
  if (unknown.length) throw invalid('some images are unknown or already used', { fields: { imageIds: unknown } });
  const owner = 'postId' in target ? { post_id: target.postId } : { message_id: target.messageId };
  for (const [position, id] of imageIds.entries()) await trx.updateTable('images').set({ ...owner, position }).where('id', '=', id).execute();
}

/** An image is visible exactly where its post or message is; an unattached upload only to its uploader. */
export async function loadImageForRead(svc: Services, actor: Actor, id: number) {
  const image = await svc.db.selectFrom('images').selectAll().where('id', '=', id).executeTakeFirst();
  if (!image) throw notFound('image');
  if (image.post_id === null && image.message_id === null) {
    if (image.uploader_id !== actor.id) throw notFound('image');
    return image;
  }
  try {
    const deleted =
      image.post_id !== null
        ? (await loadPostForRead(svc.db, actor, image.post_id)).post.deleted_at
        : (await loadMessageForRead(svc.db, actor, image.message_id!)).message.deleted_at;
    if (deleted) throw notFound('image');
  } catch {
    throw notFound('image');
  }
  return image;
}

/** Removes the files of a deleted post's images (after its transaction committed). */
export async function purgeImages(svc: Services, keys: string[]) {
  for (const key of keys) await svc.files.delete(key);
}
