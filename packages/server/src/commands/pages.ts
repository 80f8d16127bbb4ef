/**
 * Wiki pages: every save is a revision. Saves carry the version the editor started from; if someone
 * saved in between, nothing is overwritten — the second writer gets a conflict with both versions.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { write, type Services } from '../services.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../errors.js';
import { nowIso } from '../lib/time.js';
import type { Actor } from '../policies/actor.js';
import { loadSpaceForView, type SpaceRow } from '../policies/spaces.js';
import { assertLabelFits } from '../policies/labels.js';
import { loadPageForRead, pageAbilities } from '../policies/pages.js';
import { assertNotMuted } from '../policies/moderation.js';
import { resolveWikiLinks } from '../pages/links.js';
import { renderMarkdown } from '../markdown/render.js';
import { attachFiles, replaceItemFiles, dropItemFiles, purgeDeletedFiles } from '../files/commands.js';
import { emit } from '../events/outbox.js';

/** A page body as HTML with its [[links]] resolved, and the pages it links to. */
export async function rendered(db: Kysely<DB>, space: SpaceRow, body: string) {
  const { markdown, linked } = await resolveWikiLinks(db, space.id, space.slug, body);
  return { html: renderMarkdown(markdown), linked };
}

export async function writeLinks(trx: Kysely<DB>, pageId: number, linked: number[]) {
  await trx.deleteFrom('page_links').where('from_page', '=', pageId).execute();
  const others = linked.filter((id) => id !== pageId);
  if (others.length) await trx.insertInto('page_links').values(others.map((to) => ({ from_page: pageId, to_page: to }))).execute();
}

