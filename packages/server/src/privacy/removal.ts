/**
 * Removing content for good, one kind at a time, by item ids. Shared by account erasure (a
 * person's content) and retention (expired content), so both keep counts right, drop attached
 * files and fall back page text the same way. Text is scrubbed and the row marked deleted: rows
 * others refer to (threads, answers, notifications) keep their shape, the words are gone. Every
 * function runs inside the caller's transaction; stored objects go after commit (finishRemoval).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Services } from '../services.js';
import { nowIso } from '../lib/time.js';
import { dropItemFiles, purgeDeletedFiles } from '../files/commands.js';
import { rendered, writeLinks } from '../commands/pages.js';
import { compactSearchIndex, searchQueueDrained } from '../search/compact.js';

/** Kinds of items that are scrubbed and marked deleted. */
export type RemovableKind = 'posts' | 'comments' | 'messages' | 'questions' | 'answers' | 'answerComments';

/** An already deleted row keeps its original deletion time. */
const gone = (now: string) => sql<string>`coalesce(deleted_at, ${now})`;

/** Removes the given items of one kind; returns how many there were. */
export async function removeItems(trx: Kysely<DB>, kind: RemovableKind, itemIds: number[]): Promise<number> {
  const ids = [...new Set(itemIds)];
  if (!ids.length) return 0;
  const now = nowIso();
  switch (kind) {
    case 'posts':
      await trx.updateTable('posts').set({ body: '', html: '', deleted_at: gone(now), pinned_at: null }).where('id', 'in', ids).execute();
      await trx.deleteFrom('post_hashtags').where('post_id', 'in', ids).execute();
      await trx.deleteFrom('mentions').where('post_id', 'in', ids).execute();
      await trx.deleteFrom('announcements').where('post_id', 'in', ids).execute();
      await trx.deleteFrom('acknowledgements').where('post_id', 'in', ids).execute();
      await trx.deleteFrom('post_revisions').where('post_id', 'in', ids).execute();
      await dropItemFiles(trx, 'post', ids);
      break;
    case 'comments': {
      const rows = await trx.selectFrom('comments').select(['post_id', 'deleted_at']).where('id', 'in', ids).execute();
      // Only comments still counted on their post lower its count.
      for (const c of rows.filter((x) => !x.deleted_at))
        await trx.updateTable('posts').set((eb) => ({ comment_count: eb('comment_count', '-', 1) })).where('id', '=', c.post_id).execute();
      await trx.updateTable('comments').set({ body: '', html: '', deleted_at: gone(now) }).where('id', 'in', ids).execute();
      await trx.deleteFrom('mentions').where('comment_id', 'in', ids).execute();
      await dropItemFiles(trx, 'comment', ids);
      break;
    }
    case 'messages': {
      const rows = await trx.selectFrom('messages').select(['thread_root_id', 'deleted_at']).where('id', 'in', ids).execute();
      for (const m of rows.filter((x) => !x.deleted_at && x.thread_root_id !== null))
        await trx.updateTable('messages').set((eb) => ({ reply_count: eb('reply_count', '-', 1) })).where('id', '=', m.thread_root_id!).execute();
      await trx.updateTable('messages').set({ body: '', html: '', deleted_at: gone(now) }).where('id', 'in', ids).execute();
      await trx.deleteFrom('message_mentions').where('message_id', 'in', ids).execute();
      await trx.deleteFrom('message_reactions').where('message_id', 'in', ids).execute();
      await dropItemFiles(trx, 'message', ids);
      break;
    }
    case 'questions':
      await trx.updateTable('questions').set({ title: '', body: '', html: '', tags: '[]', deleted_at: gone(now) }).where('id', 'in', ids).execute();
      await dropItemFiles(trx, 'question', ids);
      break;
    case 'answers': {
      await trx.updateTable('answers').set({ body: '', html: '', deleted_at: gone(now) }).where('id', 'in', ids).execute();
      await trx.updateTable('questions').set({ best_answer_id: null }).where('best_answer_id', 'in', ids).execute();
      await dropItemFiles(trx, 'answer', ids);
      break;
    }
    case 'answerComments':
      await trx.updateTable('answer_comments').set({ body: '', html: '', deleted_at: gone(now) }).where('id', 'in', ids).execute();
      break;
  }
  return ids.length;
}

/**
 * Whole question threads: the questions, every answer to them and every comment on those answers
 * (whoever wrote them and however old), with their attachments; votes on the removed answers go
 * too, since they only say who voted for words that no longer exist.
 */
export async function removeQuestionThreads(trx: Kysely<DB>, questionIds: number[]): Promise<{ questions: number; answers: number; answerComments: number }> {
  const ids = [...new Set(questionIds)];
  if (!ids.length) return { questions: 0, answers: 0, answerComments: 0 };
  const answerIds = (await trx.selectFrom('answers').select('id').where('question_id', 'in', ids).execute()).map((a) => a.id);
  const pending = (table: 'answers' | 'answer_comments') => sql<boolean>`(${sql.ref(`${table}.deleted_at`)} is null or ${sql.ref(`${table}.body`)} <> '')`;
  const commentIds = answerIds.length
    ? (await trx.selectFrom('answer_comments').select('id').where('answer_id', 'in', answerIds).where(pending('answer_comments')).execute()).map((c) => c.id)
    : [];
  const liveAnswers = answerIds.length ? (await trx.selectFrom('answers').select('id').where('id', 'in', answerIds).where(pending('answers')).execute()).map((a) => a.id) : [];
  const answerComments = await removeItems(trx, 'answerComments', commentIds);
  const answers = await removeItems(trx, 'answers', liveAnswers);
  if (answerIds.length) await trx.deleteFrom('answer_votes').where('answer_id', 'in', answerIds).execute();
  const questions = await removeItems(trx, 'questions', ids);
  return { questions, answers, answerComments };
}

