/**
 * The personal transparency centre: what Foyer holds about me, my sessions, my data exports.
 * Every route answers about the signed-in person only; there is no variant for someone else.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import { AuditEntry, DataExport, DataOverview, SessionInfo } from '@foyer/shared';
import { presentAuditEntries } from '../compliance/present.js';
import { activePolicy } from '../compliance/active.js';
import type { FoyerApp } from '../app.js';
import type { Services } from '../services.js';
import { errors, actorOf, IdParams, NoContent, limit } from './common.js';
import { dataOverview } from '../privacy/categories.js';
import { listExports, openExport, requestExport, type DataExportRow } from '../privacy/exports.js';
import { requestErasure } from '../privacy/erasure.js';
import * as accounts from '../commands/accounts.js';
import { forbidden, invalid, notFound } from '../errors.js';
import { nowIso } from '../lib/time.js';

/** Session keys are credentials' hashes: the list shows a second, one-way id instead. */
const publicSessionId = (key: string) => crypto.createHash('sha256').update(`session-list:${key}`).digest('hex').slice(0, 32);

const presentExport = (r: DataExportRow): DataExport => ({
  id: r.id,
  status: r.status,
  progress: r.progress,
  size: r.size,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
  expiresAt: r.expires_at,
});

export async function privacyRoutes(app: FoyerApp, svc: Services) {
  const db = svc.db;

  app.get('/me/data', { schema: { response: { 200: DataOverview, ...errors } } }, async (req) => {
    const policy = await activePolicy(db, svc.dialect);
    return { categories: await dataOverview(db, actorOf(req).id, policy.document.retention) };
  });

  const mySessions = (userId: number) =>
    db.selectFrom('sessions').select(['id', 'created_at', 'expires_at', 'user_agent']).where('user_id', '=', userId).where('expires_at', '>', nowIso()).orderBy('created_at', 'desc').execute();

  app.get('/me/sessions', { schema: { response: { 200: z.object({ items: z.array(SessionInfo) }), ...errors } } }, async (req) => {
    const actor = actorOf(req);
    const rows = await mySessions(actor.id);
    return {
      items: rows.map((s) => ({ id: publicSessionId(s.id), createdAt: s.created_at, expiresAt: s.expires_at, userAgent: s.user_agent, current: s.id === actor.sessionId })),
    };
  });
  app.delete('/me/sessions/:id', { schema: { params: z.object({ id: z.string().regex(/^[0-9a-f]{32}$/) }), response: { 204: NoContent, ...errors } } }, async (req, reply) => {
    const actor = actorOf(req);
    const match = (await mySessions(actor.id)).find((s) => publicSessionId(s.id) === req.params.id);
    if (!match) throw notFound('session');
    await accounts.endSessions(svc, [match.id], 'signed_out');
    return reply.status(204).send(null);
  });
  app.post('/me/sessions/sign-out-others', { schema: { response: { 200: z.object({ ended: z.number() }), ...errors } } }, async (req) => {
    const actor = actorOf(req);
    const others = (await mySessions(actor.id)).filter((s) => s.id !== actor.sessionId).map((s) => s.id);
    if (others.length) await accounts.endSessions(svc, others, 'signed_out');
    return { ended: others.length };
  });

  // Privileged actions recorded in the audit log that concern me (role changes, erasure, exports).
  app.get('/me/audit', { schema: { response: { 200: z.object({ items: z.array(AuditEntry) }), ...errors } } }, async (req) => {
    const actor = actorOf(req);
    const rows = await db.selectFrom('audit_log').selectAll().where('target_type', '=', 'user').where('target_id', '=', String(actor.id)).orderBy('seq', 'desc').limit(100).execute();
    return { items: await presentAuditEntries(db, rows) };
  });

  app.get('/me/exports', { schema: { response: { 200: z.object({ items: z.array(DataExport) }), ...errors } } }, async (req) => ({
    items: (await listExports(db, actorOf(req))).map(presentExport),
  }));
  app.post('/me/exports', { config: limit(svc, 10), schema: { response: { 202: DataExport, ...errors } } }, async (req, reply) => {
    const row = await requestExport(svc, actorOf(req));
    return reply.status(202).send(presentExport(row));
  });
  app.get('/me/exports/:id/download', { schema: { params: IdParams } }, async (req, reply) => {
    const { row, stream, size } = await openExport(svc, actorOf(req), req.params.id);
    const day = (row.finished_at ?? row.created_at).slice(0, 10);
    return reply
      .header('content-type', 'application/zip')
      .header('content-length', String(size))
      .header('content-disposition', `attachment; filename="foyer-export-${day}.zip"`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(stream);
  });

  // Erasure is final: the person (or an administrator) types the handle to confirm.
  const EraseBody = z.object({ confirm: z.string().max(100) });
  const erase = async (by: ReturnType<typeof actorOf>, userId: number, confirm: string) => {
    const user = await db.selectFrom('users').select('handle').where('id', '=', userId).executeTakeFirst();
    if (!user) throw notFound('person');
    if (confirm !== user.handle) throw invalid('type the handle to confirm', { fields: { confirm: 'mismatch' } });
    await requestErasure(svc, by, userId);
  };
  app.post('/me/erase', { config: limit(svc, 5), schema: { body: EraseBody, response: { 204: NoContent, ...errors } } }, async (req, reply) => {
    const actor = actorOf(req);
    await erase(actor, actor.id, req.body.confirm);
    return reply.status(204).send(null);
  });
  app.post('/admin/people/:id/erase', { config: limit(svc, 20), schema: { params: IdParams, body: EraseBody, response: { 204: NoContent, ...errors } } }, async (req, reply) => {
    const actor = actorOf(req);
    if (actor.role !== 'admin') throw forbidden('only administrators can erase someone else');
    await erase(actor, req.params.id, req.body.confirm);
    return reply.status(204).send(null);
  });
}
