/**
 * Feed queries. Each one filters by the read policy inside SQL (readableSpaceIds, or
 * readableSpaceCondition per row) and pages by keyset (post id descending), so page N costs the
 * same as page 1.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Actor } from '../policies/actor.js';
import { readableSpaceIds, readableSpaceCondition } from '../policies/spaces.js';
import type { PostRow } from '../policies/posts.js';
import { reusableQuery } from '../db/reusable.js';
import { labelCondition } from '../policies/labels.js';

export interface PageArgs {
  before?: number;
  limit: number;
}

function base(db: Kysely<DB>, actor: Actor, { before, limit }: PageArgs) {
  let q = db.selectFrom('posts').selectAll('posts').where('posts.deleted_at', 'is', null).where('posts.hidden_at', 'is', null);
  const label = labelCondition(actor, 'posts.label');
  if (label) q = q.where(label);
  if (before) q = q.where('posts.id', '<', before);
  return q.orderBy('posts.id', 'desc').limit(limit + 1);
}

export interface FeedSources {
  spaceIds: number[];
  authorIds: number[];
  tags: string[];
}

/** What feeds my home feed: the spaces I am a member of, the people and hashtags I follow. */
export async function homeFeedSources(db: Kysely<DB>, actor: Actor): Promise<FeedSources> {
  const [spaces, authors, tags] = await Promise.all([
    db.selectFrom('memberships').select('space_id').where('user_id', '=', actor.id).where('state', '=', 'member').execute(),
    db.selectFrom('follow_users').select('followee_id').where('follower_id', '=', actor.id).execute(),
    db.selectFrom('follow_hashtags').select('tag').where('user_id', '=', actor.id).execute(),
  ]);
  return { spaceIds: spaces.map((r) => r.space_id), authorIds: authors.map((r) => r.followee_id), tags: tags.map((r) => r.tag) };
}

/** Above this many sources one merged query gets unwieldy (SQLite allows 500 compound terms). */
const MAX_MERGED_SOURCES = 200;

/**
 * The home feed page as one query: for every source, the newest `limit + 1` ids before the cursor
 * (a short range on the (space_id, id), (author_id, id) or (tag, post_id) index), merged, newest
 * first. Cost grows with the number of sources, not with the number of posts in them; a plain
 * OR of IN-lists made SQLite read every post of every readable space (docs/benchmarks.md).
 * Followed people and hashtags only count in spaces the actor may read.
 */
export function homeFeedPage(db: Kysely<DB>, actor: Actor, sources: FeedSources, { before, limit }: PageArgs) {
  const n = limit + 1;
  const bySpace = sources.spaceIds.map((spaceId) => {
    let q = db.selectFrom('posts').select('id').where('space_id', '=', spaceId).where('deleted_at', 'is', null);
    if (before) q = q.where('id', '<', before);
    return q.orderBy('id', 'desc').limit(n);
  });
  const byAuthor = sources.authorIds.map((authorId) => {
    let q = db
      .selectFrom('posts')
      .select('id')
      .where('author_id', '=', authorId)
      .where('deleted_at', 'is', null)
      .where(readableSpaceCondition(actor, sources.spaceIds, 'posts'));
    if (before) q = q.where('id', '<', before);
    return q.orderBy('id', 'desc').limit(n);
  });
  const byTag = sources.tags.map((tag) => {
    let q = db
      .selectFrom('post_hashtags')
      .select('post_id as id')
      .where('tag', '=', tag)
      .where(readableSpaceCondition(actor, sources.spaceIds, 'post_hashtags'));
    if (before) q = q.where('post_id', '<', before);
    return q.orderBy('post_id', 'desc').limit(n);
  });
  const parts = [...bySpace, ...byAuthor, ...byTag];
  if (!parts.length) return null;
  const [first, ...rest] = parts.map((q, i) => db.selectFrom(q.as(`s${i}`)).select(`s${i}.id`));
  const merged = rest.reduce((acc, q) => acc.unionAll(q), first);
  const label = labelCondition(actor, 'posts.label');
  let page = db
    .selectFrom('posts')
    .selectAll('posts')
    .where('posts.id', 'in', db.selectFrom(merged.as('merged')).select('merged.id'))
    .where('posts.deleted_at', 'is', null)
    .where('posts.hidden_at', 'is', null);
  if (label) page = page.where(label);
  return page.orderBy('posts.id', 'desc').limit(n);
}

/**
 * Walks posts newest first by primary key and filters; `sinceId` bounds the walk to a window of
 * recent ids. The unary plus keeps SQLite from turning the OR into a scan of every readable space
 * (a no-op elsewhere). Reusable: it runs on every home feed request.
 */
