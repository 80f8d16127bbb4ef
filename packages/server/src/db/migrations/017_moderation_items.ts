import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection.js';
import { alive, createTriggers, flag, type TriggerSpec } from './013_search.js';

/**
 * Moderation reaches questions, answers and wiki pages: they get `hidden_at` like posts, and their
 * search triggers (013_search) are rebuilt so that hiding one takes it out of search in the same
 * commit — a hidden question takes its answers with it, as a hidden post takes its comments.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  for (const table of ['questions', 'answers', 'pages']) await db.schema.alterTable(table).addColumn('hidden_at', 'text').execute();
  for (const t of TRIGGERS) {
    await dropTriggers(db, dialect, t.table);
    await createTriggers(db, dialect, t);
  }
}

const GONE = ['deleted_at', 'hidden_at'];

const TRIGGERS: TriggerSpec[] = [
  {
    table: 'questions',
    kind: 'question',
    columns: ['title', 'body', 'tags', 'label', 'space_id', 'deleted_at', 'hidden_at'],
    onUpdate: [
      `update search_docs set space_id = NEW.space_id, label = NEW.label, visible = ${flag(alive('NEW', GONE))} where kind = 'question' and item_id = NEW.id`,
      `update search_docs set space_id = NEW.space_id, label = NEW.label, visible = ${flag(`${alive('NEW', GONE)} and exists (select 1 from answers sa where sa.id = search_docs.item_id and sa.deleted_at is null and sa.hidden_at is null)`)} where parent_id = NEW.id and kind = 'answer'`,
    ],
    onDelete: [`update search_docs set visible = 0 where (kind = 'question' and item_id = OLD.id) or (parent_id = OLD.id and kind = 'answer')`],
  },
  {
    table: 'answers',
    kind: 'answer',
    columns: ['body', 'deleted_at', 'hidden_at'],
    onUpdate: [
      `update search_docs set visible = ${flag(`${alive('NEW', GONE)} and exists (select 1 from questions sq where sq.id = NEW.question_id and sq.deleted_at is null and sq.hidden_at is null)`)} where kind = 'answer' and item_id = NEW.id`,
    ],
    onDelete: [`update search_docs set visible = 0 where kind = 'answer' and item_id = OLD.id`],
  },
  {
    table: 'pages',
    kind: 'page',
    columns: ['title', 'body', 'label', 'space_id', 'deleted_at', 'hidden_at'],
    onUpdate: [`update search_docs set space_id = NEW.space_id, label = NEW.label, visible = ${flag(alive('NEW', GONE))} where kind = 'page' and item_id = NEW.id`],
    onDelete: [`update search_docs set visible = 0 where kind = 'page' and item_id = OLD.id`],
  },
];

/** Removes the triggers 013_search created for a table (names as createTriggers gives them). */
async function dropTriggers(db: Kysely<any>, dialect: Dialect, table: string) {
  if (dialect === 'postgres') {
    await sql.raw(`drop trigger if exists search_sync_${table} on ${table}`).execute(db);
    await sql.raw(`drop function if exists search_sync_${table}()`).execute(db);
    return;
  }
  for (const event of ['insert', 'update', 'delete']) await sql.raw(`drop trigger if exists search_${table}_${event}`).execute(db);
}
