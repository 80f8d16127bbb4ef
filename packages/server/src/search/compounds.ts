/**
 * German compounds (docs/adr/0007-search.md): "Antrag" and "Urlaub" find "Urlaubsantrag". The
 * indexer keeps a vocabulary of the index terms that can be compounds, reversed
 * (`search_suffixes`, 024_search_compounds) and forward (`search_heads`), and a query word's German
 * stems are looked up there as reversed prefixes and as prefixes: range scans on primary keys. The
 * terms found become more exact alternatives of the word; no prefix match reaches the full-text
 * index. The vocabulary is global — it holds words of items the viewer cannot
 * read — so it only widens the match expression; the permission condition still decides every
 * result, count, facet and snippet, and "did you mean" never reads it.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Dialect } from '../db/connection.js';
import type { SearchDoc } from './documents.js';
import type { ParsedQuery, Term } from './query.js';
import type { SearchStore } from './store.js';

/**
 * Shortest term kept: a key has at least 4 letters (query.ts, MIN_PREFIX) and a compound ending in
 * it at least MIN_EXTRA more. A shorter term behind a head is an inflection the stemmers already
 * match; keeping it would only cost writes.
 */
export const MIN_COMPOUND = 7;
/** Letters a compound adds at least to the word: less is an inflection or chance ("Rat"/"Grat"). */
export const MIN_EXTRA = 3;
/**
 * Behind a head any longer term counts, as the prefix match it replaces did: an inflection the
 * item's stemmer left on ("fahrradstellplatze" in an item taken for English) is found too.
 */
const HEAD_EXTRA = 1;
/** Compounds added per key of a query word, shortest first. */
export const MAX_COMPOUNDS = 30;
/** Vocabulary entries read per key at most: a very common head or ending stays a short scan. */
const SCAN = 2_000;
/** Vocabulary entries checked per statement when pruning (SQLite allows 500 selects in a compound). */
const PRUNE_CHUNK = 200;

const LETTERS = /^\p{L}+$/u;
/** By code point, so a term with letters outside the BMP reverses and reverses back intact. */
export const reverse = (t: string) => [...t].reverse().join('');

// Term -> its reversed form, or '' when it cannot be a compound: the indexer sees the same
// (Zipf-distributed) terms over and over, so the check and the reversal are done once per term.
const CACHE_MAX = 200_000;
const reversed = new Map<string, string>();
function candidate(t: string): string {
  let rev = reversed.get(t);
  if (rev === undefined) {
    rev = LETTERS.test(t) ? reverse(t) : '';
    if (reversed.size >= CACHE_MAX) reversed.clear();
    reversed.set(t, rev);
  }
  return rev;
}

/**
 * The reversed terms of documents that may be compounds: letters only, MIN_COMPOUND or longer;
 * distinct. Every language: the detected language of a short text is a guess, and German
 * compounds turn up in English items too.
 */
export function suffixTerms(docs: SearchDoc[]): string[] {
  const out = new Set<string>();
  for (const d of docs) {
    for (const text of [d.titleTerms, d.bodyTerms]) {
      // Walks the space-separated terms without cutting out the many short ones.
      for (let start = 0; start + MIN_COMPOUND <= text.length; ) {
        let end = text.indexOf(' ', start);
        if (end < 0) end = text.length;
        if (end - start >= MIN_COMPOUND) {
          const rev = candidate(text.slice(start, end));
          if (rev) out.add(rev);
        }
        start = end + 1;
      }
    }
  }
  return [...out];
}

/**
 * Adds the compound candidates of written documents to the vocabulary, in the indexer's
 * transaction, with one statement per batch (a single parameter, so SQLite reuses the prepared
 * statement). Terms are never removed here: a stale one expands to a term that matches nothing.
 */
export async function recordCompounds(trx: Kysely<DB>, dialect: Dialect, docs: SearchDoc[]): Promise<void> {
  const revs = suffixTerms(docs);
  if (!revs.length) return;
  // One order for every writer: PostgreSQL transactions inserting overlapping new terms wait for
  // each other in key order and so cannot deadlock (SQLite has one writer at a time).
  const heads = revs.map(reverse);
  if (dialect === 'postgres') {
    await sql`insert into search_suffixes (rev) select unnest(${revs.sort()}::text[]) on conflict do nothing`.execute(trx);
    await sql`insert into search_heads (term) select unnest(${heads.sort()}::text[]) on conflict do nothing`.execute(trx);
  } else {
    await sql`insert into search_suffixes (rev) select value from json_each(${JSON.stringify(revs)}) where true on conflict do nothing`.execute(trx);
    await sql`insert into search_heads (term) select value from json_each(${JSON.stringify(heads)}) where true on conflict do nothing`.execute(trx);
  }
}

