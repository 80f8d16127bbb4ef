/**
 * CommonMark rendering with raw HTML off. Mentions and hashtags become links to their pages;
 * only http(s), mailto and relative links survive (markdown-it's validateLink plus our allow-list).
 */
import markdownit, { type MarkdownIt, type Token, type StateCore } from 'markdown-it';

const TOKEN_RE = /(^|[^\p{L}\p{N}_&/#@.])([#@])([\p{L}\p{N}_][\p{L}\p{N}_.-]{0,63})/gu;
// Links with a scheme must use one of these; relative links are fine.
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto']);

export interface RenderOptions {
  /** Which @handles exist; others (and all, when not given) stay plain text. */
  knownHandles?: Set<string>;
}

function createRenderer(): MarkdownIt {
  const md = markdownit({ html: false, xhtmlOut: true, linkify: true, typographer: false });
  const defaultValidate = md.validateLink.bind(md);
  md.validateLink = (url: string) => {
    const scheme = SCHEME.exec(url.trim())?.[1]?.toLowerCase();
    return defaultValidate(url) && (!scheme || ALLOWED_SCHEMES.has(scheme));
  };
  const defaultLinkOpen =
    md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const href = String(tokens[idx].attrGet('href') ?? '');
    if (/^https?:/i.test(href)) {
      tokens[idx].attrSet('rel', 'noopener noreferrer nofollow');
      tokens[idx].attrSet('target', '_blank');
    }
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  md.core.ruler.after('linkify', 'foyer_tags', (state) => {
    const known = (state.env as { knownHandles?: Set<string> } | undefined)?.knownHandles;
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.children) continue;
      const out: Token[] = [];
      let insideLink = 0;
      for (const tok of block.children) {
        if (tok.type === 'link_open') insideLink++;
        if (tok.type === 'link_close') insideLink--;
        if (tok.type !== 'text' || insideLink > 0) {
          out.push(tok);
          continue;
        }
        let last = 0;
        const text = tok.content;
        for (const m of text.matchAll(TOKEN_RE)) {
          const [, lead, sigil, raw] = m;
          const name = raw.replace(/[.-]+$/, '');
          const isMention = sigil === '@';
          if (isMention && !known?.has(name.toLowerCase())) continue;
          if (!isMention && /^\d+$/.test(name)) continue;
          const start = m.index! + lead.length;
          if (start > last) out.push(textToken(state, text.slice(last, start)));
          const href = isMention ? `/people/${encodeURIComponent(name.toLowerCase())}` : `/tags/${encodeURIComponent(name.toLowerCase())}`;
          const open = new state.Token('link_open', 'a', 1);
          open.attrs = [
            ['href', href],
            ['class', isMention ? 'mention' : 'hashtag'],
          ];
          out.push(open, textToken(state, sigil + name), new state.Token('link_close', 'a', -1));
          last = start + 1 + name.length;
        }
        if (last === 0) out.push(tok);
        else if (last < text.length) out.push(textToken(state, text.slice(last)));
      }
      block.children = out;
    }
  });
  return md;
}

function textToken(state: StateCore, content: string): Token {
  const t = new state.Token('text', '', 0);
  t.content = content;
  return t;
}

const renderer = createRenderer();

export function renderMarkdown(source: string, opts: RenderOptions = {}): string {
  return renderer.render(source, { knownHandles: opts.knownHandles });
}
