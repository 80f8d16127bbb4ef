/**
 * Feed queries. Each one filters by the read policy inside SQL (readableSpaceIds) and pages by
 * keyset (post id descending), so page N costs the same as page 1.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Actor } from '../policies/actor.js';
import { readableSpaceIds } from '../policies/spaces.js';
import type { PostRow } from '../policies/posts.js';

export interface PageArgs {
  before?: number;
  limit: number;
}

function base(db: Kysely<DB>, { before, limit }: PageArgs) {
  let q = db.selectFrom('posts').selectAll('posts').where('posts.deleted_at', 'is', null);
  if (before) q = q.where('posts.id', '<', before);
  return q.orderBy('posts.id', 'desc').limit(limit + 1);
}

/** Posts from my spaces, from people I follow and with hashtags I follow. */
export function homeFeed(db: Kysely<DB>, actor: Actor, args: PageArgs): Promise<PostRow[]> {
  return base(db, args)
    .where((eb) =>
      eb.or([
        eb(
          'posts.space_id',
          'in',
          eb.selectFrom('memberships').select('space_id').where('user_id', '=', actor.id).where('state', '=', 'member'),
        ),
        eb.and([
          eb.or([
            eb('posts.author_id', 'in', eb.selectFrom('follow_users').select('followee_id').where('follower_id', '=', actor.id)),
            eb(
              'posts.id',
              'in',
              eb
                .selectFrom('post_hashtags')
                .select('post_id')
                .where('tag', 'in', eb.selectFrom('follow_hashtags').select('tag').where('user_id', '=', actor.id)),
            ),
          ]),
          eb('posts.space_id', 'in', readableSpaceIds(db, actor)),
        ]),
      ]),
    )
    .execute();
}

export function spaceFeed(db: Kysely<DB>, spaceId: number, args: PageArgs): Promise<PostRow[]> {
  return base(db, args).where('posts.space_id', '=', spaceId).execute();
}

export function authorFeed(db: Kysely<DB>, actor: Actor, authorId: number, args: PageArgs): Promise<PostRow[]> {
  return base(db, args)
    .where('posts.author_id', '=', authorId)
    .where('posts.space_id', 'in', readableSpaceIds(db, actor))
    .execute();
}

export function hashtagFeed(db: Kysely<DB>, actor: Actor, tag: string, args: PageArgs): Promise<PostRow[]> {
  return base(db, args)
    .where('posts.id', 'in', (eb) => eb.selectFrom('post_hashtags').select('post_id').where('tag', '=', tag))
    .where('posts.space_id', 'in', readableSpaceIds(db, actor))
    .execute();
}

export function savedFeed(db: Kysely<DB>, actor: Actor, args: PageArgs): Promise<PostRow[]> {
  return base(db, args)
    .where('posts.id', 'in', (eb) => eb.selectFrom('bookmarks').select('post_id').where('user_id', '=', actor.id))
    .where('posts.space_id', 'in', readableSpaceIds(db, actor))
    .execute();
}

export function pinnedPosts(db: Kysely<DB>, spaceId: number): Promise<PostRow[]> {
  return db
    .selectFrom('posts')
    .selectAll()
    .where('space_id', '=', spaceId)
    .where('pinned_at', 'is not', null)
    .where('deleted_at', 'is', null)
    .orderBy('pinned_at', 'desc')
    .limit(10)
    .execute();
}
