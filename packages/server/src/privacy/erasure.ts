/**
 * Account erasure (GDPR Art. 17). The person is signed out and deactivated at once; the erasure
 * itself is a job that can run again after a crash: stored files go first (deleting twice is
 * harmless), then one transaction removes or pseudonymises everything else. Search documents
 * follow through the search queue triggers; the audit log keeps the bare fact and counts.
 *
 * Modes (organisation setting): `remove` deletes the person's content everywhere; `pseudonymise`
 * keeps what they wrote in shared places under "Former employee". Personal data (profile,
 * settings, sessions, follows, bookmarks, notifications, memberships) goes in both.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Services } from '../services.js';
import type { Actor } from '../policies/actor.js';
import { write } from '../services.js';
import { conflict, forbidden, notFound } from '../errors.js';
import { nowIso } from '../lib/time.js';
import { endSessions } from '../commands/accounts.js';
import { dropItemFiles, purgeDeletedFiles } from '../files/commands.js';
import { rendered, writeLinks } from '../commands/pages.js';
import { compactSearchIndex, searchQueueDrained } from '../search/compact.js';

export const FORMER_EMPLOYEE = 'Former employee';

type Counts = Record<string, number>;

/** Starts an erasure: the person is out immediately; the job does the rest. */
export async function requestErasure(svc: Services, by: Actor, userId: number): Promise<void> {
  if (by.id !== userId && by.role !== 'admin') throw forbidden('only administrators can erase someone else');
  const user = await svc.db.selectFrom('users').select(['id', 'role']).where('id', '=', userId).executeTakeFirst();
  if (!user) throw notFound('person');
  if (user.role === 'admin') {
    const admins = await svc.db.selectFrom('users').select('id').where('role', '=', 'admin').where('status', '=', 'active').execute();
    if (admins.length <= 1 && admins[0]?.id === userId) throw conflict('the last administrator cannot be erased');
  }
  const org = await svc.db.selectFrom('organisation').select('erasure_mode').executeTakeFirstOrThrow();
  const sessions = await write(svc, async (trx) => {
    const existing = await trx.selectFrom('erasures').select('user_id').where('user_id', '=', userId).executeTakeFirst();
    if (!existing) await trx.insertInto('erasures').values({ user_id: userId, requested_by: by.id, mode: org.erasure_mode, status: 'pending', created_at: nowIso() }).execute();
    await trx.updateTable('users').set((eb) => ({ status: 'deactivated', session_generation: eb('session_generation', '+', 1) })).where('id', '=', userId).execute();
    return (await trx.selectFrom('sessions').select('id').where('user_id', '=', userId).execute()).map((s) => s.id);
  });
  if (sessions.length) await endSessions(svc, sessions, 'deactivated');
  await runErasure(svc, userId);
}

/** Runs every pending erasure (on start, after a crash). */
export async function resumeErasures(svc: Services): Promise<void> {
  const pending = await svc.db.selectFrom('erasures').select('user_id').where('status', '=', 'pending').execute();
  for (const p of pending) await runErasure(svc, p.user_id);
}

export async function runErasure(svc: Services, userId: number): Promise<Counts> {
  const job = await svc.db.selectFrom('erasures').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (!job || job.status === 'done') return job ? JSON.parse(job.counts) : {};
  const remove = job.mode === 'remove';

  // Files first: a crash after this point re-runs and finds nothing left to delete.
  const user = await svc.db.selectFrom('users').select('photo_key').where('id', '=', userId).executeTakeFirstOrThrow();
  if (user.photo_key) await svc.files.delete(user.photo_key);
  const exports = await svc.db.selectFrom('data_exports').select('file_name').where('user_id', '=', userId).execute();
  for (const e of exports) if (e.file_name) await svc.files.delete(e.file_name);
  if (remove) {
    const images = await svc.db.selectFrom('images').select(['key', 'thumb_key']).where('uploader_id', '=', userId).execute();
    for (const i of images) {
      await svc.files.delete(i.key);
      await svc.files.delete(i.thumb_key);
    }
    const versions = await svc.db.selectFrom('file_versions').select(['storage_key', 'thumb_key']).where('uploader_id', '=', userId).execute();
    for (const v of versions) {
      await svc.files.delete(v.storage_key);
      if (v.thumb_key) await svc.files.delete(v.thumb_key);
    }
  }

  const counts = await write(svc, async (trx) => {
    const c: Counts = {};
    if (remove) Object.assign(c, await removeContent(trx, userId));
    Object.assign(c, await removePersonalData(trx, userId));
    await scrubProfile(trx, userId);
    await trx.updateTable('erasures').set({ status: 'done', counts: JSON.stringify(c), finished_at: nowIso() }).where('user_id', '=', userId).execute();
    return c;
  });
  // Rows of files marked deleted above go with their stored objects.
  for (let before = -1; ; ) {
    const left = await svc.db.selectFrom('files').select((eb) => eb.fn.countAll<number>().as('n')).where('deleted_at', 'is not', null).executeTakeFirstOrThrow();
    if (Number(left.n) === 0 || Number(left.n) === before) break;
    before = Number(left.n);
    await purgeDeletedFiles(svc);
  }
  // The index drops the erased items once the indexer took the queued changes; then its
  // segments are rewritten, and old page images must not linger in SQLite's write-ahead log.
  await searchQueueDrained(svc.db);
  await compactSearchIndex(svc.db, svc.dialect);
  if (svc.dialect === 'sqlite') await sql`pragma wal_checkpoint(TRUNCATE)`.execute(svc.db);
  return counts;
}

