/**
 * Link previews: fetched once per URL through the guarded client and cached without any user
 * context; images are proxied. Links to Foyer itself are never fetched: they are rendered from
 * the database with the viewer's permissions, so a preview can never show more than a read.
 */
import type { Kysely } from 'kysely';
import type { LinkPreview } from '@foyer/shared';
import type { DB } from '../db/schema.js';
import type { Services } from '../services.js';
import type { Actor } from '../policies/actor.js';
import { guardedFetch, FetchRefused, type GuardOptions } from './guard.js';
import { pageMeta } from './html.js';
import { loadPostForRead } from '../policies/posts.js';
import { loadPageForRead } from '../policies/pages.js';
import { loadQuestionForRead } from '../policies/questions.js';
import { excerptOf } from '../presenters/chat.js';
import { nowIso } from '../lib/time.js';

const CACHE_MS = 24 * 3600 * 1000;

export function guardOptions(svc: Services, kind: 'page' | 'image'): GuardOptions {
  return {
    maxBytes: kind === 'page' ? 1_048_576 : 5 * 1_048_576,
    timeoutMs: svc.config.previewTimeoutMs,
    maxRedirects: 5,
    accept: kind === 'page' ? ['text/html', 'application/xhtml+xml'] : ['image/'],
    trustedTestOrigins: svc.config.previewTestOrigins,
  };
}

const proxied = (image: string) => `/api/v1/previews/image?u=${encodeURIComponent(image)}`;

/** Foyer's own pages, by path: what the viewer may read, or nothing. */
async function internalPreview(db: Kysely<DB>, actor: Actor, url: URL): Promise<LinkPreview | null> {
  const m = /^\/(posts|pages|questions)\/(\d+)\/?$/.exec(url.pathname);
  if (!m) return null;
  const id = Number(m[2]);
  try {
    if (m[1] === 'posts') {
      const c = await loadPostForRead(db, actor, id);
      return { url: url.toString(), title: c.space.name, description: c.post.deleted_at ? '' : excerptOf(c.post.body), siteName: 'Foyer', imageUrl: null, internal: true, label: c.post.label };
    }
    if (m[1] === 'pages') {
      const c = await loadPageForRead(db, actor, id);
      return { url: url.toString(), title: c.page.title, description: excerptOf(c.page.body), siteName: c.space.name, imageUrl: null, internal: true, label: c.page.label };
    }
    const c = await loadQuestionForRead(db, actor, id);
    return { url: url.toString(), title: c.question.title, description: excerptOf(c.question.body), siteName: c.space.name, imageUrl: null, internal: true, label: c.question.label };
  } catch {
    return null;
  }
}

function isOwn(svc: Services, url: URL): boolean {
  const own = new Set([svc.config.publicUrl ? new URL(svc.config.publicUrl).origin : `http://localhost:${svc.config.port}`, ...svc.config.allowedOrigins]);
  return own.has(url.origin);
}

/** The preview for a URL, or null when there is none (not fetchable, refused, or not readable). */
export async function previewFor(svc: Services, actor: Actor, raw: string): Promise<LinkPreview | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (isOwn(svc, url)) return internalPreview(svc.db, actor, url);
  const key = url.toString();
  const cached = await svc.db.selectFrom('link_previews').selectAll().where('url', '=', key).executeTakeFirst();
  if (cached && Date.now() - Date.parse(cached.fetched_at) < CACHE_MS) return cached.ok ? present(cached) : null;
  let row: { url: string; ok: number; title: string; description: string; image_url: string | null; site_name: string; fetched_at: string };
  try {
    const page = await guardedFetch(key, guardOptions(svc, 'page'));
    const meta = pageMeta(page.body.toString('utf8'), page.url);
    row = { url: key, ok: meta.title ? 1 : 0, title: meta.title, description: meta.description, image_url: meta.image, site_name: meta.siteName, fetched_at: nowIso() };
  } catch (err) {
    if (!(err instanceof FetchRefused)) throw err;
    // Refusals are cached too, so a hostile URL cannot make Foyer knock on it again and again.
    row = { url: key, ok: 0, title: '', description: '', image_url: null, site_name: '', fetched_at: nowIso() };
  }
  await svc.db.deleteFrom('link_previews').where('url', '=', key).execute();
  await svc.db.insertInto('link_previews').values(row).execute();
  return row.ok ? present(row) : null;
}

function present(r: { url: string; title: string; description: string; image_url: string | null; site_name: string }): LinkPreview {
  return { url: r.url, title: r.title, description: r.description, siteName: r.site_name, imageUrl: r.image_url ? proxied(r.image_url) : null, internal: false, label: null };
}

/** Only images that a cached preview names are proxied: the proxy is not an open fetcher. */
export async function isPreviewImage(db: Kysely<DB>, image: string): Promise<boolean> {
  return !!(await db.selectFrom('link_previews').select('url').where('image_url', '=', image).where('ok', '=', 1).executeTakeFirst());
}
