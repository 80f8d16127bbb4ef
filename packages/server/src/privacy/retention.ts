/**
 * Retention: once a day, content older than its period is removed everywhere (rows scrubbed,
 * attached files and images deleted from the store, the search index drained and compacted,
 * SQLite's write-ahead log checkpointed), the same way an erasure removes it (privacy/removal.ts).
 *
 * Periods: the active works agreement per content type, shortened per space by its managers
 * (never lengthened). Items a legal hold covers (their space, or their author) stay. Each run is
 * claimed by inserting the day's row, so several nodes do the work once; a claim left unfinished
 * for STALE_MS (a crash) is taken over. Work commits in batches: a crash loses no progress.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import { RETENTION_TYPES, SPACE_RETENTION_TYPES, type MyLegalHold, type SpaceRetention, type SpaceRetentionType, type SpaceRetentionUpdate } from '@foyer/shared';
import type { DB } from '../db/schema.js';
import type { Services } from '../services.js';
import { write } from '../services.js';
import { activePolicy } from '../compliance/active.js';
import { appendAudit } from '../compliance/audit.js';
import type { Actor } from '../policies/actor.js';
import { canReadSpace, loadSpaceForView, spaceAbilities } from '../policies/spaces.js';
import { forbidden, invalid } from '../errors.js';
import { nowIso } from '../lib/time.js';
import { activeHold, heldTargets } from './holds.js';
import { dropItemImages, finishRemoval, removeFiles, removeItems, removePageRevisions, removeQuestionThreads } from './removal.js';
import { pruneAuditLog } from '../compliance/audit-retention.js';

const DAY_MS = 86_400_000;
const STALE_MS = 6 * 3_600_000;
const BATCH = 200;

export type RetentionType = (typeof RETENTION_TYPES)[number];
/** Content types removed item by item; the audit log is pruned as a whole prefix (compliance/audit-retention.ts). */
type ContentType = Exclude<RetentionType, 'auditLog'>;
const CONTENT_TYPES = RETENTION_TYPES.filter((t): t is ContentType => t !== 'auditLog');
/** Per type, how many items went; answers and their comments go with their questions and are counted apart. */
export type RetentionCounts = Record<RetentionType, number> & { answers: number; answerComments: number };

/** The periods in force: the policy's, and each space's shorter one where set. */
export interface RetentionPlan {
  policy: Record<RetentionType, number | null>;
  /** space id -> type -> days; only entries shorter than the policy's period. */
  spaces: Map<number, Partial<Record<SpaceRetentionType, number>>>;
}

/** The shorter of two periods, null meaning "keep". */
export const shorter = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.min(a, b));

export async function retentionPlan(svc: Services): Promise<RetentionPlan> {
  const policy = (await activePolicy(svc.db, svc.dialect)).document.retention;
  const spaces = new Map<number, Partial<Record<SpaceRetentionType, number>>>();
  for (const row of await svc.db.selectFrom('space_retention').select(['space_id', 'type', 'days']).execute()) {
    const type = row.type as SpaceRetentionType;
    if (!SPACE_RETENTION_TYPES.includes(type)) continue;
    // A policy shortened after the space set its period wins: the space's is then no shorter.
    if (shorter(policy[type], row.days) !== row.days || policy[type] === row.days) continue;
    spaces.set(row.space_id, { ...spaces.get(row.space_id), [type]: row.days });
  }
  return { policy, spaces };
}

/**
 * Runs the day's retention if no node has: returns the counts, or null when the day's run was
 * claimed elsewhere (or finished already).
 */
export async function runRetention(svc: Services, now = new Date()): Promise<RetentionCounts | null> {
  if (!(await claimDay(svc.db, now))) return null;
  const day = now.toISOString().slice(0, 10);
  const plan = await retentionPlan(svc);
  const counts: RetentionCounts = { chatMessages: 0, posts: 0, comments: 0, questions: 0, answers: 0, answerComments: 0, wikiPages: 0, files: 0, notifications: 0, auditLog: 0 };
  const storageKeys: string[] = [];
  // The policy's period everywhere first, then each space's shorter one inside that space.
  const scopes: { spaceId: number | null; days: Partial<Record<RetentionType, number | null>> }[] = [{ spaceId: null, days: plan.policy }];
  for (const [spaceId, days] of plan.spaces) scopes.push({ spaceId, days });
  for (const scope of scopes)
    for (const type of CONTENT_TYPES) {
      const days = scope.days[type];
      if (days === null || days === undefined) continue;
      const cutoff = new Date(now.getTime() - days * DAY_MS).toISOString();
      await removeExpired(svc, type, cutoff, scope.spaceId, counts, storageKeys);
    }
  await finishRemoval(svc, storageKeys);
  // The audit log last: a prefix of the chain, with a checkpoint that verification starts from.
  const audit = plan.policy.auditLog === null ? null : await pruneAuditLog(svc, new Date(now.getTime() - plan.policy.auditLog * DAY_MS).toISOString());
  counts.auditLog = audit?.count ?? 0;
  const holds = await heldTargets(svc.db);
  await write(svc, async (trx) => {
    await trx.updateTable('retention_runs').set({ finished_at: new Date().toISOString(), counts: JSON.stringify(counts) }).where('day', '=', day).execute();
    // Counts only: how much went, never what it said.
    await appendAudit(trx, svc.dialect, {
      actorId: null,
      action: 'retention.ran',
      targetType: 'organisation',
      targetId: null,
      details: { day, counts, spaceOverrides: plan.spaces.size, heldSpaces: holds.spaces.length, heldPeople: holds.users.length, ...(audit?.problem ? { auditLogKept: audit.problem } : {}) },
    });
  });
  return counts;
}

