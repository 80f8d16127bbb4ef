import { sql, type Kysely } from 'kysely';
import type { Db, Dialect } from './connection.js';
import * as m001 from './migrations/001_core.js';
import * as m002 from './migrations/002_images.js';
import * as m003 from './migrations/003_chat.js';
import * as m004 from './migrations/004_labels.js';
import * as m005 from './migrations/005_shares.js';
import * as m006 from './migrations/006_nudges.js';
import * as m007 from './migrations/007_governance.js';
import * as m008 from './migrations/008_moderation.js';
import * as m009 from './migrations/009_inactivity.js';
import * as m010 from './migrations/010_questions.js';
import * as m011 from './migrations/011_pages.js';
import * as m012 from './migrations/012_previews.js';
import * as m013 from './migrations/013_search.js';
import * as m014 from './migrations/014_files.js';
import * as m015 from './migrations/015_compliance.js';
import * as m016 from './migrations/016_privacy.js';
import * as m017 from './migrations/017_moderation_items.js';
import * as m018 from './migrations/018_retention.js';
import * as m019 from './migrations/019_sealed_access.js';
import * as m020 from './migrations/020_quiet_hours.js';
import * as m021 from './migrations/021_audit_retention.js';
import * as m022 from './migrations/022_search_files.js';
import * as m023 from './migrations/023_drop_answer_count.js';
import * as m024 from './migrations/024_search_compounds.js';

interface Migration {
  name: string;
  up(db: Kysely<any>, dialect: Dialect): Promise<void>;
}
/** Ordered list; append only. */
const MIGRATIONS: Migration[] = [
  { name: '001_core', up: m001.up },
  { name: '002_images', up: m002.up },
  { name: '003_chat', up: m003.up },
  { name: '004_labels', up: m004.up },
  { name: '005_shares', up: m005.up },
  { name: '006_nudges', up: m006.up },
  { name: '007_governance', up: m007.up },
  { name: '008_moderation', up: m008.up },
  { name: '009_inactivity', up: m009.up },
  { name: '010_questions', up: m010.up },
  { name: '011_pages', up: m011.up },
  { name: '012_previews', up: m012.up },
  { name: '013_search', up: m013.up },
  { name: '014_files', up: m014.up },
  { name: '015_compliance', up: m015.up },
  { name: '016_privacy', up: m016.up },
  { name: '017_moderation_items', up: m017.up },
  { name: '018_retention', up: m018.up },
  { name: '019_sealed_access', up: m019.up },
  { name: '020_quiet_hours', up: m020.up },
  { name: '021_audit_retention', up: m021.up },
  { name: '022_search_files', up: m022.up },
  { name: '023_drop_answer_count', up: m023.up },
  { name: '024_search_compounds', up: m024.up },
];

export async function migrate(db: Db): Promise<string[]> {
  const k = db.kysely as unknown as Kysely<any>;
  await k.schema
    .createTable('schema_migrations')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
  const done = new Set((await k.selectFrom('schema_migrations').select('name').execute()).map((r) => r.name as string));
  const applied: string[] = [];
  for (const m of MIGRATIONS) {
    if (done.has(m.name)) continue;
    await k.transaction().execute(async (trx) => {
      if (db.dialect === 'postgres') await sql`select pg_advisory_xact_lock(727274)`.execute(trx);
      const again = await trx.selectFrom('schema_migrations').select('name').where('name', '=', m.name).executeTakeFirst();
      if (again) return;
      await m.up(trx, db.dialect);
      await trx.insertInto('schema_migrations').values({ name: m.name, applied_at: new Date().toISOString() }).execute();
      applied.push(m.name);
    });
  }
  return applied;
}
