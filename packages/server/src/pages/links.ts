/**
 * `[[Page title]]` links between pages of the same space: resolved when a page is saved, so the
 * rendered page links to the page id (or offers to create a missing page), and the link graph
 * ("most linked pages", backlinks) stays current.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

const WIKI_LINK = /\[\[([^[\]\n]{1,200})\]\]/g;

export function wikiLinkTitles(body: string): string[] {
  return [...new Set([...body.matchAll(WIKI_LINK)].map((m) => m[1].trim()).filter(Boolean))];
}

/** Markdown with wiki links turned into ordinary links, and the ids of the pages linked. */
export async function resolveWikiLinks(db: Kysely<DB>, spaceId: number, spaceSlug: string, body: string): Promise<{ markdown: string; linked: number[] }> {
  const titles = wikiLinkTitles(body);
  if (!titles.length) return { markdown: body, linked: [] };
  const pages = await db
    .selectFrom('pages')
    .select(['id', 'title'])
    .where('space_id', '=', spaceId)
    .where('deleted_at', 'is', null)
    .execute();
  const byTitle = new Map(pages.map((p) => [p.title.toLowerCase(), p.id]));
  const linked = new Set<number>();
  // Brackets in titles would break the markdown link text; they cannot occur (see WIKI_LINK).
  const markdown = body.replace(WIKI_LINK, (_all, raw: string) => {
    const title = raw.trim();
    const id = byTitle.get(title.toLowerCase());
    if (id !== undefined) {
      linked.add(id);
      return `[${title}](/pages/${id})`;
    }
    return `[${title}](/spaces/${spaceSlug}/wiki/new?title=${encodeURIComponent(title)})`;
  });
  return { markdown, linked: [...linked] };
}
