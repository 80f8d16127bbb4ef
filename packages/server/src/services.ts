/** What commands, routes and processors share: one database, one bus, one config. */
import type { Kysely } from 'kysely';
import type { DB } from './db/schema.js';
import type { Dialect } from './db/connection.js';
import type { Bus } from './events/bus.js';
import type { Config } from './config.js';
import type { FileStore } from './media/store.js';

export interface Services {
  db: Kysely<DB>;
  dialect: Dialect;
  bus: Bus;
  config: Config;
  files: FileStore;
}

/**
 * Runs a write in one transaction and, after it commits, wakes the outbox readers on every node.
 * Commands use this and nothing else to change state.
 */
export async function write<T>(svc: Services, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  const result = await svc.db.transaction().execute(fn);
  svc.bus.publish({ kind: 'outbox' });
  return result;
}
