/**
 * Files: the contract. See docs/api.md (Files) and docs/adr/0008-files.md.
 * Kept free of imports from schemas.ts so that schemas.ts can import FileRef without a cycle.
 */
import { z } from 'zod';

const Id = z.coerce.number().int().positive();

export const FILE_LIMITS = {
  /** Default per-organisation upload limit (organisation setting `maxUploadBytes`). */
  defaultMaxUploadBytes: 100 * 1024 * 1024,
  /** The highest limit an administrator can set (2 GB keeps sizes in 32-bit columns). */
  maxUploadBytesCeiling: 2_000_000_000,
  minUploadBytes: 1024,
  fileName: 200,
  folderName: 80,
  filesPerItem: 10,
  /** Uploads whose pixel count is above this are refused (pixel floods). */
  imagePixels: 40_000_000,
  thumbnailPx: 480,
} as const;

/** What the content turned out to be (by its bytes, never its name). */
export const FileKind = z.enum(['image', 'pdf', 'document', 'spreadsheet', 'presentation', 'text']);
export type FileKind = z.infer<typeof FileKind>;

/** Why an upload was refused: `details.reason` of the 400/413/415/422 error. */
export const FileRejection = z.enum([
  'empty',
  'too_large',
  /** The content is not on the allow-list (executables, HTML, SVG, zip, legacy office, ...). */
  'type_not_allowed',
  /** The content is allowed, but the name's extension claims a different type. */
  'type_mismatch',
  /** An office file whose zip declares too much uncompressed data, too many entries or a high ratio. */
  'archive_suspicious',
  'image_too_large',
  'unreadable',
  'aborted',
]);
export type FileRejection = z.infer<typeof FileRejection>;

/** A file as listed on an item (post, comment, message, question, answer, page) or in a space folder. */
export const FileRef = z.object({
  id: z.number(),
  /** Sanitised display name (no path separators or control characters). */
  name: z.string(),
  kind: FileKind,
  /** The type the content was identified as; downloads carry it. */
  mime: z.string(),
  size: z.number(),
  version: z.number(),
  /** Images only. */
  width: z.number().nullable(),
  height: z.number().nullable(),
  url: z.string(),
  /** Images only: a WebP thumbnail (at most 480 px). */
  thumbUrl: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type FileRef = z.infer<typeof FileRef>;

export const FileUploader = z.object({ id: z.number(), handle: z.string(), name: z.string() });

/** A file with where it lives, its effective label and what the caller may do with it. */
export const FileDetail = FileRef.extend({
  uploader: FileUploader,
  /** Where it is attached; `upload` = not attached yet (visible to its uploader only). */
  owner: z.object({ type: z.enum(['upload', 'space', 'post', 'comment', 'message', 'question', 'answer', 'page']), id: z.number().nullable() }),
  spaceId: z.number().nullable(),
  folderId: z.number().nullable(),
  /** Space files: their own label; attachments: their item's label (null in direct/group chats). */
  label: z.number().nullable(),
  abilities: z.object({ edit: z.boolean(), delete: z.boolean() }),
});
export type FileDetail = z.infer<typeof FileDetail>;

export const FileVersion = z.object({
  version: z.number(),
  name: z.string(),
  kind: FileKind,
  mime: z.string(),
  size: z.number(),
  uploader: FileUploader,
  createdAt: z.string(),
  url: z.string(),
});
export type FileVersion = z.infer<typeof FileVersion>;

export const FileFolder = z.object({
  id: z.number(),
  spaceId: z.number(),
  parentId: z.number().nullable(),
  name: z.string(),
  createdAt: z.string(),
});
export type FileFolder = z.infer<typeof FileFolder>;

export const SpaceFiles = z.object({
  /** The folder listed (null: the space's top level) and its ancestors, top first. */
  folder: FileFolder.nullable(),
  path: z.array(FileFolder),
  folders: z.array(FileFolder),
  items: z.array(FileDetail),
  nextCursor: z.string().nullable(),
  abilities: z.object({ upload: z.boolean() }),
});
export type SpaceFiles = z.infer<typeof SpaceFiles>;

/** Query of `POST /files` and `POST /files/:id/versions`; the body is the raw file. */
export const FileUploadQuery = z.object({
  name: z.string().min(1).max(1000),
  /** Upload straight into a space's files (else: an unattached upload, to be attached to an item). */
  spaceId: Id.optional(),
  folderId: Id.optional(),
  label: z.coerce.number().int().min(1).max(10_000).optional(),
});
export const FileUpdate = z.object({
  name: z.string().min(1).max(1000).optional(),
  /** Space files: move to this folder (null: top level). */
  folderId: Id.nullable().optional(),
  label: z.number().int().min(1).max(10_000).optional(),
  /** Required when a lower label lets new people read the file (409 otherwise). */
  confirmAudience: z.boolean().optional(),
});
export const SpaceFilesQuery = z.object({
  folderId: Id.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const FolderCreate = z.object({ name: z.string().min(1).max(200), parentId: Id.nullable().optional() });
export const FolderUpdate = z.object({ name: z.string().min(1).max(200).optional(), parentId: Id.nullable().optional() });
export const FileSettings = z.object({ maxUploadBytes: z.number(), kinds: z.array(FileKind), extensions: z.array(z.string()) });
export const FileSettingsUpdate = z.object({
  maxUploadBytes: z.number().int().min(FILE_LIMITS.minUploadBytes).max(FILE_LIMITS.maxUploadBytesCeiling),
});
/** Attachments on item create/update: files uploaded before with POST /files by the same person. */
export const FileIds = z.array(Id).max(FILE_LIMITS.filesPerItem);