const ids = async (q: { execute(): Promise<{ id: number }[]> }) => (await q.execute()).map((r) => r.id);

/** Everything the person wrote or uploaded in shared places. */
async function removeContent(trx: Kysely<DB>, userId: number): Promise<Counts> {
  const now = nowIso();
  const gone = sql<string>`coalesce(deleted_at, ${now})`;

  const posts = await ids(trx.selectFrom('posts').select('id').where('author_id', '=', userId));
  if (posts.length) {
    await trx.updateTable('posts').set({ body: '', html: '', deleted_at: gone }).where('id', 'in', posts).execute();
    await trx.deleteFrom('post_hashtags').where('post_id', 'in', posts).execute();
    await trx.deleteFrom('mentions').where('post_id', 'in', posts).execute();
    await trx.deleteFrom('announcements').where('post_id', 'in', posts).execute();
    await trx.deleteFrom('acknowledgements').where('post_id', 'in', posts).execute();
    await trx.deleteFrom('post_revisions').where('post_id', 'in', posts).execute();
    await dropItemFiles(trx, 'post', posts);
  }
  await trx.deleteFrom('post_revisions').where('editor_id', '=', userId).execute();

  const comments = await trx.selectFrom('comments').select(['id', 'post_id', 'deleted_at']).where('author_id', '=', userId).execute();
  for (const cm of comments.filter((x) => !x.deleted_at))
    await trx.updateTable('posts').set((eb) => ({ comment_count: eb('comment_count', '-', 1) })).where('id', '=', cm.post_id).execute();
  if (comments.length) {
    const commentIds = comments.map((x) => x.id);
    await trx.updateTable('comments').set({ body: '', html: '', deleted_at: gone }).where('id', 'in', commentIds).execute();
    await trx.deleteFrom('mentions').where('comment_id', 'in', commentIds).execute();
    await dropItemFiles(trx, 'comment', commentIds);
  }

  const messages = await ids(trx.selectFrom('messages').select('id').where('author_id', '=', userId));
  if (messages.length) {
    await trx.updateTable('messages').set({ body: '', html: '', deleted_at: gone }).where('id', 'in', messages).execute();
    await trx.deleteFrom('message_mentions').where('message_id', 'in', messages).execute();
    await dropItemFiles(trx, 'message', messages);
  }

  const questions = await ids(trx.selectFrom('questions').select('id').where('author_id', '=', userId));
  if (questions.length) {
    await trx.updateTable('questions').set({ title: '', body: '', html: '', tags: '[]', deleted_at: gone }).where('id', 'in', questions).execute();
    await dropItemFiles(trx, 'question', questions);
  }
  const answers = await trx.selectFrom('answers').select(['id', 'question_id', 'deleted_at']).where('author_id', '=', userId).execute();
  for (const a of answers.filter((x) => !x.deleted_at))
    await trx.updateTable('questions').set((eb) => ({ answer_count: eb('answer_count', '-', 1) })).where('id', '=', a.question_id).execute();
  if (answers.length) {
    const answerIds = answers.map((a) => a.id);
    await trx.updateTable('answers').set({ body: '', html: '', deleted_at: gone }).where('id', 'in', answerIds).execute();
    await trx.updateTable('questions').set({ best_answer_id: null }).where('best_answer_id', 'in', answerIds).execute();
    await dropItemFiles(trx, 'answer', answerIds);
  }
  const answerComments = await ids(trx.selectFrom('answer_comments').select('id').where('author_id', '=', userId));
  if (answerComments.length) await trx.updateTable('answer_comments').set({ body: '', html: '', deleted_at: gone }).where('id', 'in', answerComments).execute();

  const pagesTouched = await removePageRevisions(trx, userId);

  // Files they uploaded anywhere (space folders, items of others), and their versions of others' files.
  await trx.updateTable('files').set({ deleted_at: now }).where('uploader_id', '=', userId).where('deleted_at', 'is', null).execute();
  const versions = await trx.selectFrom('file_versions').select(['id', 'file_id']).where('uploader_id', '=', userId).execute();
  for (const v of versions) await dropFileVersion(trx, v.id, v.file_id);
  const images = await trx.deleteFrom('images').where('uploader_id', '=', userId).executeTakeFirst();

  return {
    posts: posts.length,
    comments: comments.length,
    messages: messages.length,
    questions: questions.length,
    answers: answers.length,
    answerComments: answerComments.length,
    pages: pagesTouched,
    images: Number(images.numDeletedRows),
  };
}

