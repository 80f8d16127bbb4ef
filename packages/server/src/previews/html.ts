/** Title, description, image and site name from an HTML page's head: Open Graph first, then the basics. */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decode(text: string): string {
  return text
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
      if (e[0] === '#') {
        const code = e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : '';
      }
      return ENTITIES[e.toLowerCase()] ?? all;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export interface PageMeta {
  title: string;
  description: string;
  image: string | null;
  siteName: string;
}

export function pageMeta(html: string, baseUrl: string): PageMeta {
  // Only the head matters, and a bounded slice keeps hostile pages cheap to scan.
  const head = html.slice(0, 200_000).split(/<\/head>/i)[0];
  const metas = new Map<string, string>();
  for (const tag of head.match(/<meta\b[^>]{0,2000}>/gi) ?? []) {
    const attr = (name: string) => new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(tag);
    const key = attr('property') ?? attr('name');
    const content = attr('content');
    if (key && content) metas.set((key[2] ?? key[3] ?? key[4]).toLowerCase(), decode(content[2] ?? content[3] ?? content[4] ?? ''));
  }
  const titleTag = /<title\b[^>]{0,200}>([^<]{0,1000})<\/title>/i.exec(head)?.[1];
  let image = metas.get('og:image') ?? metas.get('twitter:image') ?? null;
  if (image) {
    try {
      image = new URL(image, baseUrl).toString();
    } catch {
      image = null;
    }
  }
  return {
    title: clip(metas.get('og:title') ?? (titleTag ? decode(titleTag) : ''), 200),
    description: clip(metas.get('og:description') ?? metas.get('description') ?? '', 400),
    image,
    siteName: clip(metas.get('og:site_name') ?? new URL(baseUrl).hostname, 100),
  };
}
