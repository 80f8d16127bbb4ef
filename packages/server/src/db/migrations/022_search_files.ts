import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection.js';
import { createTriggers, type TriggerSpec } from './013_search.js';

/**
 * Files become a search kind (docs/adr/0007-search.md). A file document carries its owner's
 * permission state: the space, label and liveness of the post, comment, question, answer, page or
 * chat message it is attached to (the conversation for messages), or its own label in a space's
 * folders; unattached uploads are never found. The triggers below keep that state current in the
 * writing transaction — when the file changes, and when its owner (or the owner's post or
 * question) is hidden, deleted, moved or relabelled — the same way 013_search does for comments
 * and answers. The indexer computes documents with the same expressions (FILE_DOC_STATE).
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const self = FILE_DOC_STATE('NEW');
  await createTriggers(db, dialect, {
    table: 'files',
    kind: 'file',
    columns: ['name', 'version', 'owner_type', 'owner_id', 'space_id', 'label', 'deleted_at'],
    onUpdate: [
      `update search_docs set parent_id = ${self.parent}, space_id = ${self.space}, conversation_id = ${self.conversation}, label = ${self.label}, visible = ${self.visible} where kind = 'file' and item_id = NEW.id`,
    ],
    onDelete: [`update search_docs set visible = 0 where kind = 'file' and item_id = OLD.id`],
  } satisfies TriggerSpec);
  for (const o of OWNER_TRIGGERS) await createOwnerTriggers(db, dialect, o);
  await sql`insert into search_queue (kind, item_id) select 'file', id from files order by id`.execute(db);
}

/**
 * The permission columns of a file's document, as SQL over a files row (`NEW` in triggers, an
 * alias in the indexer's query): the owner decides, as policies/files.ts does for downloads.
 */
export function FILE_DOC_STATE(f: string) {
  const byOwner = (cases: Record<string, string>, otherwise: string) =>
    `case ${f}.owner_type ${Object.entries(cases)
      .map(([type, expr]) => `when '${type}' then ${expr}`)
      .join(' ')} else ${otherwise} end`;
  const alive = (alias: string) => `${alias}.deleted_at is null and ${alias}.hidden_at is null`;
  // One subquery per owner type reads a column of the space-bearing row (the owner's post or
  // question, a message's conversation).
  const ofOwner = (column: string) => ({
    post: `(select fp.${column} from posts fp where fp.id = ${f}.owner_id)`,
    comment: `(select fp.${column} from comments fc join posts fp on fp.id = fc.post_id where fc.id = ${f}.owner_id)`,
    question: `(select fq.${column} from questions fq where fq.id = ${f}.owner_id)`,
    answer: `(select fq.${column} from answers fa join questions fq on fq.id = fa.question_id where fa.id = ${f}.owner_id)`,
    page: `(select fg.${column} from pages fg where fg.id = ${f}.owner_id)`,
    message: `(select fv.${column} from messages fm join conversations fv on fv.id = fm.conversation_id where fm.id = ${f}.owner_id)`,
  });
  const space = byOwner({ space: `${f}.owner_id`, ...ofOwner('space_id') }, 'null');
  // Attachments have no label of their own: the item's (a channel's for messages) applies.
  const label = `coalesce(${byOwner({ space: `${f}.label`, ...ofOwner('label') }, 'null')}, 0)`;
  const live = byOwner(
    {
      space: '1 = 1',
      post: `exists (select 1 from posts fp where fp.id = ${f}.owner_id and ${alive('fp')})`,
      comment: `exists (select 1 from comments fc join posts fp on fp.id = fc.post_id where fc.id = ${f}.owner_id and ${alive('fc')} and ${alive('fp')})`,
      question: `exists (select 1 from questions fq where fq.id = ${f}.owner_id and ${alive('fq')})`,
      answer: `exists (select 1 from answers fa join questions fq on fq.id = fa.question_id where fa.id = ${f}.owner_id and ${alive('fa')} and ${alive('fq')})`,
      page: `exists (select 1 from pages fg where fg.id = ${f}.owner_id and ${alive('fg')})`,
      message: `exists (select 1 from messages fm where fm.id = ${f}.owner_id and ${alive('fm')})`,
    },
    // 'upload': not attached yet, found by nobody.
    '1 = 0',
  );
  return {
    parent: `case when ${f}.owner_type in ('upload', 'space') then null else ${f}.owner_id end`,
    space,
    conversation: `case when ${f}.owner_type = 'message' then (select fm.conversation_id from messages fm where fm.id = ${f}.owner_id) else null end`,
    label,
    visible: `case when ${f}.deleted_at is null and (${live}) then 1 else 0 end`,
  };
}