/** The first string after every string that starts with `prefix` (byte order = code point order on both databases). */
function upperBound(prefix: string): string {
  const cps = [...prefix];
  const last = cps.pop()!;
  return cps.join('') + String.fromCodePoint(last.codePointAt(0)! + 1);
}

const byLengthThenText = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/**
 * The query with each positive word's compounds filled in: indexed terms that end in one of its
 * suffix keys (at least MIN_EXTRA letters longer) or start with one of its head keys, at
 * most MAX_COMPOUNDS per key (shortest first, then alphabetically), added to the highlighted forms
 * too. One statement for all words. Negative words and phrases are left alone.
 */
export async function expandCompounds(db: Kysely<DB>, q: ParsedQuery): Promise<ParsedQuery> {
  const keys: { term: number; key: string; head: boolean }[] = [];
  q.positive.forEach((t, term) => {
    if (t.kind !== 'word') return;
    for (const key of t.suffixes ?? []) keys.push({ term, key, head: false });
    for (const key of t.heads ?? []) keys.push({ term, key, head: true });
  });
  if (!keys.length) return q;
  const parts = keys.map(({ key, head }, i) => {
    const from = head ? sql`search_heads` : sql`search_suffixes`;
    const column = head ? sql`term` : sql`rev`;
    const start = head ? key : reverse(key);
    return sql`select * from (select ${sql.lit(i)} as k, x from (
        select ${column} as x from ${from} where ${column} >= ${start} and ${column} < ${upperBound(start)} and length(${column}) >= ${[...key].length + (head ? HEAD_EXTRA : MIN_EXTRA)} order by ${column} limit ${SCAN}
      ) s order by length(x), x limit ${MAX_COMPOUNDS}) s${sql.lit(i)}`;
  });
  const { rows } = await sql<{ k: number; x: string }>`${sql.join(parts, sql` union all `)}`.execute(db);
  const found = new Map<number, Set<string>>();
  for (const r of rows) {
    const { term, head } = keys[Number(r.k)];
    const set = found.get(term) ?? new Set<string>();
    set.add(head ? r.x : reverse(r.x));
    found.set(term, set);
  }
  if (!found.size) return q;
  const exact = new Set(q.highlight.exact);
  const positive = q.positive.map((t, i): Term => {
    const set = found.get(i);
    if (t.kind !== 'word' || !set) return t;
    const compounds = [...set].filter((c) => !t.exact.includes(c)).sort(byLengthThenText);
    compounds.forEach((c) => exact.add(c));
    return { ...t, compounds };
  });
  return { ...q, positive, highlight: { exact, prefixes: q.highlight.prefixes } };
}

/**
 * Drops vocabulary terms that no document holds any more, so that erasure and retention leave
 * no word of removed content behind (run after the queue drained, compact.ts). Each term is
 * checked with the store's own match, as a search for it would. A term indexed again while this
 * runs may be dropped; the next document that holds it adds it back.
 */
export async function pruneCompounds(db: Kysely<DB>, store: SearchStore): Promise<number> {
  let removed = 0;
  for (let after = ''; ; ) {
    const revs = (await db.selectFrom('search_suffixes').select('rev').where('rev', '>', after).orderBy('rev').limit(PRUNE_CHUNK).execute()).map((r) => r.rev);
    if (!revs.length) return removed;
    after = revs[revs.length - 1];
    const sources = revs.map((rev) => store.match({ positive: [{ kind: 'word', exact: [reverse(rev)], prefixes: [] }], negative: [] }));
    const checks = sources.flatMap((source, i) => (source ? [sql`select ${sql.lit(i)} as i where exists (select 1 from ${source.from} where ${source.where})`] : []));
    const via = sources.find((source) => source !== null);
    if (!via) continue;
    // Through the index: an EXISTS looks cheap to PostgreSQL's planner as a sequential scan that
    // stops at the first match, which for a term that is gone reads the whole table.
    const { rows } = await via.viaIndex(db, (d) => sql<{ i: number }>`${sql.join(checks, sql` union all `)}`.execute(d));
    const held = new Set(rows.map((r) => revs[Number(r.i)]));
    const gone = revs.filter((r) => !held.has(r));
    if (gone.length) {
      await db.deleteFrom('search_suffixes').where('rev', 'in', gone).execute();
      await db.deleteFrom('search_heads').where('term', 'in', gone.map(reverse)).execute();
    }
    removed += gone.length;
  }
}
