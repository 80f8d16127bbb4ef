/**
 * Every write on files and folders. Uploads are checked before the body is read (permission,
 * target, declared size), streamed to a temporary file, identified and stored, and only then
 * recorded in one transaction; a failure at any step leaves neither a stored object nor a row.
 */
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { FILE_LIMITS } from '@foyer/shared';
import type { DB, FileOwnerType } from '../db/schema.js';
import { write, type Services } from '../services.js';
import type { Actor } from '../policies/actor.js';
import { conflict, forbidden, invalid, notFound, AppError } from '../errors.js';
import { nowIso } from '../lib/time.js';
import { loadSpaceContext, canReadSpace, spaceAbilities, type SpaceContext } from '../policies/spaces.js';
import { assertLabelFits, loadLabelPolicy } from '../policies/labels.js';
import { newReaderCount } from '../policies/audience.js';
import { loadFileForRead, fileAbilities, loadFolderForRead, folderAbilities, type FileRow } from '../policies/files.js';
import { sanitizeName, extensionOf } from './names.js';
import { stage } from './staging.js';
import { ingest, type StoredVersion } from './ingest.js';
import { finishInBackground, dropOriginal } from './reencode.js';
import { rejected } from './errors.js';
import { ALLOWED_TYPES } from './sniff.js';
import { emit } from '../events/outbox.js';
import { announceItemChanged } from '../events/item-changed.js';

/**
 * Space files announce their changes to the readers of the space that their label allows.
 * Attachments do not: they are seen through their item, whose own events cover them (a new
 * version of an attachment announces its item, see uploadVersion).
 */
async function announce(trx: Kysely<DB>, type: 'file.created' | 'file.updated' | 'file.deleted', file: Pick<FileRow, 'id' | 'owner_type' | 'space_id' | 'label'>, label = file.label) {
  if (file.owner_type !== 'space' || file.space_id === null) return;
  await emit(trx, type, { spaceId: file.space_id, fileId: file.id }, { spaceId: file.space_id, label });
}

export async function maxUploadBytes(db: Kysely<DB>): Promise<number> {
  const org = await db.selectFrom('organisation').select('file_max_bytes').executeTakeFirst();
  return org?.file_max_bytes ?? FILE_LIMITS.defaultMaxUploadBytes;
}

export interface UploadInput {
  body: Readable;
  /** The declared Content-Length, refused early when above the limit. */
  declaredBytes: number | null;
  name: string;
  idempotencyKey: string | null;
}

const writable = (actor: Actor) => {
  if (actor.scope === 'read') throw forbidden('this token can only read');
};

async function spaceTarget(db: Kysely<DB>, actor: Actor, spaceId: number, folderId: number | null | undefined): Promise<SpaceContext> {
  const ctx = await loadSpaceContext(db, actor, spaceId);
  if (!ctx || !canReadSpace(actor, ctx)) throw notFound('space');
  if (ctx.space.archived_at) throw new AppError(409, 'space_archived', 'this space is archived');
  if (!spaceAbilities(actor, ctx).post) throw forbidden('join the space to add files');
  if (folderId != null) {
    const folder = await db.selectFrom('file_folders').select('space_id').where('id', '=', folderId).executeTakeFirst();
    if (!folder || folder.space_id !== spaceId) throw invalid('no such folder in this space', { fields: { folderId: 'unknown' } });
  }
  return ctx;
}

/** Streams, identifies and stores the body; the caller records the result or deletes it. */
async function receive(svc: Services, input: UploadInput): Promise<StoredVersion> {
  const limit = await maxUploadBytes(svc.db);
  if (input.declaredBytes !== null && input.declaredBytes > limit) throw rejected('too_large', `files may be at most ${limit} bytes`, { limitBytes: limit });
  const staged = await stage(input.body, svc.config.dataDir, limit);
  try {
    return await ingest(svc.files, svc.config.dataDir, staged, sanitizeName(input.name));
  } finally {
    await staged.remove();
  }
}

async function discard(svc: Services, v: StoredVersion) {
  await svc.files.delete(v.storage_key);
  if (v.thumb_key) await svc.files.delete(v.thumb_key);
  await dropOriginal(svc.config.dataDir, v.storage_key);
}

