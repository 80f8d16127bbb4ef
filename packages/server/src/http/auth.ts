/**
 * Resolves the caller for every request: a session cookie (with a CSRF header on unsafe methods)
 * or a personal access token. Sessions are looked up on every request, so sign-out, password
 * change and deactivation take effect at once.
 */
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { sha256 } from '../auth/tokens.js';
import { reusableQuery } from '../db/reusable.js';
import { nowIso } from '../lib/time.js';
import { AppError, unauthenticated } from '../errors.js';
import type { Actor } from '../policies/actor.js';

export const SESSION_COOKIE = 'foyer_session';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface ResolvedAuth {
  actor: Actor | null;
  csrfToken?: string;
}

const liveSession = reusableQuery((db, v: { id: string; now: string }) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id as sessionId', 'sessions.csrf_token', 'users.id', 'users.role'])
    .where('sessions.id', '=', v.id)
    .where('sessions.expires_at', '>', v.now)
    .where('users.status', '=', 'active'),
);

/** Runs on every request, so it is a reusable query; it still reads the database every time. */
export async function resolveSession(db: Kysely<DB>, token: string | undefined) {
  if (!token) return null;
  const [row] = await liveSession(db, { id: sha256(token), now: nowIso() });
  return row;
}

export async function resolveAuth(db: Kysely<DB>, req: FastifyRequest): Promise<ResolvedAuth> {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const token = header.slice(7).trim();
    const row = await db
      .selectFrom('access_tokens')
      .innerJoin('users', 'users.id', 'access_tokens.user_id')
      .select(['access_tokens.id as tokenId', 'access_tokens.scope', 'users.id', 'users.role'])
      .where('access_tokens.token_hash', '=', sha256(token))
      .where('access_tokens.revoked_at', 'is', null)
      .where('users.status', '=', 'active')
      .executeTakeFirst();
    if (!row) throw unauthenticated();
    void db.updateTable('access_tokens').set({ last_used_at: nowIso() }).where('id', '=', row.tokenId).execute().catch(() => {});
    return { actor: { id: row.id, role: row.role, scope: row.scope } };
  }
  const session = await resolveSession(db, req.cookies[SESSION_COOKIE]);
  if (!session) return { actor: null };
  if (!SAFE.has(req.method) && req.headers['x-csrf-token'] !== session.csrf_token)
    throw new AppError(403, 'csrf_failed', 'missing or wrong X-CSRF-Token header');
  return {
    actor: { id: session.id, role: session.role, scope: 'session', sessionId: session.sessionId },
    csrfToken: session.csrf_token,
  };
}
