/**
 * Post and comment rules: a post is readable exactly when its space is readable and its label
 * allows the reader (guests: at most the organisation's guest maximum). Comments follow their post.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DB, PostTable, CommentTable } from '../db/schema.js';
import type { Actor } from './actor.js';
import { canReadSpace, loadSpaceContext, spaceAbilities, type SpaceContext } from './spaces.js';
import { notFound } from '../errors.js';
import { labelAllows, loadLabelPolicy } from './labels.js';

export type PostRow = Selectable<PostTable>;
export type CommentRow = Selectable<CommentTable>;
export interface PostContext extends SpaceContext {
  post: PostRow;
}

export async function loadPostForRead(db: Kysely<DB>, actor: Actor | null, postId: number): Promise<PostContext> {
  const post = await db.selectFrom('posts').selectAll().where('id', '=', postId).executeTakeFirst();
  if (!post) throw notFound('post');
  const ctx = await loadSpaceContext(db, actor, post.space_id);
  if (!ctx || !canReadSpace(actor, ctx)) throw notFound('post');
  if (actor?.role === 'guest' && !labelAllows(actor, post.label, await loadLabelPolicy(db))) throw notFound('post');
  // Hidden pending review: its author and the space's managers still see it, everyone else as missing.
  if (post.hidden_at && actor?.id !== post.author_id && !spaceAbilities(actor, ctx).manage) throw notFound('post');
  return { ...ctx, post };
}

export function postAbilities(actor: Actor | null, ctx: PostContext) {
  const space = spaceAbilities(actor, ctx);
  const live = !ctx.post.deleted_at && !ctx.space.archived_at;
  const writeScope = !!actor && actor.scope !== 'read';
  const own = !!actor && ctx.post.author_id === actor.id;
  return {
    edit: live && own && writeScope,
    delete: !ctx.post.deleted_at && writeScope && (own || space.manage),
    pin: live && space.pin,
    comment: live && space.read && writeScope,
    react: live && space.read && writeScope,
  };
}

export function commentAbilities(actor: Actor | null, ctx: PostContext, comment: CommentRow) {
  const post = postAbilities(actor, ctx);
  const own = !!actor && comment.author_id === actor.id;
  const live = !comment.deleted_at;
  return {
    edit: live && own && post.comment,
    delete: live && (own || spaceAbilities(actor, ctx).manage) && !!actor && actor.scope !== 'read',
    react: live && post.react,
    reply: live && post.comment && comment.parent_id === null,
  };
}

export async function loadCommentForRead(db: Kysely<DB>, actor: Actor | null, commentId: number) {
  const comment = await db.selectFrom('comments').selectAll().where('id', '=', commentId).executeTakeFirst();
  if (!comment) throw notFound('comment');
  try {
    const ctx = await loadPostForRead(db, actor, comment.post_id);
    if (comment.hidden_at && actor?.id !== comment.author_id && !spaceAbilities(actor, ctx).manage) throw notFound('comment');
    return { ...ctx, comment };
  } catch {
    throw notFound('comment');
  }
}