async function assertParent(db: Kysely<DB>, spaceId: number, parentId: number | null, pageId?: number) {
  if (parentId === null) return;
  // Walk up from the new parent: it must be in the same space, and not the page itself or below it.
  for (let id: number | null = parentId, depth = 0; id !== null; depth++) {
    if (id === pageId || depth > 50) throw invalid('a page cannot be moved below itself', { fields: { parentId: 'cycle' } });
    const p: { space_id: number; parent_id: number | null; deleted_at: string | null } | undefined = await db
      .selectFrom('pages')
      .select(['space_id', 'parent_id', 'deleted_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!p || p.deleted_at || p.space_id !== spaceId) throw invalid('the parent page is not in this space', { fields: { parentId: 'unknown' } });
    id = p.parent_id;
  }
}

export async function createPage(svc: Services, actor: Actor, spaceId: number, input: { title: string; body: string; parentId?: number; label?: number; fileIds?: number[] }): Promise<number> {
  const ctx = await loadSpaceForView(svc.db, actor, spaceId);
  if (ctx.space.archived_at) throw new AppError(409, 'space_archived', 'this space is archived');
  if (!pageAbilities(actor, ctx).edit) throw forbidden('only members can write pages here');
  await assertNotMuted(svc.db, spaceId, actor.id);
  const label = input.label ?? ctx.space.label_default;
  await assertLabelFits(svc.db, ctx.space, label);
  await assertParent(svc.db, spaceId, input.parentId ?? null);
  const { html, linked } = await rendered(svc.db, ctx.space, input.body);
  const now = nowIso();
  return write(svc, async (trx) => {
    const { id } = await trx
      .insertInto('pages')
      .values({
        space_id: spaceId,
        parent_id: input.parentId ?? null,
        title: input.title,
        body: input.body,
        html,
        label,
        version: 1,
        created_by: actor.id,
        created_at: now,
        updated_by: actor.id,
        updated_at: now,
        deleted_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('page_revisions').values({ page_id: id, version: 1, title: input.title, body: input.body, author_id: actor.id, created_at: now }).execute();
    await writeLinks(trx, id, linked);
    await attachFiles(trx, actor, { type: 'page', id, spaceId }, input.fileIds);
    await trx.updateTable('spaces').set({ last_activity_at: now }).where('id', '=', spaceId).execute();
    await emit(trx, 'page.created', { spaceId, pageId: id }, { spaceId, label });
    return id;
  });
}

export async function savePage(svc: Services, actor: Actor, pageId: number, input: { title: string; body: string; baseVersion: number; fileIds?: number[] }) {
  const ctx = await loadPageForRead(svc.db, actor, pageId);
  if (!pageAbilities(actor, ctx).edit || ctx.space.archived_at) throw forbidden('you cannot edit this page');
  await assertNotMuted(svc.db, ctx.space.id, actor.id);
  const { html, linked } = await rendered(svc.db, ctx.space, input.body);
  const now = nowIso();
  await write(svc, async (trx) => {
    // The version check and the new version are one conditional update: two saves from the same
    // base can never both succeed, on either database.
    const res = await trx
      .updateTable('pages')
      .set({ title: input.title, body: input.body, html, version: input.baseVersion + 1, updated_by: actor.id, updated_at: now })
      .where('id', '=', pageId)
      .where('version', '=', input.baseVersion)
      .executeTakeFirst();
    if (!res.numUpdatedRows) {
      const current = await trx.selectFrom('pages').select(['version', 'title', 'body', 'updated_by', 'updated_at']).where('id', '=', pageId).executeTakeFirstOrThrow();
      throw conflict('someone saved this page since you started; both versions are attached', {
        current: { version: current.version, title: current.title, body: current.body, updatedBy: current.updated_by, updatedAt: current.updated_at },
        yours: { baseVersion: input.baseVersion, title: input.title, body: input.body },
      });
    }
    await trx.insertInto('page_revisions').values({ page_id: pageId, version: input.baseVersion + 1, title: input.title, body: input.body, author_id: actor.id, created_at: now }).execute();
    await writeLinks(trx, pageId, linked);
    await replaceItemFiles(trx, actor, { type: 'page', id: pageId, spaceId: ctx.space.id }, input.fileIds);
    await emit(trx, 'page.updated', { spaceId: ctx.space.id, pageId, version: input.baseVersion + 1 }, { spaceId: ctx.space.id, label: ctx.page.label });
  });
  if (input.fileIds !== undefined) await purgeDeletedFiles(svc);
}

/** Restoring is a new revision with the old text: history is never rewritten. */
export async function restoreRevision(svc: Services, actor: Actor, pageId: number, version: number) {
  const ctx = await loadPageForRead(svc.db, actor, pageId);
  const old = await svc.db.selectFrom('page_revisions').selectAll().where('page_id', '=', pageId).where('version', '=', version).executeTakeFirst();
  if (!old) throw notFound('revision');
  await savePage(svc, actor, pageId, { title: old.title, body: old.body, baseVersion: ctx.page.version });
}

export async function movePage(svc: Services, actor: Actor, pageId: number, parentId: number | null, position: number) {
  const ctx = await loadPageForRead(svc.db, actor, pageId);
  if (!pageAbilities(actor, ctx).edit) throw forbidden('you cannot move this page');
  await assertParent(svc.db, ctx.space.id, parentId, pageId);
  await write(svc, async (trx) => {
    // Siblings at or after the position shift down one place to make room.
    let siblings = trx.updateTable('pages').set((eb) => ({ position: eb('position', '+', 1) })).where('space_id', '=', ctx.space.id).where('position', '>=', position).where('id', '!=', pageId);
    siblings = parentId === null ? siblings.where('parent_id', 'is', null) : siblings.where('parent_id', '=', parentId);
    await siblings.execute();
    await trx.updateTable('pages').set({ parent_id: parentId, position }).where('id', '=', pageId).execute();
    await emit(trx, 'page.moved', { spaceId: ctx.space.id, pageId }, { spaceId: ctx.space.id, label: ctx.page.label });
  });
}

export async function deletePage(svc: Services, actor: Actor, pageId: number) {
  const ctx = await loadPageForRead(svc.db, actor, pageId);
  if (!pageAbilities(actor, ctx).delete) throw forbidden('only space managers can delete pages');
  await write(svc, async (trx) => {
    await trx.updateTable('pages').set({ deleted_at: nowIso() }).where('id', '=', pageId).execute();
    // Children move up to the deleted page's parent instead of disappearing with it.
    await trx.updateTable('pages').set({ parent_id: ctx.page.parent_id }).where('parent_id', '=', pageId).execute();
    await trx.deleteFrom('page_links').where((eb) => eb.or([eb('from_page', '=', pageId), eb('to_page', '=', pageId)])).execute();
    await dropItemFiles(trx, 'page', [pageId]);
    await emit(trx, 'page.deleted', { spaceId: ctx.space.id, pageId }, { spaceId: ctx.space.id, label: ctx.page.label });
  });
  await purgeDeletedFiles(svc);
}
