import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection.js';
import { withId } from './helpers.js';

/**
 * Full-text search (docs/adr/0007-search.md). `search_docs` holds one row per searchable item
 * with the columns the permission filter needs; the terms live in FTS5 tables on SQLite and in a
 * GIN-indexed tsvector on PostgreSQL. Triggers on the source tables enqueue every change in the
 * writing transaction, and copy the permission-relevant state (deleted, hidden, label, space)
 * straight into `search_docs`, so a delete, a moderation hide or a label raise leaves search in
 * the same commit; the indexer re-analyses the text after commit.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  let docs = withId(db.schema.createTable('search_docs'), dialect)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('item_id', 'integer', (c) => c.notNull())
    .addColumn('parent_id', 'integer')
    .addColumn('space_id', 'integer')
    .addColumn('conversation_id', 'integer')
    .addColumn('author_id', 'integer')
    .addColumn('label', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('visible', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull());
  if (dialect === 'postgres') docs = docs.addColumn('tsv', sql`tsvector`, (c) => c.notNull()).addColumn('name_terms', 'text');
  await docs.execute();
  await db.schema.createIndex('search_docs_item').on('search_docs').columns(['kind', 'item_id']).unique().execute();
  await db.schema.createIndex('search_docs_parent').on('search_docs').columns(['parent_id', 'kind']).execute();
  await withId(db.schema.createTable('search_queue'), dialect)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('item_id', 'integer', (c) => c.notNull())
    .execute();

  if (dialect === 'postgres') {
    await sql`create index search_docs_tsv on search_docs using gin (tsv)`.execute(db);
    // Search-as-you-type over names and titles only: a small index, fast for short prefixes.
    await sql`create index search_docs_names on search_docs using gin (to_tsvector('simple', name_terms)) where name_terms is not null`.execute(db);
  } else {
    const tokenize = sql.raw(`tokenize = 'unicode61 remove_diacritics 0'`);
    await sql`create virtual table search_fts using fts5(title, body, content = '', contentless_delete = 1, ${tokenize})`.execute(db);
    await sql`create virtual table search_names using fts5(name, content = '', contentless_delete = 1, prefix = '2 3', ${tokenize})`.execute(db);
  }

  for (const t of TRIGGERS) await createTriggers(db, dialect, t);
  // Existing content goes through the same queue as every later change.
  for (const t of TRIGGERS) await sql`insert into search_queue (kind, item_id) select ${t.kind}, id from ${sql.table(t.table)} order by id`.execute(db);
}

export interface TriggerSpec {
  table: string;
  kind: string;
  /** Columns whose change re-indexes the item. */
  columns: string[];
  /** Statements run on update (NEW.*) copying permission state into search_docs. */
  onUpdate: string[];
  /** Statements run on delete (OLD.*). */
  onDelete: string[];
}

export const alive = (row: string, cols: string[]) => cols.map((c) => `${row}.${c} is null`).join(' and ');
export const flag = (cond: string) => `case when ${cond} then 1 else 0 end`;

