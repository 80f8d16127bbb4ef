/** Pages with their space, last editor, backlink count and the caller's abilities. */
import type { Kysely } from 'kysely';
import type { PageSummary, WikiPage } from '@foyer/shared';
import type { DB } from '../db/schema.js';
import type { Actor } from '../policies/actor.js';
import { pageAbilities, type PageContext, type PageRow } from '../policies/pages.js';
import { presentUserSummary, USER_SUMMARY_COLUMNS } from './users.js';
import { spaceRef } from './spaces.js';
import { filesOf } from '../files/present.js';

export async function presentPageSummaries(db: Kysely<DB>, rows: PageRow[]): Promise<PageSummary[]> {
  if (!rows.length) return [];
  const ids = rows.map((p) => p.id);
  const [spaces, editors, backlinks] = await Promise.all([
    db.selectFrom('spaces').selectAll().where('id', 'in', [...new Set(rows.map((p) => p.space_id))]).execute(),
    db.selectFrom('users').select([...USER_SUMMARY_COLUMNS]).where('id', 'in', [...new Set(rows.map((p) => p.updated_by))]).execute(),
    db.selectFrom('page_links').select(['to_page', (eb) => eb.fn.countAll<number>().as('n')]).where('to_page', 'in', ids).groupBy('to_page').execute(),
  ]);
  const spaceBy = new Map(spaces.map((s) => [s.id, s]));
  const editorBy = new Map(editors.map((u) => [u.id, u]));
  const linksBy = new Map(backlinks.map((b) => [b.to_page, Number(b.n)]));
  return rows.map((p) => ({
    id: p.id,
    space: spaceRef(spaceBy.get(p.space_id)!),
    parentId: p.parent_id,
    position: p.position,
    title: p.title,
    label: p.label,
    version: p.version,
    updatedBy: presentUserSummary(editorBy.get(p.updated_by)!),
    updatedAt: p.updated_at,
    backlinks: linksBy.get(p.id) ?? 0,
  }));
}

export async function presentPage(db: Kysely<DB>, actor: Actor, ctx: PageContext): Promise<WikiPage> {
  const [summary] = await presentPageSummaries(db, [ctx.page]);
  const files = await filesOf(db, 'page', [ctx.page.id]);
  return { ...summary, body: ctx.page.body, html: ctx.page.html, files: files.get(ctx.page.id) ?? [], abilities: pageAbilities(actor, ctx) };
}
