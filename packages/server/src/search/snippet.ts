/**
 * Highlighted snippets: the stored plain text of a document the viewer may read, HTML-escaped,
 * with <mark> around words whose analysed form matches the query. Computed in the app, so both
 * databases give the same snippet and no user HTML ever passes through.
 */
import { fold, stem, words, type Lang } from './analysis.js';
import type { ParsedQuery } from './query.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const WINDOW = 28;
const MAX_CHARS = 240;

function matcher(h: ParsedQuery['highlight'], lang: Lang) {
  return (word: string) => {
    const f = fold(word);
    const forms = [f, stem(f, lang)];
    return forms.some((x) => h.exact.has(x) || h.prefixes.some((p) => x.startsWith(p)));
  };
}

/** The whole text (titles, names) with matches marked. */
export function highlightAll(text: string, lang: Lang, h: ParsedQuery['highlight']): string {
  return mark(text, 0, text.length, words(text), matcher(h, lang));
}

/** A window of about 28 words around the densest cluster of matches, with matches marked. */
export function snippet(text: string, lang: Lang, h: ParsedQuery['highlight']): string {
  const ws = words(text);
  if (!ws.length) return escapeHtml(text.slice(0, MAX_CHARS));
  const isMatch = matcher(h, lang);
  const hits = ws.map((w) => isMatch(w.word));
  let best = 0;
  let bestCount = -1;
  let count = 0;
  for (let i = 0; i < ws.length; i++) {
    if (hits[i]) count++;
    if (i >= WINDOW && hits[i - WINDOW]) count--;
    if (count > bestCount) {
      bestCount = count;
      best = Math.max(0, i - WINDOW + 1);
    }
  }
  // Start a few words before the first match of the window so it reads in context.
  const first = hits.indexOf(true, best);
  const startWord = first >= 0 ? Math.max(0, Math.min(best, first - 4)) : 0;
  const endWord = Math.min(ws.length, startWord + WINDOW);
  const start = startWord === 0 ? 0 : ws[startWord].start;
  let end = endWord >= ws.length ? text.length : ws[endWord - 1].end;
  if (end - start > MAX_CHARS) end = Math.max(ws[startWord].end, ws.filter((w) => w.end <= start + MAX_CHARS).at(-1)?.end ?? start + MAX_CHARS);
  const body = mark(text, start, end, ws, isMatch);
  return `${start > 0 ? '… ' : ''}${body}${end < text.length ? ' …' : ''}`;
}

function mark(text: string, start: number, end: number, ws: ReturnType<typeof words>, isMatch: (w: string) => boolean): string {
  let out = '';
  let pos = start;
  for (const w of ws) {
    if (w.start < start || w.end > end) continue;
    if (!isMatch(w.word)) continue;
    out += `${escapeHtml(text.slice(pos, w.start))}<mark>${escapeHtml(w.word)}</mark>`;
    pos = w.end;
  }
  return out + escapeHtml(text.slice(pos, end));
}
