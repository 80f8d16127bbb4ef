/**
 * Makes deletions final inside the SQLite full-text index. FTS5 records a delete as a marker and
 * keeps the old terms in its segments until they are merged; after an erasure or retention run
 * those terms must be gone, so the segments are rewritten. PostgreSQL keeps no such residue
 * reachable through SQL (dead tuples are invisible and vacuumed). On both, the compound
 * vocabulary (search/compounds.ts) loses the terms no document holds any more.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Dialect } from '../db/connection.js';
import { pruneCompounds } from './compounds.js';
import { storeFor } from './store.js';

const FTS_TABLES = ['search_fts', 'search_names'] as const;

/** Waits until the search queue is empty (the indexer took every change), at most `timeoutMs`. */
export async function searchQueueDrained(db: Kysely<DB>, timeoutMs = 30_000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const left = await db.selectFrom('search_queue').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(left.n) === 0) return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function compactSearchIndex(db: Kysely<DB>, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') for (const table of FTS_TABLES) await sql`insert into ${sql.table(table)} (${sql.table(table)}) values ('optimize')`.execute(db);
  await pruneCompounds(db, storeFor(dialect));
}
