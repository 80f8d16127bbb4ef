/**
 * Announcements: space managers, and people with the communications role in spaces where they may
 * post. Acknowledgement progress is aggregate; who has not acknowledged is shown only for
 * acknowledgement-required announcements, and only to the author and the space's managers.
 * Ordinary posts have no read tracking at all.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Actor } from './actor.js';
import { spaceAbilities, type SpaceContext } from './spaces.js';
import { hasRole } from './roles.js';
import type { PostContext } from './posts.js';

export async function canAnnounce(db: Kysely<DB>, actor: Actor, ctx: SpaceContext): Promise<boolean> {
  const can = spaceAbilities(actor, ctx);
  return can.pin || (can.post && (await hasRole(db, actor.id, 'communications')));
}

/** The author and the space's managers follow the progress. */
export function seesProgress(actor: Actor, ctx: PostContext): boolean {
  return ctx.post.author_id === actor.id || spaceAbilities(actor, ctx).manage;
}