/**
 * Their page revisions go; a page whose current text was theirs falls back to the latest text
 * someone else wrote, and a page only they wrote is deleted.
 */
async function removePageRevisions(trx: Kysely<DB>, userId: number): Promise<number> {
  const touched = (await trx.selectFrom('page_revisions').select('page_id').distinct().where('author_id', '=', userId).execute()).map((r) => r.page_id);
  await trx.deleteFrom('page_revisions').where('author_id', '=', userId).execute();
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
  return touched.length;
}

/** A version they uploaded (its stored object is already gone); the file falls back to its latest other version. */
async function dropFileVersion(trx: Kysely<DB>, versionId: number, fileId: number) {
  await trx.deleteFrom('file_versions').where('id', '=', versionId).execute();
  const latest = await trx.selectFrom('file_versions').select('version').where('file_id', '=', fileId).orderBy('version', 'desc').limit(1).executeTakeFirst();
  if (latest) await trx.updateTable('files').set({ version: latest.version }).where('id', '=', fileId).execute();
  else await trx.updateTable('files').set({ deleted_at: nowIso() }).where('id', '=', fileId).where('deleted_at', 'is', null).execute();
}

/** What is about the person rather than shared content: gone in every mode. */
async function removePersonalData(trx: Kysely<DB>, userId: number): Promise<Counts> {
  const postReactions = await trx.selectFrom('reactions').select('post_id').where('user_id', '=', userId).where('comment_id', '=', 0).execute();
  for (const r of postReactions) await trx.updateTable('posts').set((eb) => ({ reaction_count: eb('reaction_count', '-', 1) })).where('id', '=', r.post_id).execute();
  const votes = await trx.selectFrom('answer_votes').select(['answer_id', 'value']).where('user_id', '=', userId).execute();
  for (const v of votes) await trx.updateTable('answers').set((eb) => ({ score: eb('score', '-', v.value) })).where('id', '=', v.answer_id).execute();
  const byUser: [keyof DB, string][] = [
    ['reactions', 'user_id'],
    ['message_reactions', 'user_id'],
    ['answer_votes', 'user_id'],
    ['bookmarks', 'user_id'],
    ['follow_users', 'follower_id'],
    ['follow_users', 'followee_id'],
    ['follow_hashtags', 'user_id'],
    ['follow_posts', 'user_id'],
    ['notifications', 'user_id'],
    ['notifications', 'actor_id'],
    ['notification_prefs', 'user_id'],
    ['mentions', 'user_id'],
    ['message_mentions', 'user_id'],
    ['presence', 'user_id'],
    ['memberships', 'user_id'],
    ['conversation_members', 'user_id'],
    ['conversation_state', 'user_id'],
    ['space_mutes', 'user_id'],
    ['user_roles', 'user_id'],
    ['sessions', 'user_id'],
    ['access_tokens', 'user_id'],
    ['acknowledgements', 'user_id'],
    ['registry_views', 'viewer_id'],
    ['data_exports', 'user_id'],
    ['outbox', 'user_id'],
  ];
  const counts: Counts = {};
  for (const [table, column] of byUser) {
    const res = await trx.deleteFrom(table).where(sql.ref(column), '=', userId).executeTakeFirst();
    counts[table] = (counts[table] ?? 0) + Number(res.numDeletedRows);
  }
  // Records others depend on stay, without the person's words.
  await trx.updateTable('reports').set({ note: '' }).where('reporter_id', '=', userId).execute();
  await trx.updateTable('declassifications').set({ reason: '' }).where('requested_by', '=', userId).execute();
  await trx.updateTable('invitations').set({ email: '' }).where('email', 'in', trx.selectFrom('users').select('email').where('id', '=', userId)).execute();
  return counts;
}

async function scrubProfile(trx: Kysely<DB>, userId: number) {
  await trx
    .updateTable('users')
    .set({
      email: `erased-${userId}@invalid`,
      handle: `erased-${userId}`,
      name: FORMER_EMPLOYEE,
      password_hash: '',
      status: 'deactivated',
      title: '',
      department: '',
      site: '',
      country: '',
      languages: '[]',
      about: '',
      contact: '{}',
      photo_key: null,
    })
    .where('id', '=', userId)
    .execute();
}
