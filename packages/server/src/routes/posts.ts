import { z } from 'zod';
import { AckProgress, AudiencePreview, Id, Post, PostCreate, PostUpdate, PostRevision, Comment, CommentCreate, CommentUpdate, ReactionKey, ReactionSummary, UserSummary, Page, PageQuery } from '@foyer/shared';
import type { FoyerApp } from '../app.js';
import type { Services } from '../services.js';
import { errors, actorOf, IdParams, NoContent, limit } from './common.js';
import * as posts from '../commands/posts.js';
import { loadPostForRead, loadCommentForRead } from '../policies/posts.js';
import { presentPosts, presentComments } from '../presenters/posts.js';
import { presentUserSummary, USER_SUMMARY_COLUMNS } from '../presenters/users.js';
import { savedFeed } from '../queries/feeds.js';
import { seesProgress } from '../policies/announcements.js';
import { loadSpaceForView, spaceAbilities } from '../policies/spaces.js';
import { ackCounts } from '../presenters/announcements.js';
import { audiencePreview, newReaderCount, readerIds } from '../policies/audience.js';
import { forbidden, notFound } from '../errors.js';
import { decodeCursor, page } from '../lib/cursor.js';
import type { Actor } from '../policies/actor.js';

const ReactionParams = IdParams.extend({ reaction: ReactionKey });

