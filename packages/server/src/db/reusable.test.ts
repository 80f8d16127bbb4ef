import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { freshDatabase } from '../test/harness.js';
import { openDb, type Db } from './connection.js';
import { migrate } from './migrate.js';
import { reusableQuery } from './reusable.js';

describe('reusable queries', () => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await freshDatabase();
    drop = fresh.drop;
    db = openDb({ databaseUrl: fresh.databaseUrl, dataDir: fresh.dataDir });
    await migrate(db);
    const now = new Date().toISOString();
    await db.kysely
      .insertInto('users')
      .values(
        ['ada', 'bob', 'cem', 'dora', 'emil'].map((handle) => ({
          email: `${handle}@example.com`,
          handle,
          name: handle.toUpperCase(),
          password_hash: 'x',
          role: handle === 'emil' ? ('guest' as const) : ('member' as const),
          status: 'active' as const,
          title: '',
          department: '',
          site: '',
          country: '',
          languages: '[]',
          timezone: 'Europe/Berlin',
          about: '',
          contact: '{}',
          locale: 'en',
          photo_key: null,
          created_at: now,
        })),
      )
      .execute();
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  const byHandles = reusableQuery((k, v: { handles: string[]; after?: number }, shape: { guests: boolean }) => {
    let q = k.selectFrom('users').select(['id', 'handle']).where('handle', 'in', v.handles);
    if (v.after !== undefined) q = q.where('id', '>', v.after);
    if (!shape.guests) q = q.where('role', '!=', 'guest');
    return q.orderBy('id');
  });

  it('gives the same rows as building the query each time, for every shape and new values', async () => {
    const cases = [
      [{ handles: ['ada', 'bob'] }, { guests: true }],
      [{ handles: ['cem', 'dora'] }, { guests: true }], // same shape, other values
      [{ handles: ['ada', 'bob', 'emil'] }, { guests: false }],
      [{ handles: ['ada', 'bob', 'emil'] }, { guests: true }],
      [{ handles: ['ada', 'bob', 'cem'], after: 1 }, { guests: true }],
      [{ handles: ['ada', 'bob', 'cem'], after: 2 }, { guests: true }],
      [{ handles: ['dora'] }, { guests: false }],
    ] as const;
    for (const [values, shape] of cases) {
      let direct = db.kysely.selectFrom('users').select(['id', 'handle']).where('handle', 'in', [...values.handles]);
      if ('after' in values) direct = direct.where('id', '>', values.after);
      if (!shape.guests) direct = direct.where('role', '!=', 'guest');
      const expected = await direct.orderBy('id').execute();
      expect(await byHandles(db.kysely, { ...values, handles: [...values.handles] }, shape)).toEqual(expected);
    }
    expect((await byHandles(db.kysely, { handles: ['cem', 'dora'] }, { guests: true })).map((r) => r.handle)).toEqual(['cem', 'dora']);
    expect(await byHandles(db.kysely, { handles: ['ada', 'bob', 'emil'] }, { guests: false })).toHaveLength(2);
  });

  it('passes values as parameters, never as SQL text', async () => {
    const evil = "ada') or 1=1 --";
    expect(await byHandles(db.kysely, { handles: [evil] }, { guests: true })).toEqual([]);
    expect(await byHandles(db.kysely, { handles: ['ada'] }, { guests: true })).toHaveLength(1);
  });
});
