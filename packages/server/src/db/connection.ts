import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import Database from 'better-sqlite3';
import pg from 'pg';
import fs from 'node:fs';
import path from 'node:path';
import type { DB } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';
export interface Db {
  kysely: Kysely<DB>;
  dialect: Dialect;
  close(): Promise<void>;
}

// int8 (count(*), bigserial) as JS numbers: our ids and counts stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export function openDb(opts: { databaseUrl?: string; dataDir: string; poolSize?: number }): Db {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // An idle connection dropped by the server (restart, failover, admin) must not crash the
    // process: the pool discards it and opens a new one on the next query.
    pool.on('error', () => {});
    const kysely = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { kysely, dialect: 'postgres', close: () => kysely.destroy() };
  }
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const file = path.join(opts.dataDir, 'foyer.db');
  const database = new Database(file);
  // WAL + synchronous=NORMAL survives a process crash (kill -9) without losing committed
  // transactions; only an OS crash could drop the last ones. FULL for the paranoid via config.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // Deleted content is overwritten on disk, not left in free pages (erasure, retention).
  database.pragma('secure_delete = ON');
  database.pragma('cache_size = -65536');
  cacheStatements(database);
  const kysely = new Kysely<DB>({ dialect: new SqliteDialect({ database }) });
  return { kysely, dialect: 'sqlite', close: () => kysely.destroy() };
}

/**
 * Kysely's SQLite driver prepares every statement on every call; preparing is a large share of a
 * cheap query's cost (docs/benchmarks.md). Statements are reusable, so keep the recent ones.
 */
function cacheStatements(database: Database.Database, size = 500): void {
  const prepare = database.prepare.bind(database);
  const cache = new Map<string, Database.Statement>();
  database.prepare = ((raw: string) => {
    // Several processes may share the file: a deferred transaction that read first and then
    // writes fails at once (SQLITE_BUSY_SNAPSHOT) when another process committed in between,
    // without waiting for busy_timeout. Taking the write lock at BEGIN makes writers queue instead.
    const source = raw === 'begin' ? 'begin immediate' : raw;
    let stmt = cache.get(source);
    if (stmt) {
      cache.delete(source); // re-insert: most recently used last
    } else {
      stmt = prepare(source);
      if (cache.size >= size) cache.delete(cache.keys().next().value!);
    }
    cache.set(source, stmt);
    return stmt;
  }) as typeof database.prepare;
}

export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db.kysely);
}
