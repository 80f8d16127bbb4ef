/**
 * Test harness: a real Foyer on a fresh SQLite file or a fresh PostgreSQL database
 * (FOYER_TEST_DB=postgres), and signed-in clients that talk to it through app.inject.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import type { InjectOptions } from 'fastify';
import { ConfigSchema, type Config } from '../config.js';
import { createFoyer, type Foyer } from '../server.js';
import { setupOrganisation, insertUser, createSession } from '../commands/accounts.js';
import { hashPassword } from '../auth/passwords.js';
import type { Actor } from '../policies/actor.js';

export const TEST_DB = (process.env.FOYER_TEST_DB ?? 'sqlite') as 'sqlite' | 'postgres';
const PG_ADMIN = process.env.FOYER_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const PASSWORD = 'correct-horse-battery';

let cachedHash: Promise<string> | null = null;
const passwordHash = () => (cachedHash ??= hashPassword(PASSWORD));

export async function freshDatabase(): Promise<{ databaseUrl?: string; dataDir: string; drop(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'foyer-test-'));
  if (TEST_DB !== 'postgres') return { dataDir, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  const name = `foyer_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    dataDir,
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestClient {
  id: number;
  handle: string;
  actor: Actor;
  cookie: string;
  csrf: string;
  request(method: InjectOptions['method'], url: string, body?: unknown): Promise<{ status: number; body: any }>;
  get(url: string): Promise<{ status: number; body: any }>;
  post(url: string, body?: unknown): Promise<{ status: number; body: any }>;
  put(url: string, body?: unknown): Promise<{ status: number; body: any }>;
  patch(url: string, body?: unknown): Promise<{ status: number; body: any }>;
  del(url: string): Promise<{ status: number; body: any }>;
}

export interface TestFoyer {
  foyer: Foyer;
  config: Config;
  admin: TestClient;
  user(handle: string, opts?: { role?: 'admin' | 'member' | 'guest' }): Promise<TestClient>;
  anonymous: { request(method: InjectOptions['method'], url: string, body?: unknown): Promise<{ status: number; body: any }> };
  close(): Promise<void>;
}

export async function startTestFoyer(overrides: Partial<Config> = {}): Promise<TestFoyer> {
  const db = await freshDatabase();
  const config = ConfigSchema.parse({
    dataDir: db.dataDir,
    databaseUrl: db.databaseUrl,
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
    rateLimits: false,
    ...overrides,
  });
  const foyer = await createFoyer(config);
  await foyer.app.ready();
  const app = foyer.app;

  const raw = async (method: InjectOptions['method'], url: string, body: unknown, headers: Record<string, string>) => {
    const res = await app.inject({
      method,
      url,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
    let parsed: unknown = null;
    try {
      parsed = res.body ? JSON.parse(res.body) : null;
    } catch {
      parsed = res.body;
    }
    return { status: res.statusCode, body: parsed as any };
  };

  const clientFor = async (userId: number, handle: string, role: Actor['role']): Promise<TestClient> => {
    const { token, csrfToken } = await createSession(foyer.svc.db, userId, 'test');
    const headers = { cookie: `foyer_session=${token}`, 'x-csrf-token': csrfToken };
    const request = (method: InjectOptions['method'], url: string, body?: unknown) => raw(method, `/api/v1${url}`, body, headers);
    return {
      id: userId,
      handle,
      actor: { id: userId, role, scope: 'session' },
      cookie: headers.cookie,
      csrf: csrfToken,
      request,
      get: (u) => request('GET', u),
      post: (u, b) => request('POST', u, b ?? {}),
      put: (u, b) => request('PUT', u, b),
      patch: (u, b) => request('PATCH', u, b),
      del: (u) => request('DELETE', u),
    };
  };

  const adminId = await setupOrganisation(foyer.svc, {
    organisation: { name: 'Test AG', defaultLocale: 'en', allowedDomains: ['example.com'] },
    admin: { name: 'Ada Admin', email: 'ada@example.com', password: PASSWORD },
  });
  const admin = await clientFor(adminId, 'ada', 'admin');

  return {
    foyer,
    config,
    admin,
    async user(handle, opts = {}) {
      const role = opts.role ?? 'member';
      const id = await foyer.svc.db.transaction().execute((trx) =>
        passwordHash().then((h) =>
          insertUser(trx, { email: `${handle}@example.com`, name: handle[0].toUpperCase() + handle.slice(1), handle, passwordHash: h, role }),
        ),
      );
      return clientFor(id, handle, role);
    },
    anonymous: { request: (method, url, body) => raw(method, `/api/v1${url}`, body, {}) },
    async close() {
      await foyer.close();
      await db.drop();
    },
  };
}

/** Someone the authorization matrices ask on behalf of: a signed-in client, a token, or nobody. */
export interface MatrixSubject {
  name: string;
  /** null = anonymous, or a token subject (see tokenHeader). */
  client: TestClient | null;
  actor: Actor | null;
  tokenHeader?: string;
  deactivated?: boolean;
}

/** A request as that subject: through its session, its bearer token, or anonymously. */
export async function callAs(t: TestFoyer, sub: MatrixSubject, method: string, url: string, body?: unknown): Promise<{ status: number; body: any }> {
  if (sub.tokenHeader) {
    const res = await t.foyer.app.inject({ method: method as InjectOptions['method'], url: `/api/v1${url}`, headers: { authorization: sub.tokenHeader }, payload: body as InjectOptions['payload'] });
    return { status: res.statusCode, body: res.body ? res.json() : null };
  }
  if (!sub.client) return t.anonymous.request(method as InjectOptions['method'], url, body);
  return sub.client.request(method as InjectOptions['method'], url, body);
}
