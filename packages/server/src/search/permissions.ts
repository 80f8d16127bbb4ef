/**
 * Which search documents the actor may see, as one SQL condition on `search_docs d` — built from
 * the policy modules, never re-derived: readable spaces (policies/spaces.ts) and the label rule
 * for guests (policies/labels.ts) for space content; the conversations the actor takes part in
 * (policies/conversations.ts) for messages; the directory (policies/users.ts) for people; the
 * spaces the actor may know of (policies/spaces.ts) for spaces. Files follow their owner, as
 * policies/files.ts does: a chat attachment by the conversation rule, everything else by the space
 * rule with the owner's label (a space file's own). Deleted and moderation-hidden items have
 * visible = 0 from the commit that deleted or hid them (013_search triggers, rebuilt for questions,
 * answers and pages by 017_moderation_items; files and their owners by 022_search_files).
 * Kinds whose module the active works agreement switches off are not found at all.
 * Results, counts, facets, snippets and suggestions all go through this one condition.
 */
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Actor } from '../policies/actor.js';
import { readableSpaceIds, visibleSpaceFilter } from '../policies/spaces.js';
import { labelCondition } from '../policies/labels.js';
import { myConversationIds } from '../policies/conversations.js';
import { directoryFilter } from '../policies/users.js';
import type { PolicyDocument, PolicyModule } from '@foyer/shared';
import type { DocKind } from './documents.js';

export const SPACE_CONTENT = ['post', 'comment', 'question', 'answer', 'page'] as const;

/**
 * Document kinds a switched-off module of the works agreement takes out of search. Files attached
 * to such items go too: their owner types are these kinds.
 */
const KINDS_OF_MODULE: Partial<Record<PolicyModule, DocKind[]>> = { chat: ['message'], questions: ['question', 'answer'], wiki: ['page'], files: ['file'] };

export function visibleDocs(db: Kysely<DB>, actor: Actor, policy: PolicyDocument): RawBuilder<SqlBool> {
  const off = (Object.keys(KINDS_OF_MODULE) as PolicyModule[]).filter((m) => !policy.modules[m]).flatMap((m) => KINDS_OF_MODULE[m]!);
  const offOwners = off.filter((k) => k !== 'file');
  const modules = off.length ? sql` and d.kind not in (${sql.join(off)})` : sql``;
  const ownerModules =
    offOwners.length && !off.includes('file')
      ? sql` and not (d.kind = 'file' and exists (select 1 from files mf where mf.id = d.item_id and mf.owner_type in (${sql.join(offOwners)})))`
      : sql``;
  const label = labelCondition(actor, 'd.label');
  const inSpace = sql`d.space_id in (${readableSpaceIds(db, actor)})${label ? sql` and ${label}` : sql``}`;
  const spaceContent = sql`d.kind in ('post', 'comment', 'question', 'answer', 'page') and ${inSpace}`;
  const messages = sql`d.kind = 'message' and d.conversation_id in (${myConversationIds(db, actor)})`;
  const files = sql`d.kind = 'file' and ((d.conversation_id is null and ${inSpace}) or d.conversation_id in (${myConversationIds(db, actor)}))`;
  const people = sql`d.kind = 'person' and d.item_id in (${db.selectFrom('users').select('users.id').where(directoryFilter(actor))})`;
  const spaces = sql`d.kind = 'space' and d.item_id in (${db.selectFrom('spaces').select('spaces.id').where(visibleSpaceFilter(actor))})`;
  return sql<SqlBool>`(d.visible = 1${modules}${ownerModules} and ((${spaceContent}) or (${messages}) or (${files}) or (${people}) or (${spaces})))`;
}

/**
 * The has-files filter: the item has attachments (a file hit is a file). This is the one place
 * that knows where attachments live — images of posts and messages, and rows of the files table
 * (014_files) owned by the item.
 */
export function hasAttachments(): RawBuilder<SqlBool> {
  return sql<SqlBool>`(
    d.kind = 'file'
    or (d.kind = 'post' and exists (select 1 from images i where i.post_id = d.item_id))
    or (d.kind = 'message' and exists (select 1 from images i where i.message_id = d.item_id))
    or (d.kind in ('post', 'comment', 'question', 'answer', 'page', 'message') and exists (select 1 from files f where f.owner_type = d.kind and f.owner_id = d.item_id and f.deleted_at is null))
  )`;
}
