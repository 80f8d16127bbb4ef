import { z } from 'zod';
import { PageQuery, SealedItemPage, SealedRequest, SealedRequestEdit, SealedRequestInput, SealedDecisionInput, SealedDenialInput } from '@foyer/shared';
import type { FastifyRequest } from 'fastify';
import type { FoyerApp } from '../app.js';
import { write, type Services } from '../services.js';
import { errors, actorOf, IdParams, limit } from './common.js';
import { forbidden } from '../errors.js';
import { isOrgAdmin } from '../policies/actor.js';
import { appendAudit } from '../compliance/audit.js';
import { approve, audited, deny, editRequest, loadRow, readableRow, Refusal, requestAccess, revoke } from '../sealed/commands.js';
import { maySee, policyRolesOf } from '../sealed/rules.js';
import { presentRequests, watermarkFor } from '../sealed/present.js';
import { decodePosition, encodePosition, readScope } from '../sealed/scope.js';

/** Exports stop here: a sealed scope larger than this is read in several time ranges. */
const EXPORT_MAX = 10_000;

/**
 * Sealed access (docs/adr/0011-sealed-access.md): the only way to read what one is not entitled
 * to read. No other route changes behaviour; requests are metadata for administrators and
 * approvers, the content is for the approved requester within the time box, every read audited.
 */
export async function sealedRoutes(app: FoyerApp, svc: Services) {
  const db = svc.db;
  const present = async (req: FastifyRequest, id: number) => (await presentRequests(db, actorOf(req), [await loadRow(db, id)]))[0];

  app.get('/sealed', { schema: { response: { 200: z.object({ items: z.array(SealedRequest) }), ...errors } } }, async (req) => {
    const actor = actorOf(req);
    const held = await policyRolesOf(db, actor);
    if (!isOrgAdmin(actor) && !held.length) throw forbidden('sealed access is for administrators and approvers');
    const rows = (await db.selectFrom('sealed_requests').selectAll().orderBy('id', 'desc').limit(200).execute()).filter((r) => maySee(actor, r, held));
    return { items: await presentRequests(db, actor, rows) };
  });

  app.post('/sealed', { config: limit(svc, 10), schema: { body: SealedRequestInput, response: { 201: SealedRequest, ...errors } } }, async (req, reply) => {
    const id = await requestAccess(svc, actorOf(req), req.body);
    return reply.status(201).send(await present(req, id));
  });

  app.get('/sealed/:id', { schema: { params: IdParams, response: { 200: SealedRequest, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    const row = await loadRow(db, req.params.id);
    if (!maySee(actor, row, await policyRolesOf(db, actor))) throw new Refusal(404, 'missing', 'sealed access request not found');
    return (await presentRequests(db, actor, [row]))[0];
  });

  app.patch('/sealed/:id', { config: limit(svc, 10), schema: { params: IdParams, body: SealedRequestEdit, response: { 201: SealedRequest, ...errors } } }, async (req, reply) => {
    const actor = actorOf(req);
    const next = await audited(svc, actor, req.params.id, 'edit', () => editRequest(svc, actor, req.params.id, req.body));
    return reply.status(201).send(await present(req, next));
  });

  app.post('/sealed/:id/approve', { config: limit(svc, 30), schema: { params: IdParams, body: SealedDecisionInput, response: { 200: SealedRequest, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    await audited(svc, actor, req.params.id, 'approve', () => approve(svc, actor, req.params.id, req.body.reason));
    return present(req, req.params.id);
  });

  app.post('/sealed/:id/deny', { config: limit(svc, 30), schema: { params: IdParams, body: SealedDenialInput, response: { 200: SealedRequest, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    await audited(svc, actor, req.params.id, 'deny', () => deny(svc, actor, req.params.id, req.body.reason));
    return present(req, req.params.id);
  });

  app.post('/sealed/:id/revoke', { config: limit(svc, 30), schema: { params: IdParams, response: { 200: SealedRequest, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    await audited(svc, actor, req.params.id, 'revoke', () => revoke(svc, actor, req.params.id));
    return present(req, req.params.id);
  });

  app.get('/sealed/:id/items', { config: limit(svc, 120), schema: { params: IdParams, querystring: PageQuery, response: { 200: SealedItemPage, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    const id = req.params.id;
    const row = await audited(svc, actor, id, 'view', () => readableRow(svc, actor, id));
    const scope = { type: row.scope_type, id: row.scope_id, from: row.range_from, to: row.range_to };
    const page = await readScope(db, scope, decodePosition(req.query.cursor), req.query.limit);
    const watermark = await watermarkFor(db, row);
    // Counts and position, never content.
    await write(svc, (trx) =>
      appendAudit(trx, svc.dialect, { actorId: actor.id, action: 'sealed_access.viewed', targetType: 'sealed_access', targetId: id, details: { requestId: id, count: page.items.length, page: req.query.cursor ? 'next' : 'first' } }),
    );
    return { items: page.items, nextCursor: page.next ? encodePosition(page.next) : null, watermark };
  });

  app.get('/sealed/:id/export', { config: limit(svc, 10), schema: { params: IdParams } }, async (req, reply) => {
    const actor = actorOf(req);
    const id = req.params.id;
    const row = await audited(svc, actor, id, 'export', () => readableRow(svc, actor, id));
    const scope = { type: row.scope_type, id: row.scope_id, from: row.range_from, to: row.range_to };
    const { items, next } = await readScope(db, scope, null, EXPORT_MAX);
    const watermark = await watermarkFor(db, row);
    await write(svc, (trx) =>
      appendAudit(trx, svc.dialect, { actorId: actor.id, action: 'sealed_access.exported', targetType: 'sealed_access', targetId: id, details: { requestId: id, count: items.length, format: 'json', truncated: !!next } }),
    );
    const [request] = await presentRequests(db, actor, [row]);
    const body = {
      watermark,
      request: { id: request.id, scopeType: request.scopeType, scopeId: request.scopeId, scopeLabel: request.scopeLabel, from: request.from, to: request.to, legalBasis: request.legalBasis, approvers: request.decisions.map((d) => ({ name: d.by.name, role: d.role, at: d.at })) },
      truncated: !!next,
      // The watermark travels with every item, so an excerpt copied out of the file still carries it.
      items: items.map((i) => ({ ...i, watermark: watermark.text })),
    };
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="foyer-sealed-${id}.json"`)
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(JSON.stringify(body, null, 2));
  });
}
