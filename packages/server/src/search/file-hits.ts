/**
 * What a file hit shows besides its name and snippet: the file (kind, size, download) and where it
 * lives. Only called for documents that passed the permission condition; the owner of a visible
 * file is visible by the same rule (022_search_files), so its title may be shown.
 */
import type { Kysely } from 'kysely';
import type { SearchFileHit } from '@foyer/shared';
import type { DB } from '../db/schema.js';
import { fileUrl } from '../files/present.js';

type OwnerType = SearchFileHit['owner']['type'];

export async function fileHitsById(db: Kysely<DB>, fileIds: number[]): Promise<Map<number, SearchFileHit>> {
  const out = new Map<number, SearchFileHit>();
  if (!fileIds.length) return out;
  const rows = await db
    .selectFrom('files as f')
    .innerJoin('file_versions as v', (j) => j.onRef('v.file_id', '=', 'f.id').onRef('v.version', '=', 'f.version'))
    .select(['f.id', 'f.owner_type', 'f.owner_id', 'f.folder_id', 'v.kind', 'v.mime', 'v.size', 'v.version', 'v.thumb_key'])
    .where('f.id', 'in', fileIds)
    .where('f.deleted_at', 'is', null)
    .execute();
  const ids = (type: string) => [...new Set(rows.filter((r) => r.owner_type === type).map((r) => r.owner_id!))];
  const [comments, answers, messages, pages] = await Promise.all([
    ids('comment').length ? db.selectFrom('comments').select(['id', 'post_id as parent']).where('id', 'in', ids('comment')).execute() : [],
    ids('answer').length ? db.selectFrom('answers').select(['id', 'question_id as parent']).where('id', 'in', ids('answer')).execute() : [],
    ids('message').length ? db.selectFrom('messages').select(['id', 'conversation_id as parent']).where('id', 'in', ids('message')).execute() : [],
    ids('page').length ? db.selectFrom('pages').select(['id', 'title']).where('id', 'in', ids('page')).execute() : [],
  ]);
  // Questions for their own files, and for the files of their answers (shown with the question's title).
  const questionIds = [...new Set([...ids('question'), ...answers.map((a) => a.parent)])];
  const questions = questionIds.length ? await db.selectFrom('questions').select(['id', 'title']).where('id', 'in', questionIds).execute() : [];
  const parentOf = new Map<string, number>([...comments.map((c) => ['comment', c] as const), ...answers.map((a) => ['answer', a] as const), ...messages.map((m) => ['message', m] as const)].map(([type, r]) => [`${type}:${r.id}`, r.parent]));
  const titleOf = new Map<string, string>([...questions.map((q) => [`question:${q.id}`, q.title] as const), ...pages.map((p) => [`page:${p.id}`, p.title] as const)]);
  for (const r of rows) {
    if (r.owner_type === 'upload' || r.owner_id === null) continue;
    const type = r.owner_type as OwnerType;
    const parentId = parentOf.get(`${type}:${r.owner_id}`) ?? null;
    const title = type === 'answer' ? (parentId !== null ? (titleOf.get(`question:${parentId}`) ?? null) : null) : (titleOf.get(`${type}:${r.owner_id}`) ?? null);
    out.set(r.id, {
      kind: r.kind,
      mime: r.mime,
      size: Number(r.size),
      url: fileUrl(r.id),
      thumbUrl: r.thumb_key ? `/api/v1/files/${r.id}/thumb?v=${r.version}` : null,
      owner: { type, id: r.owner_id, parentId, title },
      folderId: type === 'space' ? r.folder_id : null,
    });
  }
  return out;
}
