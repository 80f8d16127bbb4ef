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
  if (lastParsed?.stored !== stored) {
    const raw = JSON.parse(stored) as Record<string, unknown>;
    lastParsed = { stored, document: PolicyDocument.parse(raw), legacy: !('erasure' in raw) };
  }
  const { document, legacy } = lastParsed;
  return legacy ? { ...document, erasure: { mode: await legacyErasureMode(db) } } : document;
}

/** The last document parsed: notify() reads the active one for every recipient (quiet hours). */
let lastParsed: { stored: string; document: PolicyDocument; legacy: boolean } | null = null;

/**
 * The active version as the given handle sees it, uncached, or null before version 1 is written.
 * For callers inside a transaction (notify() reads the quiet hours there): activePolicy uses its
 * own connection, which on SQLite would wait for that transaction.
 */
export async function readActivePolicy(db: Kysely<DB>): Promise<ActivePolicy | null> {
  const row = await db.selectFrom('policy_versions').select(['id', 'version', 'document']).where('status', '=', 'active').executeTakeFirst();
  return row ? { id: row.id, version: row.version, document: await readStoredPolicy(db, row.document) } : null;
}

async function legacyErasureMode(db: Kysely<DB>): Promise<PolicyDocument['erasure']['mode']> {
  const org = await db.selectFrom('organisation').select('erasure_mode').executeTakeFirst();
  return org?.erasure_mode === 'pseudonymise' ? 'pseudonymise' : 'remove';
}

async function loadActive(db: Kysely<DB>, dialect: Dialect): Promise<ActivePolicy> {
  return (await readActivePolicy(db)) ?? db.transaction().execute((trx) => ensureFirstVersion(trx, dialect));
}

/** Version 1 with today's behaviour, written once (under the audit lock, so two nodes cannot both write it). */
async function ensureFirstVersion(trx: Kysely<DB>, dialect: Dialect): Promise<ActivePolicy> {
  await lockAuditChain(trx, dialect);
  const again = await readActivePolicy(trx);
  if (again) return again;
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
