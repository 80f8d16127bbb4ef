import { z } from 'zod';
import { sql } from 'kysely';
import { Space, SpaceCreate, SpaceUpdate, SpaceMember, SpaceRole, Page, PageQuery, Post, Id } from '@foyer/shared';
import type { FoyerApp } from '../app.js';
import type { Services } from '../services.js';
import { errors, actorOf, IdParams, NoContent, limit } from './common.js';
import * as spaces from '../commands/spaces.js';
import { presentSpaces } from '../presenters/spaces.js';
import { presentPosts } from '../presenters/posts.js';
import { presentUserSummary, USER_SUMMARY_COLUMNS } from '../presenters/users.js';
import { loadSpaceForView, loadSpaceBySlugForView, visibleSpaceFilter, spaceAbilities } from '../policies/spaces.js';
import { spaceFeed, pinnedPosts } from '../queries/feeds.js';
import { decodeCursor, encodeCursor, page } from '../lib/cursor.js';
import { notFound } from '../errors.js';
import type { Actor } from '../policies/actor.js';
import { likePattern } from '../lib/like.js';

const MemberParams = z.object({ id: Id, userId: Id });

export async function spaceRoutes(app: FoyerApp, svc: Services) {
  const db = svc.db;
  const one = async (actor: Actor, id: number) => (await presentSpaces(db, actor, [(await loadSpaceForView(db, actor, id)).space]))[0];

  app.get(
    '/spaces',
    {
      config: limit(svc, 120),
      schema: {
        querystring: PageQuery.extend({ q: z.string().trim().max(100).optional(), filter: z.enum(['mine', 'all']).default('all') }),
        response: { 200: Page(Space), ...errors },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { q, filter, limit: n, cursor } = req.query;
      let query = db.selectFrom('spaces').selectAll().where(visibleSpaceFilter(actor));
      if (filter === 'mine')
        query = query.where('id', 'in', db.selectFrom('memberships').select('space_id').where('user_id', '=', actor.id));
      if (q) {
        const p = likePattern(q);
        query = query.where((eb) =>
          eb.or([eb(sql`lower(spaces.name)`, 'like', sql`${p} escape '\\'`), eb(sql`lower(spaces.description)`, 'like', sql`${p} escape '\\'`)]),
        );
      }
      const after = decodeCursor(cursor);
      if (after) {
        const last = await db.selectFrom('spaces').select(['name', 'id']).where('id', '=', after).executeTakeFirst();
        if (last)
          query = query.where((eb) => eb.or([eb('spaces.name', '>', last.name), eb.and([eb('spaces.name', '=', last.name), eb('spaces.id', '>', last.id)])]));
      }
      const rows = await query.orderBy('name').orderBy('id').limit(n + 1).execute();
      const p = page(rows, n);
      return { items: await presentSpaces(db, actor, p.items), nextCursor: p.nextCursor };
    },
  );

  app.post('/spaces', { config: limit(svc, 30), schema: { body: SpaceCreate, response: { 200: Space, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    return one(actor, await spaces.createSpace(svc, actor, req.body));
  });

  app.get('/spaces/by-slug/:slug', { schema: { params: z.object({ slug: z.string().max(80) }), response: { 200: Space, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    const ctx = await loadSpaceBySlugForView(db, actor, req.params.slug);
    return (await presentSpaces(db, actor, [ctx.space]))[0];
  });

  app.get('/spaces/:id', { schema: { params: IdParams, response: { 200: Space, ...errors } } }, async (req) => one(actorOf(req), req.params.id));

  app.patch('/spaces/:id', { schema: { params: IdParams, body: SpaceUpdate, response: { 200: Space, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    await spaces.updateSpace(svc, actor, req.params.id, req.body);
    return one(actor, req.params.id);
  });

  const actions: Record<string, (actor: Actor, id: number) => Promise<unknown>> = {
    join: (a, id) => spaces.joinSpace(svc, a, id),
    request: (a, id) => spaces.requestToJoin(svc, a, id),
    accept: (a, id) => spaces.acceptInvitation(svc, a, id),
    archive: (a, id) => spaces.setArchived(svc, a, id, true),
    unarchive: (a, id) => spaces.setArchived(svc, a, id, false),
  };
  for (const [name, action] of Object.entries(actions)) {
    app.post(`/spaces/:id/${name}`, { config: limit(svc, 60), schema: { params: IdParams, response: { 200: Space, ...errors } } }, async (req) => {
      const actor = actorOf(req);
      await action(actor, req.params.id);
      return one(actor, req.params.id);
    });
  }
  // Leaving or declining can make a secret space vanish for the caller: no body to return.
  const exits: Record<string, (actor: Actor, id: number) => Promise<unknown>> = {
    leave: (a, id) => spaces.leaveSpace(svc, a, id),
    decline: (a, id) => spaces.declineInvitation(svc, a, id),
  };
  for (const [name, action] of Object.entries(exits)) {
    app.post(`/spaces/:id/${name}`, { config: limit(svc, 60), schema: { params: IdParams, response: { 204: NoContent, ...errors } } }, async (req, reply) => {
      await action(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    });
  }

  app.get(
    '/spaces/:id/members',
    {
      schema: {
        params: IdParams,
        querystring: PageQuery.extend({ state: z.enum(['member', 'requested', 'invited']).default('member') }),
        response: { 200: Page(SpaceMember), ...errors },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const ctx = await loadSpaceForView(db, actor, req.params.id);
      const can = spaceAbilities(actor, ctx);
      // Members of private and secret spaces are content: readers only. Requests: managers only.
      if (!can.read || (req.query.state !== 'member' && !can.manage)) return { items: [], nextCursor: null };
      const after = decodeCursor(req.query.cursor);
      let q = db
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .select([...USER_SUMMARY_COLUMNS.map((c) => `users.${c}` as const), 'memberships.role as spaceRole', 'memberships.state'])
        .where('memberships.space_id', '=', req.params.id)
        .where('memberships.state', '=', req.query.state);
      if (after) q = q.where('users.id', '>', after);
      const rows = await q.orderBy('users.id').limit(req.query.limit + 1).execute();
      const p = page(rows, req.query.limit);
      return {
        items: p.items.map((r) => ({ user: presentUserSummary(r), role: r.spaceRole, state: r.state })),
        nextCursor: p.nextCursor ? encodeCursor(p.items[p.items.length - 1].id) : null,
      };
    },
  );

  app.post(
    '/spaces/:id/members',
    { config: limit(svc, 120), schema: { params: IdParams, body: z.object({ userId: Id }), response: { 204: NoContent, ...errors } } },
    async (req, reply) => {
      await spaces.inviteMember(svc, actorOf(req), req.params.id, req.body.userId);
      return reply.status(204).send(null);
    },
  );
  for (const decision of ['approve', 'deny'] as const) {
    app.post(`/spaces/:id/members/:userId/${decision}`, { schema: { params: MemberParams, response: { 204: NoContent, ...errors } } }, async (req, reply) => {
      await spaces.decideJoinRequest(svc, actorOf(req), req.params.id, req.params.userId, decision === 'approve');
      return reply.status(204).send(null);
    });
  }
  app.patch(
    '/spaces/:id/members/:userId',
    { schema: { params: MemberParams, body: z.object({ role: SpaceRole }), response: { 204: NoContent, ...errors } } },
    async (req, reply) => {
      await spaces.changeMemberRole(svc, actorOf(req), req.params.id, req.params.userId, req.body.role);
      return reply.status(204).send(null);
    },
  );
  app.delete('/spaces/:id/members/:userId', { schema: { params: MemberParams, response: { 204: NoContent, ...errors } } }, async (req, reply) => {
    const actor = actorOf(req);
    if (req.params.userId === actor.id) await spaces.leaveSpace(svc, actor, req.params.id);
    else await spaces.removeMember(svc, actor, req.params.id, req.params.userId);
    return reply.status(204).send(null);
  });

  app.get(
    '/spaces/:id/posts',
    { schema: { params: IdParams, querystring: PageQuery, response: { 200: Page(Post), ...errors } } },
    async (req) => {
      const actor = actorOf(req);
      const ctx = await loadSpaceForView(db, actor, req.params.id);
      if (!spaceAbilities(actor, ctx).read) throw notFound('posts');
      const rows = await spaceFeed(db, actor, req.params.id, { before: decodeCursor(req.query.cursor), limit: req.query.limit });
      const p = page(rows, req.query.limit);
      return { items: await presentPosts(db, actor, p.items), nextCursor: p.nextCursor };
    },
  );
  app.get('/spaces/:id/pinned', { schema: { params: IdParams, response: { 200: z.array(Post), ...errors } } }, async (req) => {
    const actor = actorOf(req);
    const ctx = await loadSpaceForView(db, actor, req.params.id);
    if (!spaceAbilities(actor, ctx).read) return [];
    return presentPosts(db, actor, await pinnedPosts(db, actor, req.params.id));
  });
  app.post(
    '/spaces/:id/read',
    { schema: { params: IdParams, body: z.object({ postId: Id }), response: { 204: NoContent, ...errors } } },
    async (req, reply) => {
      const actor = actorOf(req);
      await loadSpaceForView(db, actor, req.params.id);
      await spaces.markSpaceRead(svc, actor, req.params.id, req.body.postId);
      return reply.status(204).send(null);
    },
  );
}
