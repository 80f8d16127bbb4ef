/** The announcement part of posts: my acknowledgement, and aggregate progress for those who follow it. */
import type { Kysely } from 'kysely';
import type { Post } from '@foyer/shared';
import type { DB } from '../db/schema.js';
import type { Actor } from '../policies/actor.js';
import type { PostContext } from '../policies/posts.js';
import { seesProgress } from '../policies/announcements.js';
import { readerIds } from '../policies/audience.js';

/** Readers of the post now, and how many of them acknowledged it. */
export async function ackCounts(db: Kysely<DB>, ctx: PostContext) {
  const readers = readerIds(db, { space: ctx.space, label: ctx.post.label });
  const [audience, acknowledged] = await Promise.all([
    db.selectFrom(readers.as('r')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db
      .selectFrom('acknowledgements')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('post_id', '=', ctx.post.id)
      .where('user_id', 'in', readerIds(db, { space: ctx.space, label: ctx.post.label }))
      .executeTakeFirstOrThrow(),
  ]);
  return { audience: Number(audience.n), acknowledged: Number(acknowledged.n) };
}

export async function presentAnnouncements(db: Kysely<DB>, actor: Actor, contexts: PostContext[]): Promise<Map<number, NonNullable<Post['announcement']>>> {
  const out = new Map<number, NonNullable<Post['announcement']>>();
  if (!contexts.length) return out;
  const ids = contexts.map((c) => c.post.id);
  const rows = await db.selectFrom('announcements').selectAll().where('post_id', 'in', ids).execute();
  if (!rows.length) return out;
  const mine = new Set(
    (await db.selectFrom('acknowledgements').select('post_id').where('user_id', '=', actor.id).where('post_id', 'in', rows.map((r) => r.post_id)).execute()).map((r) => r.post_id),
  );
  const ctxBy = new Map(contexts.map((c) => [c.post.id, c]));
  for (const r of rows) {
    const ctx = ctxBy.get(r.post_id)!;
    out.set(r.post_id, {
      ackRequired: r.ack_required === 1,
      deadline: r.deadline,
      acknowledged: mine.has(r.post_id),
      progress: seesProgress(actor, ctx) ? await ackCounts(db, ctx) : null,
    });
  }
  return out;
}
