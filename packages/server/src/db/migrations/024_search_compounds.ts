import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection.js';

/**
 * German compounds by suffix (docs/adr/0007-search.md): the index terms that
 * can be compounds, reversed, so that "antrag" finds "urlaubsantrag" with a range scan on the
 * primary key. Byte order (PostgreSQL `collate "C"`, SQLite's binary collation) makes a key range
 * exactly the terms with a given reversed prefix. Written by the indexer only; `compactSearchIndex`
 * drops terms that no document holds any more (erasure, retention). `search_heads` holds the same
 * terms forward, so that "urlaub" finds "urlaubsantrag" the same way: a range of real terms instead
 * of a prefix match, which GIN answers with a union of every matching entry and a recheck of
 * each row (docs/benchmarks.md).
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') await sql`create table search_suffixes (rev text collate "C" primary key)`.execute(db);
  else await sql`create table search_suffixes (rev text primary key) without rowid`.execute(db);
  if (dialect === 'postgres') await sql`create table search_heads (term text collate "C" primary key)`.execute(db);
  else await sql`create table search_heads (term text primary key) without rowid`.execute(db);
  // Existing documents are analysed again (search keeps answering meanwhile), which fills the tables.
  await sql`insert into search_queue (kind, item_id) select kind, item_id from search_docs order by id`.execute(db);
}
