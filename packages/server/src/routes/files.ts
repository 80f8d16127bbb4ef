/**
 * Files: uploads (raw request bodies, streamed), downloads through the policy, versions, space
 * folders and the organisation's upload limit. See docs/api.md (Files).
 */
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ErrorBody,
  FileDetail,
  FileVersion,
  FileFolder,
  SpaceFiles,
  FileUploadQuery,
  FileUpdate,
  SpaceFilesQuery,
  FolderCreate,
  FolderUpdate,
  FileSettings,
  FileSettingsUpdate,
  FileKind,
} from '@foyer/shared';
import { sql } from 'kysely';
import type { FoyerApp } from '../app.js';
import type { Services } from '../services.js';
import { errors, actorOf, IdParams, NoContent, limit } from './common.js';
import { invalid, notFound } from '../errors.js';
import type { Actor } from '../policies/actor.js';
import { loadFileForRead, fileAbilities, loadFolderForRead, folderAbilities } from '../policies/files.js';
import { loadSpaceContext, canReadSpace } from '../policies/spaces.js';
import { labelCondition } from '../policies/labels.js';
import { requireAdmin } from './admin.js';
import * as files from '../files/commands.js';
import { presentFileDetail, presentVersion, presentFolder, withCurrentVersions, uploadersById } from '../files/present.js';
import { contentDisposition } from '../files/names.js';
import { ALLOWED_TYPES, ALLOWED_EXTENSIONS, INLINE_MIMES } from '../files/sniff.js';
import { decodeCursor, encodeCursor } from '../lib/cursor.js';
import { awaitReencode, resumePending, reencodesSettled, setReencodeLog } from '../files/reencode.js';

const fileErrors = { ...errors, 415: ErrorBody, 422: ErrorBody };
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,100}$/;
const SANDBOX = "sandbox; default-src 'none'";
/** How long a download of an image whose full-size re-encode is still running waits for it. */
const REENCODE_WAIT_MS = 15_000;

function uploadInput(req: FastifyRequest, name: string): files.UploadInput {
  const key = req.headers['idempotency-key'];
  if (key !== undefined && (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)))
    throw invalid('Idempotency-Key must be 8-100 letters, digits, "-" or "_"', { fields: { 'idempotency-key': 'invalid' } });
  const length = Number(req.headers['content-length']);
  return { body: req.raw, declaredBytes: Number.isFinite(length) ? length : null, name, idempotencyKey: key ?? null };
}

/** Streams one stored object with the download headers every file response carries. */
async function sendStored(svc: Services, reply: FastifyReply, key: string, v: { mime: string; kind: string; name: string }, inline: boolean) {
  // An image's original carries its EXIF/GPS and is never served: until the stripped re-encode is
  // stored, wait for it, or answer 202 when it is not running here (another node, just restarted).
  if (!(await awaitReencode(svc, key, REENCODE_WAIT_MS)))
    return reply
      .status(202)
      .header('retry-after', '2')
      .header('cache-control', 'no-store')
      .send({ status: 'processing', message: 'the image is still being processed; try again in a moment' });
  const stored = await svc.files.getStream(key);
  if (!stored) throw notFound('file');
  const type = v.kind === 'text' ? `${v.mime}; charset=utf-8` : v.mime;
  return reply
    .header('content-type', type)
    .header('content-length', stored.size)
    .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', v.name))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', SANDBOX)
    .header('cross-origin-resource-policy', 'same-origin')
    .header('cache-control', 'private, no-cache')
    .send(stored.stream);
}