/** After the commit: an image's full-size re-encode runs without holding up the answer. */
function committed(svc: Services, v: StoredVersion) {
  if (v.thumb_key) void finishInBackground(svc, v.storage_key);
}

/** The file an earlier attempt with this idempotency key created, if any. */
async function replayed(db: Kysely<DB>, actor: Actor, key: string | null): Promise<number | null> {
  if (!key) return null;
  const v = await db.selectFrom('file_versions').select('file_id').where('uploader_id', '=', actor.id).where('idempotency_key', '=', key).executeTakeFirst();
  return v?.file_id ?? null;
}

const isUniqueViolation = (e: unknown) => /unique|duplicate key/i.test(String((e as Error)?.message));

/**
 * A new file: unattached (to be attached to an item by its uploader) or straight into a space's
 * files. Returns the file id; a retry with the same idempotency key returns the first file.
 */
export async function uploadFile(
  svc: Services,
  actor: Actor,
  input: UploadInput,
  target: { spaceId?: number; folderId?: number; label?: number },
): Promise<number> {
  writable(actor);
  const again = await replayed(svc.db, actor, input.idempotencyKey);
  if (again !== null) return again;
  let label: number | null = null;
  if (target.spaceId !== undefined) {
    const ctx = await spaceTarget(svc.db, actor, target.spaceId, target.folderId);
    label = target.label ?? ctx.space.label_default;
    await assertLabelFits(svc.db, ctx.space, label);
  } else if (target.folderId !== undefined || target.label !== undefined) {
    throw invalid('folders and labels belong to space files: send spaceId too', { fields: { spaceId: 'required' } });
  }
  const stored = await receive(svc, input);
  try {
    const fileId = await write(svc, async (trx) => {
      const now = nowIso();
      const file = await trx
        .insertInto('files')
        .values({
          uploader_id: actor.id,
          owner_type: target.spaceId !== undefined ? 'space' : 'upload',
          owner_id: target.spaceId ?? null,
          space_id: target.spaceId ?? null,
          folder_id: target.folderId ?? null,
          name: stored.name,
          label,
          version: 1,
          created_at: now,
          updated_at: now,
          deleted_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('file_versions')
        .values({ ...stored, file_id: file.id, version: 1, uploader_id: actor.id, idempotency_key: input.idempotencyKey, created_at: now })
        .execute();
      await announce(trx, 'file.created', { id: file.id, owner_type: target.spaceId !== undefined ? 'space' : 'upload', space_id: target.spaceId ?? null, label });
      return file.id;
    });
    committed(svc, stored);
    return fileId;
  } catch (e) {
    await discard(svc, stored);
    // Two attempts with one key raced: the first one's file is the answer.
    if (input.idempotencyKey && isUniqueViolation(e)) {
      const first = await replayed(svc.db, actor, input.idempotencyKey);
      if (first !== null) return first;
    }
    throw e;
  }
}

/** A new version of an existing file; the old ones stay downloadable. */
export async function uploadVersion(svc: Services, actor: Actor, fileId: number, input: UploadInput): Promise<void> {
  writable(actor);
  const ctx = await loadFileForRead(svc.db, actor, fileId);
  if (!fileAbilities(actor, ctx).edit) throw forbidden('you cannot replace this file');
  const again = await replayed(svc.db, actor, input.idempotencyKey);
  if (again === fileId) return;
  if (again !== null) throw conflict('this idempotency key was used for another file');
  const stored = await receive(svc, input);
  try {
    await write(svc, async (trx) => {
      const current = await trx.selectFrom('files').select(['version', 'deleted_at']).where('id', '=', fileId).executeTakeFirstOrThrow();
      if (current.deleted_at) throw notFound('file');
      const version = current.version + 1;
      const now = nowIso();
      await trx
        .insertInto('file_versions')
        .values({ ...stored, file_id: fileId, version, uploader_id: actor.id, idempotency_key: input.idempotencyKey, created_at: now })
        .execute();
      // Compare-and-set on the version: of two concurrent replacements, the second gets a 409.
      const updated = await trx
        .updateTable('files')
        .set({ version, name: stored.name, updated_at: now })
        .where('id', '=', fileId)
        .where('version', '=', current.version)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw conflict('someone else replaced this file at the same time; try again');
      if (ctx.file.owner_type === 'space' && ctx.file.space_id !== null)
        await emit(trx, 'file.versioned', { spaceId: ctx.file.space_id, fileId, version }, { spaceId: ctx.file.space_id, label: ctx.file.label });
      // An attachment is shown with its item: the item's readers refetch it.
      else if (ctx.file.owner_type !== 'space' && ctx.file.owner_type !== 'upload' && ctx.file.owner_id !== null)
        await announceItemChanged(trx, ctx.file.owner_type, ctx.file.owner_id);
    });
    committed(svc, stored);
  } catch (e) {
    await discard(svc, stored);
    if (isUniqueViolation(e)) {
      if ((await replayed(svc.db, actor, input.idempotencyKey)) === fileId) return;
      throw conflict('someone else replaced this file at the same time; try again');
    }
    throw e;
  }
}

export interface FileChange {
  name?: string;
  folderId?: number | null;
  label?: number;
  confirmAudience?: boolean;
}

export async function updateFile(svc: Services, actor: Actor, fileId: number, change: FileChange): Promise<void> {
  const ctx = await loadFileForRead(svc.db, actor, fileId);
  if (!fileAbilities(actor, ctx).edit) throw forbidden('you cannot change this file');
  const set: Partial<Pick<FileRow, 'name' | 'folder_id' | 'label' | 'updated_at'>> = {};
  if (change.name !== undefined) {
    const name = sanitizeName(change.name);
    const current = await svc.db.selectFrom('file_versions').select('mime').where('file_id', '=', fileId).where('version', '=', ctx.file.version).executeTakeFirstOrThrow();
    const type = ALLOWED_TYPES.find((t) => t.mime === current.mime);
    const ext = extensionOf(name);
    // A rename must not disguise the content either.
    if (!type || !type.extensions.includes(ext)) throw rejected('type_mismatch', `the name must end in .${type?.extensions[0] ?? '?'}`, { detected: current.mime, extension: ext });
    set.name = name;
  }
  const isSpaceFile = ctx.file.owner_type === 'space';
  if ((change.folderId !== undefined || change.label !== undefined) && !isSpaceFile)
    throw invalid('only space files have folders and labels of their own; attachments follow their item', { fields: { folderId: 'not_space_file' } });
  if (change.folderId !== undefined) {
    if (change.folderId !== null) {
      const folder = await svc.db.selectFrom('file_folders').select('space_id').where('id', '=', change.folderId).executeTakeFirst();
      if (!folder || folder.space_id !== ctx.file.space_id) throw invalid('no such folder in this space', { fields: { folderId: 'unknown' } });
    }
    set.folder_id = change.folderId;
  }
  if (change.label !== undefined && change.label !== ctx.file.label) {
    const space = ctx.space!.space;
    await assertLabelFits(svc.db, space, change.label);
    // Lowering a label that lets new people read is explicit, as for posts (ADR 0006).
    if (change.label < (ctx.file.label ?? 0)) {
      const newReaders = await newReaderCount(svc.db, { space, label: ctx.file.label! }, { space, label: change.label });
      if (newReaders > 0) {
        const policy = await loadLabelPolicy(svc.db);
        if (ctx.file.label! >= policy.sensitive && ctx.space!.membership?.role !== 'owner')
          throw forbidden('only a space owner can let more people read confidential content');
        if (!change.confirmAudience) throw conflict('the lower label lets more people read this file; confirm the new audience', { newReaders, confirmField: 'confirmAudience' });
      }
    }
    set.label = change.label;
  }
  if (!Object.keys(set).length) return;
  set.updated_at = nowIso();
  await write(svc, async (trx) => {
    await trx.updateTable('files').set(set).where('id', '=', fileId).execute();
    // A relabel reaches those who could read the file before or can now (the lower of both labels), as for posts.
    await announce(trx, 'file.updated', ctx.file, Math.min(ctx.file.label ?? 0, set.label ?? ctx.file.label ?? 0));
  });
}

export async function deleteFile(svc: Services, actor: Actor, fileId: number): Promise<void> {
  const ctx = await loadFileForRead(svc.db, actor, fileId);
  if (!fileAbilities(actor, ctx).delete) throw forbidden(ctx.file.owner_type === 'space' ? 'you cannot delete this file' : 'remove the file from its item instead');
  await write(svc, async (trx) => {
    await trx.updateTable('files').set({ deleted_at: nowIso() }).where('id', '=', fileId).execute();
    await announce(trx, 'file.deleted', ctx.file);
  });
  await purgeDeletedFiles(svc);
}

// ---- attachments (called inside the item's transaction) ----

export type ItemType = Exclude<FileOwnerType, 'upload' | 'space'>;
export interface ItemRef {
  type: ItemType;
  id: number;
  /** The item's space; null for direct and group conversations. */
  spaceId: number | null;
}

/** Claims the actor's unattached uploads for an item, in the given order. */
export async function attachFiles(trx: Kysely<DB>, actor: Actor, item: ItemRef, fileIds: number[] | undefined, startAt = 0): Promise<void> {
  if (!fileIds?.length) return;
  const ids = [...new Set(fileIds)];
  const rows = await trx.selectFrom('files').select(['id', 'uploader_id', 'owner_type', 'deleted_at']).where('id', 'in', ids).execute();
  const usable = new Set(rows.filter((r) => r.uploader_id === actor.id && r.owner_type === 'upload' && !r.deleted_at).map((r) => r.id));
  const unknown = ids.filter((id) => !usable.has(id));
  if (unknown.length) throw invalid('some files are unknown or already attached', { fields: { fileIds: unknown } });
  for (const [i, id] of ids.entries())
    await trx
      .updateTable('files')
      .set({ owner_type: item.type, owner_id: item.id, space_id: item.spaceId, position: startAt + i, updated_at: nowIso() })
      .where('id', '=', id)
      .execute();
}

/**
 * On an item's edit: `fileIds` is the complete new list. Files already on the item stay (in the
 * new order), new uploads are attached, and files left out are deleted (purge after commit).
 */
export async function replaceItemFiles(trx: Kysely<DB>, actor: Actor, item: ItemRef, fileIds: number[] | undefined): Promise<void> {
  if (fileIds === undefined) return;
  const ids = [...new Set(fileIds)];
  const current = await trx
    .selectFrom('files')
    .select('id')
    .where('owner_type', '=', item.type)
    .where('owner_id', '=', item.id)
    .where('deleted_at', 'is', null)
    .execute();
  const kept = new Set(current.map((r) => r.id));
  const gone = current.filter((r) => !ids.includes(r.id)).map((r) => r.id);
  if (gone.length) await trx.updateTable('files').set({ deleted_at: nowIso() }).where('id', 'in', gone).execute();
  await attachFiles(trx, actor, item, ids.filter((id) => !kept.has(id)));
  for (const [position, id] of ids.entries()) await trx.updateTable('files').set({ position }).where('id', '=', id).execute();
}

/** Inside an item's delete: its files (and those of the listed child items) go with it. */
export async function dropItemFiles(trx: Kysely<DB>, type: ItemType, itemIds: number[]): Promise<void> {
  if (!itemIds.length) return;
  await trx
    .updateTable('files')
    .set({ deleted_at: nowIso() })
    .where('owner_type', '=', type)
    .where('owner_id', 'in', itemIds)
    .where('deleted_at', 'is', null)
    .execute();
}

/**
 * Removes the stored objects and rows of deleted files. Called after the deleting transaction
 * committed; rows marked deleted stay invisible until then, and a crash in between leaves only
 * rows that the next purge removes.
 */
export async function purgeDeletedFiles(svc: Services): Promise<void> {
  const files = await svc.db.selectFrom('files').select('id').where('deleted_at', 'is not', null).limit(500).execute();
  if (!files.length) return;
  const ids = files.map((f) => f.id);
  const versions = await svc.db.selectFrom('file_versions').select(['storage_key', 'thumb_key']).where('file_id', 'in', ids).execute();
  for (const v of versions) {
    await svc.files.delete(v.storage_key);
    if (v.thumb_key) await svc.files.delete(v.thumb_key);
    await dropOriginal(svc.config.dataDir, v.storage_key);
  }
  await svc.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('file_versions').where('file_id', 'in', ids).execute();
    await trx.deleteFrom('files').where('id', 'in', ids).execute();
  });
}

