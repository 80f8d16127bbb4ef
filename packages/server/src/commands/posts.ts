/** Posts, comments and reactions: every write goes through here. */
import type { Kysely } from 'kysely';
import { extractHashtags, extractMentions, type Reaction } from '@foyer/shared';
import type { DB } from '../db/schema.js';
import { write, type Services } from '../services.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../errors.js';
import { nowIso } from '../lib/time.js';
import type { Actor } from '../policies/actor.js';
import { loadSpaceForView, spaceAbilities, spaceReaders, readerIncludes } from '../policies/spaces.js';
import { loadPostForRead, postAbilities, commentAbilities, loadCommentForRead } from '../policies/posts.js';
import { renderMarkdown } from '../markdown/render.js';
import { assertLabelFits, labelAllows, loadLabelPolicy } from '../policies/labels.js';
import { newReaderCount } from '../policies/audience.js';
import { emit } from '../events/outbox.js';
import { notify } from './notifications.js';
import { attachImages, purgeImages } from './images.js';
import { attachFiles, replaceItemFiles, dropItemFiles, purgeDeletedFiles } from '../files/commands.js';
import { shareableOriginal } from './shares.js';
import { canAnnounce } from '../policies/announcements.js';
import { assertNotMuted } from '../policies/moderation.js';

interface MentionResolution {
  knownHandles: Set<string>;
  readers: { id: number; handle: string }[];
  unreachable: string[];
}

/** Mentioned people who may read the space get notified; the others are reported to the author. */
async function resolveMentions(db: Kysely<DB>, spaceId: number, body: string, label: number): Promise<MentionResolution> {
  const handles = extractMentions(body);
  if (!handles.length) return { knownHandles: new Set(), readers: [], unreachable: [] };
  const users = await db
    .selectFrom('users')
    .select(['id', 'handle', 'role', 'status'])
    .where('handle', 'in', handles)
    .execute();
  const [readersOfSpace, labels] = await Promise.all([spaceReaders(db, spaceId, users.map((u) => u.id)), loadLabelPolicy(db)]);
  const readers: { id: number; handle: string }[] = [];
  const unreachable: string[] = [];
  for (const u of users) {
    const canRead =
      u.status === 'active' &&
      !!readersOfSpace &&
      readerIncludes(readersOfSpace, { id: u.id, role: u.role, scope: 'session' }) &&
      labelAllows({ role: u.role }, label, labels);
    if (canRead) readers.push({ id: u.id, handle: u.handle });
    else unreachable.push(u.handle);
  }
  return { knownHandles: new Set(users.map((u) => u.handle)), readers, unreachable };
}

async function writeHashtags(trx: Kysely<DB>, postId: number, spaceId: number, body: string, fresh = false) {
  if (!fresh) await trx.deleteFrom('post_hashtags').where('post_id', '=', postId).execute();
  const tags = extractHashtags(body);
  if (tags.length)
    await trx
      .insertInto('post_hashtags')
      .values(tags.map((tag) => ({ post_id: postId, tag, space_id: spaceId })))
      .execute();
}

async function followPostImplicitly(trx: Kysely<DB>, userId: number, postId: number) {
  const row = await trx.selectFrom('follow_posts').select('following').where('user_id', '=', userId).where('post_id', '=', postId).executeTakeFirst();
  if (!row) await trx.insertInto('follow_posts').values({ user_id: userId, post_id: postId, following: 1 }).execute();
}

export interface NewPost {
  imageIds?: number[];
  /** Files uploaded before with POST /files by the author. */
  fileIds?: number[];
  label?: number;
  /** Share (embed) this post; the sharer must be able to read it. */
  sharedPostId?: number;
  /** Post as a pinned announcement, optionally to be acknowledged by a deadline. */
  announcement?: { ackRequired: boolean; deadline?: string };
}

