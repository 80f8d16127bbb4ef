/**
 * Tells the readers of a post, comment, message, question, answer or page to fetch it again, with
 * the event its own audience receives: after moderation hid, restored or deleted it, or when a
 * file attached to it has a new version. A question's answers are announced as their question (a
 * hidden answer drops out of it); the gateway delivers a hidden question's or page's event only to
 * those who may still read it.
 */
import type { Kysely } from 'kysely';
import type { DB, FileOwnerType } from '../db/schema.js';
import { emit } from './outbox.js';

export type ChangedItemType = Exclude<FileOwnerType, 'upload' | 'space'>;

export async function announceItemChanged(trx: Kysely<DB>, type: ChangedItemType, id: number): Promise<void> {
  const postOf = (postId: number) => trx.selectFrom('posts').select(['space_id', 'label']).where('id', '=', postId).executeTakeFirstOrThrow();
  if (type === 'post') {
    const p = await postOf(id);
    await emit(trx, 'post.updated', { spaceId: p.space_id, postId: id }, { spaceId: p.space_id, label: p.label });
  } else if (type === 'comment') {
    const c = await trx.selectFrom('comments').select('post_id').where('id', '=', id).executeTakeFirstOrThrow();
    const p = await postOf(c.post_id);
    await emit(trx, 'comment.updated', { spaceId: p.space_id, postId: c.post_id, commentId: id }, { spaceId: p.space_id, label: p.label });
  } else if (type === 'message') {
    const m = await trx.selectFrom('messages').select('conversation_id').where('id', '=', id).executeTakeFirstOrThrow();
    await emit(trx, 'message.updated', { conversationId: m.conversation_id, messageId: id }, { conversationId: m.conversation_id });
  } else if (type === 'question' || type === 'answer') {
    const questionId = type === 'question' ? id : (await trx.selectFrom('answers').select('question_id').where('id', '=', id).executeTakeFirstOrThrow()).question_id;
    const q = await trx.selectFrom('questions').select(['space_id', 'label']).where('id', '=', questionId).executeTakeFirstOrThrow();
    await emit(trx, 'question.updated', { spaceId: q.space_id, questionId }, { spaceId: q.space_id, label: q.label });
  } else {
    const p = await trx.selectFrom('pages').select(['space_id', 'label', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    await emit(trx, 'page.updated', { spaceId: p.space_id, pageId: id, version: p.version }, { spaceId: p.space_id, label: p.label });
  }
}