// ---- folders ----

async function assertFolderNameFree(db: Kysely<DB>, spaceId: number, parentId: number | null, name: string, except?: number) {
  let q = db.selectFrom('file_folders').select(['id', 'name']).where('space_id', '=', spaceId);
  q = parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId);
  const siblings = await q.execute();
  if (siblings.some((s) => s.id !== except && s.name.toLowerCase() === name.toLowerCase())) throw conflict('a folder of that name exists here already', { fields: { name: 'taken' } });
}

async function parentInSpace(db: Kysely<DB>, spaceId: number, parentId: number | null | undefined): Promise<number | null> {
  if (parentId == null) return null;
  const parent = await db.selectFrom('file_folders').select('space_id').where('id', '=', parentId).executeTakeFirst();
  if (!parent || parent.space_id !== spaceId) throw invalid('no such folder in this space', { fields: { parentId: 'unknown' } });
  return parentId;
}

export async function createFolder(svc: Services, actor: Actor, spaceId: number, input: { name: string; parentId?: number | null }): Promise<number> {
  writable(actor);
  await spaceTarget(svc.db, actor, spaceId, null);
  const name = sanitizeName(input.name, FILE_LIMITS.folderName, 'folder');
  const parentId = await parentInSpace(svc.db, spaceId, input.parentId);
  await assertFolderNameFree(svc.db, spaceId, parentId, name);
  const row = await write(svc, (trx) =>
    trx.insertInto('file_folders').values({ space_id: spaceId, parent_id: parentId, name, created_by: actor.id, created_at: nowIso() }).returning('id').executeTakeFirstOrThrow(),
  );
  return row.id;
}

