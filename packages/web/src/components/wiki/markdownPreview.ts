/**
 * The editor's preview. The server renders the stored page (markdown-it, raw HTML off, a link
 * allow-list); the preview uses the same library and settings so what you see is what you save,
 * and resolves `[[Page title]]` against the space's pages the way the server will. It is loaded
 * only when someone opens a preview, and its output still goes through DOMPurify (SafeHtml).
 */
import type { PageSummary } from '../../lib/types';

type Renderer = { render: (src: string) => string };
let loading: Promise<Renderer> | null = null;

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto']);
const WIKI_LINK = /\[\[([^[\]\n]{1,200})\]\]/g;

function renderer(): Promise<Renderer> {
  loading ??= import('markdown-it').then(({ default: markdownit }) => {
    const md = markdownit({ html: false, xhtmlOut: true, linkify: true, typographer: false });
    const validate = md.validateLink.bind(md);
    md.validateLink = (url: string) => {
      const scheme = SCHEME.exec(url.trim())?.[1]?.toLowerCase();
      return validate(url) && (!scheme || ALLOWED_SCHEMES.has(scheme));
    };
    return md;
  });
  return loading;
}

/** `[[Title]]` as a markdown link: to the page of that title in the space, or to "create it". */
function withWikiLinks(body: string, spaceSlug: string, pages: PageSummary[]): string {
  const byTitle = new Map(pages.map((p) => [p.title.toLowerCase(), p.id]));
  return body.replace(WIKI_LINK, (_all, raw: string) => {
    const title = raw.trim();
    if (!title) return _all;
    const id = byTitle.get(title.toLowerCase());
    return id !== undefined ? `[${title}](/pages/${id})` : `[${title}](/spaces/${spaceSlug}/wiki/new?title=${encodeURIComponent(title)})`;
  });
}

export async function renderPreview(body: string, spaceSlug: string, pages: PageSummary[]): Promise<string> {
  return (await renderer()).render(withWikiLinks(body, spaceSlug, pages));
}
