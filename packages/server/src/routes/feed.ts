import { z } from 'zod';
import { Page, PageQuery, Post, Hashtag } from '@foyer/shared';
import type { FoyerApp } from '../app.js';
import type { Services } from '../services.js';
import { errors, actorOf } from './common.js';
import { homeFeed, hashtagFeed } from '../queries/feeds.js';
import { presentPosts } from '../presenters/posts.js';
import { decodeCursor, page } from '../lib/cursor.js';
import { readableSpaceIds } from '../policies/spaces.js';
import { labelCondition } from '../policies/labels.js';
import { setHashtagFollow } from '../commands/posts.js';
import type { Actor } from '../policies/actor.js';

const TagParams = z.object({ tag: z.string().max(64).transform((t) => t.replace(/^#/, '').toLowerCase()) });

export async function feedRoutes(app: FoyerApp, svc: Services) {
  const db = svc.db;
  app.get('/feed', { schema: { querystring: PageQuery, response: { 200: Page(Post), ...errors } } }, async (req) => {
    const actor = actorOf(req);
    const rows = await homeFeed(db, actor, { before: decodeCursor(req.query.cursor), limit: req.query.limit });
    const p = page(rows, req.query.limit);
    return { items: await presentPosts(db, actor, p.items), nextCursor: p.nextCursor };
  });

  const hashtag = async (actor: Actor, tag: string) => {
    // Counts only what the caller may read: a tag used only in a secret space shows 0 to outsiders.
    let counted = db
      .selectFrom('post_hashtags')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tag', '=', tag)
      .where('space_id', 'in', readableSpaceIds(db, actor));
    const label = labelCondition(actor, 'posts.label');
    if (label) counted = counted.where('post_id', 'in', db.selectFrom('posts').select('posts.id').where(label));
    const [count, followed] = await Promise.all([
      counted.executeTakeFirstOrThrow(),
      db.selectFrom('follow_hashtags').select('tag').where('user_id', '=', actor.id).where('tag', '=', tag).executeTakeFirst(),
    ]);
    return { tag, postCount: Number(count.n), followed: !!followed };
  };
  app.get('/tags/:tag', { schema: { params: TagParams, response: { 200: Hashtag, ...errors } } }, async (req) => hashtag(actorOf(req), req.params.tag));
  app.get('/tags/:tag/posts', { schema: { params: TagParams, querystring: PageQuery, response: { 200: Page(Post), ...errors } } }, async (req) => {
    const actor = actorOf(req);
    const rows = await hashtagFeed(db, actor, req.params.tag, { before: decodeCursor(req.query.cursor), limit: req.query.limit });
    const p = page(rows, req.query.limit);
    return { items: await presentPosts(db, actor, p.items), nextCursor: p.nextCursor };
  });
  for (const [method, on] of [['put', true], ['delete', false]] as const) {
    app[method]('/tags/:tag/follow', { schema: { params: TagParams, response: { 200: Hashtag, ...errors } } }, async (req) => {
      const actor = actorOf(req);
      await setHashtagFollow(svc, actor, req.params.tag, on);
      return hashtag(actor, req.params.tag);
    });
  }
}
