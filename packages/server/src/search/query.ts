/**
 * The search query language: words, "phrases" and -exclusions, nothing else. User text is parsed
 * into analysed terms (letters and digits only) and the FTS5 / tsquery expressions are built from
 * those terms, so no character of the input ever reaches the database's query syntax: quotes,
 * stars, carets, colons, parentheses, NEAR/AND/OR/NOT and column filters are plain separators or
 * plain words.
 */
import { fold, isStopWord, stem, words, LANGS } from './analysis.js';

export const MAX_QUERY_CHARS = 500;
const MAX_TERMS = 8;
const MAX_PHRASE_WORDS = 8;
/** Shorter German stems are not compound keys: too many unrelated words share them. */
const MIN_PREFIX = 4;

const SAFE_TERM = /^[\p{L}\p{N}]+$/u;
/** Terms read back from the database are checked again before they enter an expression. */
const isSafe = (t: string) => SAFE_TERM.test(t);

/**
 * One query word: the forms it matches exactly and the forms it matches as a prefix (only "did you
 * mean" asks for those). `heads` and `suffixes` are the German stems that compounds starting or
 * ending with the word start or end with; `compounds` the indexed terms found for them
 * (search/compounds.ts), matched exactly as well.
 */
export interface WordTerm {
  kind: 'word';
  exact: string[];
  prefixes: string[];
  heads?: string[];
  suffixes?: string[];
  compounds?: string[];
}
/** A phrase: alternative term sequences (German stems, English stems, folded words). */
export interface PhraseTerm {
  kind: 'phrase';
  variants: string[][];
}
export type Term = WordTerm | PhraseTerm;

export interface ParsedQuery {
  /** 'all': every positive term must match (the search box); 'any': at least one (similar items). */
  mode?: 'all' | 'any';
  positive: Term[];
  negative: Term[];
  /** Forms that highlight in snippets (never from excluded words). */
  highlight: { exact: Set<string>; prefixes: string[] };
  /** Folded positive words in order: input for "did you mean". */
  plainWords: string[];
  /** Words or operators dropped (limits, stop words): reported to the client. */
  truncated: boolean;
}

interface RawPart {
  negated: boolean;
  words: string[];
  phrase: boolean;
}

/** Splits the input into words and quoted phrases, each possibly negated with a leading minus. */
function scan(input: string): RawPart[] {
  const s = input.normalize('NFC');
  const parts: RawPart[] = [];
  let i = 0;
  while (i < s.length) {
    if (/\s/u.test(s[i])) {
      i++;
      continue;
    }
    let negated = false;
    // A minus negates only at the start of a chunk ("e-mail" is not an exclusion).
    if (s[i] === '-' && (i === 0 || /\s/u.test(s[i - 1]))) {
      negated = true;
      i++;
    }
    if (s[i] === '"') {
      // An unbalanced quote runs to the end of the input.
      const end = s.indexOf('"', i + 1);
      const stop = end < 0 ? s.length : end;
      parts.push({ negated, words: words(s.slice(i + 1, stop)).map((w) => w.word), phrase: true });
      i = stop + 1;
      continue;
    }
    let k = i;
    while (k < s.length && !/\s/u.test(s[k]) && s[k] !== '"') k++;
    const chunk = words(s.slice(i, k)).map((w) => w.word);
    // "Urlaubs-Antrag" or "foo:bar" is one chunk of several words: matched as a phrase.
    if (chunk.length) parts.push({ negated, words: chunk, phrase: chunk.length > 1 });
    i = k;
  }
  return parts;
}

const unique = <T>(xs: T[]) => [...new Set(xs)];
const isStopAnywhere = (f: string) => LANGS.some((l) => isStopWord(f, l));

/**
 * Inside a compound the German stemmer sees the word behind a longer first part, so its R1/R2
 * regions start earlier and more of the ending goes ("Ordnung" -> "ordnung", but
 * "Geschäftsordnung" -> "geschaftsordn"). Stemming the word behind a neutral pad gives the form it
 * takes at the end of a compound.
 */
const PAD = 'ababab';
function compoundStem(folded: string): string | null {
  const s = stem(PAD + folded, 'de');
  return s.startsWith(PAD) ? s.slice(PAD.length) : null;
}

/** Compound keys are letters only: digits make no compounds, and a number's tail is not a match. */
const COMPOUND_KEY = /^\p{L}+$/u;

function wordTerm(folded: string, positive: boolean): WordTerm {
  const exact = unique([folded, ...LANGS.map((l) => stem(folded, l))]).filter((t) => SAFE_TERM.test(t));
  if (!positive) return { kind: 'word', exact, prefixes: [] };
  const de = stem(folded, 'de');
  const isKey = (k: string | null): k is string => !!k && k.length >= MIN_PREFIX && COMPOUND_KEY.test(k);
  const heads = [de].filter(isKey);
  const suffixes = unique([de, compoundStem(folded)]).filter(isKey);
  return { kind: 'word', exact, prefixes: [], heads, suffixes };
}

function phraseTerm(folded: string[]): PhraseTerm {
  const variants = [folded, ...LANGS.map((l) => folded.map((w) => stem(w, l)))].filter((v) => v.every((t) => SAFE_TERM.test(t)));
  const seen = new Set<string>();
  return { kind: 'phrase', variants: variants.filter((v) => !seen.has(v.join(' ')) && !!seen.add(v.join(' '))) };
}

