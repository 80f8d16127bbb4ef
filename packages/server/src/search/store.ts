/**
 * The dialect-specific half of search (the "SearchProvider" of DESIGN.md): where terms are stored
 * and how a parsed query matches them. SQLite keeps terms in contentless FTS5 tables keyed by
 * search_docs.id; PostgreSQL in a GIN-indexed tsvector column with the 'simple' configuration
 * (the terms are already analysed by the app, so both databases index identical tokens).
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Dialect } from '../db/connection.js';
import type { DocKind, SearchDoc } from './documents.js';
import { prefixToFts5, prefixToTsquery, toFts5, toTsquery, type ParsedQuery } from './query.js';

export interface QueueRow {
  kind: string;
  item_id: number;
}

/** A FROM clause (alias `d` for search_docs), its match condition and a score (higher is better). */
export interface NameMatch {
  from: RawBuilder<unknown>;
  where: RawBuilder<unknown>;
  score: RawBuilder<number>;
}

/** A full-text match, with what ranking in tiers needs. */
export interface MatchSource extends NameMatch {
  /** The document id as the full-text index sees it: a range on it narrows the index scan itself. */
  docId: RawBuilder<number>;
  /**
   * A document id such that about the n newest matches (no permission filter, no ranking) lie at
   * or above it, or undefined when fewer match: the lower bound of a candidate set the index
   * narrows to without scoring every match. SQLite finds the exact n-th newest match; PostgreSQL
   * estimates it (see postgresStore).
   */
  candidateBound(db: Kysely<DB>, n: number): Promise<number | undefined>;
  /** Runs a full-text statement so that it reaches its rows through the full-text index. */
  viaIndex<T>(db: Kysely<DB>, run: (db: Kysely<DB>) => Promise<T>): Promise<T>;
}

export interface SearchStore {
  /** Takes up to `n` queued changes for this transaction (never the same ones as another node). */
  claim(trx: Kysely<DB>, n: number): Promise<QueueRow[]>;
  write(trx: Kysely<DB>, docs: SearchDoc[]): Promise<void>;
  remove(trx: Kysely<DB>, kind: DocKind, itemIds: number[]): Promise<void>;
  /**
   * Reclaims the queue's deleted rows after many claims (outside any transaction). PostgreSQL keeps
   * them until a vacuum, and every claim walks them from the head of the queue: after a drain of 4
   * million rows a claim took most of a second, so new items waited that long for search. SQLite
   * frees them on delete. At the end of a backlog the documents' statistics are refreshed too:
   * without them (a cluster without autovacuum) a search took 0.4 s instead of 10 ms.
   */
  reclaimQueue(db: Kysely<DB>, backlogEnded: boolean): Promise<void>;
  /** Full-text match of a parsed query, or null when it has nothing positive to match. */
  match(q: Pick<ParsedQuery, 'positive' | 'negative' | 'mode'>): MatchSource | null;
  /** Prefix match over names and titles (search-as-you-type). */
  matchNames(words: string[]): NameMatch | null;
}

const DOC_COLUMNS = ['kind', 'item_id', 'parent_id', 'space_id', 'conversation_id', 'author_id', 'label', 'visible', 'lang', 'title', 'body', 'created_at'] as const;
const docRow = (d: SearchDoc) => ({
  kind: d.kind,
  item_id: d.itemId,
  parent_id: d.parentId,
  space_id: d.spaceId,
  conversation_id: d.conversationId,
  author_id: d.authorId,
  label: d.label,
  visible: d.visible,
  lang: d.lang,
  title: d.title,
  body: d.body,
  created_at: d.createdAt,
});
/** Rows per multi-row statement: 12 columns x 500 stays far below SQLite's parameter limit. */
const CHUNK = 500;
const updateAll = DOC_COLUMNS.filter((c) => c !== 'kind' && c !== 'item_id');

