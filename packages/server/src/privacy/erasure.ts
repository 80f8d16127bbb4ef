/**
 * Account erasure (GDPR Art. 17). The person is signed out and deactivated at once; the erasure
 * itself is a job that can run again after a crash: stored files go first (deleting twice is
 * harmless), then one transaction removes or pseudonymises everything else. Search documents
 * follow through the search queue triggers; the audit log keeps the bare fact and counts.
 *
 * Modes (the works agreement's `erasure.mode`): `remove` deletes the person's content everywhere; `pseudonymise`
 * keeps what they wrote in shared places under "Former employee". Direct (one-to-one) messages
 * are not a shared place: what the person wrote there goes in both modes, the other side's
 * messages stay. Personal data (profile, settings, sessions, follows, bookmarks, notifications,
 * memberships) goes in both.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Services } from '../services.js';
import type { Actor } from '../policies/actor.js';
import { write } from '../services.js';
import { conflict, forbidden, notFound } from '../errors.js';
import { nowIso } from '../lib/time.js';
import { endSessions } from '../commands/accounts.js';
import { dropItemImages, finishRemoval, removeFileVersions, removeFiles, removeItems, removePageRevisions } from './removal.js';
import { dropOriginal } from '../files/reencode.js';
import { appendAudit } from '../compliance/audit.js';
import { activeHold } from './holds.js';
import { activePolicy } from '../compliance/active.js';

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
  // A legal hold on the person suspends deletion (GDPR Art. 17(3)(e)); it is lifted first.
  if (await activeHold(svc.db, 'user', userId)) throw conflict('a legal hold applies to this account; it cannot be erased while the hold lasts');
  // The mode in force when asked is kept with the job: a policy change meanwhile does not alter a started erasure.
  const { mode } = (await activePolicy(svc.db, svc.dialect)).document.erasure;
  const sessions = await write(svc, async (trx) => {
    const existing = await trx.selectFrom('erasures').select('user_id').where('user_id', '=', userId).executeTakeFirst();
    if (!existing) {
      await trx.insertInto('erasures').values({ user_id: userId, requested_by: by.id, mode, status: 'pending', created_at: nowIso() }).execute();
      await appendAudit(trx, svc.dialect, { actorId: by.id, action: 'account.erasure_requested', targetType: 'user', targetId: userId, details: { mode } });
    }
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
      // An image whose full-size re-encode has not run yet still has its original parked.
      await dropOriginal(svc.config.dataDir, v.storage_key);
    }
  }

  const storageKeys: string[] = [];
  const counts = await write(svc, async (trx) => {
    const c: Counts = {};
    if (remove) Object.assign(c, await removeContent(trx, userId));
    else Object.assign(c, await removeDirectMessages(trx, userId, storageKeys));
    Object.assign(c, await removePersonalData(trx, userId));
    await scrubProfile(trx, userId);
    await trx.updateTable('erasures').set({ status: 'done', counts: JSON.stringify(c), finished_at: nowIso() }).where('user_id', '=', userId).execute();
    // Counts only: what was removed, never what it said.
    await appendAudit(trx, svc.dialect, { actorId: null, action: 'account.erased', targetType: 'user', targetId: userId, details: { mode: job.mode, counts: c } });
    return c;
  });
  // Stored objects of files marked deleted above, the search index and the write-ahead log.
  await finishRemoval(svc, storageKeys);
  return counts;
}

const ids = async (q: { execute(): Promise<{ id: number }[]> }) => (await q.execute()).map((r) => r.id);

/** Everything the person wrote or uploaded in shared places (privacy/removal.ts does the removing). */
async function removeContent(trx: Kysely<DB>, userId: number): Promise<Counts> {
  const posts = await removeItems(trx, 'posts', await ids(trx.selectFrom('posts').select('id').where('author_id', '=', userId)));
  await trx.deleteFrom('post_revisions').where('editor_id', '=', userId).execute();
  const comments = await removeItems(trx, 'comments', await ids(trx.selectFrom('comments').select('id').where('author_id', '=', userId)));
  const messages = await removeItems(trx, 'messages', await ids(trx.selectFrom('messages').select('id').where('author_id', '=', userId)));
  const questions = await removeItems(trx, 'questions', await ids(trx.selectFrom('questions').select('id').where('author_id', '=', userId)));
  const answers = await removeItems(trx, 'answers', await ids(trx.selectFrom('answers').select('id').where('author_id', '=', userId)));
  const answerComments = await removeItems(trx, 'answerComments', await ids(trx.selectFrom('answer_comments').select('id').where('author_id', '=', userId)));
  // Their page revisions go; a page whose current text was theirs falls back to the latest text
  // someone else wrote, and a page only they wrote is deleted.
  const pagesTouched = await removePageRevisions(trx, await ids(trx.selectFrom('page_revisions').select('id').where('author_id', '=', userId)));

  // Files they uploaded anywhere (space folders, items of others), and their versions of others' files.
  await removeFiles(trx, await ids(trx.selectFrom('files').select('id').where('uploader_id', '=', userId)));
  await removeFileVersions(trx, await trx.selectFrom('file_versions').select(['id', 'file_id']).where('uploader_id', '=', userId).execute());
  const images = await trx.deleteFrom('images').where('uploader_id', '=', userId).executeTakeFirst();

  return { posts, comments, messages, questions, answers, answerComments, pages: pagesTouched.length, images: Number(images.numDeletedRows) };
}

/**
 * Pseudonymising keeps shared content; one-to-one conversations are not shared places, so the
 * person's messages there go with their images and files (image objects after the commit).
 */
async function removeDirectMessages(trx: Kysely<DB>, userId: number, storageKeys: string[]): Promise<Counts> {
  const direct = await ids(
    trx
      .selectFrom('messages')
      .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
      .select('messages.id as id')
      .where('messages.author_id', '=', userId)
      .where('conversations.kind', '=', 'direct'),
  );
  storageKeys.push(...(await dropItemImages(trx, 'messages', direct)));
  return { directMessages: await removeItems(trx, 'messages', direct) };
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
    ['working_hours', 'user_id'],
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