/**
 * Images shown in the given posts or messages: their rows go now, the returned storage keys go
 * after commit (an object without a row is harmless; a row without its object would show broken).
 */
export async function dropItemImages(trx: Kysely<DB>, kind: 'posts' | 'messages', itemIds: number[]): Promise<string[]> {
  if (!itemIds.length) return [];
  const column = kind === 'posts' ? 'post_id' : 'message_id';
  const rows = await trx.selectFrom('images').select(['key', 'thumb_key']).where(column, 'in', itemIds).execute();
  if (rows.length) await trx.deleteFrom('images').where(column, 'in', itemIds).execute();
  return rows.flatMap((r) => [r.key, r.thumb_key]);
}

/**
 * Removes page revisions by id. A page whose current text came from a removed revision falls
 * back to the latest remaining one; a page with no revision left is deleted (its children move
 * up to its parent). Returns the ids of the pages touched.
 */
export async function removePageRevisions(trx: Kysely<DB>, revisionIds: number[]): Promise<number[]> {
  if (!revisionIds.length) return [];
  const touched = (await trx.selectFrom('page_revisions').select('page_id').distinct().where('id', 'in', revisionIds).execute()).map((r) => r.page_id);
  await trx.deleteFrom('page_revisions').where('id', 'in', revisionIds).execute();
  for (const pageId of touched) {
    const page = await trx.selectFrom('pages').selectAll().where('id', '=', pageId).executeTakeFirstOrThrow();
    const latest = await trx.selectFrom('page_revisions').selectAll().where('page_id', '=', pageId).orderBy('version', 'desc').limit(1).executeTakeFirst();
    if (!latest) {
      await trx.updateTable('pages').set({ title: '', body: '', html: '', deleted_at: page.deleted_at ?? nowIso() }).where('id', '=', pageId).execute();
      await trx.updateTable('pages').set({ parent_id: page.parent_id }).where('parent_id', '=', pageId).execute();
      await trx.deleteFrom('page_links').where((eb) => eb.or([eb('from_page', '=', pageId), eb('to_page', '=', pageId)])).execute();
      await dropItemFiles(trx, 'page', [pageId]);
      continue;
    }
    if (latest.body === page.body && latest.title === page.title) continue;
    const space = await trx.selectFrom('spaces').selectAll().where('id', '=', page.space_id).executeTakeFirstOrThrow();
    const { html, linked } = await rendered(trx, space, latest.body);
    await trx.updateTable('pages').set({ title: latest.title, body: latest.body, html, updated_by: latest.author_id, updated_at: latest.created_at }).where('id', '=', pageId).execute();
    await writeLinks(trx, pageId, linked);
  }
  return touched;
}

/** File versions whose stored objects are already gone; each file falls back to its latest other version, or is deleted. */
export async function removeFileVersions(trx: Kysely<DB>, versions: { id: number; file_id: number }[]): Promise<number> {
  for (const v of versions) {
    await trx.deleteFrom('file_versions').where('id', '=', v.id).execute();
    const latest = await trx.selectFrom('file_versions').select('version').where('file_id', '=', v.file_id).orderBy('version', 'desc').limit(1).executeTakeFirst();
    if (latest) await trx.updateTable('files').set({ version: latest.version }).where('id', '=', v.file_id).execute();
    else await trx.updateTable('files').set({ deleted_at: nowIso() }).where('id', '=', v.file_id).where('deleted_at', 'is', null).execute();
  }
  return versions.length;
}

/** Whole files (space files, attachments, uploads): marked deleted; their objects go in finishRemoval. */
export async function removeFiles(trx: Kysely<DB>, fileIds: number[]): Promise<number> {
  if (!fileIds.length) return 0;
  const res = await trx.updateTable('files').set({ deleted_at: nowIso() }).where('id', 'in', fileIds).where('deleted_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/**
 * After the removing transaction committed: stored objects of deleted files go, the search index
 * drops the removed items once the indexer took the queued changes and its segments are
 * rewritten, and SQLite's write-ahead log must not keep old page images.
 */
export async function finishRemoval(svc: Services, storageKeys: string[] = []): Promise<void> {
  for (const key of storageKeys) await svc.files.delete(key);
  for (let before = -1; ; ) {
    const left = await svc.db.selectFrom('files').select((eb) => eb.fn.countAll<number>().as('n')).where('deleted_at', 'is not', null).executeTakeFirstOrThrow();
    if (Number(left.n) === 0 || Number(left.n) === before) break;
    before = Number(left.n);
    await purgeDeletedFiles(svc);
  }
  await searchQueueDrained(svc.db);
  await compactSearchIndex(svc.db, svc.dialect);
  if (svc.dialect === 'sqlite') await sql`pragma wal_checkpoint(TRUNCATE)`.execute(svc.db);
}
