/** File rows -> API objects. Callers have authorised the files (or their items) already. */
import type { Kysely, Selectable } from 'kysely';
import type { FileDetail, FileRef, FileVersion, FileFolder } from '@foyer/shared';
import type { DB, FileVersionTable, FileOwnerType } from '../db/schema.js';
import type { FileRow, FolderRow, FileContext } from '../policies/files.js';

type VersionRow = Selectable<FileVersionTable>;
type Uploader = { id: number; handle: string; name: string };

export const fileUrl = (id: number) => `/api/v1/files/${id}/download`;

export function presentFileRef(file: FileRow, v: VersionRow): FileRef {
  return {
    id: file.id,
    name: file.name,
    kind: v.kind,
    mime: v.mime,
    size: v.size,
    version: v.version,
    width: v.width,
    height: v.height,
    url: fileUrl(file.id),
    thumbUrl: v.thumb_key ? `/api/v1/files/${file.id}/thumb?v=${v.version}` : null,
    createdAt: file.created_at,
    updatedAt: file.updated_at,
  };
}

export function presentFileDetail(ctx: Pick<FileContext, 'file' | 'label'>, v: VersionRow, uploader: Uploader, abilities: FileDetail['abilities']): FileDetail {
  const f = ctx.file;
  return {
    ...presentFileRef(f, v),
    uploader,
    owner: { type: f.owner_type, id: f.owner_type === 'upload' ? null : f.owner_id },
    spaceId: f.space_id,
    folderId: f.folder_id,
    label: ctx.label,
    abilities,
  };
}

export function presentVersion(fileId: number, v: VersionRow, uploader: Uploader): FileVersion {
  return { version: v.version, name: v.name, kind: v.kind, mime: v.mime, size: v.size, uploader, createdAt: v.created_at, url: `/api/v1/files/${fileId}/versions/${v.version}/download` };
}

export function presentFolder(f: FolderRow): FileFolder {
  return { id: f.id, spaceId: f.space_id, parentId: f.parent_id, name: f.name, createdAt: f.created_at };
}

/** Each file with its current version, in one query. */
export async function withCurrentVersions(db: Kysely<DB>, files: FileRow[]): Promise<[FileRow, VersionRow][]> {
  if (!files.length) return [];
  const versions = await db
    .selectFrom('file_versions')
    .selectAll()
    .where('file_id', 'in', files.map((f) => f.id))
    .execute();
  const current = new Map(versions.filter((v) => files.some((f) => f.id === v.file_id && f.version === v.version)).map((v) => [v.file_id, v]));
  return files.filter((f) => current.has(f.id)).map((f) => [f, current.get(f.id)!]);
}

export async function uploadersById(db: Kysely<DB>, ids: number[]): Promise<Map<number, Uploader>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'handle', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * The files attached to items of one type, for presenters that have authorised the items:
 * item id -> files in attachment order. Deleted files are left out.
 */
export async function filesOf(db: Kysely<DB>, type: Exclude<FileOwnerType, 'upload' | 'space'>, itemIds: number[]): Promise<Map<number, FileRef[]>> {
  const out = new Map<number, FileRef[]>();
  if (!itemIds.length) return out;
  const rows = await db
    .selectFrom('files')
    .innerJoin('file_versions', (j) => j.onRef('file_versions.file_id', '=', 'files.id').onRef('file_versions.version', '=', 'files.version'))
    .selectAll('files')
    .select([
      'file_versions.id as v_id',
      'file_versions.kind',
      'file_versions.mime',
      'file_versions.size',
      'file_versions.thumb_key',
      'file_versions.width',
      'file_versions.height',
    ])
    .where('files.owner_type', '=', type)
    .where('files.owner_id', 'in', itemIds)
    .where('files.deleted_at', 'is', null)
    .orderBy('files.position')
    .orderBy('files.id')
    .execute();
  for (const r of rows) {
    const ref = presentFileRef(r, { ...r, id: r.v_id, file_id: r.id } as unknown as VersionRow);
    const list = out.get(r.owner_id!) ?? [];
    list.push(ref);
    out.set(r.owner_id!, list);
  }
  return out;
}
