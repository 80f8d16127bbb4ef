import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DEFAULT_POLICY, type PolicyDocument } from '@foyer/shared';
import { startTestFoyer, type TestFoyer, type TestClient } from '../test/harness.js';
import { filesUnder } from '../files/testing.js';
import { runRetention } from '../privacy/retention.js';

const DAY = 86_400_000;
const POLICY: PolicyDocument = {
  ...DEFAULT_POLICY,
  retention: { chatMessages: 30, posts: 60, comments: 60, questions: 60, wikiPages: 90, files: 90, notifications: 30, auditLog: null },
};

describe('retention and legal hold', () => {
  let t: TestFoyer;
  let olga: TestClient, ben: TestClient, fay: TestClient, council: TestClient, outsider: TestClient;
  let harbour: { id: number }, quay: { id: number }, vault: { id: number };
  const db = () => t.foyer.svc.db;

  const upload = async (c: TestClient, body: string, query: string) => {
    const res = await t.foyer.app.inject({
      method: 'POST',
      url: `/api/v1/files?${query}`,
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': 'application/octet-stream' },
      payload: Buffer.from(body),
    });
    expect(res.statusCode).toBe(200);
    return JSON.parse(res.body) as { id: number };
  };
  const searchSettled = async () => {
    for (let i = 0; i < 200; i++) {
      const left = await db().selectFrom('search_queue').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      if (Number(left.n) === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('search queue never drained');
  };
  const found = async (c: TestClient, word: string) => (await c.get(`/search?q=${word}`)).body.items.length;
  /** Bytes of the file store that contain the word. */
  const inStore = (word: string) => filesUnder(t.config.dataDir).filter((f) => fs.readFileSync(path.join(t.config.dataDir, f)).toString('latin1').includes(word));
  const runs = async () => db().selectFrom('audit_log').selectAll().where('action', '=', 'retention.ran').orderBy('seq').execute();

  beforeAll(async () => {
    t = await startTestFoyer();
    olga = await t.user('olga');
    ben = await t.user('ben');
    fay = await t.user('fay');
    council = await t.user('wanda');
    outsider = await t.user('otto');
    expect((await t.admin.put(`/admin/people/${council.id}/roles/governance`)).status).toBe(200);
    const p = await t.admin.post('/policy/versions', { document: POLICY, note: 'retention' });
    expect(p.status).toBe(200);
    expect((await council.post(`/policy/versions/${p.body.id}/approve`, { reason: 'agreed' })).body.status).toBe('active');
    harbour = (await olga.post('/spaces', { name: 'Harbour', visibility: 'public' })).body;
    quay = (await olga.post('/spaces', { name: 'Quay', visibility: 'public' })).body;
    vault = (await olga.post('/spaces', { name: 'Vault', visibility: 'private' })).body;
    for (const s of [harbour, quay]) for (const c of [ben, fay]) expect((await c.post(`/spaces/${s.id}/join`)).status).toBe(200);
  });
  afterAll(() => t.close());

  it('lets space managers shorten, never lengthen, the policy’s periods', async () => {
    expect((await t.anonymous.request('GET', `/spaces/${harbour.id}/retention`)).status).toBe(401);
    expect((await outsider.get(`/spaces/${vault.id}/retention`)).status).toBe(403);
    expect((await ben.put(`/spaces/${harbour.id}/retention`, { overrides: { posts: 10 } })).status).toBe(403);
    expect((await olga.put('/spaces/999999/retention', { overrides: { posts: 10 } })).status).toBe(404);
    const longer = await olga.put(`/spaces/${harbour.id}/retention`, { overrides: { posts: 61, chatMessages: 5 } });
    expect(longer.status).toBe(400);
    expect(longer.body.error.details.fields).toHaveProperty('posts');
    expect((await olga.put(`/spaces/${harbour.id}/retention`, { overrides: { notifications: 5 } })).status).toBe(400);
    expect(await db().selectFrom('space_retention').selectAll().execute()).toEqual([]);
    const ok = await olga.put(`/spaces/${harbour.id}/retention`, { overrides: { posts: 10 } });
    expect(ok.status).toBe(200);
    expect(ok.body.types.find((x: { type: string }) => x.type === 'posts')).toEqual({ type: 'posts', policyDays: 60, spaceDays: 10, effectiveDays: 10 });
    const read = (await ben.get(`/spaces/${harbour.id}/retention`)).body;
    expect(read).toMatchObject({ spaceId: harbour.id, legalHold: false, abilities: { manage: false } });
    expect(read.types.find((x: { type: string }) => x.type === 'chatMessages')).toEqual({ type: 'chatMessages', policyDays: 30, spaceDays: null, effectiveDays: 30 });
  });

  it('lets administrators place and lift holds; members and the held person see that one is in place, never why', async () => {
    expect((await olga.post('/legal-holds', { targetType: 'space', targetId: vault.id, reason: 'litigation' })).status).toBe(403);
    expect((await olga.get('/legal-holds')).status).toBe(403);
    expect((await t.admin.post('/legal-holds', { targetType: 'space', targetId: 999999, reason: 'x' })).status).toBe(400);
    expect((await t.admin.post('/legal-holds', { targetType: 'space', targetId: vault.id, reason: ' ' })).status).toBe(400);
    const placed = await t.admin.post('/legal-holds', { targetType: 'space', targetId: vault.id, reason: 'Case 4711' });
    expect(placed.status).toBe(200);
    expect(placed.body).toMatchObject({ targetType: 'space', targetId: vault.id, targetName: 'Vault', reason: 'Case 4711', liftedAt: null });
    expect((await t.admin.post('/legal-holds', { targetType: 'space', targetId: vault.id, reason: 'again' })).status).toBe(409);
    const onFay = await t.admin.post('/legal-holds', { targetType: 'user', targetId: fay.id, reason: 'Case 4712' });
    expect(onFay.status).toBe(200);

    const inVault = (await olga.get(`/spaces/${vault.id}/retention`)).body;
    expect(inVault.legalHold).toBe(true);
    expect(JSON.stringify(inVault)).not.toContain('4711');
    expect((await fay.get('/me/legal-hold')).body).toMatchObject({ held: true });
    expect(JSON.stringify((await fay.get('/me/legal-hold')).body)).not.toContain('4712');
    // Nor through the audit entries shown to the person (the entry is about the hold, not about them).
    expect(JSON.stringify((await fay.get('/me/audit')).body)).not.toContain('4712');
    expect(JSON.stringify((await db().selectFrom('audit_log').select('details').where('action', '=', 'legal_hold.placed').execute()))).toContain('Case 4712');
    expect((await ben.get('/me/legal-hold')).body).toEqual({ held: false, since: null });

    // A hold placed and lifted again: the record stays, the hold no longer applies.
    const temp = await t.admin.post('/legal-holds', { targetType: 'space', targetId: quay.id, reason: 'brief' });
    expect((await olga.del(`/legal-holds/${temp.body.id}`)).status).toBe(403);
    expect((await t.admin.del(`/legal-holds/${temp.body.id}`)).status).toBe(204);
    expect((await t.admin.del(`/legal-holds/${temp.body.id}`)).status).toBe(409);
    expect((await t.admin.del('/legal-holds/999999')).status).toBe(404);
    expect((await ben.get(`/spaces/${quay.id}/retention`)).body.legalHold).toBe(false);
    const list = (await t.admin.get('/legal-holds')).body.items;
    expect(list.map((h: { targetName: string; liftedAt: string | null }) => [h.targetName, h.liftedAt === null])).toEqual([
      ['Quay', false],
      ['Fay', true],
      ['Vault', true],
    ]);
    const actions = (await db().selectFrom('audit_log').select('action').where('action', 'like', 'legal_hold.%').execute()).map((r) => r.action);
    expect(actions).toEqual(['legal_hold.placed', 'legal_hold.placed', 'legal_hold.placed', 'legal_hold.lifted']);
  });

  it('removes expired content of every type with its files and search documents, and keeps unexpired and held content', async () => {
    const now = Date.now() + 2 * DAY;
    const ago = (days: number) => new Date(now - days * DAY).toISOString();
    const backdate = async (table: 'posts' | 'comments' | 'messages', id: number, days: number) => db().updateTable(table).set({ created_at: ago(days) }).where('id', '=', id).execute();

    // Posts: expired by the policy, expired only by Harbour's shorter period, unexpired, held by space and by author.
    const oldPost = (await olga.post('/posts', { spaceId: harbour.id, body: 'zqxoldpost harbour notes' })).body;
    const oldFile = await upload(olga, 'zqxattachment bytes\n', 'name=att.txt');
    const withFile = (await olga.post('/posts', { spaceId: quay.id, body: 'zqxfilepost', fileIds: [oldFile.id] })).body;
    const oldComment = (await ben.post(`/posts/${oldPost.id}/comments`, { body: 'zqxoldpostcomment' })).body;
    const shortPost = (await olga.post('/posts', { spaceId: harbour.id, body: 'zqxshortpost' })).body;
    const samePostQuay = (await olga.post('/posts', { spaceId: quay.id, body: 'zqxquaypost' })).body;
    const freshPost = (await olga.post('/posts', { spaceId: harbour.id, body: 'zqxfreshpost' })).body;
    const staleComment = (await ben.post(`/posts/${freshPost.id}/comments`, { body: 'zqxstalecomment' })).body;
    await ben.post(`/posts/${freshPost.id}/comments`, { body: 'zqxfreshcomment' });
    const vaultPost = (await olga.post('/posts', { spaceId: vault.id, body: 'zqxvaultpost' })).body;
    const faysPost = (await fay.post('/posts', { spaceId: harbour.id, body: 'zqxfayspost' })).body;
    const commentedByFay = (await olga.post('/posts', { spaceId: quay.id, body: 'zqxfaycommented' })).body;
    await fay.post(`/posts/${commentedByFay.id}/comments`, { body: 'zqxfayscomment' });
    for (const [p, days] of [[oldPost, 70], [withFile, 70], [shortPost, 12], [samePostQuay, 12], [freshPost, 5], [vaultPost, 400], [faysPost, 400], [commentedByFay, 400]] as const)
      await backdate('posts', p.id, days);
    await backdate('comments', oldComment.id, 70);
    await backdate('comments', staleComment.id, 70);
    await db().updateTable('files').set({ created_at: ago(70), updated_at: ago(5) }).where('id', '=', oldFile.id).execute();

    // Chat: a direct message past the period, one within it, and one by the held person.
    const dm = (await olga.post('/conversations', { kind: 'direct', userId: ben.id })).body;
    const oldMsg = (await olga.post(`/conversations/${dm.id}/messages`, { body: 'zqxoldmessage', clientKey: 'retain-key-1' })).body;
    const newMsg = (await ben.post(`/conversations/${dm.id}/messages`, { body: 'zqxnewmessage', clientKey: 'retain-key-2' })).body;
    const faysDm = (await fay.post('/conversations', { kind: 'direct', userId: ben.id })).body;
    const faysMsg = (await fay.post(`/conversations/${faysDm.id}/messages`, { body: 'zqxfaysmessage', clientKey: 'retain-key-3' })).body;
    await backdate('messages', oldMsg.id, 40);
    await backdate('messages', newMsg.id, 3);
    await backdate('messages', faysMsg.id, 40);

    // Wiki: a page edited long ago and recently (old revisions go, the current text stays), and a page untouched for long.
    const page = (await olga.post(`/spaces/${harbour.id}/pages`, { title: 'Rules', body: 'zqxrevisionone' })).body;
    await olga.put(`/pages/${page.id}`, { title: 'Rules', body: 'zqxrevisiontwo', baseVersion: 1 });
    await olga.put(`/pages/${page.id}`, { title: 'Rules', body: 'zqxrevisionthree', baseVersion: 2 });
    const quiet = (await olga.post(`/spaces/${harbour.id}/pages`, { title: 'Quiet', body: 'zqxquietpage' })).body;
    await db().updateTable('page_revisions').set({ created_at: ago(200) }).where('page_id', 'in', [page.id, quiet.id]).where('version', '<', 3).execute();

    // Space files: one past the period, one in the held space.
    const spaceFile = await upload(olga, 'zqxspacefile old\n', `name=old.txt&spaceId=${harbour.id}`);
    const vaultFile = await upload(olga, 'zqxvaultfile old\n', `name=keep.txt&spaceId=${vault.id}`);
    await db().updateTable('files').set({ created_at: ago(100), updated_at: ago(100) }).where('id', 'in', [spaceFile.id, vaultFile.id]).execute();

    // Notifications: everything so far is old, one comes later.
    await db().updateTable('notifications').set({ created_at: ago(40) }).execute();
    await ben.post(`/posts/${samePostQuay.id}/comments`, { body: 'a new notification' });
    // The held person's notifications stay too.
    const expiredNotifications = await db().selectFrom('notifications').select('id').where('created_at', '<', ago(30)).where('user_id', '!=', fay.id).execute();
    const keptNotifications = (await db().selectFrom('notifications').select('id').execute()).length - expiredNotifications.length;
    expect(expiredNotifications.length).toBeGreaterThan(0);
    expect(keptNotifications).toBeGreaterThan(0);

    await searchSettled();
    for (const w of ['zqxoldpost', 'zqxshortpost', 'zqxstalecomment', 'zqxfilepost']) expect({ w, n: await found(olga, w) }).not.toMatchObject({ n: 0 });
    expect(inStore('zqxspacefile')).not.toEqual([]);
    const runsBefore = (await runs()).length;
    const postCount = (id: number) => db().selectFrom('posts').select('comment_count').where('id', '=', id).executeTakeFirstOrThrow();
    expect((await postCount(freshPost.id)).comment_count).toBe(2);

    const counts = await runRetention(t.foyer.svc, new Date(now));
    expect(counts).toMatchObject({ posts: 3, chatMessages: 1, wikiPages: 2, notifications: expiredNotifications.length });
    // Two comments: the one on the expired post, and the stale one on the fresh post.
    expect(counts!.comments).toBe(2);
    expect(counts!.files).toBe(1);

    await searchSettled();
    // Gone: from the API, the search index and the file store.
    // Removed posts keep their place in threads (as deleted ones do), without a word of what they said.
    for (const p of [oldPost, shortPost, withFile]) expect((await olga.get(`/posts/${p.id}`)).body).toMatchObject({ body: '', html: '' });
    for (const w of ['zqxoldpost', 'zqxshortpost', 'zqxstalecomment', 'zqxfilepost']) expect({ w, n: await found(olga, w) }).toMatchObject({ n: 0 });
    expect(inStore('zqxspacefile')).toEqual([]);
    expect(inStore('zqxattachment')).toEqual([]);
    expect((await olga.get(`/files/${spaceFile.id}`)).status).toBe(404);
    const msgs = (await ben.get(`/conversations/${dm.id}/messages`)).body.items.map((m: { body: string }) => m.body);
    expect(msgs).toContain('zqxnewmessage');
    expect(msgs).not.toContain('zqxoldmessage');
    expect((await postCount(freshPost.id)).comment_count).toBe(1);
    expect((await ben.get(`/posts/${freshPost.id}/comments`)).body.map((c: { body: string }) => c.body)).toEqual(['', 'zqxfreshcomment']);
    expect((await db().selectFrom('notifications').select('id').execute()).length).toBe(keptNotifications);

    // Kept: unexpired, the same age in a space without a shorter period, the current page text, held items.
    expect((await olga.get(`/posts/${samePostQuay.id}`)).body.body).toBe('zqxquaypost');
    expect((await olga.get(`/posts/${freshPost.id}`)).body.body).toBe('zqxfreshpost');
    expect(await found(olga, 'zqxfreshcomment')).toBeGreaterThan(0);
    expect((await olga.get(`/pages/${page.id}`)).body.body).toBe('zqxrevisionthree');
    expect((await olga.get(`/pages/${quiet.id}`)).body.body).toBe('zqxquietpage');
    expect((await db().selectFrom('page_revisions').select('version').where('page_id', '=', page.id).execute()).map((r) => r.version)).toEqual([3]);
    expect((await olga.get(`/posts/${vaultPost.id}`)).body.body).toBe('zqxvaultpost');
    expect((await olga.get(`/posts/${faysPost.id}`)).body.body).toBe('zqxfayspost');
    expect((await olga.get(`/posts/${commentedByFay.id}`)).body.body).toBe('zqxfaycommented');
    expect((await ben.get(`/conversations/${faysDm.id}/messages`)).body.items.map((m: { body: string }) => m.body)).toContain('zqxfaysmessage');
    expect(inStore('zqxvaultfile')).not.toEqual([]);

    // The audit log has the counts and nothing of what was removed.
    const entries = await runs();
    expect(entries.length).toBe(runsBefore + 1);
    const last = entries.at(-1)!;
    expect(JSON.parse(last.details)).toMatchObject({ counts, heldSpaces: 1, heldPeople: 1, spaceOverrides: 1 });
    expect(last.details).not.toContain('zqx');
  });

  it('does the work once when two nodes run the same day’s retention at the same time', async () => {
    const now = Date.now() + 3 * DAY;
    const post = (await olga.post('/posts', { spaceId: quay.id, body: 'zqxparallel' })).body;
    await db().updateTable('posts').set({ created_at: new Date(now - 100 * DAY).toISOString() }).where('id', '=', post.id).execute();
    const before = (await runs()).length;
    const [a, b] = await Promise.all([runRetention(t.foyer.svc, new Date(now)), runRetention(t.foyer.svc, new Date(now))]);
    expect([a, b].filter((x) => x === null)).toHaveLength(1);
    expect((a ?? b)!.posts).toBe(1);
    expect((await runs()).length).toBe(before + 1);
    // The same day again: already done.
    expect(await runRetention(t.foyer.svc, new Date(now))).toBeNull();
    expect((await olga.get(`/posts/${post.id}`)).body.body).toBe('');
  });

  it('takes over a day’s run that a crashed node left unfinished, but not one still in progress', async () => {
    const day = (offset: number) => new Date(Date.now() + offset * DAY);
    const iso = (d: Date) => d.toISOString().slice(0, 10);
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    await db().insertInto('retention_runs').values({ day: iso(day(4)), claimed_at: hoursAgo(7), finished_at: null }).execute();
    await db().insertInto('retention_runs').values({ day: iso(day(5)), claimed_at: hoursAgo(1), finished_at: null }).execute();
    expect(await runRetention(t.foyer.svc, day(4))).not.toBeNull();
    expect((await db().selectFrom('retention_runs').select('finished_at').where('day', '=', iso(day(4))).executeTakeFirstOrThrow()).finished_at).not.toBeNull();
    expect(await runRetention(t.foyer.svc, day(5))).toBeNull();
  });

  it('removes expired questions with their answers, comments on answers, attachments, votes and search documents, and keeps unexpired and held ones', async () => {
    const now = Date.now() + 6 * DAY;
    const ago = (days: number) => new Date(now - days * DAY).toISOString();
    const ask = async (c: TestClient, spaceId: number, title: string, extra: Record<string, unknown> = {}) => (await c.post(`/spaces/${spaceId}/questions`, { title, ...extra })).body as { id: number };
    const answer = async (c: TestClient, questionId: number, body: string, extra: Record<string, unknown> = {}) => {
      const res = await c.post(`/questions/${questionId}/answers`, { body, ...extra });
      expect(res.status).toBe(200);
      return (res.body.answers as { id: number; body: string }[]).find((a) => a.body === body)!;
    };
    const backdate = (id: number, days: number) => db().updateTable('questions').set({ created_at: ago(days) }).where('id', '=', id).execute();

    // Harbour keeps questions for a shorter time than the works agreement; never longer.
    expect((await olga.put(`/spaces/${harbour.id}/retention`, { overrides: { questions: 61 } })).status).toBe(400);
    const set = await olga.put(`/spaces/${harbour.id}/retention`, { overrides: { questions: 10 } });
    expect(set.status).toBe(200);
    expect(set.body.types.find((x: { type: string }) => x.type === 'questions')).toEqual({ type: 'questions', policyDays: 60, spaceDays: 10, effectiveDays: 10 });

    // Expired by the policy: a question with an attachment, a fresh answer (with its own attachment, a vote and a comment).
    const qFile = await upload(olga, 'zqxqattachment bytes\n', 'name=q.txt');
    const old = await ask(olga, harbour.id, 'zqxoldquestion about moorings', { body: 'zqxoldquestionbody', fileIds: [qFile.id] });
    const aFile = await upload(ben, 'zqxaattachment bytes\n', 'name=a.txt');
    const oldAnswer = await answer(ben, old.id, 'zqxoldanswer use the east quay', { fileIds: [aFile.id] });
    expect((await olga.put(`/answers/${oldAnswer.id}/vote`, { value: 1 })).status).toBe(200);
    expect((await olga.post(`/answers/${oldAnswer.id}/comments`, { body: 'zqxoldanswercomment thanks' })).status).toBe(200);
    await backdate(old.id, 70);
    // Expired only by Harbour's shorter period; the same age in Quay stays.
    const short = await ask(olga, harbour.id, 'zqxshortquestion harbour');
    const sameInQuay = await ask(olga, quay.id, 'zqxquayquestion quay');
    await backdate(short.id, 12);
    await backdate(sameInQuay.id, 12);
    const fresh = await ask(olga, quay.id, 'zqxfreshquestion quay');
    await backdate(fresh.id, 5);
    // Held: the space, the author, an answer by the held person, a comment by the held person on someone's answer.
    const inVault = await ask(olga, vault.id, 'zqxvaultquestion vault');
    const faysQuestion = await ask(fay, harbour.id, 'zqxfaysquestion harbour');
    const answeredByFay = await ask(olga, quay.id, 'zqxansweredbyfay quay');
    await answer(fay, answeredByFay.id, 'zqxfaysanswer');
    const commentedByFay = await ask(olga, quay.id, 'zqxcommentedbyfay quay');
    const bensAnswer = await answer(ben, commentedByFay.id, 'zqxbensanswer');
    expect((await fay.post(`/answers/${bensAnswer.id}/comments`, { body: 'zqxfayscomment' })).status).toBe(200);
    for (const q of [inVault, faysQuestion, answeredByFay, commentedByFay]) await backdate(q.id, 400);

    await searchSettled();
    for (const w of ['zqxoldquestion', 'zqxoldanswer', 'zqxshortquestion']) expect({ w, n: await found(olga, w) }).not.toMatchObject({ n: 0 });
    expect(inStore('zqxqattachment')).not.toEqual([]);
    expect(inStore('zqxaattachment')).not.toEqual([]);

    const counts = await runRetention(t.foyer.svc, new Date(now));
    expect(counts).toMatchObject({ questions: 2, answers: 1, answerComments: 1 });
    await searchSettled();

    // Gone: from the API, the search index, the file store; nothing of the thread is left in its rows.
    for (const q of [old, short]) expect((await olga.get(`/questions/${q.id}`)).status).toBe(404);
    for (const w of ['zqxoldquestion', 'zqxoldanswer', 'zqxshortquestion']) expect({ w, n: await found(olga, w) }).toMatchObject({ n: 0 });
    expect(inStore('zqxqattachment')).toEqual([]);
    expect(inStore('zqxaattachment')).toEqual([]);
    expect((await olga.get(`/files/${qFile.id}`)).status).toBe(404);
    expect((await ben.get(`/files/${aFile.id}`)).status).toBe(404);
    const rows = JSON.stringify([
      await db().selectFrom('questions').selectAll().where('id', 'in', [old.id, short.id]).execute(),
      await db().selectFrom('answers').selectAll().where('question_id', '=', old.id).execute(),
      await db().selectFrom('answer_comments').selectAll().where('answer_id', '=', oldAnswer.id).execute(),
    ]);
    expect(rows).not.toContain('zqx');
    expect(await db().selectFrom('answer_votes').selectAll().where('answer_id', '=', oldAnswer.id).execute()).toEqual([]);

    // Kept: unexpired, the same age where no shorter period applies, and everything a hold covers.
    const title = async (id: number) => (await olga.get(`/questions/${id}`)).body.title;
    expect(await title(sameInQuay.id)).toBe('zqxquayquestion quay');
    expect(await title(fresh.id)).toBe('zqxfreshquestion quay');
    expect(await title(inVault.id)).toBe('zqxvaultquestion vault');
    expect(await title(faysQuestion.id)).toBe('zqxfaysquestion harbour');
    expect(await title(answeredByFay.id)).toBe('zqxansweredbyfay quay');
    const withComment = (await olga.get(`/questions/${commentedByFay.id}`)).body;
    expect(withComment.title).toBe('zqxcommentedbyfay quay');
    expect(JSON.stringify(withComment)).toContain('zqxbensanswer');
    expect(JSON.stringify(withComment)).toContain('zqxfayscomment');
    expect(await found(olga, 'zqxfreshquestion')).toBeGreaterThan(0);

    // The audit log has the counts, nothing of what was removed.
    const last = (await runs()).at(-1)!;
    expect(JSON.parse(last.details).counts).toMatchObject({ questions: 2, answers: 1, answerComments: 1 });
    expect(last.details).not.toContain('zqx');
  });

  it('states the retention rules as enforced in the works agreement', async () => {
    const view = (await olga.get('/policy?locale=en')).body;
    const section = view.sections.find((s: { id: string }) => s.id === 'retention');
    expect(section.sentences.join(' ')).not.toContain('does not apply this rule');
    expect(section.sentences).toContain('Questions (with their answers and the comments on those): deleted after 60 days.');
  });
});