/** The day's row is the claim; an unfinished claim older than STALE_MS is taken over by a conditional update. */
async function claimDay(db: Kysely<DB>, now: Date): Promise<boolean> {
  const day = now.toISOString().slice(0, 10);
  const claimedAt = new Date().toISOString();
  const existing = await db.selectFrom('retention_runs').select(['claimed_at', 'finished_at']).where('day', '=', day).executeTakeFirst();
  if (!existing) {
    const inserted = await db
      .insertInto('retention_runs')
      .values({ day, claimed_at: claimedAt, finished_at: null })
      .onConflict((oc) => oc.column('day').doNothing())
      .returning('day')
      .executeTakeFirst();
    return !!inserted;
  }
  if (existing.finished_at || Date.parse(existing.claimed_at) > Date.now() - STALE_MS) return false;
  const res = await db.updateTable('retention_runs').set({ claimed_at: claimedAt }).where('day', '=', day).where('claimed_at', '=', existing.claimed_at).where('finished_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Removes expired items of one type in batches (each its own transaction), adding to `counts`. */
async function removeExpired(svc: Services, type: ContentType, cutoff: string, spaceId: number | null, counts: RetentionCounts, storageKeys: string[]): Promise<void> {
  for (;;) {
    const found = await write(svc, async (trx) => {
      // Read inside the batch's transaction: a hold placed meanwhile is honoured from the next batch on.
      const held = await heldTargets(trx);
      const ids = await expiredIds(trx, type, cutoff, spaceId, held);
      if (!ids.length) return 0;
      switch (type) {
        case 'posts': {
          storageKeys.push(...(await dropItemImages(trx, 'posts', ids)));
          // Their comments go with them, whatever their age (a post held through a comment's author was not selected).
          const comments = await trx.selectFrom('comments').select('id').where('post_id', 'in', ids).where(notScrubbed('comments')).execute();
          counts.comments += await removeItems(trx, 'comments', comments.map((c) => c.id));
          counts.posts += await removeItems(trx, 'posts', ids);
          break;
        }
        case 'comments':
          counts.comments += await removeItems(trx, 'comments', ids);
          break;
        case 'questions': {
          // Their answers and the comments on those go with them, whatever their age (a question held through one of those was not selected).
          const removed = await removeQuestionThreads(trx, ids);
          counts.questions += removed.questions;
          counts.answers += removed.answers;
          counts.answerComments += removed.answerComments;
          break;
        }
        case 'chatMessages':
          storageKeys.push(...(await dropItemImages(trx, 'messages', ids)));
          counts.chatMessages += await removeItems(trx, 'messages', ids);
          break;
        case 'wikiPages':
          await removePageRevisions(trx, ids);
          counts.wikiPages += ids.length;
          break;
        case 'files':
          counts.files += await removeFiles(trx, ids);
          break;
        case 'notifications':
          await trx.deleteFrom('notifications').where('id', 'in', ids).execute();
          counts.notifications += ids.length;
          break;
      }
      return ids.length;
    });
    if (found < BATCH) return;
    // Between batches requests get their turn (SQLite answers synchronously).
    await nextTurn();
  }
}

/** Removed rows keep their place with empty text and a deletion time: those are done. */
const notScrubbed = (table: 'posts' | 'comments' | 'messages' | 'answers' | 'answer_comments') => sql<boolean>`(${sql.ref(`${table}.deleted_at`)} is null or ${sql.ref(`${table}.body`)} <> '')`;
/** A question may have no body: its title tells whether it was scrubbed. */
const questionNotScrubbed = sql<boolean>`(questions.deleted_at is null or questions.title <> '' or questions.body <> '')`;

/** Up to BATCH ids of expired items of one type (in one space, or anywhere), leaving out what a hold covers. */
async function expiredIds(trx: Kysely<DB>, type: ContentType, cutoff: string, spaceId: number | null, held: { spaces: number[]; users: number[] }): Promise<number[]> {
  const ids = (rows: { id: number }[]) => rows.map((r) => r.id);
  const hs = held.spaces;
  const hu = held.users;
  switch (type) {
    case 'posts':
      return ids(
        await trx
          .selectFrom('posts')
          .select('posts.id')
          .where('posts.created_at', '<', cutoff)
          .where(notScrubbed('posts'))
          .$if(spaceId !== null, (q) => q.where('posts.space_id', '=', spaceId!))
          .$if(hs.length > 0, (q) => q.where('posts.space_id', 'not in', hs))
          .$if(hu.length > 0, (q) =>
            q
              .where('posts.author_id', 'not in', hu)
              // A held person's comment keeps the post it answers.
              .where((eb) => eb.not(eb.exists(eb.selectFrom('comments').select('comments.id').whereRef('comments.post_id', '=', 'posts.id').where('comments.author_id', 'in', hu).where(notScrubbed('comments'))))),
          )
          .orderBy('posts.id')
          .limit(BATCH)
          .execute(),
      );
    case 'comments':
      return ids(
        await trx
          .selectFrom('comments')
          .innerJoin('posts', 'posts.id', 'comments.post_id')
          .select('comments.id')
          .where('comments.created_at', '<', cutoff)
          .where(notScrubbed('comments'))
          .$if(spaceId !== null, (q) => q.where('posts.space_id', '=', spaceId!))
          .$if(hs.length > 0, (q) => q.where('posts.space_id', 'not in', hs))
          .$if(hu.length > 0, (q) => q.where('comments.author_id', 'not in', hu))
          .orderBy('comments.id')
          .limit(BATCH)
          .execute(),
      );
    case 'questions':
      return ids(
        await trx
          .selectFrom('questions')
          .select('questions.id')
          .where('questions.created_at', '<', cutoff)
          .where(questionNotScrubbed)
          .$if(spaceId !== null, (q) => q.where('questions.space_id', '=', spaceId!))
          .$if(hs.length > 0, (q) => q.where('questions.space_id', 'not in', hs))
          .$if(hu.length > 0, (q) =>
            q
              .where('questions.author_id', 'not in', hu)
              // A held person's answer, or comment on an answer, keeps the question it belongs to.
              .where((eb) =>
                eb.not(
                  eb.exists(
                    eb
                      .selectFrom('answers')
                      .select('answers.id')
                      .whereRef('answers.question_id', '=', 'questions.id')
                      .where((a) =>
                        a.or([
                          a.and([a('answers.author_id', 'in', hu), notScrubbed('answers')]),
                          a.exists(
                            a.selectFrom('answer_comments').select('answer_comments.id').whereRef('answer_comments.answer_id', '=', 'answers.id').where('answer_comments.author_id', 'in', hu).where(notScrubbed('answer_comments')),
                          ),
                        ]),
                      ),
                  ),
                ),
              ),
          )
          .orderBy('questions.id')
          .limit(BATCH)
          .execute(),
      );
    case 'chatMessages':
      return ids(
        await trx
          .selectFrom('messages')
          .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
          .select('messages.id')
          .where('messages.created_at', '<', cutoff)
          .where(notScrubbed('messages'))
          .$if(spaceId !== null, (q) => q.where('conversations.space_id', '=', spaceId!))
          .$if(hs.length > 0, (q) => q.where((eb) => eb.or([eb('conversations.space_id', 'is', null), eb('conversations.space_id', 'not in', hs)])))
          .$if(hu.length > 0, (q) => q.where('messages.author_id', 'not in', hu))
          .orderBy('messages.id')
          .limit(BATCH)
          .execute(),
      );
    case 'wikiPages':
      return ids(
        await trx
          .selectFrom('page_revisions')
          .innerJoin('pages', 'pages.id', 'page_revisions.page_id')
          .select('page_revisions.id')
          .where('page_revisions.created_at', '<', cutoff)
          // Never the current text: each page keeps its latest revision, however old.
          .where((eb) => eb('page_revisions.version', '<', eb.selectFrom('page_revisions as latest').select((l) => l.fn.max('latest.version').as('v')).whereRef('latest.page_id', '=', 'page_revisions.page_id')))
          .$if(spaceId !== null, (q) => q.where('pages.space_id', '=', spaceId!))
          .$if(hs.length > 0, (q) => q.where('pages.space_id', 'not in', hs))
          .$if(hu.length > 0, (q) => q.where('page_revisions.author_id', 'not in', hu))
          .orderBy('page_revisions.id')
          .limit(BATCH)
          .execute(),
      );
    case 'files':
      return ids(
        await trx
          .selectFrom('files')
          .select('files.id')
          .where('files.deleted_at', 'is', null)
          // A file's age is that of its latest version.
          .where('files.updated_at', '<', cutoff)
          .$if(spaceId !== null, (q) => q.where('files.space_id', '=', spaceId!))
          .$if(hs.length > 0, (q) => q.where((eb) => eb.or([eb('files.space_id', 'is', null), eb('files.space_id', 'not in', hs)])))
          .$if(hu.length > 0, (q) => q.where('files.uploader_id', 'not in', hu))
          .orderBy('files.id')
          .limit(BATCH)
          .execute(),
      );
    case 'notifications':
      return ids(
        await trx
          .selectFrom('notifications')
          .select('notifications.id')
          .where('notifications.created_at', '<', cutoff)
          .$if(spaceId !== null, (q) => q.where('notifications.space_id', '=', spaceId!))
          .$if(hs.length > 0, (q) => q.where((eb) => eb.or([eb('notifications.space_id', 'is', null), eb('notifications.space_id', 'not in', hs)])))
          .$if(hu.length > 0, (q) => q.where('notifications.user_id', 'not in', hu))
          .orderBy('notifications.id')
          .limit(BATCH)
          .execute(),
      );
  }
}

/** A space's periods as its readers see them; whether a hold covers it is for members only. */
export async function spaceRetention(svc: Services, actor: Actor, spaceId: number): Promise<SpaceRetention> {
  const ctx = await loadSpaceForView(svc.db, actor, spaceId);
  if (!canReadSpace(actor, ctx)) throw forbidden('only readers of this space see its retention');
  const policy = (await activePolicy(svc.db, svc.dialect)).document.retention;
  const rows = await svc.db.selectFrom('space_retention').select(['type', 'days']).where('space_id', '=', spaceId).execute();
  const own = new Map(rows.map((r) => [r.type, r.days]));
  const member = ctx.membership?.state === 'member';
  return {
    spaceId,
    types: SPACE_RETENTION_TYPES.map((type) => {
      const spaceDays = own.get(type) ?? null;
      return { type, policyDays: policy[type], spaceDays, effectiveDays: shorter(policy[type], spaceDays) };
    }),
    legalHold: member && !!(await activeHold(svc.db, 'space', spaceId)),
    abilities: { manage: spaceAbilities(actor, ctx).manage },
  };
}

/** Space managers shorten (never lengthen) the policy's periods for their space; null follows the policy again. */
export async function setSpaceRetention(svc: Services, actor: Actor, spaceId: number, update: SpaceRetentionUpdate): Promise<void> {
  const ctx = await loadSpaceForView(svc.db, actor, spaceId);
  if (!spaceAbilities(actor, ctx).manage) throw forbidden('only the space’s owners and admins set its retention');
  const policy = (await activePolicy(svc.db, svc.dialect)).document.retention;
  const entries = Object.entries(update.overrides) as [SpaceRetentionType, number | null | undefined][];
  const tooLong = Object.fromEntries(entries.filter(([t, d]) => d != null && policy[t] !== null && d > policy[t]!).map(([t]) => [t, `at most ${policy[t]} days (the works agreement)`]));
  if (Object.keys(tooLong).length) throw invalid('a space may keep content for a shorter time than the works agreement, never longer', { fields: tooLong });
  const changed: Record<string, number | null> = {};
  await write(svc, async (trx) => {
    for (const [type, days] of entries) {
      if (days === undefined) continue;
      await trx.deleteFrom('space_retention').where('space_id', '=', spaceId).where('type', '=', type).execute();
      if (days !== null) await trx.insertInto('space_retention').values({ space_id: spaceId, type, days, updated_by: actor.id, updated_at: nowIso() }).execute();
      changed[type] = days;
    }
    if (Object.keys(changed).length)
      await appendAudit(trx, svc.dialect, { actorId: actor.id, action: 'retention.space_changed', targetType: 'space', targetId: spaceId, details: { days: changed } });
  });
}

/** Whether a hold covers the person asking (the transparency centre says so; never why). */
export async function myLegalHold(db: Kysely<DB>, actor: Actor): Promise<MyLegalHold> {
  const hold = await activeHold(db, 'user', actor.id);
  return { held: !!hold, since: hold?.placed_at ?? null };
}
