/** Wiki pages follow their space and label like posts; members edit, the space's managers too. */
import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import type { DB, PageTable } from '../db/schema.js';
import type { Actor } from './actor.js';
import { canReadSpace, loadSpaceContext, spaceAbilities, type SpaceContext } from './spaces.js';
import { labelAllows, loadLabelPolicy } from './labels.js';
import { notFound } from '../errors.js';

export type PageRow = Selectable<PageTable>;
export interface PageContext extends SpaceContext {
  page: PageRow;
}

export async function loadPageForRead(db: Kysely<DB>, actor: Actor, id: number): Promise<PageContext> {
  const page = await db.selectFrom('pages').selectAll().where('id', '=', id).executeTakeFirst();
  if (!page || page.deleted_at) throw notFound('page');
  const ctx = await loadSpaceContext(db, actor, page.space_id);
  if (!ctx || !canReadSpace(actor, ctx)) throw notFound('page');
  if (actor.role === 'guest' && !labelAllows(actor, page.label, await loadLabelPolicy(db))) throw notFound('page');
  if (!seesPage(actor, { ...ctx, page })) throw notFound('page');
  return { ...ctx, page };
}

/** Hidden pending review: whoever wrote the current version and the space's managers still see it. REST and realtime delivery both ask this. */
export function seesPage(actor: Actor, ctx: PageContext): boolean {
  return !ctx.page.hidden_at || ctx.page.updated_by === actor.id || spaceAbilities(actor, ctx).manage;
}

/** Lists leave moderation-hidden pages out, except for the person who wrote their current version. */
export function unhiddenPages(actor: Actor) {
  return (eb: ExpressionBuilder<DB, 'pages'>) => eb.or([eb('pages.hidden_at', 'is', null), eb('pages.updated_by', '=', actor.id)]);
}

export function pageAbilities(actor: Actor, ctx: SpaceContext) {
  const space = spaceAbilities(actor, ctx);
  return { edit: space.post, delete: space.manage };
}
