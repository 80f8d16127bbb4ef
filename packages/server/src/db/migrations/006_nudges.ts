import type { Kysely } from 'kysely';
import type { Dialect } from '../connection.js';
import { withId } from './helpers.js';


/** Author-side nudges: patterns with a minimum label. Matches are never stored. */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await withId(db.schema.createTable('nudge_patterns'), dialect)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('pattern', 'text', (c) => c.notNull())
    .addColumn('min_label', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  const now = new Date().toISOString();
  await db
    .insertInto('nudge_patterns')
    .values([
      { name: 'IBAN', kind: 'iban', pattern: '', min_label: 300, created_at: now },
      { name: 'Vertraulich / Confidential', kind: 'words', pattern: 'vertraulich\nconfidential\nstreng vertraulich\nstrictly confidential', min_label: 300, created_at: now },
      { name: 'Gehalt / Salary', kind: 'words', pattern: 'gehalt\ngehälter\nsalary\nsalaries\nbonus', min_label: 300, created_at: now },
    ])
    .execute();
}