export async function postRoutes(app: FoyerApp, svc: Services) {
  const db = svc.db;
  const onePost = async (actor: Actor, id: number) => (await presentPosts(db, actor, [(await loadPostForRead(db, actor, id)).post]))[0];

  app.post('/posts', { config: limit(svc, 60), schema: { body: PostCreate, response: { 200: Post, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    const { post, context, unreachableMentions } = await posts.createPost(svc, actor, req.body.spaceId, req.body.body, req.body);
    return { ...(await presentPosts(db, actor, [post], context))[0], unreachableMentions };
  });
  app.get('/posts/:id', { schema: { params: IdParams, response: { 200: Post, ...errors } } }, async (req) => onePost(actorOf(req), req.params.id));
  app.patch('/posts/:id', { config: limit(svc, 60), schema: { params: IdParams, body: PostUpdate, response: { 200: Post, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    const { unreachableMentions } = await posts.updatePost(svc, actor, req.params.id, req.body);
    return { ...(await onePost(actor, req.params.id)), unreachableMentions };
  });
  app.post(
    '/posts/:id/move',
    { config: limit(svc, 60), schema: { params: IdParams, body: z.object({ spaceId: Id, confirmAudience: z.boolean().optional() }), response: { 200: Post, ...errors } } },
    async (req) => {
      const actor = actorOf(req);
      await posts.movePost(svc, actor, req.params.id, req.body.spaceId, req.body.confirmAudience);
      return onePost(actor, req.params.id);
    },
  );
  app.get(
    '/posts/:id/move-audience',
    { schema: { params: IdParams, querystring: z.object({ spaceId: Id }), response: { 200: AudiencePreview, ...errors } } },
    async (req) => {
      const actor = actorOf(req);
      const ctx = await loadPostForRead(db, actor, req.params.id);
      const target = await loadSpaceForView(db, actor, req.query.spaceId);
      // Who reads a space is shown only to those who may post there (the move's own rule).
      if (!spaceAbilities(actor, target).post) throw forbidden('you cannot post in the target space');
      const next = { space: target.space, label: ctx.post.label };
      const [preview, added] = await Promise.all([audiencePreview(db, next), newReaderCount(db, { space: ctx.space, label: ctx.post.label }, next)]);
      return { ...preview, newReaders: added };
    },
  );
  app.post('/posts/:id/acknowledge', { schema: { params: IdParams, response: { 200: Post, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    await posts.acknowledge(svc, actor, req.params.id);
    return onePost(actor, req.params.id);
  });
  app.get('/posts/:id/acknowledgements', { schema: { params: IdParams, response: { 200: AckProgress, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    const ctx = await loadPostForRead(db, actor, req.params.id);
    const a = await db.selectFrom('announcements').selectAll().where('post_id', '=', ctx.post.id).executeTakeFirst();
    if (!a) throw notFound('announcement');
    if (!seesProgress(actor, ctx)) throw forbidden('only the author and the space managers follow the progress');
    const counts = await ackCounts(db, ctx);
    // Names only where acknowledgement is required: otherwise nobody's reading is tracked.
    const pending =
      a.ack_required === 1
        ? await db
            .selectFrom('users')
            .select([...USER_SUMMARY_COLUMNS])
            .where('id', 'in', readerIds(db, { space: ctx.space, label: ctx.post.label }))
            .where('id', 'not in', db.selectFrom('acknowledgements').select('user_id').where('post_id', '=', ctx.post.id))
            .orderBy('name')
            .limit(500)
            .execute()
        : [];
    return { ...counts, pending: pending.map(presentUserSummary) };
  });
  app.delete('/posts/:id', { schema: { params: IdParams, response: { 204: NoContent, ...errors } } }, async (req, reply) => {
    await posts.deletePost(svc, actorOf(req), req.params.id);
    return reply.status(204).send(null);
  });
  app.get('/posts/:id/revisions', { schema: { params: IdParams, response: { 200: z.array(PostRevision), ...errors } } }, async (req) => {
    const actor = actorOf(req);
    await loadPostForRead(db, actor, req.params.id);
    const rows = await db
      .selectFrom('post_revisions')
      .innerJoin('users', 'users.id', 'post_revisions.editor_id')
      .select(['post_revisions.id as revisionId', 'post_revisions.body', 'post_revisions.created_at as revisedAt', ...USER_SUMMARY_COLUMNS.map((c) => `users.${c}` as const)])
      .where('post_id', '=', req.params.id)
      .orderBy('post_revisions.id', 'desc')
      .execute();
    return rows.map((r) => ({ id: r.revisionId, body: r.body, editor: presentUserSummary(r), createdAt: r.revisedAt }));
  });

  const toggles = [
    ['pin', (a: Actor, id: number, on: boolean) => posts.setPinned(svc, a, id, on)],
    ['follow', (a: Actor, id: number, on: boolean) => posts.setPostFollow(svc, a, id, on)],
    ['save', (a: Actor, id: number, on: boolean) => posts.setBookmark(svc, a, id, on)],
  ] as const;
  for (const [name, fn] of toggles) {
    for (const [method, on] of [['put', true], ['delete', false]] as const) {
      app[method](`/posts/:id/${name}`, { schema: { params: IdParams, response: { 200: Post, ...errors } } }, async (req) => {
        const actor = actorOf(req);
        await fn(actor, req.params.id, on);
        return onePost(actor, req.params.id);
      });
    }
  }

  app.get('/posts/:id/comments', { schema: { params: IdParams, response: { 200: z.array(Comment), ...errors } } }, async (req) => {
    const actor = actorOf(req);
    const ctx = await loadPostForRead(db, actor, req.params.id);
    // Hidden comments stay visible to their author and the space's managers only.
    let q = db.selectFrom('comments').selectAll().where('post_id', '=', req.params.id);
    if (!spaceAbilities(actor, ctx).manage) q = q.where((eb) => eb.or([eb('hidden_at', 'is', null), eb('author_id', '=', actor.id)]));
    const rows = await q.orderBy('id').limit(1000).execute();
    return presentComments(db, actor, ctx, rows);
  });
  const oneComment = async (actor: Actor, id: number) => {
    const ctx = await loadCommentForRead(db, actor, id);
    return (await presentComments(db, actor, ctx, [ctx.comment]))[0];
  };
  app.post(
    '/posts/:id/comments',
    { config: limit(svc, 120), schema: { params: IdParams, body: CommentCreate, response: { 200: Comment.extend({ unreachableMentions: z.array(z.string()) }), ...errors } } },
    async (req) => {
      const actor = actorOf(req);
      const { id, unreachableMentions } = await posts.createComment(svc, actor, req.params.id, req.body.body, req.body.parentId, req.body.fileIds);
      return { ...(await oneComment(actor, id)), unreachableMentions };
    },
  );
  app.patch('/comments/:id', { config: limit(svc, 120), schema: { params: IdParams, body: CommentUpdate, response: { 200: Comment, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    await posts.updateComment(svc, actor, req.params.id, req.body.body, req.body.fileIds);
    return oneComment(actor, req.params.id);
  });
  app.delete('/comments/:id', { schema: { params: IdParams, response: { 204: NoContent, ...errors } } }, async (req, reply) => {
    await posts.deleteComment(svc, actorOf(req), req.params.id);
    return reply.status(204).send(null);
  });

  app.get(
    '/posts/:id/reactions',
    { schema: { params: IdParams, response: { 200: z.array(z.object({ reaction: ReactionKey, user: UserSummary })), ...errors } } },
    async (req) => {
      await loadPostForRead(db, actorOf(req), req.params.id);
      const rows = await db
        .selectFrom('reactions')
        .innerJoin('users', 'users.id', 'reactions.user_id')
        .select(['reactions.reaction', ...USER_SUMMARY_COLUMNS.map((c) => `users.${c}` as const)])
        .where('reactions.post_id', '=', req.params.id)
        .where('reactions.comment_id', '=', 0)
        .orderBy('reactions.created_at')
        .limit(500)
        .execute();
      return rows.map((r) => ({ reaction: r.reaction as z.infer<typeof ReactionKey>, user: presentUserSummary(r) }));
    },
  );
  for (const target of ['posts', 'comments'] as const) {
    for (const [method, on] of [['put', true], ['delete', false]] as const) {
      app[method](
        `/${target}/:id/reactions/:reaction`,
        { config: limit(svc, 300), schema: { params: ReactionParams, response: { 200: ReactionSummary, ...errors } } },
        async (req) => {
          const actor = actorOf(req);
          const key = target === 'posts' ? { postId: req.params.id } : { commentId: req.params.id };
          await posts.setReaction(svc, actor, key, req.params.reaction, on);
          return target === 'posts' ? (await onePost(actor, req.params.id)).reactions : (await oneComment(actor, req.params.id)).reactions;
        },
      );
    }
  }

  app.get('/saved', { schema: { querystring: PageQuery, response: { 200: Page(Post), ...errors } } }, async (req) => {
    const actor = actorOf(req);
    const rows = await savedFeed(db, actor, { before: decodeCursor(req.query.cursor), limit: req.query.limit });
    const p = page(rows, req.query.limit);
    return { items: await presentPosts(db, actor, p.items), nextCursor: p.nextCursor };
  });
}