interface OwnerTrigger {
  table: string;
  /** Columns whose change can change what the file documents must say. */
  columns: string[];
  /** The files whose documents follow a change of this row (`r` is NEW or OLD). */
  files(r: string): string;
}

const filesOf = (type: string, ids: string) => `select id from files where owner_type = '${type}' and owner_id in (${ids})`;

const OWNER_TRIGGERS: OwnerTrigger[] = [
  {
    table: 'posts',
    columns: ['label', 'space_id', 'deleted_at', 'hidden_at'],
    files: (r) => `${filesOf('post', `${r}.id`)} union all ${filesOf('comment', `select tc.id from comments tc where tc.post_id = ${r}.id`)}`,
  },
  { table: 'comments', columns: ['deleted_at', 'hidden_at'], files: (r) => filesOf('comment', `${r}.id`) },
  {
    table: 'questions',
    columns: ['label', 'space_id', 'deleted_at', 'hidden_at'],
    files: (r) => `${filesOf('question', `${r}.id`)} union all ${filesOf('answer', `select ta.id from answers ta where ta.question_id = ${r}.id`)}`,
  },
  { table: 'answers', columns: ['deleted_at', 'hidden_at'], files: (r) => filesOf('answer', `${r}.id`) },
  { table: 'pages', columns: ['label', 'space_id', 'deleted_at', 'hidden_at'], files: (r) => filesOf('page', `${r}.id`) },
  { table: 'messages', columns: ['deleted_at', 'hidden_at'], files: (r) => filesOf('message', `${r}.id`) },
];

/** Recomputes the documents of the files an owner row holds (after an update or delete of that row). */
function refresh(o: OwnerTrigger, row: 'NEW' | 'OLD'): string {
  const s = FILE_DOC_STATE('sf');
  const of = (expr: string) => `(select ${expr} from files sf where sf.id = search_docs.item_id)`;
  return `update search_docs set space_id = ${of(s.space)}, label = coalesce(${of(s.label)}, search_docs.label), visible = coalesce(${of(s.visible)}, 0) where kind = 'file' and item_id in (${o.files(row)})`;
}

async function createOwnerTriggers(db: Kysely<any>, dialect: Dialect, o: OwnerTrigger) {
  const name = `search_file_docs_${o.table}`;
  if (dialect === 'postgres') {
    const body = [`if TG_OP = 'DELETE' then`, `  ${refresh(o, 'OLD')};`, `  return OLD;`, `end if;`, `${refresh(o, 'NEW')};`, `return NEW;`].join('\n');
    await sql.raw(`create function ${name}() returns trigger language plpgsql as $$\nbegin\n${body}\nend\n$$`).execute(db);
    await sql.raw(`create trigger ${name} after delete or update of ${o.columns.join(', ')} on ${o.table} for each row execute function ${name}()`).execute(db);
    return;
  }
  await sql.raw(`create trigger ${name}_update after update of ${o.columns.join(', ')} on ${o.table} begin\n  ${refresh(o, 'NEW')};\nend`).execute(db);
  await sql.raw(`create trigger ${name}_delete after delete on ${o.table} begin\n  ${refresh(o, 'OLD')};\nend`).execute(db);
}
