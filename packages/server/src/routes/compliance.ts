import { z } from 'zod';
import {
  AuditEntry,
  AuditVerification,
  Locale,
  PageQuery,
  PolicyApproval,
  PolicyDocument,
  PolicyProposal,
  PolicyRejection,
  PolicyVersion,
  PolicyView,
  type Locale as LocaleT,
} from '@foyer/shared';
import type { FastifyRequest } from 'fastify';
import type { FoyerApp } from '../app.js';
import { write, type Services } from '../services.js';
import { errors, actorOf, IdParams, limit } from './common.js';
import { forbidden, notFound } from '../errors.js';
import { isEmployee, isOrgAdmin, type Actor } from '../policies/actor.js';
import { hasRole } from '../policies/roles.js';
import { decodeCursor, encodeCursor } from '../lib/cursor.js';
import { getOrganisation } from '../commands/accounts.js';
import * as policy from '../compliance/policy.js';
import { activePolicy } from '../compliance/active.js';
import { appendAudit, verifyAudit } from '../compliance/audit.js';
import { presentAuditEntries, presentVersions, presentView } from '../compliance/present.js';
import { annexHtml, annexPdf } from '../compliance/annex.js';
import {
  formatOfMediaType,
  JSON_MEDIA_TYPE,
  parsePolicyFile,
  policyToJson,
  policyToYaml,
  POLICY_FILE_FORMATS,
  POLICY_FILE_MAX_BYTES,
  YAML_MEDIA_TYPES,
} from '../compliance/policy-file.js';
import { nowIso } from '../lib/time.js';

/** Every employee reads the works agreement; guests are outside it. */
function requireEmployee(actor: Actor) {
  if (!isEmployee(actor)) throw forbidden('the works agreement is shown to employees');
}

/** The audit log is for the administrators and the works council (governance role). */
async function requireAuditReader(svc: Services, actor: Actor) {
  if (!isOrgAdmin(actor) && !(await hasRole(svc.db, actor.id, 'governance'))) throw forbidden('the audit log is for administrators and the works council');
}

const LocaleQuery = z.object({ locale: Locale.optional() });
const VersionQuery = z.object({ version: z.coerce.number().int().positive().optional() });
const AnnexQuery = LocaleQuery.extend(VersionQuery.shape);
const FileProposalQuery = z.object({ note: z.string().trim().max(2000).default('') });

/**
 * The works agreement as configuration (read by everyone, proposed by administrators, approved by
 * the works council) and the audit log (read and verified by administrators and the works council).
 */
