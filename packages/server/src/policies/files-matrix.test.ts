/**
 * The authorization matrix for files and thumbnails: every actor x every space visibility x
 * attachments and space files at two labels, with the space and label policy as the oracle,
 * re-checked after join, leave, kick, visibility change, label raise and item delete.
 * A hidden file answers exactly like a missing one.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import sharp from 'sharp';
import { startTestFoyer, callAs, type TestFoyer, type TestClient, type MatrixSubject } from '../test/harness.js';
import { loadSpaceContext, canReadSpace } from './spaces.js';
import { labelAllows, loadLabelPolicy } from './labels.js';

type Visibility = 'public' | 'private' | 'secret';
interface Fixture {
  what: string;
  space: any;
  file: any;
  /** The label the file carries now (its own, or its item's). */
  label: number;
  /** Set once its item is deleted: nobody sees the file any more. */
  gone?: boolean;
  /** A space file (listed in the space's files). */
  listed?: boolean;
  postId?: number;
}

describe('files authorization matrix', () => {
  let t: TestFoyer;
  let owner: TestClient;
  const fixtures: Fixture[] = [];
  const subjects: MatrixSubject[] = [];
  let dmFile: any;
  let dmParticipants: number[] = [];

  const upload = async (c: TestClient, data: Buffer, name: string, query = '') => {
    const res = await t.foyer.app.inject({
      method: 'POST',
      url: `/api/v1/files?name=${encodeURIComponent(name)}${query}`,
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': 'application/octet-stream' },
      payload: data,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    t = await startTestFoyer();
    owner = await t.user('owner');
    const moderator = await t.user('moderator');
    const member = await t.user('member');
    const outsider = await t.user('outsider');
    const removed = await t.user('removed');
    const guestMember = await t.user('guestin', { role: 'guest' });
    const guestOut = await t.user('guestout', { role: 'guest' });
    const tokenUser = await t.user('tokenuser');
    const deactivated = await t.user('gone');
    const readToken = (await tokenUser.post('/me/tokens', { name: 'ro', scope: 'read' })).body.token;
    const image = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#123456' } }).png().toBuffer();

    for (const vis of ['public', 'private', 'secret'] as Visibility[]) {
      const space = (await owner.post('/spaces', { name: `Files ${vis}`, visibility: vis })).body;
      for (const c of [moderator, member, removed, guestMember, tokenUser, deactivated]) {
        await owner.post(`/spaces/${space.id}/members`, { userId: c.id });
        await c.post(`/spaces/${space.id}/accept`);
      }
      await owner.patch(`/spaces/${space.id}/members/${moderator.id}`, { role: 'admin' });
      await owner.del(`/spaces/${space.id}/members/${removed.id}`);
      for (const label of [200, 300]) {
        const file = await upload(owner, image, `post-${vis}-${label}.png`);
        const post = (await owner.post('/posts', { spaceId: space.id, body: `with a file ${vis} ${label}`, label, fileIds: [file.id] })).body;
        fixtures.push({ what: `post ${vis} ${label}`, space, file, label, postId: post.id });
        const spaceFile = await upload(owner, image, `space-${vis}-${label}.png`, `&spaceId=${space.id}&label=${label}`);
        fixtures.push({ what: `space file ${vis} ${label}`, space, file: spaceFile, label, listed: true });
      }
      const commentFile = await upload(member, Buffer.from('comment text'), `comment-${vis}.txt`);
      const post = fixtures.find((f) => f.space.id === space.id && f.label === 200 && f.postId)!;
      await member.post(`/posts/${post.postId}/comments`, { body: 'see file', fileIds: [commentFile.id] });
      fixtures.push({ what: `comment ${vis}`, space, file: commentFile, label: 200 });
      const pageFile = await upload(owner, Buffer.from('%PDF-1.4\n%%EOF\n'), `page-${vis}.pdf`);
      await owner.post(`/spaces/${space.id}/pages`, { title: `Handbook ${vis}`, body: 'text', label: 300, fileIds: [pageFile.id] });
      fixtures.push({ what: `page ${vis} 300`, space, file: pageFile, label: 300 });
    }
    const dm = (await owner.post('/conversations', { kind: 'direct', userId: member.id })).body;
    dmFile = await upload(owner, image, 'dm.png');
    expect((await owner.post(`/conversations/${dm.id}/messages`, { body: 'private', clientKey: 'matrix-dm-1', fileIds: [dmFile.id] })).status).toBe(200);
    dmParticipants = [owner.id, member.id];
    await t.admin.post(`/admin/people/${deactivated.id}/deactivate`);

    const s = (name: string, client: TestClient | null, extra: Partial<MatrixSubject> = {}): MatrixSubject => ({ name, client, actor: client?.actor ?? null, ...extra });
    subjects.push(
      s('anonymous', null),
      s('guest (member)', guestMember),
      s('guest (outsider)', guestOut),
      s('employee non-member', outsider),
      s('member', member),
      s('moderator', moderator),
      s('owner', owner),
      s('org admin', t.admin),
      s('removed member', removed),
      s('deactivated', deactivated, { deactivated: true }),
      s('read token', null, { actor: { ...tokenUser.actor, scope: 'read' }, tokenHeader: `Bearer ${readToken}` }),
    );
  });
  afterAll(() => t.close());

  /** callAs, except that binary answers to a token (downloads) are not parsed as JSON. */
  const call = async (sub: MatrixSubject, url: string) => {
    if (!sub.tokenHeader) return callAs(t, sub, 'GET', url);
    const res = await t.foyer.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { authorization: sub.tokenHeader } });
    return { status: res.statusCode, body: String(res.headers['content-type']).startsWith('application/json') ? res.json() : res.rawPayload };
  };

  async function oracle(sub: MatrixSubject, f: Fixture): Promise<boolean> {
    if (f.gone) return false;
    const ctx = await loadSpaceContext(t.foyer.svc.db, sub.actor, f.space.id);
    return !!ctx && canReadSpace(sub.actor, ctx) && labelAllows(sub.actor, f.label, await loadLabelPolicy(t.foyer.svc.db));
  }

  async function checkAll(round: string) {
    const ownerSub = subjects.find((s) => s.name === 'owner')!;
    const missing = {
      meta: (await call(ownerSub, '/files/99999999')).body,
      download: (await call(ownerSub, '/files/99999999/download')).body,
      thumb: (await call(ownerSub, '/files/99999999/thumb')).body,
    };
    for (const sub of subjects) {
      for (const f of fixtures) {
        const where = `${round}: ${sub.name} / ${f.what}`;
        if (!sub.actor || sub.deactivated) {
          expect((await call(sub, `/files/${f.file.id}/download`)).status, where).toBe(401);
          continue;
        }
        const may = await oracle(sub, f);
        const meta = await call(sub, `/files/${f.file.id}`);
        const download = await call(sub, `/files/${f.file.id}/download`);
        expect(meta.status, `${where} metadata`).toBe(may ? 200 : 404);
        expect(download.status, `${where} download`).toBe(may ? 200 : 404);
        if (f.file.thumbUrl) {
          const thumb = await call(sub, `/files/${f.file.id}/thumb`);
          expect(thumb.status, `${where} thumbnail`).toBe(may ? 200 : 404);
          if (!may) expect(thumb.body, `${where} hidden thumbnail == missing`).toEqual(missing.thumb);
        }
        const versions = await call(sub, `/files/${f.file.id}/versions`);
        expect(versions.status, `${where} versions`).toBe(may ? 200 : 404);
        if (!may) {
          expect(meta.body, `${where} hidden == missing`).toEqual(missing.meta);
          expect(download.body, `${where} hidden download == missing`).toEqual(missing.download);
        } else expect(meta.body.label, `${where} label`).toBe(f.label);
        if (f.listed) {
          const listing = await call(sub, `/spaces/${f.space.id}/files`);
          const listed = listing.status === 200 && listing.body.items.some((x: any) => x.id === f.file.id);
          expect(listed, `${where} space listing`).toBe(may);
        }
      }
      if (sub.actor && !sub.deactivated) {
        const dm = await call(sub, `/files/${dmFile.id}/download`);
        expect(dm.status, `${round}: ${sub.name} / direct message file`).toBe(dmParticipants.includes(sub.actor.id) ? 200 : 404);
      }
    }
  }

  it('agrees with the policy in the initial state', async () => {
    await checkAll('initial');
  }, 120_000);

  it('agrees after join, leave, kick, visibility change, label raise and item delete', async () => {
    const by = (name: string) => subjects.find((s) => s.name === name)!;
    const pub = fixtures.find((f) => f.space.visibility === 'public')!.space;
    const priv = fixtures.find((f) => f.space.visibility === 'private')!.space;
    const secret = fixtures.find((f) => f.space.visibility === 'secret')!.space;
    await by('employee non-member').client!.post(`/spaces/${pub.id}/join`);
    await by('member').client!.post(`/spaces/${priv.id}/leave`);
    await owner.del(`/spaces/${secret.id}/members/${by('member').actor!.id}`);
    await checkAll('after join, leave and kick');

    await owner.patch(`/spaces/${pub.id}`, { visibility: 'secret' });
    await owner.patch(`/spaces/${priv.id}`, { visibility: 'public', confirmAudience: true });
    await checkAll('after visibility changes');

    // Raising an item's label takes its files along; so does raising a space file's own label.
    const post200 = fixtures.find((f) => f.space.id === priv.id && f.postId && f.label === 200)!;
    expect((await owner.patch(`/posts/${post200.postId}`, { label: 300 })).status).toBe(200);
    post200.label = 300;
    const comment = fixtures.find((f) => f.space.id === priv.id && f.what.startsWith('comment'))!;
    comment.label = 300;
    const spaceFile = fixtures.find((f) => f.space.id === secret.id && f.listed && f.label === 200)!;
    expect((await owner.patch(`/files/${spaceFile.file.id}`, { label: 300 })).status).toBe(200);
    spaceFile.label = 300;
    await checkAll('after label raises');

    // Deleting the post deletes its file and its comments' files.
    const post300 = fixtures.find((f) => f.space.id === pub.id && f.postId && f.label === 200)!;
    expect((await owner.del(`/posts/${post300.postId}`)).status).toBe(204);
    post300.gone = true;
    fixtures.find((f) => f.space.id === pub.id && f.what.startsWith('comment'))!.gone = true;
    await checkAll('after item delete');
  }, 300_000);
});
