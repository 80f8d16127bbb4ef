import { z } from 'zod';
import { sql } from 'kysely';
import { UserProfile, UserSummary, Page, PageQuery, Post, Facet, Id } from '@foyer/shared';
import type { FoyerApp } from '../app.js';
import type { Services } from '../services.js';
import { errors, actorOf, NoContent, limit } from './common.js';
import { directoryFilter, loadUserForView } from '../policies/users.js';
import { presentUserProfile, presentUserSummary, USER_SUMMARY_COLUMNS } from '../presenters/users.js';
import { presentPosts } from '../presenters/posts.js';
import { authorFeed } from '../queries/feeds.js';
import { decodeCursor, page } from '../lib/cursor.js';
import { setUserFollow } from '../commands/posts.js';
import { notFound } from '../errors.js';
import { loadSpaceForView, spaceReaders, readerIncludes } from '../policies/spaces.js';
import { likePattern } from '../lib/like.js';

export async function peopleRoutes(app: FoyerApp, svc: Services) {
  const db = svc.db;

  app.get(
    '/people',
    {
      config: limit(svc, 120),
      schema: {
        querystring: PageQuery.extend({ q: z.string().trim().max(100).optional(), department: z.string().max(120).optional(), site: z.string().max(120).optional() }),
        response: { 200: Page(UserProfile), ...errors },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { q, department, site, limit, cursor } = req.query;
      // Directory is sorted by name; the cursor is the last id in (name, id) order.
      let query = db.selectFrom('users').selectAll().where(directoryFilter(actor));
      if (q) {
        const p = likePattern(q);
        query = query.where((eb) =>
          eb.or([
            eb(sql`lower(users.name)`, 'like', sql`${p} escape '\\'`),
            eb(sql`lower(users.title)`, 'like', sql`${p} escape '\\'`),
            eb(sql`lower(users.department)`, 'like', sql`${p} escape '\\'`),
            eb(sql`lower(users.site)`, 'like', sql`${p} escape '\\'`),
            eb(sql`lower(users.handle)`, 'like', sql`${p} escape '\\'`),
          ]),
        );
      }
      if (department) query = query.where('department', '=', department);
      if (site) query = query.where('site', '=', site);
      const after = decodeCursor(cursor);
      if (after) {
        const last = await db.selectFrom('users').select(['name', 'id']).where('id', '=', after).executeTakeFirst();
        if (last)
          query = query.where((eb) => eb.or([eb('users.name', '>', last.name), eb.and([eb('users.name', '=', last.name), eb('users.id', '>', last.id)])]));
      }
      const rows = await query.orderBy('users.name').orderBy('users.id').limit(limit + 1).execute();
      const result = page(rows, limit);
      const followed = new Set(
        result.items.length
          ? (
              await db
                .selectFrom('follow_users')
                .select('followee_id')
                .where('follower_id', '=', actor.id)
                .where('followee_id', 'in', result.items.map((r) => r.id))
                .execute()
            ).map((r) => r.followee_id)
          : [],
      );
      return { items: result.items.map((u) => presentUserProfile(u, followed.has(u.id))), nextCursor: result.nextCursor };
    },
  );

  app.get(
    '/people/facets',
    { schema: { response: { 200: z.object({ departments: z.array(Facet), sites: z.array(Facet) }) } } },
    async (req) => {
      const actor = actorOf(req);
      const facet = (col: 'department' | 'site') =>
        db
          .selectFrom('users')
          .select([`${col} as name`, (eb) => eb.fn.countAll<number>().as('count')])
          .where(directoryFilter(actor))
          .where(col, '!=', '')
          .groupBy(col)
          .orderBy(col)
          .execute();
      const [departments, sites] = await Promise.all([facet('department'), facet('site')]);
      const norm = (rows: { name: string; count: number }[]) => rows.map((r) => ({ name: r.name, count: Number(r.count) }));
      return { departments: norm(departments), sites: norm(sites) };
    },
  );

  app.get(
    '/people/autocomplete',
    {
      config: limit(svc, 300),
      schema: {
        querystring: z.object({ q: z.string().trim().max(100).default(''), spaceId: Id.optional() }),
        response: { 200: z.array(UserSummary), ...errors },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { q, spaceId } = req.query;
      let query = db.selectFrom('users').select([...USER_SUMMARY_COLUMNS]).where(directoryFilter(actor));
      if (q) {
        const p = likePattern(q);
        query = query.where((eb) =>
          eb.or([eb(sql`lower(users.name)`, 'like', sql`${p} escape '\\'`), eb(sql`lower(users.handle)`, 'like', sql`${p} escape '\\'`)]),
        );
      }
      let rows = await query.orderBy('name').limit(spaceId ? 200 : 10).execute();
      if (spaceId) {
        // Only people who can read the space are offered: a mention must never leak content.
        await loadSpaceForView(db, actor, spaceId);
        const readers = await spaceReaders(db, spaceId, rows.map((u) => u.id));
        rows = rows.filter((u) => readers && readerIncludes(readers, { id: u.id, role: u.role, scope: 'session' })).slice(0, 10);
      }
      return rows.map(presentUserSummary);
    },
  );

  const byHandle = async (handle: string) => {
    const row = await db.selectFrom('users').select('id').where('handle', '=', handle.toLowerCase()).executeTakeFirst();
    if (!row) throw notFound('person');
    return row.id;
  };

  app.get(
    '/people/:handle',
    { schema: { params: z.object({ handle: z.string().max(80) }), response: { 200: UserProfile, ...errors } } },
    async (req) => {
      const actor = actorOf(req);
      const user = await loadUserForView(db, actor, await byHandle(req.params.handle));
      const f = await db.selectFrom('follow_users').select('followee_id').where('follower_id', '=', actor.id).where('followee_id', '=', user.id).executeTakeFirst();
      return presentUserProfile(user, !!f);
    },
  );

  app.get(
    '/people/:handle/posts',
    { schema: { params: z.object({ handle: z.string().max(80) }), querystring: PageQuery, response: { 200: Page(Post), ...errors } } },
    async (req) => {
      const actor = actorOf(req);
      const user = await loadUserForView(db, actor, await byHandle(req.params.handle));
      const rows = await authorFeed(db, actor, user.id, { before: decodeCursor(req.query.cursor), limit: req.query.limit });
      const p = page(rows, req.query.limit);
      return { items: await presentPosts(db, actor, p.items), nextCursor: p.nextCursor };
    },
  );

  for (const [method, following] of [['put', true], ['post', true], ['delete', false]] as const) {
    app[method](
      '/people/:handle/follow',
      { schema: { params: z.object({ handle: z.string().max(80) }), response: { 204: NoContent, ...errors } } },
      async (req, reply) => {
        const actor = actorOf(req);
        const user = await loadUserForView(db, actor, await byHandle(req.params.handle));
        await setUserFollow(svc, actor, user.id, following);
        return reply.status(204).send(null);
      },
    );
  }
}
