import { z } from 'zod';
import { PageCreate, PageDiff, PageListQuery, PageMove, PageRevision, PageSummary, PageUpdate, WikiPage, UserSummary } from '@foyer/shared';
import type { FoyerApp } from '../app.js';
import type { Services } from '../services.js';
import { errors, actorOf, IdParams, NoContent, limit } from './common.js';
import * as pages from '../commands/pages.js';
import { loadPageForRead, unhiddenPages } from '../policies/pages.js';
import { canReadSpace, loadSpaceForView, readableSpaceIds } from '../policies/spaces.js';
import { labelCondition } from '../policies/labels.js';
import { presentPage, presentPageSummaries } from '../presenters/pages.js';
import { presentUserSummary, USER_SUMMARY_COLUMNS } from '../presenters/users.js';
import { diffLines } from '../lib/diff.js';
import type { Actor } from '../policies/actor.js';
import { notFound } from '../errors.js';

const VersionParams = IdParams.extend({ version: z.coerce.number().int().min(1) });

export async function pageRoutes(app: FoyerApp, svc: Services) {
  const db = svc.db;
  const one = async (actor: Actor, id: number) => presentPage(db, actor, await loadPageForRead(db, actor, id));
  const revision = async (actor: Actor, id: number, version: number) => {
    await loadPageForRead(db, actor, id);
    const r = await db.selectFrom('page_revisions').selectAll().where('page_id', '=', id).where('version', '=', version).executeTakeFirst();
    if (!r) throw notFound('revision');
    return r;
  };

  app.get('/spaces/:id/pages', { schema: { params: IdParams, response: { 200: z.object({ items: z.array(PageSummary) }), ...errors } } }, async (req) => {
    const actor = actorOf(req);
    const ctx = await loadSpaceForView(db, actor, req.params.id);
    if (!canReadSpace(actor, ctx)) throw notFound('space');
    let q = db.selectFrom('pages').selectAll().where('space_id', '=', ctx.space.id).where('deleted_at', 'is', null).where(unhiddenPages(actor));
    const label = labelCondition(actor, 'pages.label');
    if (label) q = q.where(label);
    return { items: await presentPageSummaries(db, await q.orderBy('parent_id').orderBy('position').orderBy('id').limit(2000).execute()) };
  });
  app.post('/spaces/:id/pages', { config: limit(svc, 60), schema: { params: IdParams, body: PageCreate, response: { 200: WikiPage, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    return one(actor, await pages.createPage(svc, actor, req.params.id, req.body));
  });
  /** The company's knowledge: recently updated or most linked pages across every readable space. */
  app.get('/pages', { schema: { querystring: PageListQuery, response: { 200: z.object({ items: z.array(PageSummary) }), ...errors } } }, async (req) => {
    const actor = actorOf(req);
    let q = db.selectFrom('pages').selectAll('pages').where('pages.deleted_at', 'is', null).where(unhiddenPages(actor)).where('pages.space_id', 'in', readableSpaceIds(db, actor));
    const label = labelCondition(actor, 'pages.label');
    if (label) q = q.where(label);
    q =
      req.query.sort === 'linked'
        ? q.orderBy((eb) => eb.selectFrom('page_links').select((l) => l.fn.countAll().as('n')).whereRef('page_links.to_page', '=', 'pages.id'), 'desc').orderBy('pages.id', 'desc')
        : q.orderBy('pages.updated_at', 'desc');
    return { items: await presentPageSummaries(db, await q.limit(req.query.limit).execute()) };
  });
  app.get('/pages/:id', { schema: { params: IdParams, response: { 200: WikiPage, ...errors } } }, async (req) => one(actorOf(req), req.params.id));
  app.put('/pages/:id', { config: limit(svc, 120), schema: { params: IdParams, body: PageUpdate, response: { 200: WikiPage, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    await pages.savePage(svc, actor, req.params.id, req.body);
    return one(actor, req.params.id);
  });
  app.delete('/pages/:id', { schema: { params: IdParams, response: { 204: NoContent, ...errors } } }, async (req, reply) => {
    await pages.deletePage(svc, actorOf(req), req.params.id);
    return reply.status(204).send(null);
  });
  app.put('/pages/:id/position', { schema: { params: IdParams, body: PageMove, response: { 200: WikiPage, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    await pages.movePage(svc, actor, req.params.id, req.body.parentId, req.body.position);
    return one(actor, req.params.id);
  });
  app.get('/pages/:id/revisions', { schema: { params: IdParams, response: { 200: z.object({ items: z.array(PageRevision) }), ...errors } } }, async (req) => {
    const actor = actorOf(req);
    await loadPageForRead(db, actor, req.params.id);
    const rows = await db
      .selectFrom('page_revisions')
      .innerJoin('users', 'users.id', 'page_revisions.author_id')
      .select(['page_revisions.version', 'page_revisions.title as pageTitle', 'page_revisions.created_at as revisedAt', ...USER_SUMMARY_COLUMNS.map((c) => `users.${c}` as const)])
      .where('page_id', '=', req.params.id)
      .orderBy('page_revisions.version', 'desc')
      .execute();
    // The page title is aliased: the author summary brings its own `title` (a job title).
    return { items: rows.map((r) => ({ version: r.version, title: r.pageTitle, author: presentUserSummary(r), createdAt: r.revisedAt })) };
  });
  app.get(
    '/pages/:id/revisions/:version',
    { schema: { params: VersionParams, response: { 200: z.object({ version: z.number(), title: z.string(), body: z.string(), author: UserSummary, createdAt: z.string() }), ...errors } } },
    async (req) => {
      const r = await revision(actorOf(req), req.params.id, req.params.version);
      const author = await db.selectFrom('users').select([...USER_SUMMARY_COLUMNS]).where('id', '=', r.author_id).executeTakeFirstOrThrow();
      return { version: r.version, title: r.title, body: r.body, author: presentUserSummary(author), createdAt: r.created_at };
    },
  );
  app.get(
    '/pages/:id/diff',
    { schema: { params: IdParams, querystring: z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }), response: { 200: PageDiff, ...errors } } },
    async (req) => {
      const actor = actorOf(req);
      const [a, b] = await Promise.all([revision(actor, req.params.id, req.query.from), revision(actor, req.params.id, req.query.to)]);
      const { lines, truncated } = diffLines(`# ${a.title}\n\n${a.body}`, `# ${b.title}\n\n${b.body}`);
      return { from: a.version, to: b.version, lines, truncated };
    },
  );
  app.post('/pages/:id/restore', { schema: { params: IdParams, body: z.object({ version: z.number().int().min(1) }), response: { 200: WikiPage, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    await pages.restoreRevision(svc, actor, req.params.id, req.body.version);
    return one(actor, req.params.id);
  });
}
