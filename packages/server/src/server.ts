/** Opens the database, migrates, connects the bus and builds the app: shared by main and tests. */
import { openDb, type Db } from './db/connection.js';
import { migrate } from './db/migrate.js';
import { memoryBus, redisBus } from './events/bus.js';
import { buildApp, type BuiltApp } from './app.js';
import type { Config } from './config.js';
import type { Services } from './services.js';
import path from 'node:path';
import { localStore } from './media/store.js';

export interface Foyer extends BuiltApp {
  svc: Services;
  db: Db;
  close(): Promise<void>;
}

export async function createFoyer(config: Config, opts: { logger?: boolean } = {}): Promise<Foyer> {
  const db = openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(db);
  const bus = config.redisUrl ? await redisBus(config.redisUrl) : memoryBus();
  const svc: Services = { db: db.kysely, dialect: db.dialect, bus, config, files: localStore(path.join(config.dataDir, 'files')) };
  const built = await buildApp(svc, opts);
  return {
    ...built,
    svc,
    db,
    async close() {
      await built.app.close();
      await bus.close();
      await db.close();
    },
  };
}