export const sqliteStore: SearchStore = {
  async claim(trx, n) {
    const rows = await trx.selectFrom('search_queue').select(['id', 'kind', 'item_id']).orderBy('id').limit(n).execute();
    if (rows.length) await trx.deleteFrom('search_queue').where('id', 'in', rows.map((r) => r.id)).execute();
    return rows;
  },
  async reclaimQueue() {},
  async write(trx, docs) {
    // Multi-row statements per chunk: the indexer's cost is per statement far more than per row.
    for (let i = 0; i < docs.length; i += CHUNK) {
      const chunk = docs.slice(i, i + CHUNK);
      const kind = chunk[0].kind;
      const itemIds = chunk.map((d) => d.itemId);
      const before = await trx.selectFrom('search_docs').select('id').where('kind', '=', kind).where('item_id', 'in', itemIds).execute();
      if (before.length) {
        const ids = before.map((r) => r.id);
        await sql`delete from search_fts where rowid in (${sql.join(ids)})`.execute(trx);
        await sql`delete from search_names where rowid in (${sql.join(ids)})`.execute(trx);
      }
      await trx
        .insertInto('search_docs')
        .values(chunk.map(docRow))
        .onConflict((oc) => oc.columns(['kind', 'item_id']).doUpdateSet((eb) => Object.fromEntries(updateAll.map((c) => [c, eb.ref(`excluded.${c}`)]))))
        .execute();
      const rows = await trx.selectFrom('search_docs').select(['id', 'item_id']).where('kind', '=', kind).where('item_id', 'in', itemIds).execute();
      const idOf = new Map(rows.map((r) => [r.item_id, r.id]));
      await sql`insert into search_fts (rowid, title, body) values ${sql.join(chunk.map((d) => sql`(${idOf.get(d.itemId)}, ${d.titleTerms}, ${d.bodyTerms})`))}`.execute(trx);
      const named = chunk.filter((d) => d.nameTerms);
      if (named.length) await sql`insert into search_names (rowid, name) values ${sql.join(named.map((d) => sql`(${idOf.get(d.itemId)}, ${d.nameTerms})`))}`.execute(trx);
    }
  },
  async remove(trx, kind, itemIds) {
    if (!itemIds.length) return;
    const rows = await trx.selectFrom('search_docs').select('id').where('kind', '=', kind).where('item_id', 'in', itemIds).execute();
    for (const { id } of rows) {
      await sql`delete from search_fts where rowid = ${id}`.execute(trx);
      await sql`delete from search_names where rowid = ${id}`.execute(trx);
    }
    if (rows.length) await trx.deleteFrom('search_docs').where('id', 'in', rows.map((r) => r.id)).execute();
  },
  match(q) {
    const expr = toFts5(q);
    if (!expr) return null;
    // bm25 is lower-is-better; titles weigh four times the body.
    return {
      from: sql`search_fts join search_docs d on d.id = search_fts.rowid`,
      where: sql`search_fts match ${expr}`,
      score: sql<number>`-bm25(search_fts, 4.0, 1.0)`,
      docId: sql<number>`search_fts.rowid`,
      // FTS5 walks a doclist backwards by rowid without computing bm25. For several terms it
      // walks every term's list to find their intersection's n-th newest match (measured slower
      // than ranking the intersection, which is small): one tier there.
      candidateBound: async (db, n) =>
        q.positive.length !== 1
          ? undefined
          : (await sql<{ id: number }>`select rowid as id from search_fts where search_fts match ${expr} order by rowid desc limit 1 offset ${n - 1}`.execute(db)).rows[0]?.id,
      // A MATCH always starts from FTS5's index, and a rowid range narrows the scan itself.
      viaIndex: (db, run) => run(db),
    };
  },
  matchNames(ws) {
    const expr = prefixToFts5(ws);
    if (!expr) return null;
    return {
      from: sql`search_names join search_docs d on d.id = search_names.rowid`,
      where: sql`search_names match ${expr}`,
      score: sql<number>`-bm25(search_names)`,
    };
  },
};

const tsv = (d: SearchDoc) => sql`setweight(to_tsvector('simple', ${d.titleTerms}), 'A') || setweight(to_tsvector('simple', ${d.bodyTerms}), 'D')`;

/**
 * PostgreSQL's GIN index returns a bitmap of row locations, not ids, so the exact n-th newest match
 * costs a fetch of every matching row — as much as ranking them. The planner's estimate of the
 * match count (from the tsvector statistics ANALYZE keeps: frequencies of the most common terms)
 * costs a fraction of a millisecond, and ids grow with time: the newest n matches lie in about the
 * newest span·n/estimate ids. A wrong estimate changes only how many matches the first tier holds
 * (a tier that cannot fill the first page is ranked over all matches instead).
 */