export async function createPost(svc: Services, actor: Actor, spaceId: number, body: string, opts: NewPost = {}) {
  const { imageIds = [], label: requestedLabel, sharedPostId, announcement } = opts;
  const ctx = await loadSpaceForView(svc.db, actor, spaceId);
  const can = spaceAbilities(actor, ctx);
  if (ctx.space.archived_at) throw new AppError(409, 'space_archived', 'this space is archived');
  if (!can.post) throw forbidden(can.read ? 'join the space to post' : 'you cannot post here');
  if (!body.trim() && sharedPostId === undefined) throw invalid('a post needs text', { fields: { body: 'empty' } });
  await assertNotMuted(svc.db, spaceId, actor.id);
  if (sharedPostId !== undefined) await shareableOriginal(svc.db, actor, sharedPostId);
  if (announcement) {
    if (!(await canAnnounce(svc.db, actor, ctx))) throw forbidden('only space managers and the communications role can post announcements');
    if (announcement.deadline && Date.parse(announcement.deadline) <= Date.now()) throw invalid('the deadline must lie in the future', { fields: { deadline: 'past' } });
  }
  const label = requestedLabel ?? ctx.space.label_default;
  await assertLabelFits(svc.db, ctx.space, label);
  const mentions = await resolveMentions(svc.db, spaceId, body, label);
  const html = renderMarkdown(body, { knownHandles: mentions.knownHandles });
  const post = await write(svc, async (trx) => {
    const now = nowIso();
    const row = await trx
      .insertInto('posts')
      .values({
        space_id: spaceId,
        author_id: actor.id,
        body,
        html,
        label,
        shared_post_id: sharedPostId ?? null,
        created_at: now,
        edited_at: null,
        deleted_at: null,
        pinned_at: announcement ? now : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const id = row.id;
    await writeHashtags(trx, id, spaceId, body, true);
    if (announcement)
      await trx
        .insertInto('announcements')
        .values({ post_id: id, ack_required: announcement.ackRequired ? 1 : 0, deadline: announcement.deadline ? new Date(announcement.deadline).toISOString() : null, reminded_at: null })
        .execute();
    await attachImages(trx, actor, { postId: id }, imageIds);
    await attachFiles(trx, actor, { type: 'post', id, spaceId }, opts.fileIds);
    await trx.insertInto('follow_posts').values({ user_id: actor.id, post_id: id, following: 1 }).execute();
    for (const m of mentions.readers) {
      await trx.insertInto('mentions').values({ post_id: id, comment_id: 0, user_id: m.id }).execute();
      await notify(trx, { userId: m.id, type: 'mention', actorId: actor.id, spaceId, postId: id });
    }
    await trx.updateTable('spaces').set({ last_activity_at: now }).where('id', '=', spaceId).execute();
    await emit(trx, 'post.created', { spaceId, postId: id, authorId: actor.id }, { spaceId, label });
    return row;
  });
  // The author may read what they just posted: row and space go straight to the presenter.
  return { post, context: { space: ctx.space, membership: ctx.membership }, unreachableMentions: mentions.unreachable };
}

export interface PostChange {
  body?: string;
  label?: number;
  confirmAudience?: boolean;
  /** The complete new list of attached files. */
  fileIds?: number[];
}

/**
 * Edits text and/or label. Raising a label narrows the audience and is always allowed; lowering
 * it so that new people could read (guests above their maximum) needs `confirmAudience`, and for
 * sensitive content (at or above the organisation's sensitive level) the space owner.
 */
export async function updatePost(svc: Services, actor: Actor, postId: number, change: PostChange) {
  const ctx = await loadPostForRead(svc.db, actor, postId);
  const can = postAbilities(actor, ctx);
  const manages = spaceAbilities(actor, ctx).manage;
  const body = change.body !== undefined && change.body !== ctx.post.body ? change.body : undefined;
  const label = change.label !== undefined && change.label !== ctx.post.label ? change.label : undefined;
  if ((body !== undefined || change.fileIds !== undefined) && !can.edit) throw forbidden('only the author can edit this post');
  if (label !== undefined) {
    if (!(can.edit || (manages && !ctx.post.deleted_at))) throw forbidden('only the author or a space manager can change the label');
    await assertLabelFits(svc.db, ctx.space, label);
    if (label < ctx.post.label) {
      const newReaders = await newReaderCount(svc.db, { space: ctx.space, label: ctx.post.label }, { space: ctx.space, label });
      if (newReaders > 0) {
        const policy = await loadLabelPolicy(svc.db);
        if (ctx.post.label >= policy.sensitive && ctx.membership?.role !== 'owner')
          throw forbidden('only a space owner can let more people read confidential content');
        if (!change.confirmAudience)
          throw conflict('the lower label lets more people read this post; confirm the new audience', { newReaders, confirmField: 'confirmAudience' });
      }
    }
  }
  if (body === undefined && label === undefined && change.fileIds === undefined) return { unreachableMentions: [] as string[] };
  const effectiveLabel = label ?? ctx.post.label;
  const mentions = body !== undefined ? await resolveMentions(svc.db, ctx.space.id, body, effectiveLabel) : null;
  const html = body !== undefined ? renderMarkdown(body, { knownHandles: mentions!.knownHandles }) : undefined;
  await write(svc, async (trx) => {
    const now = nowIso();
    if (body !== undefined) {
      await trx
        .insertInto('post_revisions')
        .values({ post_id: postId, editor_id: actor.id, body: ctx.post.body, created_at: ctx.post.edited_at ?? ctx.post.created_at })
        .execute();
      await trx.updateTable('posts').set({ body, html: html!, edited_at: now }).where('id', '=', postId).execute();
      await writeHashtags(trx, postId, ctx.space.id, body);
      const before = new Set(
        (await trx.selectFrom('mentions').select('user_id').where('post_id', '=', postId).where('comment_id', '=', 0).execute()).map((r) => r.user_id),
      );
      for (const m of mentions!.readers) {
        if (before.has(m.id)) continue;
        await trx.insertInto('mentions').values({ post_id: postId, comment_id: 0, user_id: m.id }).execute();
        await notify(trx, { userId: m.id, type: 'mention', actorId: actor.id, spaceId: ctx.space.id, postId });
      }
    }
    if (label !== undefined) await trx.updateTable('posts').set({ label }).where('id', '=', postId).execute();
    await replaceItemFiles(trx, actor, { type: 'post', id: postId, spaceId: ctx.space.id }, change.fileIds);
    // The event carries the lower of both labels: whoever could read before or after hears of it;
    // a guest who lost access refetches the post, gets 404 and drops it.
    await emit(trx, 'post.updated', { spaceId: ctx.space.id, postId }, { spaceId: ctx.space.id, label: Math.min(effectiveLabel, ctx.post.label) });
  });
  if (change.fileIds !== undefined) await purgeDeletedFiles(svc);
  return { unreachableMentions: mentions?.unreachable ?? [] };
}

/** Deleting leaves a tombstone: the row stays for thread structure, its text and history are gone. */
export async function deletePost(svc: Services, actor: Actor, postId: number) {
  const ctx = await loadPostForRead(svc.db, actor, postId);
  if (!postAbilities(actor, ctx).delete) throw forbidden('you cannot delete this post');
  const images = await svc.db.selectFrom('images').select(['key', 'thumb_key']).where('post_id', '=', postId).execute();
  await write(svc, async (trx) => {
    await trx.deleteFrom('images').where('post_id', '=', postId).execute();
    await dropItemFiles(trx, 'post', [postId]);
    await dropItemFiles(trx, 'comment', (await trx.selectFrom('comments').select('id').where('post_id', '=', postId).execute()).map((c) => c.id));
    await trx
      .updateTable('posts')
      .set({ body: '', html: '', deleted_at: nowIso(), pinned_at: null })
      .where('id', '=', postId)
      .execute();
    await trx.deleteFrom('post_revisions').where('post_id', '=', postId).execute();
    await trx.deleteFrom('post_hashtags').where('post_id', '=', postId).execute();
    await trx.deleteFrom('mentions').where('post_id', '=', postId).execute();
    await trx.deleteFrom('bookmarks').where('post_id', '=', postId).execute();
    await emit(trx, 'post.deleted', { spaceId: ctx.space.id, postId }, { spaceId: ctx.space.id, label: ctx.post.label });
  });
  await purgeImages(svc, images.flatMap((i) => [i.key, i.thumb_key]));
  await purgeDeletedFiles(svc);
}

export async function setPinned(svc: Services, actor: Actor, postId: number, pinned: boolean) {
  const ctx = await loadPostForRead(svc.db, actor, postId);
  if (!postAbilities(actor, ctx).pin) throw forbidden('only space owners and admins can pin');
  await write(svc, async (trx) => {
    await trx.updateTable('posts').set({ pinned_at: pinned ? nowIso() : null }).where('id', '=', postId).execute();
    await emit(trx, 'post.updated', { spaceId: ctx.space.id, postId }, { spaceId: ctx.space.id, label: ctx.post.label });
  });
}

export async function createComment(svc: Services, actor: Actor, postId: number, body: string, parentId?: number, fileIds?: number[]) {
  const ctx = await loadPostForRead(svc.db, actor, postId);
  if (!postAbilities(actor, ctx).comment) throw forbidden('you cannot comment here');
  await assertNotMuted(svc.db, ctx.space.id, actor.id);
  let parentAuthor: number | null = null;
  if (parentId) {
    const parent = await svc.db.selectFrom('comments').selectAll().where('id', '=', parentId).executeTakeFirst();
    if (!parent || parent.post_id !== postId) throw invalid('the parent comment is not part of this post', { fields: { parentId: 'unknown' } });
    if (parent.parent_id !== null) throw invalid('replies are one level deep', { fields: { parentId: 'is a reply' } });
    parentAuthor = parent.author_id;
  }
  const mentions = await resolveMentions(svc.db, ctx.space.id, body, ctx.post.label);
  const html = renderMarkdown(body, { knownHandles: mentions.knownHandles });
  const spaceId = ctx.space.id;
  const id = await write(svc, async (trx) => {
    const now = nowIso();
    const { id } = await trx
      .insertInto('comments')
      .values({ post_id: postId, parent_id: parentId ?? null, author_id: actor.id, body, html, created_at: now, edited_at: null, deleted_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.updateTable('posts').set((eb) => ({ comment_count: eb('comment_count', '+', 1) })).where('id', '=', postId).execute();
    await attachFiles(trx, actor, { type: 'comment', id, spaceId }, fileIds);
    await trx.updateTable('spaces').set({ last_activity_at: now }).where('id', '=', spaceId).execute();
    const notified = new Set<number>([actor.id]);
    for (const m of mentions.readers) {
      await trx.insertInto('mentions').values({ post_id: postId, comment_id: id, user_id: m.id }).execute();
      notified.add(m.id);
      await notify(trx, { userId: m.id, type: 'mention', actorId: actor.id, spaceId, postId, commentId: id });
    }
    // Replies go to the parent's author, the post's author and everyone following the post,
    // each of whom must still be able to read it.
    const followers = await trx
      .selectFrom('follow_posts')
      .select('user_id')
      .where('post_id', '=', postId)
      .where('following', '=', 1)
      .execute();
    const candidates = [parentAuthor, ctx.post.author_id, ...followers.map((f) => f.user_id)].filter(
      (u): u is number => u !== null && !notified.has(u),
    );
    if (candidates.length) {
      const readers = await spaceReaders(trx, spaceId, candidates);
      const users = await trx.selectFrom('users').select(['id', 'role']).where('id', 'in', candidates).execute();
      for (const u of users) {
        if (notified.has(u.id) || !readers || !readerIncludes(readers, { id: u.id, role: u.role, scope: 'session' })) continue;
        notified.add(u.id);
        await notify(trx, { userId: u.id, type: 'reply', actorId: actor.id, spaceId, postId, commentId: id });
      }
    }
    await followPostImplicitly(trx, actor.id, postId);
    await emit(trx, 'comment.created', { spaceId, postId, commentId: id, authorId: actor.id }, { spaceId, label: ctx.post.label });
    return id;
  });
  return { id, unreachableMentions: mentions.unreachable };
}

/** `fileIds`: the complete new list of attached files, as for a post; undefined leaves them. */
export async function updateComment(svc: Services, actor: Actor, commentId: number, body: string, fileIds?: number[]) {
  const ctx = await loadCommentForRead(svc.db, actor, commentId);
  if (!commentAbilities(actor, ctx, ctx.comment).edit) throw forbidden('only the author can edit this comment');
  const mentions = await resolveMentions(svc.db, ctx.space.id, body, ctx.post.label);
  const html = renderMarkdown(body, { knownHandles: mentions.knownHandles });
  await write(svc, async (trx) => {
    await trx.updateTable('comments').set({ body, html, edited_at: nowIso() }).where('id', '=', commentId).execute();
    await replaceItemFiles(trx, actor, { type: 'comment', id: commentId, spaceId: ctx.space.id }, fileIds);
    await emit(trx, 'comment.updated', { spaceId: ctx.space.id, postId: ctx.post.id, commentId }, { spaceId: ctx.space.id, label: ctx.post.label });
  });
  if (fileIds !== undefined) await purgeDeletedFiles(svc);
}

export async function deleteComment(svc: Services, actor: Actor, commentId: number) {
  const ctx = await loadCommentForRead(svc.db, actor, commentId);
  if (!commentAbilities(actor, ctx, ctx.comment).delete) throw forbidden('you cannot delete this comment');
  await write(svc, async (trx) => {
    await trx.updateTable('comments').set({ body: '', html: '', deleted_at: nowIso() }).where('id', '=', commentId).execute();
    await trx.updateTable('posts').set((eb) => ({ comment_count: eb('comment_count', '-', 1) })).where('id', '=', ctx.post.id).execute();
    await trx.deleteFrom('mentions').where('comment_id', '=', commentId).execute();
    await dropItemFiles(trx, 'comment', [commentId]);
    await emit(trx, 'comment.deleted', { spaceId: ctx.space.id, postId: ctx.post.id, commentId }, { spaceId: ctx.space.id, label: ctx.post.label });
  });
  await purgeDeletedFiles(svc);
}

export async function setReaction(
  svc: Services,
  actor: Actor,
  target: { postId: number } | { commentId: number },
  reaction: Reaction,
  on: boolean,
) {
  let postId: number, commentId: number, authorId: number, spaceId: number, label: number;
  if ('commentId' in target) {
    const ctx = await loadCommentForRead(svc.db, actor, target.commentId);
    if (!commentAbilities(actor, ctx, ctx.comment).react) throw forbidden('you cannot react here');
    [postId, commentId, authorId, spaceId, label] = [ctx.post.id, ctx.comment.id, ctx.comment.author_id, ctx.space.id, ctx.post.label];
  } else {
    const ctx = await loadPostForRead(svc.db, actor, target.postId);
    if (!postAbilities(actor, ctx).react) throw forbidden('you cannot react here');
    [postId, commentId, authorId, spaceId, label] = [ctx.post.id, 0, ctx.post.author_id, ctx.space.id, ctx.post.label];
  }
  await write(svc, async (trx) => {
    const key = { post_id: postId, comment_id: commentId, user_id: actor.id, reaction };
    const existing = await trx
      .selectFrom('reactions')
      .select('reaction')
      .where('post_id', '=', postId)
      .where('comment_id', '=', commentId)
      .where('user_id', '=', actor.id)
      .where('reaction', '=', reaction)
      .executeTakeFirst();
    if (on === !!existing) return;
    if (on) await trx.insertInto('reactions').values({ ...key, created_at: nowIso() }).execute();
    else
      await trx
        .deleteFrom('reactions')
        .where('post_id', '=', postId)
        .where('comment_id', '=', commentId)
        .where('user_id', '=', actor.id)
        .where('reaction', '=', reaction)
        .execute();
    if (commentId === 0)
      await trx.updateTable('posts').set((eb) => ({ reaction_count: eb('reaction_count', '+', on ? 1 : -1) })).where('id', '=', postId).execute();
    if (on)
      await notify(trx, {
        userId: authorId,
        type: 'reaction',
        actorId: actor.id,
        spaceId,
        postId,
        commentId: commentId || null,
        groupKey: `reaction:${postId}:${commentId}`,
      });
    await emit(trx, 'reaction.changed', { spaceId, postId, commentId: commentId || null }, { spaceId, label });
  });
}

export async function setPostFollow(svc: Services, actor: Actor, postId: number, following: boolean) {
  await loadPostForRead(svc.db, actor, postId);
  await write(svc, async (trx) => {
    await trx.deleteFrom('follow_posts').where('user_id', '=', actor.id).where('post_id', '=', postId).execute();
    await trx.insertInto('follow_posts').values({ user_id: actor.id, post_id: postId, following: following ? 1 : 0 }).execute();
  });
}

export async function setBookmark(svc: Services, actor: Actor, postId: number, saved: boolean) {
  await loadPostForRead(svc.db, actor, postId);
  await write(svc, async (trx) => {
    await trx.deleteFrom('bookmarks').where('user_id', '=', actor.id).where('post_id', '=', postId).execute();
    if (saved) await trx.insertInto('bookmarks').values({ user_id: actor.id, post_id: postId, created_at: nowIso() }).execute();
  });
}

export async function setUserFollow(svc: Services, actor: Actor, userId: number, following: boolean) {
  if (userId === actor.id) throw invalid('you cannot follow yourself');
  await write(svc, async (trx) => {
    await trx.deleteFrom('follow_users').where('follower_id', '=', actor.id).where('followee_id', '=', userId).execute();
    if (following) await trx.insertInto('follow_users').values({ follower_id: actor.id, followee_id: userId, created_at: nowIso() }).execute();
  });
}

export async function setHashtagFollow(svc: Services, actor: Actor, tag: string, following: boolean) {
  if (!/^[\p{L}\p{N}_]{1,64}$/u.test(tag)) throw notFound('hashtag');
  await write(svc, async (trx) => {
    await trx.deleteFrom('follow_hashtags').where('user_id', '=', actor.id).where('tag', '=', tag).execute();
    if (following) await trx.insertInto('follow_hashtags').values({ user_id: actor.id, tag, created_at: nowIso() }).execute();
  });
}

/** Acknowledges an announcement that asks for it; idempotent. */
export async function acknowledge(svc: Services, actor: Actor, postId: number) {
  const ctx = await loadPostForRead(svc.db, actor, postId);
  if (actor.scope === 'read') throw forbidden('this token can only read');
  const a = await svc.db.selectFrom('announcements').selectAll().where('post_id', '=', postId).executeTakeFirst();
  if (!a || a.ack_required !== 1 || ctx.post.deleted_at) throw invalid('this post asks for no acknowledgement');
  await write(svc, async (trx) => {
    const done = await trx.selectFrom('acknowledgements').select('post_id').where('post_id', '=', postId).where('user_id', '=', actor.id).executeTakeFirst();
    if (done) return;
    await trx.insertInto('acknowledgements').values({ post_id: postId, user_id: actor.id, acknowledged_at: nowIso() }).execute();
    // Only the author's view changes (progress); telling the whole space would make every reader refetch.
    await emit(trx, 'post.updated', { spaceId: ctx.space.id, postId }, { userId: ctx.post.author_id });
  });
}

/**
 * Moves a post (with its comment thread) to another space. The difference in readers is shown
 * first: a move that lets new people read needs `confirmAudience`, and for sensitive content the
 * owner of the space it comes from. The label must fit the target space's ceiling.
 */
export async function movePost(svc: Services, actor: Actor, postId: number, toSpaceId: number, confirmAudience = false) {
  const ctx = await loadPostForRead(svc.db, actor, postId);
  if (ctx.post.deleted_at) throw notFound('post');
  if (!(ctx.post.author_id === actor.id || spaceAbilities(actor, ctx).manage)) throw forbidden('only the author or a space manager can move this post');
  if (toSpaceId === ctx.space.id) return;
  const target = await loadSpaceForView(svc.db, actor, toSpaceId);
  if (!spaceAbilities(actor, target).post) throw forbidden('you cannot post in the target space');
  await assertLabelFits(svc.db, target.space, ctx.post.label);
  const newReaders = await newReaderCount(svc.db, { space: ctx.space, label: ctx.post.label }, { space: target.space, label: ctx.post.label });
  if (newReaders > 0) {
    const policy = await loadLabelPolicy(svc.db);
    if (ctx.post.label >= policy.sensitive && ctx.membership?.role !== 'owner')
      throw forbidden('only an owner of the space can let more people read confidential content');
    if (!confirmAudience) throw conflict('the move lets more people read this post; confirm the new audience', { newReaders, confirmField: 'confirmAudience' });
  }
  await write(svc, async (trx) => {
    await trx.updateTable('posts').set({ space_id: toSpaceId }).where('id', '=', postId).execute();
    await trx.updateTable('post_hashtags').set({ space_id: toSpaceId }).where('post_id', '=', postId).execute();
    // Readers of the old space drop it, readers of the new one receive it.
    await emit(trx, 'post.deleted', { spaceId: ctx.space.id, postId }, { spaceId: ctx.space.id, label: ctx.post.label });
    await emit(trx, 'post.created', { spaceId: toSpaceId, postId, authorId: ctx.post.author_id }, { spaceId: toSpaceId, label: ctx.post.label });
  });
}
