import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'kysely';
import sharp from 'sharp';
import { DEFAULT_POLICY, type PolicyDocument } from '@foyer/shared';
import { startTestFoyer, TEST_DB, type TestFoyer, type TestClient } from '../test/harness.js';
import { filesUnder } from '../files/testing.js';
import { activePolicy, forgetActivePolicy } from '../compliance/active.js';
import { canonicalJson } from '../compliance/canonical.js';
import { resumeErasures } from './erasure.js';

// A word no stemmer or folding changes beyond recognition, written into every kind of content.
const MARK = 'zqxjvmarker';

describe('account erasure', () => {
  let t: TestFoyer;
  let ezra: TestClient, olga: TestClient, ben: TestClient;
  let space: { id: number };

  const upload = async (c: TestClient, body: Buffer, query: string) => {
    const res = await t.foyer.app.inject({
      method: 'POST',
      url: `/api/v1/files?${query}`,
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': 'application/octet-stream' },
      payload: body,
    });
    expect(res.statusCode).toBe(200);
    return JSON.parse(res.body);
  };

  /** Every row of every table, as text; binary columns as latin1 so stored bytes show too. */
  async function everyTable(): Promise<Map<string, string>> {
    const db = t.foyer.svc.db;
    const names =
      TEST_DB === 'sqlite'
        ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)).rows.map((r) => r.name)
        : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(db)).rows.map((r) => r.name);
    const out = new Map<string, string>();
    for (const name of names) {
      const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db)).rows;
      out.set(name, JSON.stringify(rows, (_k, v) => (v && typeof v === 'object' && v.type === 'Buffer' ? Buffer.from(v.data).toString('latin1') : v)).toLowerCase());
    }
    return out;
  }

  const tracesOf = async (needles: string[]) => {
    const found: string[] = [];
    for (const [table, text] of await everyTable()) for (const n of needles) if (text.includes(n.toLowerCase())) found.push(`${table}: ${n}`);
    for (const f of filesUnder(t.config.dataDir)) {
      const bytes = fs.readFileSync(path.join(t.config.dataDir, f)).toString('latin1').toLowerCase();
      for (const n of needles) if (bytes.includes(n.toLowerCase())) found.push(`${f}: ${n}`);
    }
    return found;
  };

  const searchSettled = async () => {
    for (let i = 0; i < 100; i++) {
      const left = await t.foyer.svc.db.selectFrom('search_queue').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      if (Number(left.n) === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('search queue never drained');
  };

  beforeAll(async () => {
    t = await startTestFoyer();
    ezra = await t.user('ezra');
    olga = await t.user('olga');
    ben = await t.user('ben');
    space = (await olga.post('/spaces', { name: 'Harbour', visibility: 'public' })).body;
    await ezra.post(`/spaces/${space.id}/join`);
    await ben.post(`/spaces/${space.id}/join`);
  });
  afterAll(() => t.close());

  it('removes every trace of the person’s content from every table, the search index and the file store', async () => {
    await ezra.patch('/me', { about: `About me ${MARK}`, title: `Title ${MARK}` });
    const post = (await ezra.post('/posts', { spaceId: space.id, body: `Post ${MARK} #${MARK}tag` })).body;
    await ezra.patch(`/posts/${post.id}`, { body: `Edited post ${MARK} #${MARK}tag` });
    const olgasPost = (await olga.post('/posts', { spaceId: space.id, body: 'Olga asks for comments' })).body;
    await ezra.post(`/posts/${olgasPost.id}/comments`, { body: `Comment ${MARK}` });
    await ezra.put(`/posts/${olgasPost.id}/reactions/like`);
    await ezra.put(`/posts/${olgasPost.id}/bookmark`);
    await ezra.put(`/people/${olga.id}/follow`);
    const dm = (await ezra.post('/conversations', { kind: 'direct', userId: ben.id })).body;
    await ezra.post(`/conversations/${dm.id}/messages`, { body: `Message ${MARK}`, clientKey: 'erase-key-1' });
    await ben.post(`/conversations/${dm.id}/messages`, { body: 'Ben keeps his words', clientKey: 'erase-key-2' });
    const question = (await ezra.post(`/spaces/${space.id}/questions`, { title: `Question ${MARK} here`, body: MARK, tags: [MARK] })).body;
    const olgasQuestion = (await olga.post(`/spaces/${space.id}/questions`, { title: 'Where is the harbour map?' })).body;
    const answered = (await ezra.post(`/questions/${olgasQuestion.id}/answers`, { body: `Answer ${MARK}` })).body;
    const answerId = answered.answers[0].id;
    await olga.put(`/questions/${olgasQuestion.id}/best`, { answerId });
    await olga.post(`/answers/${answerId}/comments`, { body: 'thanks' });
    await ezra.post(`/answers/${answerId}/comments`, { body: `Reply ${MARK}` });
    // A page only Ezra wrote, and a page Olga started and Ezra edited last.
    const ezrasPage = (await ezra.post(`/spaces/${space.id}/pages`, { title: `Page ${MARK}`, body: MARK })).body;
    const shared = (await olga.post(`/spaces/${space.id}/pages`, { title: 'Harbour rules', body: 'Olga wrote this.' })).body;
    await ezra.put(`/pages/${shared.id}`, { title: 'Harbour rules', body: `Olga wrote this. Ezra added ${MARK}.`, baseVersion: 1 });
    // Files: a space file, an attachment, an image in a post, and a new version of Olga's file.
    await upload(ezra, Buffer.from(`Notes ${MARK}\n`), `name=${MARK}.txt&spaceId=${space.id}`);
    const olgasFile = await upload(olga, Buffer.from('Olga original\n'), `name=rules.txt&spaceId=${space.id}`);
    await t.foyer.app.inject({
      method: 'POST',
      url: `/api/v1/files/${olgasFile.id}/versions?name=rules.txt`,
      headers: { cookie: ezra.cookie, 'x-csrf-token': ezra.csrf, 'content-type': 'application/octet-stream' },
      payload: Buffer.from(`Ezra version ${MARK}\n`),
    });
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#123456' } }).png().toBuffer();
    const image = JSON.parse(
      (await t.foyer.app.inject({ method: 'POST', url: '/api/v1/images', headers: { cookie: ezra.cookie, 'x-csrf-token': ezra.csrf, 'content-type': 'image/png' }, payload: png })).body,
    );
    await ezra.post('/posts', { spaceId: space.id, body: `With picture ${MARK}`, imageIds: [image.id] });
    const attachment = await upload(ezra, Buffer.from(`Attachment ${MARK}\n`), `name=att-${MARK}.txt`);
    await ezra.post('/posts', { spaceId: space.id, body: 'see file', fileIds: [attachment.id] });
    const exported = (await ezra.post('/me/exports')).body;
    for (let i = 0; i < 100 && (await ezra.get('/me/exports')).body.items[0].status !== 'ready'; i++) await new Promise((r) => setTimeout(r, 50));
    expect((await ezra.get('/me/exports')).body.items[0]).toMatchObject({ id: exported.id, status: 'ready' });
    await searchSettled();
    expect((await olga.get(`/search?q=${MARK}`)).body.items.length).toBeGreaterThan(0);
    expect((await tracesOf([MARK])).length).toBeGreaterThan(0);

    // A wrong confirmation changes nothing; then the administrator erases Ezra.
    expect((await t.admin.post(`/admin/people/${ezra.id}/erase`, { confirm: 'ezr' })).status).toBe(400);
    expect((await olga.post(`/admin/people/${ezra.id}/erase`, { confirm: 'ezra' })).status).toBe(403);
    expect((await t.admin.post(`/admin/people/${ezra.id}/erase`, { confirm: 'ezra' })).status).toBe(204);
    await searchSettled();

    // The database file and its write-ahead log are scanned too: deleted content is overwritten.
    expect(await tracesOf([MARK, 'ezra@example.com', 'Ezra'])).toEqual([]);
    expect((await olga.get(`/search?q=${MARK}`)).body.items).toEqual([]);
    // Ezra is out at once, and shows as a former employee where others' things refer to him.
    expect((await ezra.get('/me')).status).toBe(401);
    expect(await t.foyer.svc.db.selectFrom('users').select(['name', 'handle', 'status']).where('id', '=', ezra.id).executeTakeFirst()).toEqual({
      name: 'Former employee',
      handle: `erased-${ezra.id}`,
      status: 'deactivated',
    });
    // What others wrote stays, with counts that add up.
    expect((await ben.get(`/conversations/${dm.id}/messages`)).body.items.map((m: { body: string }) => m.body)).toContain('Ben keeps his words');
    const page = (await olga.get(`/pages/${shared.id}`)).body;
    expect(page.body).toBe('Olga wrote this.');
    expect((await olga.get(`/pages/${ezrasPage.id}`)).status).toBe(404);
    const q = (await olga.get(`/questions/${olgasQuestion.id}`)).body;
    expect(q).toMatchObject({ answerCount: 0, bestAnswerId: null });
    expect((await olga.get(`/questions/${question.id}`)).status).toBe(404);
    const olgas = (await olga.get(`/posts/${olgasPost.id}`)).body;
    expect(olgas.commentCount).toBe(0);
    const file = (await olga.get(`/files/${olgasFile.id}`)).body;
    expect(file.version).toBe(1);
    const download = await t.foyer.app.inject({ method: 'GET', url: `/api/v1/files/${olgasFile.id}/download`, headers: { cookie: olga.cookie } });
    expect(download.body).toBe('Olga original\n');
    // The audit log records the erasure with counts, never content.
    expect((await t.foyer.svc.db.selectFrom('erasures').selectAll().where('user_id', '=', ezra.id).executeTakeFirstOrThrow()).status).toBe('done');
  });

  /** An administrator proposes, the works council approves: the version is in force. */
  const agree = async (document: PolicyDocument, council: TestClient) => {
    const proposed = await t.admin.post('/policy/versions', { document, note: 'erasure mode' });
    expect(proposed.status).toBe(200);
    expect((await council.post(`/policy/versions/${proposed.body.id}/approve`, { reason: 'agreed' })).body.status).toBe('active');
  };
  /** Someone writes a post in the shared space and erases their own account; returns what others now see of the post. */
  const writeAndErase = async (handle: string) => {
    const who = await t.user(handle);
    expect((await who.post(`/spaces/${space.id}/join`)).status).toBe(200);
    const post = (await who.post('/posts', { spaceId: space.id, body: `Knowledge of ${handle}` })).body;
    expect((await who.post('/me/erase', { confirm: handle })).status).toBe(204);
    const seen = (await olga.get(`/posts/${post.id}`)).body as { body: string; author: { name: string } };
    const job = await t.foyer.svc.db.selectFrom('erasures').select('mode').where('user_id', '=', who.id).executeTakeFirstOrThrow();
    return { body: seen.body, author: seen.author.name, mode: job.mode };
  };
  const erasureSection = async () => ((await olga.get('/policy?locale=en')).body.sections as { id: string; sentences: string[] }[]).find((x) => x.id === 'erasure')!.sentences.join(' ');

  it('takes the erasure mode from the works agreement; the organisation setting no longer changes it', async () => {
    // The former setting is refused as a whole (the name in the same request is not changed either), pointing to the agreement.
    const refused = await t.admin.patch('/organisation', { name: 'Renamed', erasureMode: 'pseudonymise' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'conflict', details: { reason: 'works_agreement', policyPath: 'erasure.mode' } });
    expect((await t.admin.get('/organisation')).body.name).not.toBe('Renamed');
    expect(await erasureSection()).toContain('deletes everything the person wrote');
    expect(await writeAndErase('ida')).toEqual({ body: '', author: 'Former employee', mode: 'remove' });

    const council = await t.user('wanda');
    expect((await t.admin.put(`/admin/people/${council.id}/roles/governance`)).status).toBe(200);
    await agree({ ...DEFAULT_POLICY, erasure: { mode: 'pseudonymise' } }, council);
    expect(await erasureSection()).toContain('“Former employee”');
    expect(await writeAndErase('ivy')).toEqual({ body: 'Knowledge of ivy', author: 'Former employee', mode: 'pseudonymise' });
    const requested = await t.foyer.svc.db.selectFrom('audit_log').select('details').where('action', '=', 'account.erasure_requested').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(JSON.parse(requested.details)).toEqual({ mode: 'pseudonymise' });
  });

  it('reads the former organisation setting only while the agreement in force was written before it had an erasure mode', async () => {
    const db = t.foyer.svc.db;
    // An installation from before: the setting said pseudonymise, the stored version has no erasure key.
    const active = await db.selectFrom('policy_versions').select(['id', 'document']).where('status', '=', 'active').executeTakeFirstOrThrow();
    const { erasure: _dropped, ...older } = JSON.parse(active.document) as Record<string, unknown>;
    await db.updateTable('policy_versions').set({ document: canonicalJson(older) }).where('id', '=', active.id).execute();
    await db.updateTable('organisation').set({ erasure_mode: 'pseudonymise' }).execute();
    forgetActivePolicy(db);
    expect((await activePolicy(db, t.foyer.svc.dialect)).document.erasure).toEqual({ mode: 'pseudonymise' });
    // Everyone reads what applies, and the proposal form starts from it.
    const view = (await olga.get('/policy?locale=en')).body;
    expect(view.document.erasure).toEqual({ mode: 'pseudonymise' });
    expect(await erasureSection()).toContain('“Former employee”');
    expect(await writeAndErase('jan')).toMatchObject({ body: 'Knowledge of jan', mode: 'pseudonymise' });

    // Once a version that states the mode is in force, the setting no longer counts.
    const council = await t.user('wim');
    expect((await t.admin.put(`/admin/people/${council.id}/roles/governance`)).status).toBe(200);
    await agree({ ...view.document, erasure: { mode: 'remove' } }, council);
    expect((await activePolicy(db, t.foyer.svc.dialect)).document.erasure).toEqual({ mode: 'remove' });
    expect(await writeAndErase('kim')).toEqual({ body: '', author: 'Former employee', mode: 'remove' });
  });

  it('keeps content as "Former employee" in pseudonymise mode, and completes an interrupted erasure on restart', async () => {
    const fay = await t.user('fay');
    await fay.post(`/spaces/${space.id}/join`);
    const post = (await fay.post('/posts', { spaceId: space.id, body: 'Knowledge worth keeping' })).body;
    await fay.put('/me/notification-prefs', { reaction: false }).catch(() => undefined);
    // A direct conversation is not a shared place: her side goes; a group conversation is one.
    const direct = (await fay.post('/conversations', { kind: 'direct', userId: olga.id })).body;
    await fay.post(`/conversations/${direct.id}/messages`, { body: 'private note from fay', clientKey: 'fay-direct-1' });
    await olga.post(`/conversations/${direct.id}/messages`, { body: 'olga answers fay', clientKey: 'olga-direct-1' });
    const group = (await fay.post('/conversations', { kind: 'group', userIds: [olga.id], name: 'Fay and Olga' })).body;
    await fay.post(`/conversations/${group.id}/messages`, { body: 'group knowledge from fay', clientKey: 'fay-group-1' });
    // The person asks themselves; a crash right after the request leaves the job pending.
    const db = t.foyer.svc.db;
    await db.insertInto('erasures').values({ user_id: fay.id, requested_by: fay.id, mode: 'pseudonymise', status: 'pending', created_at: new Date().toISOString() }).execute();
    await resumeErasures(t.foyer.svc);
    const kept = (await olga.get(`/posts/${post.id}`)).body;
    expect(kept.body).toBe('Knowledge worth keeping');
    expect(kept.author.name).toBe('Former employee');
    const bodies = async (id: number) => ((await olga.get(`/conversations/${id}/messages`)).body.items as { body: string }[]).map((m) => m.body);
    expect(await bodies(direct.id)).not.toContain('private note from fay');
    expect(await bodies(direct.id)).toContain('olga answers fay');
    expect(await bodies(group.id)).toContain('group knowledge from fay');
    expect(await tracesOf(['fay@example.com', 'private note from fay'])).toEqual([]);
    expect((await fay.post('/me/erase', { confirm: 'fay' })).status).toBe(401);
  });

  it('lets a person erase their own account after typing their handle, but not the last administrator', async () => {
    const gil = await t.user('gil');
    expect((await gil.post('/me/erase', { confirm: 'wrong' })).status).toBe(400);
    expect((await gil.get('/me')).status).toBe(200);
    expect((await gil.post('/me/erase', { confirm: 'gil' })).status).toBe(204);
    expect((await gil.get('/me')).status).toBe(401);
    const admin = (await t.admin.get('/me')).body;
    expect((await t.admin.post('/me/erase', { confirm: admin.handle })).status).toBe(409);
    // A legal hold on the person suspends erasure until it is lifted.
    const hal = await t.user('hal');
    const hold = await t.admin.post('/legal-holds', { targetType: 'user', targetId: hal.id, reason: 'pending litigation' });
    expect(hold.status).toBe(200);
    const refused = await hal.post('/me/erase', { confirm: 'hal' });
    expect(refused.status).toBe(409);
    expect((await hal.get('/me')).status).toBe(200);
    expect((await t.admin.del(`/legal-holds/${hold.body.id}`)).status).toBe(204);
    expect((await hal.post('/me/erase', { confirm: 'hal' })).status).toBe(204);
  });
});
