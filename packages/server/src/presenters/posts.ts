/**
 * Posts and comments with authors, counts, the caller's reactions and abilities — batched so a
 * page of 20 posts costs a fixed number of queries, not 20 times as many.
 */
import type { Kysely } from 'kysely';
import type { Post, Comment, Reaction, PostImage } from '@foyer/shared';
import type { DB } from '../db/schema.js';
import type { Actor } from '../policies/actor.js';
import type { MembershipRow, SpaceRow } from '../policies/spaces.js';
import { postAbilities, commentAbilities, type PostRow, type CommentRow } from '../policies/posts.js';
import { presentUserSummary, userSummariesById } from './users.js';
import { spaceRef } from './spaces.js';
import { reusableQuery } from '../db/reusable.js';
import { presentShared, sharedKey } from './shares.js';
import { presentAnnouncements } from './announcements.js';
import { filesOf } from '../files/present.js';

export function presentImage(i: { id: number; width: number; height: number }): PostImage {
  return { id: i.id, url: `/api/v1/images/${i.id}`, thumbUrl: `/api/v1/images/${i.id}/thumb`, width: i.width, height: i.height };
}

// The per-page lookups of presentPosts, compiled once per page size (see db/reusable.ts).
type PageValues = { postIds: number[]; userId: number };
const spacesIn = reusableQuery((db, v: { ids: number[] }) => db.selectFrom('spaces').selectAll().where('id', 'in', v.ids));
const membershipsIn = reusableQuery((db, v: { spaceIds: number[]; userId: number }) =>
  db.selectFrom('memberships').selectAll().where('space_id', 'in', v.spaceIds).where('user_id', '=', v.userId),
);
const reactionCountsOf = reusableQuery((db, v: { postIds: number[] }) =>
  db
    .selectFrom('reactions')
    .select(['post_id', 'reaction', (eb) => eb.fn.countAll<number>().as('n')])
    .where('post_id', 'in', v.postIds)
    .where('comment_id', '=', 0)
    .groupBy(['post_id', 'reaction']),
);
const myReactionsOf = reusableQuery((db, v: PageValues) =>
  db.selectFrom('reactions').select(['post_id', 'reaction']).where('post_id', 'in', v.postIds).where('comment_id', '=', 0).where('user_id', '=', v.userId),
);
const followsOf = reusableQuery((db, v: PageValues) =>
  db.selectFrom('follow_posts').select(['post_id', 'following']).where('user_id', '=', v.userId).where('post_id', 'in', v.postIds),
);
const bookmarksOf = reusableQuery((db, v: PageValues) => db.selectFrom('bookmarks').select('post_id').where('user_id', '=', v.userId).where('post_id', 'in', v.postIds));
const hashtagsOf = reusableQuery((db, v: { postIds: number[] }) => db.selectFrom('post_hashtags').select(['post_id', 'tag']).where('post_id', 'in', v.postIds));
const imagesOf = reusableQuery((db, v: { postIds: number[] }) =>
  db.selectFrom('images').select(['id', 'post_id', 'width', 'height']).where('post_id', 'in', v.postIds).orderBy('position'),
);

function reactionSummary(rows: { reaction: string; n: number }[], mine: string[]) {
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.reaction] = Number(r.n);
  return { counts, mine: mine as Reaction[] };
}

/** Context the caller already loaded (e.g. the space a post was just written to) is not read again. */
export interface KnownContext {
  space: SpaceRow;
  membership: MembershipRow | null;
}