export async function fileRoutes(app: FoyerApp, svc: Services) {
  const db = svc.db;

  // Image re-encodes a crash or restart interrupted run again; running ones finish before close.
  app.addHook('onReady', async () => {
    setReencodeLog((err, message) => app.log.error({ err }, message));
    // Only the scan is awaited (a directory listing); the re-encodes run in the background.
    await resumePending(svc).catch((err) => app.log.error({ err }, 'resuming image re-encodes failed'));
  });
  app.addHook('onClose', async () => reencodesSettled());

  async function detail(actor: Actor, id: number): Promise<FileDetail> {
    const ctx = await loadFileForRead(db, actor, id);
    const [[, version]] = await withCurrentVersions(db, [ctx.file]);
    const uploaders = await uploadersById(db, [ctx.file.uploader_id]);
    return presentFileDetail(ctx, version, uploaders.get(ctx.file.uploader_id)!, fileAbilities(actor, ctx));
  }

  async function settings() {
    return { maxUploadBytes: await files.maxUploadBytes(db), kinds: [...new Set(ALLOWED_TYPES.map((t) => t.kind))] as FileKind[], extensions: ALLOWED_EXTENSIONS };
  }

  app.get('/files/settings', { schema: { response: { 200: FileSettings, ...errors } } }, async () => settings());
  app.put('/admin/files/settings', { schema: { body: FileSettingsUpdate, response: { 200: FileSettings, ...errors } } }, async (req) => {
    requireAdmin(actorOf(req));
    await db.updateTable('organisation').set({ file_max_bytes: req.body.maxUploadBytes }).where('id', '=', 1).execute();
    return settings();
  });

  // Uploads read the raw body as a stream: their own scope, so no other route loses its parsers.
  await app.register(async (uploads: FoyerApp) => {
    uploads.removeAllContentTypeParsers();
    uploads.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));
    uploads.post(
      '/files',
      { config: limit(svc, 60), schema: { querystring: FileUploadQuery, response: { 200: FileDetail, ...fileErrors } } },
      async (req, reply) => {
        const actor = actorOf(req);
        const { name, spaceId, folderId, label } = req.query;
        try {
          const id = await files.uploadFile(svc, actor, uploadInput(req, name), { spaceId, folderId, label });
          return await detail(actor, id);
        } catch (e) {
          // Whatever of the body is left is not read: close the connection after the answer.
          if (!req.raw.readableEnded) reply.header('connection', 'close');
          throw e;
        }
      },
    );
    uploads.post(
      '/files/:id/versions',
      { config: limit(svc, 60), schema: { params: IdParams, querystring: z.object({ name: z.string().min(1).max(1000) }), response: { 200: FileDetail, ...fileErrors } } },
      async (req, reply) => {
        const actor = actorOf(req);
        try {
          await files.uploadVersion(svc, actor, req.params.id, uploadInput(req, req.query.name));
          return await detail(actor, req.params.id);
        } catch (e) {
          if (!req.raw.readableEnded) reply.header('connection', 'close');
          throw e;
        }
      },
    );
  });

  app.get('/files/:id', { schema: { params: IdParams, response: { 200: FileDetail, ...errors } } }, async (req) => detail(actorOf(req), req.params.id));
  app.patch('/files/:id', { schema: { params: IdParams, body: FileUpdate, response: { 200: FileDetail, ...fileErrors } } }, async (req) => {
    await files.updateFile(svc, actorOf(req), req.params.id, req.body);
    return detail(actorOf(req), req.params.id);
  });
  app.delete('/files/:id', { schema: { params: IdParams, response: { 204: NoContent, ...errors } } }, async (req, reply) => {
    await files.deleteFile(svc, actorOf(req), req.params.id);
    return reply.status(204).send(null);
  });

  app.get('/files/:id/download', { schema: { params: IdParams, hide: true } }, async (req, reply) => {
    const ctx = await loadFileForRead(db, actorOf(req), req.params.id);
    const [[, v]] = await withCurrentVersions(db, [ctx.file]);
    return sendStored(svc, reply, v.storage_key, { ...v, name: ctx.file.name }, INLINE_MIMES.has(v.mime));
  });
  app.get('/files/:id/thumb', { schema: { params: IdParams, querystring: z.object({ v: z.string().optional() }), hide: true } }, async (req, reply) => {
    const ctx = await loadFileForRead(db, actorOf(req), req.params.id);
    const [[, v]] = await withCurrentVersions(db, [ctx.file]);
    if (!v.thumb_key) throw notFound('thumbnail');
    return sendStored(svc, reply, v.thumb_key, { mime: 'image/webp', kind: 'image', name: `${ctx.file.name}.webp` }, true);
  });
  app.get('/files/:id/versions', { schema: { params: IdParams, response: { 200: z.object({ items: z.array(FileVersion) }), ...errors } } }, async (req) => {
    const ctx = await loadFileForRead(db, actorOf(req), req.params.id);
    const versions = await db.selectFrom('file_versions').selectAll().where('file_id', '=', ctx.file.id).orderBy('version', 'desc').execute();
    const uploaders = await uploadersById(db, versions.map((v) => v.uploader_id));
    return { items: versions.map((v) => presentVersion(ctx.file.id, v, uploaders.get(v.uploader_id)!)) };
  });
  app.get(
    '/files/:id/versions/:version/download',
    { schema: { params: IdParams.extend({ version: z.coerce.number().int().positive() }), hide: true } },
    async (req, reply) => {
      const ctx = await loadFileForRead(db, actorOf(req), req.params.id);
      const v = await db.selectFrom('file_versions').selectAll().where('file_id', '=', ctx.file.id).where('version', '=', req.params.version).executeTakeFirst();
      if (!v) throw notFound('version');
      return sendStored(svc, reply, v.storage_key, v, INLINE_MIMES.has(v.mime));
    },
  );

  app.get('/spaces/:id/files', { schema: { params: IdParams, querystring: SpaceFilesQuery, response: { 200: SpaceFiles, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    const spaceId = req.params.id;
    const space = await loadSpaceContext(db, actor, spaceId);
    if (!space || !canReadSpace(actor, space)) throw notFound('space');
    const folderId = req.query.folderId ?? null;
    const path: FileFolder[] = [];
    if (folderId !== null) {
      const { folder } = await loadFolderForRead(db, actor, folderId);
      if (folder.space_id !== spaceId) throw notFound('folder');
      for (let at: typeof folder | undefined = folder; at; ) {
        path.unshift(presentFolder(at));
        at = at.parent_id === null ? undefined : await db.selectFrom('file_folders').selectAll().where('id', '=', at.parent_id).executeTakeFirst();
      }
    }
    let fq = db.selectFrom('file_folders').selectAll().where('space_id', '=', spaceId);
    fq = folderId === null ? fq.where('parent_id', 'is', null) : fq.where('parent_id', '=', folderId);
    const folders = await fq.orderBy(sql`lower(name)`).limit(500).execute();
    let q = db.selectFrom('files').selectAll().where('owner_type', '=', 'space').where('owner_id', '=', spaceId).where('deleted_at', 'is', null);
    q = folderId === null ? q.where('folder_id', 'is', null) : q.where('folder_id', '=', folderId);
    const label = labelCondition(actor, 'files.label');
    if (label) q = q.where(label);
    const after = decodeCursor(req.query.cursor);
    if (after) q = q.where('id', '<', after);
    const rows = await q.orderBy('id', 'desc').limit(req.query.limit + 1).execute();
    const pageRows = rows.slice(0, req.query.limit);
    const withVersions = await withCurrentVersions(db, pageRows);
    const uploaders = await uploadersById(db, pageRows.map((f) => f.uploader_id));
    return {
      folder: path.at(-1) ?? null,
      path,
      folders: folders.map(presentFolder),
      items: withVersions.map(([f, v]) => {
        const ctx = { file: f, label: f.label, space, live: !space.space.archived_at };
        return presentFileDetail(ctx, v, uploaders.get(f.uploader_id)!, fileAbilities(actor, ctx));
      }),
      nextCursor: rows.length > req.query.limit ? encodeCursor(pageRows.at(-1)!.id) : null,
      abilities: { upload: folderAbilities(actor, space).manage && !space.space.archived_at },
    };
  });

  app.post('/spaces/:id/folders', { schema: { params: IdParams, body: FolderCreate, response: { 200: FileFolder, ...errors } } }, async (req) => {
    const id = await files.createFolder(svc, actorOf(req), req.params.id, req.body);
    return presentFolder((await loadFolderForRead(db, actorOf(req), id)).folder);
  });
  app.patch('/folders/:id', { schema: { params: IdParams, body: FolderUpdate, response: { 200: FileFolder, ...errors } } }, async (req) => {
    await files.updateFolder(svc, actorOf(req), req.params.id, req.body);
    return presentFolder((await loadFolderForRead(db, actorOf(req), req.params.id)).folder);
  });
  app.delete('/folders/:id', { schema: { params: IdParams, response: { 204: NoContent, ...errors } } }, async (req, reply) => {
    await files.deleteFolder(svc, actorOf(req), req.params.id);
    return reply.status(204).send(null);
  });
}
