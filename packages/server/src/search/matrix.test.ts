/**
 * The authorization matrix for search (SECURITY.md): every kind of viewer x every item kind in
 * public, private and secret spaces and conversations, with the policy modules as the oracle —
 * results, counts, space facets, snippets, "did you mean" and suggestions — re-checked right
 * after each transition (join, leave, kick, visibility change, delete, moderation hide, label
 * raise, leaving a group), without waiting for the indexer. Something a viewer may not see must
 * answer exactly like a word that exists nowhere. Files attached to posts and to a direct message
 * are found by name, with policies/files.ts as their oracle.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestFoyer, callAs, type TestFoyer, type TestClient, type MatrixSubject } from '../test/harness.js';
import { loadPostForRead, loadCommentForRead } from '../policies/posts.js';
import { loadPageForRead } from '../policies/pages.js';
import { loadQuestionForRead } from '../policies/questions.js';
import { loadMessageForRead } from '../policies/conversations.js';
import { canReadSpace, loadSpaceForView } from '../policies/spaces.js';
import { loadFileForRead } from '../policies/files.js';
import type { Actor } from '../policies/actor.js';
import { indexed } from './testing.js';

type Vis = 'public' | 'private' | 'secret';
interface Fixture {
  name: string;
  type: 'post' | 'comment' | 'page' | 'question' | 'message' | 'file';
  id: number;
  token: string;
}

let keySeq = 0;
const clientKey = () => `search-matrix-${++keySeq}-${Date.now()}`;

describe('search authorization matrix', () => {
  let t: TestFoyer;
  let owner: TestClient;
  let member: TestClient;
  let outsider: TestClient;
  let guestIn: TestClient;
  let partner: TestClient;
  let groupie: TestClient;
  const spaces = {} as Record<Vis, { id: number; token: string }>;
  const fixtures: Fixture[] = [];
  const subjects: MatrixSubject[] = [];
  const byName = (n: string) => fixtures.find((f) => f.name === n)!;
  let group = 0;

  /** An unattached upload named `<token>.txt`, to be attached to an item. */
  async function uploadFile(c: TestClient, token: string): Promise<number> {
    const res = await t.foyer.app.inject({
      method: 'POST',
      url: `/api/v1/files?name=${token}.txt`,
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': 'application/octet-stream' },
      payload: Buffer.from('an attachment of the matrix'),
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().id;
  }

  beforeAll(async () => {
    t = await startTestFoyer();
    owner = await t.user('owner');
    member = await t.user('member');
    outsider = await t.user('outsider');
    guestIn = await t.user('guestin', { role: 'guest' });
    const guestOut = await t.user('guestout', { role: 'guest' });
    partner = await t.user('partner');
    groupie = await t.user('groupie');
    for (const vis of ['public', 'private', 'secret'] as Vis[]) {
      const token = `zq${vis}name`;
      const space = (await owner.post('/spaces', { name: `Matrix ${vis} ${token}`, visibility: vis })).body;
      spaces[vis] = { id: space.id, token };
      for (const c of [member, guestIn]) {
        await owner.post(`/spaces/${space.id}/members`, { userId: c.id });
        await c.post(`/spaces/${space.id}/accept`);
      }
      const add = (f: Omit<Fixture, 'token'>) => fixtures.push({ ...f, token: f.name.replace(/[^a-z0-9]/g, '') });
      for (const label of [200, 300]) {
        // Files ride on the posts that get deleted, hidden, relabelled, or live in the space that turns private.
        const fileId = label === 200 || vis === 'public' ? await uploadFile(owner, `q${vis}file${label}`) : null;
        const post = (await owner.post('/posts', { spaceId: space.id, body: `Post q${vis}post${label} in the matrix`, label, ...(fileId ? { fileIds: [fileId] } : {}) })).body;
        add({ name: `q${vis}post${label}`, type: 'post', id: post.id });
        if (fileId) add({ name: `q${vis}file${label}`, type: 'file', id: fileId });
        const comment = (await member.post(`/posts/${post.id}/comments`, { body: `Comment q${vis}comment${label}` })).body;
        add({ name: `q${vis}comment${label}`, type: 'comment', id: comment.id });
      }
      const page = (await owner.post(`/spaces/${space.id}/pages`, { title: `Page q${vis}page`, body: 'wiki text', label: 300 })).body;
      add({ name: `q${vis}page`, type: 'page', id: page.id });
      const question = (await owner.post(`/spaces/${space.id}/questions`, { title: `Question q${vis}question here`, body: '', label: 200 })).body;
      add({ name: `q${vis}question`, type: 'question', id: question.id });
      const channel = (await owner.post(`/spaces/${space.id}/channels`, { name: `general-${vis}` })).body;
      const msg = (await owner.post(`/conversations/${channel.id}/messages`, { body: `Channel q${vis}channel`, clientKey: clientKey() })).body;
      add({ name: `q${vis}channel`, type: 'message', id: msg.id });
    }
    const direct = (await owner.post('/conversations', { kind: 'direct', userId: partner.id })).body;
    const dm = (await owner.post(`/conversations/${direct.id}/messages`, { body: 'Direct qdirectmsg', clientKey: clientKey() })).body;
    fixtures.push({ name: 'qdirectmsg', type: 'message', id: dm.id, token: 'qdirectmsg' });
    const dmFile = await uploadFile(owner, 'qdirectfile');
    await owner.post(`/conversations/${direct.id}/messages`, { body: 'Attached', clientKey: clientKey(), fileIds: [dmFile] });
    fixtures.push({ name: 'qdirectfile', type: 'file', id: dmFile, token: 'qdirectfile' });
    group = (await owner.post('/conversations', { kind: 'group', userIds: [partner.id, groupie.id], name: 'Matrix group' })).body.id;
    const gm = (await owner.post(`/conversations/${group}/messages`, { body: 'Group qgroupmsg', clientKey: clientKey() })).body;
    fixtures.push({ name: 'qgroupmsg', type: 'message', id: gm.id, token: 'qgroupmsg' });
    await indexed(t);

    const s = (name: string, client: TestClient | null): MatrixSubject => ({ name, client, actor: client?.actor ?? null });
    subjects.push(s('anonymous', null), s('owner', owner), s('member', member), s('outsider', outsider), s('guest member', guestIn), s('guest outsider', guestOut), s('dm partner', partner), s('group member', groupie));
  });
  afterAll(() => t?.close());

  /** The oracle: the single-item policy loaders, plus "deleted or hidden is out of every list". */
  async function sees(actor: Actor, f: Fixture): Promise<boolean> {
    const db = t.foyer.svc.db;
    try {
      if (f.type === 'post') {
        const { post } = await loadPostForRead(db, actor, f.id);
        return !post.deleted_at && !post.hidden_at;
      }
      if (f.type === 'comment') {
        const { post, comment } = await loadCommentForRead(db, actor, f.id);
        return !post.deleted_at && !post.hidden_at && !comment.deleted_at && !comment.hidden_at;
      }
      if (f.type === 'page') return !!(await loadPageForRead(db, actor, f.id));
      if (f.type === 'question') return !!(await loadQuestionForRead(db, actor, f.id));
      if (f.type === 'file') {
        // Downloadable, and its post or message not moderation-hidden (hidden items leave every list).
        const { file } = await loadFileForRead(db, actor, f.id);
        const owner = await db.selectFrom(file.owner_type === 'post' ? 'posts' : 'messages').select('hidden_at').where('id', '=', file.owner_id!).executeTakeFirst();
        return !owner?.hidden_at;
      }
      const { message } = await loadMessageForRead(db, actor, f.id);
      return !message.deleted_at && !message.hidden_at;
    } catch {
      return false;
    }
  }
  async function seesSpace(actor: Actor, id: number) {
    try {
      return { see: true, read: canReadSpace(actor, await loadSpaceForView(t.foyer.svc.db, actor, id)) };
    } catch {
      return { see: false, read: false };
    }
  }

  async function checkAll(when: string) {
    const seen = { visible: 0, hidden: 0 };
    for (const sub of subjects) {
      if (!sub.actor) {
        expect((await callAs(t, sub, 'GET', '/search?q=qpublicpost200')).status, `${when}: anonymous search`).toBe(401);
        expect((await callAs(t, sub, 'GET', '/search/suggest?q=zq')).status, `${when}: anonymous suggest`).toBe(401);
        continue;
      }
      for (const f of fixtures) {
        const where = `${when}: ${sub.name} / ${f.name}`;
        const visible = await sees(sub.actor, f);
        seen[visible ? 'visible' : 'hidden']++;
        const res = await callAs(t, sub, 'GET', `/search?q=${f.token}`);
        expect(res.status, where).toBe(200);
        const found = res.body.items.some((i: { type: string; id: number }) => i.type === f.type && i.id === f.id);
        expect(found, `${where} result`).toBe(visible);
        const total = Object.values(res.body.counts as Record<string, number>).reduce((a, b) => a + b, 0);
        expect(total, `${where} count`).toBe(visible ? 1 : 0);
        for (const { space } of res.body.spaces) expect((await seesSpace(sub.actor, space.id)).read, `${where} facet`).toBe(true);
        if (visible) expect(`${res.body.items[0].titleHtml} ${res.body.items[0].snippetHtml}`, `${where} snippet`).toContain(`<mark>`);
        else {
          // Absent and hidden look the same: nothing in the answer depends on the hidden item.
          const { didYouMean, ...rest } = res.body;
          const { didYouMean: _control, ...missing } = (await callAs(t, sub, 'GET', `/search?q=${f.token}zz`)).body;
          expect(rest, `${where} hidden == missing`).toEqual(missing);
          // A respelling may differ (it depends on the query's letters) but only ever leads to visible items.
          if (didYouMean) {
            expect(didYouMean, `${where} did you mean`).not.toBe(f.token);
            expect((await callAs(t, sub, 'GET', `/search?q=${encodeURIComponent(didYouMean)}`)).body.items.length, `${where} did you mean leads somewhere`).toBeGreaterThan(0);
          }
        }
      }
      for (const vis of ['public', 'private', 'secret'] as Vis[]) {
        const where = `${when}: ${sub.name} / ${vis} space`;
        const { see } = await seesSpace(sub.actor, spaces[vis].id);
        const sug = await callAs(t, sub, 'GET', `/search/suggest?q=${spaces[vis].token.slice(0, 6)}`);
        expect(sug.status, where).toBe(200);
        expect(sug.body.spaces.some((s: { id: number }) => s.id === spaces[vis].id), `${where} suggest`).toBe(see);
        const res = await callAs(t, sub, 'GET', `/search?q=${spaces[vis].token}&type=space`);
        expect(res.body.items.some((i: { id: number }) => i.id === spaces[vis].id), `${where} space result`).toBe(see);
        if (!see) expect(res.body, `${where} hidden space == missing`).toEqual((await callAs(t, sub, 'GET', `/search?q=${spaces[vis].token}zz&type=space`)).body);
      }
    }
    // The matrix is not vacuous: every check has viewers on both sides of the policy.
    expect(seen.visible, when).toBeGreaterThan(20);
    expect(seen.hidden, when).toBeGreaterThan(20);
  }

  it('initially', async () => checkAll('initial'), 180_000);

  it('after join (invited into the private space)', async () => {
    await owner.post(`/spaces/${spaces.private.id}/members`, { userId: outsider.id });
    expect((await outsider.post(`/spaces/${spaces.private.id}/accept`)).status).toBe(200);
    await checkAll('join');
  }, 180_000);

  it('after leave', async () => {
    expect((await member.post(`/spaces/${spaces.private.id}/leave`)).status).toBe(204);
    await checkAll('leave');
  }, 180_000);

  it('after kick', async () => {
    expect((await owner.del(`/spaces/${spaces.secret.id}/members/${guestIn.id}`)).status).toBe(204);
    await checkAll('kick');
  }, 180_000);

  it('after a visibility change (secret -> private)', async () => {
    expect((await owner.patch(`/spaces/${spaces.secret.id}`, { visibility: 'private', confirmAudience: true })).status).toBe(200);
    await checkAll('visibility');
  }, 180_000);

  it('after delete', async () => {
    expect((await owner.del(`/posts/${byName('qpublicpost200').id}`)).status).toBe(204);
    expect((await member.del(`/comments/${byName('qpubliccomment300').id}`)).status).toBe(204);
    await checkAll('delete');
  }, 180_000);

  it('after a moderation hide', async () => {
    const report = await member.post('/reports', { targetType: 'post', targetId: byName('qpublicpost300').id, category: 'spam' });
    expect(report.status).toBe(200);
    expect((await owner.post(`/moderation/reports/${report.body.id}/decide`, { action: 'hide', reason: 'spam' })).status).toBe(200);
    await checkAll('hide');
  }, 180_000);

  it('after a label raise', async () => {
    expect((await owner.patch(`/posts/${byName('qprivatepost200').id}`, { label: 300 })).status).toBe(200);
    await checkAll('label');
    // Results carry the item's current label, so a Confidential hit looks Confidential.
    const hit = (await owner.get('/search?q=qprivatepost200')).body.items.find((h: { id: number }) => h.id === byName('qprivatepost200').id);
    expect(hit).toMatchObject({ type: 'post', label: 300 });
  }, 180_000);

  it('after leaving a group conversation', async () => {
    expect((await groupie.post(`/conversations/${group}/leave`)).status).toBe(204);
    await checkAll('group leave');
  }, 180_000);
});
