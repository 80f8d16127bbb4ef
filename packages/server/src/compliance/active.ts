/**
 * The active policy version. Every request to a gated route asks for it, so it is cached per
 * process for a short time; the node that activates a version drops its cache at once, other
 * nodes follow within CACHE_MS.
 */
import type { Kysely } from 'kysely';
import { DEFAULT_POLICY, PolicyDocument } from '@foyer/shared';
import type { DB } from '../db/schema.js';
import type { Dialect } from '../db/connection.js';
import { appendAudit, lockAuditChain } from './audit.js';
import { canonicalJson } from './canonical.js';
import { nowIso } from '../lib/time.js';

export interface ActivePolicy {
  id: number;
  version: number;
  document: PolicyDocument;
}

const CACHE_MS = 2000;
const cache = new WeakMap<Kysely<DB>, { at: number; value: Promise<ActivePolicy> }>();

export function activePolicy(db: Kysely<DB>, dialect: Dialect): Promise<ActivePolicy> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  const value = loadActive(db, dialect);
  cache.set(db, { at: Date.now(), value });
  value.catch(() => cache.delete(db));
  return value;
}

/** Call after a transaction that changed the active version has committed. */
export function forgetActivePolicy(db: Kysely<DB>): void {
  cache.delete(db);
}

async function loadActive(db: Kysely<DB>, dialect: Dialect): Promise<ActivePolicy> {
  const row = await db.selectFrom('policy_versions').select(['id', 'version', 'document']).where('status', '=', 'active').executeTakeFirst();
  if (row) return { id: row.id, version: row.version, document: PolicyDocument.parse(JSON.parse(row.document)) };
  return db.transaction().execute((trx) => ensureFirstVersion(trx, dialect));
}

/** Version 1 with today's behaviour, written once (under the audit lock, so two nodes cannot both write it). */
async function ensureFirstVersion(trx: Kysely<DB>, dialect: Dialect): Promise<ActivePolicy> {
  await lockAuditChain(trx, dialect);
  const again = await trx.selectFrom('policy_versions').select(['id', 'version', 'document']).where('status', '=', 'active').executeTakeFirst();
  if (again) return { id: again.id, version: again.version, document: PolicyDocument.parse(JSON.parse(again.document)) };
  const now = nowIso();
  const { id } = await trx
    .insertInto('policy_versions')
    .values({
      version: 1,
      status: 'active',
      document: canonicalJson(DEFAULT_POLICY),
      note: '',
      base_version: null,
      proposed_by: null,
      proposed_at: now,
      decided_at: now,
      activated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await appendAudit(trx, dialect, { actorId: null, action: 'policy.activated', targetType: 'policy', targetId: 1, details: { version: 1, initial: true } });
  return { id, version: 1, document: DEFAULT_POLICY };
}