export async function presentPosts(db: Kysely<DB>, actor: Actor, posts: PostRow[], known?: KnownContext): Promise<Post[]> {
  if (!posts.length) return [];
  const postIds = posts.map((p) => p.id);
  const spaceIds = [...new Set(posts.map((p) => p.space_id))];
  const useKnown = !!known && spaceIds.length === 1 && spaceIds[0] === known.space.id;
  const page: PageValues = { postIds, userId: actor.id };
  const [authors, spaces, memberships, reactionCounts, myReactions, follows, saved, tags, images, filesBy] = await Promise.all([
    userSummariesById(db, posts.map((p) => p.author_id)),
    useKnown ? [known!.space] : spacesIn(db, { ids: spaceIds }),
    useKnown ? (known!.membership ? [known!.membership] : []) : membershipsIn(db, { spaceIds, userId: actor.id }),
    reactionCountsOf(db, { postIds }),
    myReactionsOf(db, page),
    followsOf(db, page),
    bookmarksOf(db, page),
    hashtagsOf(db, { postIds }),
    imagesOf(db, { postIds }),
    filesOf(db, 'post', postIds),
  ]);
  const shared = await presentShared(db, actor, posts.map((p) => ({ shared_post_id: p.shared_post_id, place: { spaceId: p.space_id } })));
  const spaceBy = new Map<number, SpaceRow>(spaces.map((s) => [s.id, s]));
  const memberBy = new Map<number, MembershipRow>(memberships.map((m) => [m.space_id, m]));
  const contextOf = (post: PostRow) => ({ space: spaceBy.get(post.space_id)!, membership: memberBy.get(post.space_id) ?? null, post });
  const announcements = await presentAnnouncements(db, actor, posts.filter((p) => p.pinned_at !== null).map(contextOf));
  const followBy = new Map(follows.map((f) => [f.post_id, f.following === 1]));
  const savedSet = new Set(saved.map((s) => s.post_id));
  const group = <T extends { post_id: number }>(rows: T[]) => {
    const m = new Map<number, T[]>();
    for (const r of rows) (m.get(r.post_id) ?? m.set(r.post_id, []).get(r.post_id)!).push(r);
    return m;
  };
  const countsBy = group(reactionCounts);
  const mineBy = group(myReactions);
  const tagsBy = group(tags);
  const imagesBy = group(images as { id: number; post_id: number; width: number; height: number }[]);
  return posts.map((post) => {
    const ctx = contextOf(post);
    const space = ctx.space;
    const deleted = !!post.deleted_at;
    return {
      id: post.id,
      space: spaceRef(space),
      author: presentUserSummary(authors.get(post.author_id)!),
      body: deleted ? '' : post.body,
      html: deleted ? '' : post.html,
      hashtags: (tagsBy.get(post.id) ?? []).map((t) => t.tag).sort(),
      images: (imagesBy.get(post.id) ?? []).map(presentImage),
      files: deleted ? [] : (filesBy.get(post.id) ?? []),
      createdAt: post.created_at,
      editedAt: post.edited_at,
      deleted,
      pinned: !!post.pinned_at,
      commentCount: post.comment_count,
      label: post.label,
      shared: post.shared_post_id !== null && !deleted ? shared.get(sharedKey({ spaceId: post.space_id }, post.shared_post_id))! : null,
      announcement: announcements.get(post.id) ?? null,
      reactions: reactionSummary(countsBy.get(post.id) ?? [], (mineBy.get(post.id) ?? []).map((r) => r.reaction)),
      followed: followBy.get(post.id) ?? false,
      saved: savedSet.has(post.id),
      abilities: postAbilities(actor, ctx),
    };
  });
}

export async function presentComments(
  db: Kysely<DB>,
  actor: Actor,
  ctx: { space: SpaceRow; membership: MembershipRow | null; post: PostRow },
  comments: CommentRow[],
): Promise<Comment[]> {
  if (!comments.length) return [];
  const ids = comments.map((c) => c.id);
  const [authors, filesBy, counts, mine] = await Promise.all([
    userSummariesById(db, comments.map((c) => c.author_id)),
    filesOf(db, 'comment', ids),
    db
      .selectFrom('reactions')
      .select(['comment_id', 'reaction', (eb) => eb.fn.countAll<number>().as('n')])
      .where('post_id', '=', ctx.post.id)
      .where('comment_id', 'in', ids)
      .groupBy(['comment_id', 'reaction'])
      .execute(),
    db
      .selectFrom('reactions')
      .select(['comment_id', 'reaction'])
      .where('post_id', '=', ctx.post.id)
      .where('comment_id', 'in', ids)
      .where('user_id', '=', actor.id)
      .execute(),
  ]);
  return comments.map((c) => {
    const deleted = !!c.deleted_at;
    return {
      id: c.id,
      postId: c.post_id,
      parentId: c.parent_id,
      author: presentUserSummary(authors.get(c.author_id)!),
      body: deleted ? '' : c.body,
      html: deleted ? '' : c.html,
      createdAt: c.created_at,
      editedAt: c.edited_at,
      deleted,
      files: deleted ? [] : (filesBy.get(c.id) ?? []),
      reactions: reactionSummary(
        counts.filter((r) => r.comment_id === c.id),
        mine.filter((r) => r.comment_id === c.id).map((r) => r.reaction),
      ),
      abilities: commentAbilities(actor, ctx, c),
    };
  });
}