async function estimatedBound(db: Kysely<DB>, where: RawBuilder<unknown>, n: number): Promise<number | undefined> {
  const { rows: plan } = await sql<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>`explain (format json) select 1 from search_docs d where ${where}`.execute(db);
  const estimate = plan[0]?.['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? 0;
  if (estimate <= n) return undefined;
  const { rows } = await sql<{ lo: number | null; hi: number | null }>`select min(id) as lo, max(id) as hi from search_docs`.execute(db);
  const { lo, hi } = rows[0] ?? {};
  if (lo == null || hi == null) return undefined;
  const bound = hi - Math.floor(((hi - lo + 1) * n) / estimate);
  return bound > lo ? bound : undefined;
}

/**
 * The planner misjudges full-text statements in two ways that each cost hundreds of milliseconds
 * at two million items (docs/benchmarks.md): with a LIMIT and no order (the facet scan) it expects
 * the matches early in a sequential scan and tests every row's tsvector until it has enough (300 ms
 * for a word in 30,000 items, 46 ms through the GIN bitmap); with an id range (a tier) it walks the
 * primary key over the range (53 ms where intersecting the GIN bitmap with the key range takes
 * 11 ms). Both paths are switched off for these statements, and JIT with them: the planner prices
 * a switched-off path so high that it would compile the statement (another 300 ms).
 */
const bitmapOnly = <T>(db: Kysely<DB>, run: (db: Kysely<DB>) => Promise<T>): Promise<T> =>
  db.transaction().execute(async (trx) => {
    await sql`select set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true), set_config('jit', 'off', true)`.execute(trx);
    return run(trx);
  });

export const postgresStore: SearchStore = {
  async claim(trx, n) {
    // SKIP LOCKED: several nodes drain the queue at once without taking the same rows.
    const { rows } = await sql<QueueRow>`
      delete from search_queue where id in (select id from search_queue order by id limit ${n} for update skip locked)
      returning kind, item_id`.execute(trx);
    if (!rows.length) return rows;
    // Two nodes may hold different queue rows of the same item: the later one waits for the
    // earlier one's commit and then reads the newer source row, so the newest text always wins.
    await sql`select count(pg_advisory_xact_lock(727275, hashtext(s.kind || ':' || s.item_id))) from
      (select distinct kind, item_id from unnest(${rows.map((r) => r.kind)}::text[], ${rows.map((r) => r.item_id)}::int[]) as t(kind, item_id) order by kind, item_id) s`.execute(trx);
    return rows;
  },
  async reclaimQueue(db, backlogEnded) {
    // skip_locked: another node's vacuum or analyze of the same table is as good as ours.
    await sql`vacuum (skip_locked) search_queue`.execute(db);
    if (backlogEnded) await sql`analyze (skip_locked) search_docs`.execute(db);
  },
  async write(trx, docs) {
    const k = trx as unknown as Kysely<any>;
    for (let i = 0; i < docs.length; i += 200) {
      const chunk = docs.slice(i, i + 200);
      await k
        .insertInto('search_docs')
        .values(chunk.map((d) => ({ ...docRow(d), tsv: tsv(d), name_terms: d.nameTerms })))
        .onConflict((oc: any) =>
          oc.columns(['kind', 'item_id']).doUpdateSet((eb: any) => Object.fromEntries([...updateAll, 'tsv', 'name_terms'].map((c) => [c, eb.ref(`excluded.${c}`)]))),
        )
        .execute();
    }
  },
  async remove(trx, kind, itemIds) {
    if (itemIds.length) await trx.deleteFrom('search_docs').where('kind', '=', kind).where('item_id', 'in', itemIds).execute();
  },
  match(q) {
    const expr = toTsquery(q);
    if (!expr) return null;
    const query = sql`to_tsquery('simple', ${expr})`;
    const where = sql`d.tsv @@ ${query}`;
    return {
      from: sql`search_docs d`,
      where,
      score: sql<number>`ts_rank(d.tsv, ${query}, 1)`,
      docId: sql<number>`d.id`,
      candidateBound: (db, n) => estimatedBound(db, where, n),
      viaIndex: bitmapOnly,
    };
  },
  matchNames(ws) {
    const expr = prefixToTsquery(ws);
    if (!expr) return null;
    const query = sql`to_tsquery('simple', ${expr})`;
    return {
      from: sql`search_docs d`,
      where: sql`d.name_terms is not null and to_tsvector('simple', d.name_terms) @@ ${query}`,
      score: sql<number>`ts_rank(to_tsvector('simple', d.name_terms), ${query})`,
    };
  },
};

export const storeFor = (dialect: Dialect): SearchStore => (dialect === 'postgres' ? postgresStore : sqliteStore);