export function parseQuery(input: string): ParsedQuery {
  const parts = scan(input.slice(0, MAX_QUERY_CHARS));
  const folded = parts.map((p) => ({ ...p, words: p.words.map(fold).filter(Boolean) })).filter((p) => p.words.length);
  // Stop words go, unless the query consists of nothing else ("to be or not to be", "war").
  const content = folded.filter((p) => p.negated || p.words.some((w) => !isStopAnywhere(w)));
  const keepStops = !content.some((p) => !p.negated);
  let truncated = false;
  const positive: Term[] = [];
  const negative: Term[] = [];
  const plainWords: string[] = [];
  const highlight = { exact: new Set<string>(), prefixes: [] as string[] };
  for (const p of folded) {
    let ws = keepStops && !p.negated ? p.words : p.words.filter((w) => !isStopAnywhere(w));
    if (ws.length > MAX_PHRASE_WORDS) {
      ws = ws.slice(0, MAX_PHRASE_WORDS);
      truncated = true;
    }
    if (!ws.length) continue;
    const target = p.negated ? negative : positive;
    if (target.length >= MAX_TERMS) {
      truncated = true;
      continue;
    }
    const term = ws.length === 1 ? wordTerm(ws[0], !p.negated) : phraseTerm(ws);
    if (term.kind === 'word' ? !term.exact.length : !term.variants.length) continue;
    target.push(term);
    if (p.negated) continue;
    plainWords.push(...ws);
    if (term.kind === 'word') {
      term.exact.forEach((t) => highlight.exact.add(t));
      highlight.prefixes.push(...(term.heads ?? []));
    } else term.variants.forEach((v) => v.forEach((t) => highlight.exact.add(t)));
  }
  return { positive, negative, highlight, plainWords, truncated };
}

/**
 * Plain text as a bag of words, any of which may match (similar questions while typing a title):
 * no operators, stop words out, ranked by how many and how rare the shared words are.
 */
export function parseAnyWords(text: string): ParsedQuery {
  const ws = [...new Set(words(text.slice(0, MAX_QUERY_CHARS)).map((w) => fold(w.word)))].filter((w) => w.length >= 3 && !isStopAnywhere(w));
  const parsed = parseQuery(ws.slice(0, MAX_TERMS).join(' '));
  return { ...parsed, mode: 'any' };
}

/** Prefix query for search-as-you-type: every word must match, the last one as a prefix. */
export function parsePrefixQuery(input: string): string[] {
  return words(input.slice(0, 200).normalize('NFC'))
    .map((w) => fold(w.word))
    .filter((t) => t && SAFE_TERM.test(t))
    .slice(0, MAX_TERMS);
}

// ---- FTS5 (SQLite) ----
const q5 = (t: string) => `"${t}"`;
function fts5Term(t: Term, negated: boolean): string {
  if (t.kind === 'phrase') return `(${t.variants.map((v) => q5(v.join(' '))).join(' OR ')})`;
  const alts = [...t.exact.map(q5), ...(negated ? [] : [...t.prefixes.map((p) => `${q5(p)}*`), ...(t.compounds ?? []).filter(isSafe).map(q5)])];
  return `(${alts.join(' OR ')})`;
}

/** FTS5 MATCH expression, or null when nothing positive is left to search for. */
export function toFts5(q: Pick<ParsedQuery, 'positive' | 'negative' | 'mode'>): string | null {
  if (!q.positive.length) return null;
  const pos = q.positive.map((t) => fts5Term(t, false)).join(q.mode === 'any' ? ' OR ' : ' AND ');
  if (!q.negative.length) return pos;
  return `(${pos}) NOT (${q.negative.map((t) => fts5Term(t, true)).join(' OR ')})`;
}

export function prefixToFts5(ws: string[]): string | null {
  if (!ws.length) return null;
  return ws.map((w, i) => (i === ws.length - 1 ? `${q5(w)}*` : q5(w))).join(' AND ');
}

// ---- tsquery (PostgreSQL) ----
const qt = (t: string) => `'${t}'`;
function tsTerm(t: Term, negated: boolean): string {
  if (t.kind === 'phrase') return `(${t.variants.map((v) => `(${v.map(qt).join(' <-> ')})`).join(' | ')})`;
  const alts = [...t.exact.map(qt), ...(negated ? [] : [...t.prefixes.map((p) => `${qt(p)}:*`), ...(t.compounds ?? []).filter(isSafe).map(qt)])];
  return `(${alts.join(' | ')})`;
}

/** Text for to_tsquery('simple', $1), or null when nothing positive is left to search for. */
export function toTsquery(q: Pick<ParsedQuery, 'positive' | 'negative' | 'mode'>): string | null {
  if (!q.positive.length) return null;
  const pos = q.positive.map((t) => tsTerm(t, false)).join(q.mode === 'any' ? ' | ' : ' & ');
  if (!q.negative.length) return pos;
  return `(${pos}) & !(${q.negative.map((t) => tsTerm(t, true)).join(' | ')})`;
}

export function prefixToTsquery(ws: string[]): string | null {
  if (!ws.length) return null;
  return ws.map((w, i) => (i === ws.length - 1 ? `${qt(w)}:*` : qt(w))).join(' & ');
}