export async function complianceRoutes(app: FoyerApp, svc: Services) {
  const db = svc.db;
  const localeOf = async (req: FastifyRequest, asked: LocaleT | undefined): Promise<LocaleT> => {
    if (asked) return asked;
    const me = await db.selectFrom('users').select('locale').where('id', '=', actorOf(req).id).executeTakeFirst();
    return me?.locale === 'de' ? 'de' : 'en';
  };
  const versionRow = async (id: number) => policy.loadVersion(db, id);
  const activeRow = async () => versionRow((await activePolicy(db, svc.dialect)).id);
  /** By version number (as files and annexes are named); the active version without one. */
  const numberedRow = async (version: number | undefined) => {
    if (version === undefined) return activeRow();
    const row = await db.selectFrom('policy_versions').selectAll().where('version', '=', version).executeTakeFirst();
    if (!row) throw notFound('policy version');
    return row;
  };
  const present = async (actor: Actor, id: number) => (await presentVersions(db, actor, [await versionRow(id)]))[0];

  app.get('/policy', { schema: { querystring: LocaleQuery, response: { 200: PolicyView, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    requireEmployee(actor);
    return presentView(db, actor, await activeRow(), await localeOf(req, req.query.locale));
  });

  app.get('/policy/versions', { schema: { response: { 200: z.object({ items: z.array(PolicyVersion) }), ...errors } } }, async (req) => {
    const actor = actorOf(req);
    requireEmployee(actor);
    await activePolicy(db, svc.dialect); // version 1 exists before the first listing
    const rows = await db.selectFrom('policy_versions').selectAll().orderBy('version', 'desc').limit(200).execute();
    return { items: await presentVersions(db, actor, rows) };
  });

  app.get('/policy/versions/:id', { schema: { params: IdParams, querystring: LocaleQuery, response: { 200: PolicyView, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    requireEmployee(actor);
    return presentView(db, actor, await versionRow(req.params.id), await localeOf(req, req.query.locale));
  });

  app.post('/policy/versions', { config: limit(svc, 30), schema: { body: PolicyProposal, response: { 200: PolicyVersion, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    return present(actor, await policy.propose(svc, actor, req.body));
  });

  // A proposal from a file (YAML or JSON, the document itself; the note in the query). The body is
  // read as text in this scope only, then parsed and validated like the form's document.
  await app.register(async (scope) => {
    const files = scope as FoyerApp;
    files.removeAllContentTypeParsers();
    files.addContentTypeParser([...YAML_MEDIA_TYPES, JSON_MEDIA_TYPE], { parseAs: 'string', bodyLimit: POLICY_FILE_MAX_BYTES }, (_req, body, done) => done(null, body));
    files.post(
      '/policy/versions/file',
      { config: limit(svc, 30), schema: { querystring: FileProposalQuery, response: { 200: PolicyVersion, ...errors } } },
      async (req) => {
        const actor = actorOf(req);
        policy.assertMayPropose(actor);
        const document = parsePolicyFile(typeof req.body === 'string' ? req.body : '', formatOfMediaType(req.headers['content-type']));
        return present(actor, await policy.propose(svc, actor, { document, note: req.query.note }));
      },
    );
  });

  // Any version as a file to keep, compare or edit and upload again (policy text: nothing personal).
  for (const format of POLICY_FILE_FORMATS) {
    app.get(`/policy/document.${format}`, { config: limit(svc, 60), schema: { querystring: VersionQuery } }, async (req, reply) => {
      requireEmployee(actorOf(req));
      const row = await numberedRow(req.query.version);
      const document = PolicyDocument.parse(JSON.parse(row.document));
      const text = format === 'yaml' ? policyToYaml(document, { version: row.version, status: row.status }) : policyToJson(document);
      return reply
        .type(format === 'yaml' ? 'application/yaml; charset=utf-8' : 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="foyer-policy-v${row.version}.${format}"`)
        .header('cache-control', 'private, no-store')
        .send(text);
    });
  }

  app.post(
    '/policy/versions/:id/approve',
    { config: limit(svc, 30), schema: { params: IdParams, body: PolicyApproval, response: { 200: PolicyVersion, ...errors } } },
    async (req) => {
      const actor = actorOf(req);
      await policy.approve(svc, actor, req.params.id, req.body.reason);
      return present(actor, req.params.id);
    },
  );

  app.post(
    '/policy/versions/:id/reject',
    { config: limit(svc, 30), schema: { params: IdParams, body: PolicyRejection, response: { 200: PolicyVersion, ...errors } } },
    async (req) => {
      const actor = actorOf(req);
      await policy.reject(svc, actor, req.params.id, req.body.reason);
      return present(actor, req.params.id);
    },
  );

  for (const format of ['html', 'pdf'] as const) {
    app.get(`/policy/annex.${format}`, { config: limit(svc, 30), schema: { querystring: AnnexQuery } }, async (req, reply) => {
      const actor = actorOf(req);
      requireEmployee(actor);
      const row = await numberedRow(req.query.version);
      const locale = await localeOf(req, req.query.locale);
      const view = await presentView(db, actor, row, locale);
      const org = (await getOrganisation(db))?.name ?? 'Foyer';
      const name = `foyer-policy-v${row.version}-${locale}.${format}`;
      reply.header('cache-control', 'private, no-store');
      if (format === 'html') return reply.type('text/html; charset=utf-8').header('content-disposition', `inline; filename="${name}"`).send(annexHtml(view, org, locale, nowIso()));
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}"`).send(await annexPdf(view, org, locale, nowIso()));
    });
  }

  app.get('/audit', { schema: { querystring: PageQuery, response: { 200: z.object({ items: z.array(AuditEntry), nextCursor: z.string().nullable() }), ...errors } } }, async (req) => {
    await requireAuditReader(svc, actorOf(req));
    const before = decodeCursor(req.query.cursor);
    let q = db.selectFrom('audit_log').selectAll();
    if (before) q = q.where('seq', '<', before);
    const rows = await q.orderBy('seq', 'desc').limit(req.query.limit + 1).execute();
    const items = rows.slice(0, req.query.limit);
    return { items: await presentAuditEntries(db, items), nextCursor: rows.length > req.query.limit ? encodeCursor(items[items.length - 1].seq) : null };
  });

  app.get('/audit/verify', { config: limit(svc, 10), schema: { response: { 200: AuditVerification, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    await requireAuditReader(svc, actor);
    const result = await verifyAudit(db, svc.dialect);
    // Checking is itself a privileged look at the log: recorded, with its outcome.
    await write(svc, (trx) =>
      appendAudit(trx, svc.dialect, { actorId: actor.id, action: 'audit.verified', targetType: 'audit', details: { ok: result.ok, entries: result.entries, problemSeq: result.problem?.seq ?? null } }),
    );
    return result;
  });
}
