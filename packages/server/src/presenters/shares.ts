/** Embedded originals of shares, per reader: the content only where the share policy allows it. */
import type { Kysely } from 'kysely';
import type { SharedPost } from '@foyer/shared';
import type { DB } from '../db/schema.js';
import type { Actor } from '../policies/actor.js';
import { visibleOriginals, type SharePlace } from '../policies/shares.js';
import { presentUserSummary, userSummariesById } from './users.js';
import { spaceRef } from './spaces.js';

export const sharedKey = (place: SharePlace, originalId: number) => `${JSON.stringify(place)}#${originalId}`;

const unavailable = (id: number): SharedPost => ({ id, available: false, author: null, space: null, html: '', label: null, createdAt: null });

/** For items that share a post, what this reader sees of the original, keyed by the original's id. */
export async function presentShared(
  db: Kysely<DB>,
  actor: Actor,
  items: { shared_post_id: number | null; place: SharePlace }[],
): Promise<Map<string, SharedPost>> {
  const out = new Map<string, SharedPost>();
  const byPlace = new Map<string, { place: SharePlace; ids: number[] }>();
  for (const it of items) {
    if (it.shared_post_id === null) continue;
    const key = JSON.stringify(it.place);
    (byPlace.get(key) ?? byPlace.set(key, { place: it.place, ids: [] }).get(key)!).ids.push(it.shared_post_id);
  }
  for (const { place, ids } of byPlace.values()) {
    const visible = await visibleOriginals(db, actor, ids, place);
    const authorBy = await userSummariesById(db, [...visible.values()].map((v) => v.post.author_id));
    for (const id of ids) {
      const v = visible.get(id);
      out.set(
        sharedKey(place, id),
        v
          ? { id, available: true, author: presentUserSummary(authorBy.get(v.post.author_id)!), space: spaceRef(v.space), html: v.post.html, label: v.post.label, createdAt: v.post.created_at }
          : unavailable(id),
      );
    }
  }
  return out;
}