const TRIGGERS: TriggerSpec[] = [
  {
    table: 'posts',
    kind: 'post',
    columns: ['body', 'label', 'space_id', 'deleted_at', 'hidden_at'],
    onUpdate: [
      `update search_docs set space_id = NEW.space_id, label = NEW.label, visible = ${flag(alive('NEW', ['deleted_at', 'hidden_at']))} where kind = 'post' and item_id = NEW.id`,
      `update search_docs set space_id = NEW.space_id, label = NEW.label, visible = ${flag(`${alive('NEW', ['deleted_at', 'hidden_at'])} and exists (select 1 from comments sc where sc.id = search_docs.item_id and sc.deleted_at is null and sc.hidden_at is null)`)} where parent_id = NEW.id and kind = 'comment'`,
    ],
    onDelete: [`update search_docs set visible = 0 where (kind = 'post' and item_id = OLD.id) or (parent_id = OLD.id and kind = 'comment')`],
  },
  {
    table: 'comments',
    kind: 'comment',
    columns: ['body', 'deleted_at', 'hidden_at'],
    onUpdate: [
      `update search_docs set visible = ${flag(`${alive('NEW', ['deleted_at', 'hidden_at'])} and exists (select 1 from posts sp where sp.id = NEW.post_id and sp.deleted_at is null and sp.hidden_at is null)`)} where kind = 'comment' and item_id = NEW.id`,
    ],
    onDelete: [`update search_docs set visible = 0 where kind = 'comment' and item_id = OLD.id`],
  },
  {
    table: 'questions',
    kind: 'question',
    columns: ['title', 'body', 'tags', 'label', 'space_id', 'deleted_at'],
    onUpdate: [
      `update search_docs set space_id = NEW.space_id, label = NEW.label, visible = ${flag(alive('NEW', ['deleted_at']))} where kind = 'question' and item_id = NEW.id`,
      `update search_docs set space_id = NEW.space_id, label = NEW.label, visible = ${flag(`${alive('NEW', ['deleted_at'])} and exists (select 1 from answers sa where sa.id = search_docs.item_id and sa.deleted_at is null)`)} where parent_id = NEW.id and kind = 'answer'`,
    ],
    onDelete: [`update search_docs set visible = 0 where (kind = 'question' and item_id = OLD.id) or (parent_id = OLD.id and kind = 'answer')`],
  },
  {
    table: 'answers',
    kind: 'answer',
    columns: ['body', 'deleted_at'],
    onUpdate: [
      `update search_docs set visible = ${flag(`${alive('NEW', ['deleted_at'])} and exists (select 1 from questions sq where sq.id = NEW.question_id and sq.deleted_at is null)`)} where kind = 'answer' and item_id = NEW.id`,
    ],
    onDelete: [`update search_docs set visible = 0 where kind = 'answer' and item_id = OLD.id`],
  },
  {
    table: 'pages',
    kind: 'page',
    columns: ['title', 'body', 'label', 'space_id', 'deleted_at'],
    onUpdate: [`update search_docs set space_id = NEW.space_id, label = NEW.label, visible = ${flag(alive('NEW', ['deleted_at']))} where kind = 'page' and item_id = NEW.id`],
    onDelete: [`update search_docs set visible = 0 where kind = 'page' and item_id = OLD.id`],
  },
  {
    table: 'messages',
    kind: 'message',
    columns: ['body', 'deleted_at', 'hidden_at'],
    onUpdate: [`update search_docs set visible = ${flag(alive('NEW', ['deleted_at', 'hidden_at']))} where kind = 'message' and item_id = NEW.id`],
    onDelete: [`update search_docs set visible = 0 where kind = 'message' and item_id = OLD.id`],
  },
  // People and spaces are filtered by their live rows (directory, space visibility): text only.
  { table: 'users', kind: 'person', columns: ['name', 'handle', 'title', 'department', 'site', 'status'], onUpdate: [], onDelete: [] },
  { table: 'spaces', kind: 'space', columns: ['name', 'description', 'slug'], onUpdate: [], onDelete: [] },
];

export async function createTriggers(db: Kysely<any>, dialect: Dialect, t: TriggerSpec) {
  const enqueue = (row: 'NEW' | 'OLD') => `insert into search_queue (kind, item_id) values ('${t.kind}', ${row}.id)`;
  const cols = t.columns.join(', ');
  if (dialect === 'postgres') {
    const body = [
      `if TG_OP = 'DELETE' then`,
      ...t.onDelete.map((s) => `  ${s};`),
      `  ${enqueue('OLD')};`,
      `  return OLD;`,
      `end if;`,
      `if TG_OP = 'UPDATE' then`,
      ...t.onUpdate.map((s) => `  ${s};`),
      `  null;`,
      `end if;`,
      `${enqueue('NEW')};`,
      `return NEW;`,
    ].join('\n');
    await sql.raw(`create function search_sync_${t.table}() returns trigger language plpgsql as $$\nbegin\n${body}\nend\n$$`).execute(db);
    await sql.raw(`create trigger search_sync_${t.table} after insert or delete or update of ${cols} on ${t.table} for each row execute function search_sync_${t.table}()`).execute(db);
    return;
  }
  const trigger = (name: string, event: string, statements: string[]) =>
    sql.raw(`create trigger search_${t.table}_${name} after ${event} on ${t.table} begin\n${statements.map((s) => `  ${s};`).join('\n')}\nend`).execute(db);
  await trigger('insert', 'insert', [enqueue('NEW')]);
  await trigger('update', `update of ${cols}`, [...t.onUpdate, enqueue('NEW')]);
  await trigger('delete', 'delete', [...t.onDelete, enqueue('OLD')]);
}
