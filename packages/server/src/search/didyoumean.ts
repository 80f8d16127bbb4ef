/**
 * "Did you mean": a respelling built only from words of documents the viewer may read. For each
 * query word without a match, documents visible to the viewer that contain a word starting with
 * the same first three (long words: four) letters are read (at most 100, through the same permission condition as every
 * result), and their closest word by edit distance is taken. There is no global vocabulary, so a
 * suggestion can never reveal a word from a hidden item or the name of a secret space.
 */
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../db/schema.js';
import { fold, words } from './analysis.js';
import type { SearchStore } from './store.js';

const SAMPLE = 100;
/** Letters a candidate must share with the word: 3, or 4 for long words (fewer terms to expand). */
const lead = (w: string) => w.slice(0, w.length >= 7 ? 4 : 3);

export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, cur[j]);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

async function visibleWordsLike(db: Kysely<DB>, store: SearchStore, visible: RawBuilder<SqlBool>, word: string): Promise<Map<string, number>> {
  const source = store.match({ positive: [{ kind: 'word', exact: [], prefixes: [lead(word)] }], negative: [] });
  const freq = new Map<string, number>();
  if (!source) return freq;
  const { rows } = await sql<{ title: string; body: string }>`select d.title, d.body from ${source.from} where ${source.where} and ${visible} limit ${SAMPLE}`.execute(db);
  for (const r of rows)
    for (const w of words(`${r.title} ${r.body}`)) {
      const f = fold(w.word);
      if (f.length >= 3 && f.startsWith(lead(word))) freq.set(f, (freq.get(f) ?? 0) + 1);
    }
  return freq;
}

/** A respelled query, or null when no word has a close visible alternative. */
export async function didYouMean(db: Kysely<DB>, store: SearchStore, visible: RawBuilder<SqlBool>, plainWords: string[]): Promise<string | null> {
  let changed = false;
  const out: string[] = [];
  for (const w of plainWords.slice(0, 4)) {
    if (w.length < 4) {
      out.push(w);
      continue;
    }
    const max = w.length <= 5 ? 1 : 2;
    let best: { word: string; d: number; n: number } | null = null;
    for (const [cand, n] of await visibleWordsLike(db, store, visible, w)) {
      const d = editDistance(w, cand, max);
      if (d === 0) {
        best = null; // the word itself exists: nothing to correct here
        break;
      }
      if (d <= max && (!best || d < best.d || (d === best.d && n > best.n))) best = { word: cand, d, n };
    }
    if (best) changed = true;
    out.push(best?.word ?? w);
  }
  return changed ? out.join(' ') : null;
}