export async function updateFolder(svc: Services, actor: Actor, folderId: number, change: { name?: string; parentId?: number | null }): Promise<void> {
  writable(actor);
  const { folder, space } = await loadFolderForRead(svc.db, actor, folderId);
  if (!folderAbilities(actor, space).manage) throw forbidden('join the space to organise its files');
  const name = change.name !== undefined ? sanitizeName(change.name, FILE_LIMITS.folderName, 'folder') : folder.name;
  let parentId = folder.parent_id;
  if (change.parentId !== undefined) {
    parentId = await parentInSpace(svc.db, folder.space_id, change.parentId);
    // Walk up from the new parent: meeting the folder itself means it would sit inside itself.
    for (let at = parentId, steps = 0; at !== null; steps++) {
      if (at === folderId || steps > 1000) throw invalid('a folder cannot move into itself or its subfolders', { fields: { parentId: 'cycle' } });
      at = (await svc.db.selectFrom('file_folders').select('parent_id').where('id', '=', at).executeTakeFirstOrThrow()).parent_id;
    }
  }
  await assertFolderNameFree(svc.db, folder.space_id, parentId, name, folderId);
  await write(svc, (trx) => trx.updateTable('file_folders').set({ name, parent_id: parentId }).where('id', '=', folderId).execute());
}

/** Only empty folders are deleted: removing files is a separate, deliberate step. */
export async function deleteFolder(svc: Services, actor: Actor, folderId: number): Promise<void> {
  writable(actor);
  const { space } = await loadFolderForRead(svc.db, actor, folderId);
  if (!folderAbilities(actor, space).manage) throw forbidden('join the space to organise its files');
  await write(svc, async (trx) => {
    const child = await trx.selectFrom('file_folders').select('id').where('parent_id', '=', folderId).executeTakeFirst();
    const file = await trx.selectFrom('files').select('id').where('folder_id', '=', folderId).where('owner_type', '=', 'space').where('deleted_at', 'is', null).executeTakeFirst();
    if (child || file) throw conflict('the folder is not empty', { fields: { folder: 'not_empty' } });
    await trx.deleteFrom('file_folders').where('id', '=', folderId).execute();
  });
}
