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

/**
 * A stored policy document. Versions written before the erasure mode moved into the works
 * agreement lack the `erasure` key: for them, the mode the organisation had set (the former
 * `organisation.erasure_mode` setting, no longer changeable) is what was in force and what they
 * show. The first version approved with the key ends this (docs/adr/0012).
 */
export async function readStoredPolicy(db: Kysely<DB>, stored: string): Promise<PolicyDocument> {
  const raw = JSON.parse(stored) as Record<string, unknown>;
  const doc = PolicyDocument.parse(raw);
  if (!('erasure' in raw)) doc.erasure = { mode: await legacyErasureMode(db) };
  return doc;
}

async function legacyErasureMode(db: Kysely<DB>): Promise<PolicyDocument['erasure']['mode']> {
  const org = await db.selectFrom('organisation').select('erasure_mode').executeTakeFirst();
  return org?.erasure_mode === 'pseudonymise' ? 'pseudonymise' : 'remove';
}

async function loadActive(db: Kysely<DB>, dialect: Dialect): Promise<ActivePolicy> {
  const row = await db.selectFrom('policy_versions').select(['id', 'version', 'document']).where('status', '=', 'active').executeTakeFirst();
  if (row) return { id: row.id, version: row.version, document: await readStoredPolicy(db, row.document) };
  return db.transaction().execute((trx) => ensureFirstVersion(trx, dialect));
}

/** Version 1 with today's behaviour, written once (under the audit lock, so two nodes cannot both write it). */
async function ensureFirstVersion(trx: Kysely<DB>, dialect: Dialect): Promise<ActivePolicy> {
  await lockAuditChain(trx, dialect);
  const again = await trx.selectFrom('policy_versions').select(['id', 'version', 'document']).where('status', '=', 'active').executeTakeFirst();
  if (again) return { id: again.id, version: again.version, document: await readStoredPolicy(trx, again.document) };
  // Today's behaviour includes the erasure mode an existing installation had set.
  const document: PolicyDocument = { ...DEFAULT_POLICY, erasure: { mode: await legacyErasureMode(trx) } };
  const now = nowIso();
  const { id } = await trx
    .insertInto('policy_versions')
    .values({
      version: 1,
      status: 'active',
      document: canonicalJson(document),
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
  return { id, version: 1, document };
}