const homeFeedWalk = reusableQuery(
  (db, v: { userId: number; before?: number; sinceId?: number; limit: number }, shape: { role: Actor['role'] }) => {
    const plus = (col: string) => sql<number>`+${sql.ref(col)}`;
    const actor: Actor = { id: v.userId, role: shape.role, scope: 'session' };
    let q = db.selectFrom('posts').selectAll('posts').where('posts.deleted_at', 'is', null).where('posts.hidden_at', 'is', null);
    const label = labelCondition(actor, 'posts.label');
    if (label) q = q.where(label);
    if (v.before !== undefined) q = q.where('posts.id', '<', v.before);
    if (v.sinceId !== undefined) q = q.where('posts.id', '>', v.sinceId);
    return q
      .where((eb) =>
        eb.or([
          eb(plus('posts.space_id'), 'in', eb.selectFrom('memberships').select('space_id').where('user_id', '=', v.userId).where('state', '=', 'member')),
          eb.and([
            eb.or([
              eb(plus('posts.author_id'), 'in', eb.selectFrom('follow_users').select('followee_id').where('follower_id', '=', v.userId)),
              eb.exists(
                eb
                  .selectFrom('post_hashtags as ph')
                  .innerJoin('follow_hashtags as fh', 'fh.tag', 'ph.tag')
                  .select('ph.post_id')
                  .whereRef('ph.post_id', '=', 'posts.id')
                  .where('fh.user_id', '=', v.userId),
              ),
            ]),
            eb(plus('posts.space_id'), 'in', readableSpaceIds(db, actor)),
          ]),
        ]),
      )
      .orderBy('posts.id', 'desc')
      .limit(v.limit);
  },
);

const newestPostId = reusableQuery((db) => db.selectFrom('posts').select((eb) => eb.fn.max('id').as('max')));

/** How many of the newest post ids the first, cheap attempt looks at. */
export const RECENT_WINDOW = 4000;

export interface HomeFeedTuning {
  maxMergedSources?: number;
  recentWindow?: number;
}

/**
 * Posts from my spaces, from people I follow and with hashtags I follow, newest first.
 * First a bounded walk over the most recent ids: for anyone in an active space it finds a full
 * page after a few hundred rows. Whatever it finds is exactly the start of the full answer, so a
 * full page from it is final. Sparse feeds fall through to the merged per-source ranges, whose
 * cost grows with the number of sources rather than of posts.
 */
export async function homeFeed(db: Kysely<DB>, actor: Actor, args: PageArgs, tuning: HomeFeedTuning = {}): Promise<PostRow[]> {
  const window = tuning.recentWindow ?? RECENT_WINDOW;
  const newest = args.before ?? Number((await newestPostId(db, {}))[0]?.max ?? 0) + 1;
  const walk = { userId: actor.id, before: args.before, limit: args.limit + 1 };
  if (window > 0) {
    const recent = await homeFeedWalk(db, { ...walk, sinceId: newest - window }, { role: actor.role });
    if (recent.length > args.limit) return recent;
  }
  const sources = await homeFeedSources(db, actor);
  const count = sources.spaceIds.length + sources.authorIds.length + sources.tags.length;
  if (count > (tuning.maxMergedSources ?? MAX_MERGED_SOURCES)) return homeFeedWalk(db, walk, { role: actor.role });
  const q = homeFeedPage(db, actor, sources, args);
  return q ? q.execute() : [];
}

export function spaceFeed(db: Kysely<DB>, actor: Actor, spaceId: number, args: PageArgs): Promise<PostRow[]> {
  return base(db, actor, args).where('posts.space_id', '=', spaceId).execute();
}

export function authorFeed(db: Kysely<DB>, actor: Actor, authorId: number, args: PageArgs): Promise<PostRow[]> {
  return base(db, actor, args)
    .where('posts.author_id', '=', authorId)
    .where('posts.space_id', 'in', readableSpaceIds(db, actor))
    .execute();
}

export function hashtagFeed(db: Kysely<DB>, actor: Actor, tag: string, args: PageArgs): Promise<PostRow[]> {
  return base(db, actor, args)
    .where('posts.id', 'in', (eb) => eb.selectFrom('post_hashtags').select('post_id').where('tag', '=', tag))
    .where('posts.space_id', 'in', readableSpaceIds(db, actor))
    .execute();
}

export function savedFeed(db: Kysely<DB>, actor: Actor, args: PageArgs): Promise<PostRow[]> {
  return base(db, actor, args)
    .where('posts.id', 'in', (eb) => eb.selectFrom('bookmarks').select('post_id').where('user_id', '=', actor.id))
    .where('posts.space_id', 'in', readableSpaceIds(db, actor))
    .execute();
}

export function pinnedPosts(db: Kysely<DB>, actor: Actor, spaceId: number): Promise<PostRow[]> {
  let q = db
    .selectFrom('posts')
    .selectAll()
    .where('space_id', '=', spaceId)
    .where('pinned_at', 'is not', null)
    .where('deleted_at', 'is', null)
    .where('hidden_at', 'is', null);
  const label = labelCondition(actor, 'posts.label');
  if (label) q = q.where(label);
  return q.orderBy('pinned_at', 'desc').limit(10).execute();
}
