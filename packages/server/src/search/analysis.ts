/**
 * Text analysis shared by the index and the query, so both databases see exactly the same terms:
 * words are folded (case, diacritics, umlauts, ß) and stemmed with Snowball in the item's
 * language; stop words of that language are dropped. The database only ever receives plain
 * space-separated terms made of letters and digits.
 */
import { newStemmer } from 'snowball-stemmers';
import { MARKERS, STOP_WORDS } from './stopwords.js';

export type Lang = 'de' | 'en';
export const LANGS: readonly Lang[] = ['de', 'en'];

/** Longest term kept; longer "words" (hashes, base64) are cut so they cannot bloat the index. */
export const MAX_TERM = 40;

const stemmers = { de: newStemmer('german'), en: newStemmer('english') };
const SPECIAL: Record<string, string> = { ß: 'ss', ẞ: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** Lower case without diacritics: "Straße" -> "strasse", "München" -> "munchen". */
export function fold(word: string): string {
  const plain = word.toLowerCase();
  // Fast path: most words are plain ASCII and need no normalisation.
  if (/^[a-z0-9]*$/.test(plain)) return plain.length > MAX_TERM ? plain.slice(0, MAX_TERM) : plain;
  const lower = plain.replace(/[ßẞæœøłđðþı]/g, (c) => SPECIAL[c] ?? c);
  return lower.normalize('NFKD').replace(/\p{M}+/gu, '').slice(0, MAX_TERM);
}

/** Words of a text with their offsets (for snippets); combining marks stay inside their word. */
export function words(text: string): { word: string; start: number; end: number }[] {
  const out: { word: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu)) out.push({ word: m[0], start: m.index!, end: m.index! + m[0].length });
  return out;
}

// Stemming is the indexer's hottest step; vocabularies are Zipf-shaped, so a plain map cache pays.
const CACHE_MAX = 200_000;
const caches = { de: new Map<string, string>(), en: new Map<string, string>() };

/** Snowball stem of an already folded word (folded again: the English stemmer keeps some accents). */
export function stem(folded: string, lang: Lang): string {
  const cache = caches[lang];
  let s = cache.get(folded);
  if (s === undefined) {
    s = /^\p{N}+$/u.test(folded) ? folded : fold(stemmers[lang].stem(folded)) || folded;
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(folded, s);
  }
  return s;
}

export const isStopWord = (folded: string, lang: Lang) => STOP_WORDS[lang].has(folded);

/**
 * A cheap language guess: which language's marker words occur more often in the first words.
 * Ties (short texts, names, code) fall back to the author's or the organisation's language.
 */
export function detectLanguage(text: string, fallback: Lang): Lang {
  let de = 0;
  let en = 0;
  let n = 0;
  for (const m of text.matchAll(/[\p{L}]+/gu)) {
    const w = fold(m[0]);
    if (MARKERS.de.has(w)) de++;
    if (MARKERS.en.has(w)) en++;
    if (++n >= 300) break;
  }
  if (/[äöüß]/i.test(text.slice(0, 2000))) de += 1;
  return de > en ? 'de' : en > de ? 'en' : fallback;
}

export const toLang = (locale: string | null | undefined): Lang | null => (locale?.toLowerCase().startsWith('de') ? 'de' : locale?.toLowerCase().startsWith('en') ? 'en' : null);

// Raw word -> index term ('' for stop words), per language: folding and stemming once per word.
const termCaches = { de: new Map<string, string>(), en: new Map<string, string>() };

/** Index terms of a text in a language: stemmed, stop words dropped, order kept (phrases). */
export function indexTerms(text: string, lang: Lang): string {
  const cache = termCaches[lang];
  const out: string[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu)) {
    let term = cache.get(m[0]);
    if (term === undefined) {
      const f = fold(m[0]);
      term = !f || isStopWord(f, lang) ? '' : stem(f, lang);
      if (cache.size >= CACHE_MAX) cache.clear();
      cache.set(m[0], term);
    }
    if (term) out.push(term);
  }
  return out.join(' ');
}

/** Index terms for names (people, spaces): folded only, so prefixes of names match as typed. */
export function nameTerms(text: string): string {
  return words(text)
    .map((w) => fold(w.word))
    .filter(Boolean)
    .join(' ');
}

/** Markdown to the plain text that is indexed and shown in snippets: syntax out, words kept (raw HTML stays text, as markdown renders it). */
export function plainText(markdown: string): string {
  return markdown
    .replace(/```[^\n]*\n/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[\[([^\]]+)\]\]/g, '$1')
    .replace(/\[([^\]]*)\]\(([^)]*)\)/g, '$1 $2')
    .replace(/^\s*>+/gm, ' ')
    .replace(/[*_~`#|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
