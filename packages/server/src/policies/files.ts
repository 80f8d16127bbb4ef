/**
 * Files are visible exactly where their item is: an attachment follows its post, comment, chat
 * message, question, answer or page (and disappears with it); a space file follows its space's
 * read rule and its own label; an upload not attached yet is its uploader's alone. Thumbnails
 * and every version follow the same rule. Hidden and missing answer the same 404.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DB, FileTable, FileFolderTable } from '../db/schema.js';
import type { Actor } from './actor.js';
import { canReadSpace, loadSpaceContext, spaceAbilities, type SpaceContext } from './spaces.js';
import { labelAllows, loadLabelPolicy } from './labels.js';
import { loadCommentForRead, loadPostForRead } from './posts.js';
import { loadMessageForRead } from './conversations.js';
import { loadAnswerForRead, loadQuestionForRead } from './questions.js';
import { loadPageForRead } from './pages.js';
import { notFound } from '../errors.js';

export type FileRow = Selectable<FileTable>;
export type FolderRow = Selectable<FileFolderTable>;

export interface FileContext {
  file: FileRow;
  /** The label the file carries now: its own (space files) or its item's; null for direct/group chats and uploads. */
  label: number | null;
  /** The space it lives in, when it lives in one. */
  space: SpaceContext | null;
  /** Whether the item it belongs to still accepts changes (not archived, not read-only). */
  live: boolean;
}

/** Where the file is attached, loaded through that item's own policy; throws for anything hidden. */
async function ownerContext(db: Kysely<DB>, actor: Actor, file: FileRow): Promise<Omit<FileContext, 'file'>> {
  const id = file.owner_id!;
  switch (file.owner_type) {
    case 'upload':
      if (file.uploader_id !== actor.id) throw notFound('file');
      return { label: null, space: null, live: true };
    case 'space': {
      const ctx = await loadSpaceContext(db, actor, id);
      if (!ctx || !canReadSpace(actor, ctx)) throw notFound('file');
      if (actor.role === 'guest' && !labelAllows(actor, file.label ?? 0, await loadLabelPolicy(db))) throw notFound('file');
      return { label: file.label, space: ctx, live: !ctx.space.archived_at };
    }
    case 'post': {
      const ctx = await loadPostForRead(db, actor, id);
      if (ctx.post.deleted_at) throw notFound('file');
      return { label: ctx.post.label, space: ctx, live: !ctx.space.archived_at };
    }
    case 'comment': {
      const ctx = await loadCommentForRead(db, actor, id);
      if (ctx.comment.deleted_at || ctx.post.deleted_at) throw notFound('file');
      return { label: ctx.post.label, space: ctx, live: !ctx.space.archived_at };
    }
    case 'message': {
      const ctx = await loadMessageForRead(db, actor, id);
      if (ctx.message.deleted_at) throw notFound('file');
      return { label: ctx.conversation.kind === 'channel' ? ctx.conversation.label : null, space: ctx.space, live: !ctx.space?.space.archived_at };
    }
    case 'question': {
      const ctx = await loadQuestionForRead(db, actor, id);
      return { label: ctx.question.label, space: ctx, live: !ctx.space.archived_at };
    }
    case 'answer': {
      // Deleted and moderation-hidden answers take their attachments with them.
      const ctx = await loadAnswerForRead(db, actor, id);
      return { label: ctx.question.label, space: ctx, live: !ctx.space.archived_at };
    }
    case 'page': {
      const ctx = await loadPageForRead(db, actor, id);
      return { label: ctx.page.label, space: ctx, live: !ctx.space.archived_at };
    }
  }
}

export async function loadFileForRead(db: Kysely<DB>, actor: Actor, fileId: number): Promise<FileContext> {
  const file = await db.selectFrom('files').selectAll().where('id', '=', fileId).executeTakeFirst();
  if (!file || file.deleted_at) throw notFound('file');
  try {
    return { file, ...(await ownerContext(db, actor, file)) };
  } catch {
    throw notFound('file');
  }
}

/**
 * Space files: the uploader and the space's managers rename, move, relabel, replace and delete
 * (members only, while the space is not archived). Attachments: their uploader may add versions;
 * they are removed with or through their item. Uploads: their uploader does everything.
 */
export function fileAbilities(actor: Actor, ctx: FileContext) {
  const write = actor.scope !== 'read';
  const own = ctx.file.uploader_id === actor.id;
  if (ctx.file.owner_type === 'upload') return { edit: write && own, delete: write && own };
  if (ctx.file.owner_type === 'space') {
    const space = spaceAbilities(actor, ctx.space!);
    const may = write && ctx.live && space.post && (own || space.manage);
    return { edit: may, delete: may };
  }
  return { edit: write && own && ctx.live, delete: false };
}

/** A folder of a space the actor may read. */
export async function loadFolderForRead(db: Kysely<DB>, actor: Actor, folderId: number): Promise<{ folder: FolderRow; space: SpaceContext }> {
  const folder = await db.selectFrom('file_folders').selectAll().where('id', '=', folderId).executeTakeFirst();
  if (!folder) throw notFound('folder');
  const ctx = await loadSpaceContext(db, actor, folder.space_id);
  if (!ctx || !canReadSpace(actor, ctx)) throw notFound('folder');
  return { folder, space: ctx };
}

/** Space members who may post organise the folders; the space's managers too, of course. */
export function folderAbilities(actor: Actor, space: SpaceContext) {
  return { manage: spaceAbilities(actor, space).post };
}
