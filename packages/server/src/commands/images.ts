/** Post images: uploaded first (unattached, visible to the uploader only), attached when posting. */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Services } from '../services.js';
import type { Actor } from '../policies/actor.js';
import { reencode } from '../media/images.js';
import { nowIso } from '../lib/time.js';
import { forbidden, invalid, notFound } from '../errors.js';
import { loadPostForRead } from '../policies/posts.js';

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

/** Inside the post's transaction: claims the actor's unattached uploads for the post. */
export async function attachImages(trx: Kysely<DB>, actor: Actor, postId: number, imageIds: number[]) {
  if (!imageIds.length) return;
  const rows = await trx.selectFrom('images').select(['id', 'uploader_id', 'post_id']).where('id', 'in', imageIds).execute();
  const usable = new Set(rows.filter((r) => r.uploader_id === actor.id && r.post_id === null).map((r) => r.id));
  const unknown = imageIds.filter((id) => !usable.has(id));
  if (unknown.length) throw invalid('some images are unknown or already used', { fields: { imageIds: unknown } });
  for (const [position, id] of imageIds.entries())
    await trx.updateTable('images').set({ post_id: postId, position }).where('id', '=', id).execute();
}

/** An image is visible exactly where its post is; an unattached upload only to its uploader. */
export async function loadImageForRead(svc: Services, actor: Actor, id: number) {
  const image = await svc.db.selectFrom('images').selectAll().where('id', '=', id).executeTakeFirst();
  if (!image) throw notFound('image');
  if (image.post_id === null) {
    if (image.uploader_id !== actor.id) throw notFound('image');
    return image;
  }
  try {
    const ctx = await loadPostForRead(svc.db, actor, image.post_id);
    if (ctx.post.deleted_at) throw notFound('image');
  } catch {
    throw notFound('image');
  }
  return image;
}

/** Removes the files of a deleted post's images (after its transaction committed). */
export async function purgeImages(svc: Services, keys: string[]) {
  for (const key of keys) await svc.files.delete(key);
}
