/**
 * Files in search: found by name and by the text of documents, PDFs and text files (German
 * stemming and umlaut folding apply as for every other kind), visible exactly where their item
 * is (policies/files.ts), and following every change of that item in the writing transaction.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'kysely';
import { startTestFoyer, type TestFoyer, type TestClient } from '../test/harness.js';
import { activePolicy } from '../compliance/active.js';
import { indexed } from './testing.js';
import { visibleDocs } from './permissions.js';
import { planFileReads } from './indexer.js';
import { TEXT_LIMITS } from '../files/text.js';
import { docxWith, odtWith, pdfTextPage, pdfWith, xlsxWith } from '../files/text-testing.js';

let keySeq = 0;
const clientKey = () => `files-search-${++keySeq}-${Date.now()}`;

describe('search: files', () => {
  let t: TestFoyer;
  let alice: TestClient, bob: TestClient, eve: TestClient, guest: TestClient, partner: TestClient;
  let open: number, closed: number;

  /** Uploads a file (unattached, or into a space's files with `spaceId`); returns its id. */
  async function upload(c: TestClient, name: string, data: Buffer, query: Record<string, number> = {}): Promise<number> {
    const res = await t.foyer.app.inject({
      method: 'POST',
      url: `/api/v1/files?${new URLSearchParams({ name, ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) })}`,
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': 'application/octet-stream' },
      payload: data,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().id;
  }
  /** A post carrying one attachment; returns both ids. */
  async function postWith(c: TestClient, spaceId: number, name: string, data: Buffer, extra: Record<string, unknown> = {}) {
    const fileId = await upload(c, name, data);
    // The post's own words never name the file: what is found by the file's words is the file.
    const post = await c.post('/posts', { spaceId, body: 'Anbei die Datei', fileIds: [fileId], ...extra });
    expect(post.status, JSON.stringify(post.body)).toBe(200);
    return { postId: post.body.id as number, fileId };
  }
  const search = async (c: TestClient, q: string, params = '') => (await c.get(`/search?q=${encodeURIComponent(q)}${params}`)).body;
  const fileIds = async (c: TestClient, q: string, params = '') => ((await search(c, q, params)).items as { type: string; id: number }[]).filter((i) => i.type === 'file').map((i) => i.id);
  const docState = async (fileId: number) =>
    t.foyer.svc.db.selectFrom('search_docs').select(['visible', 'label', 'space_id', 'conversation_id', 'parent_id']).where('kind', '=', 'file').where('item_id', '=', fileId).executeTakeFirst();
  /** Hidden looks like missing: the whole answer equals that for a word found nowhere. */
  async function expectMissing(c: TestClient, q: string, why: string) {
    const { didYouMean: _a, ...hidden } = await search(c, q);
    const { didYouMean: _b, ...missing } = await search(c, `${q}zzq`);
    expect(hidden, why).toEqual(missing);
    expect(hidden.items, why).toEqual([]);
    expect(hidden.counts, why).toEqual({});
  }

  beforeAll(async () => {
    t = await startTestFoyer();
    alice = await t.user('alice');
    bob = await t.user('bob');
    eve = await t.user('eve');
    guest = await t.user('gast', { role: 'guest' });
    partner = await t.user('partner');
    open = (await alice.post('/spaces', { name: 'Offen', visibility: 'public' })).body.id;
    closed = (await alice.post('/spaces', { name: 'Vorstand', visibility: 'private' })).body.id;
    for (const [space, c] of [
      [closed, bob],
      [closed, guest],
      [open, guest],
    ] as const) {
      await alice.post(`/spaces/${space}/members`, { userId: c.id });
      expect((await c.post(`/spaces/${space}/accept`)).status).toBe(200);
    }
  });
  afterAll(() => t?.close());

  it('finds a Word document by name and by content, with its file and owner in the hit', async () => {
    const doc = docxWith([['Bitte genehmigt die Reisekosten', 'abrechnung für Hamburg.'], ['Danke!']]);
    const { postId, fileId } = await postWith(alice, open, 'Urlaubsantrag_2026.docx', doc);
    await indexed(t);
    expect(await fileIds(eve, 'urlaubsantrag')).toEqual([fileId]);
    // German compounds: the stem as a prefix finds the compound, as for posts.
    expect(await fileIds(eve, 'Urlaub')).toEqual([fileId]);
    const res = await search(eve, 'Reisekostenabrechnung');
    const hit = res.items.find((i: { type: string }) => i.type === 'file');
    expect(hit).toMatchObject({
      type: 'file',
      id: fileId,
      parentId: postId,
      space: { id: open },
      author: { handle: 'alice' },
      label: 200,
      file: { kind: 'document', size: doc.length, url: `/api/v1/files/${fileId}/download`, thumbUrl: null, owner: { type: 'post', id: postId, parentId: null, title: null }, folderId: null },
    });
    expect(hit.titleHtml).toBe('Urlaubsantrag_2026.docx');
    expect(hit.snippetHtml).toContain('<mark>Reisekostenabrechnung</mark>');
    expect(res.counts.file).toBe(1);
    expect((await search(eve, 'urlaubsantrag', '&type=file')).items.map((i: { type: string }) => i.type)).toEqual(['file']);
    expect((await search(eve, 'urlaubsantrag', '&type=post')).items).toEqual([]);
  });

  it('finds a PDF by its text with umlaut folding and stemming, and a text file in the space files', async () => {
    const pdf = pdfWith([{ data: pdfTextPage(['Die Umsätze im dritten Quartal', 'sind deutlich gestiegen.']) }]);
    const pdfId = await upload(alice, 'Bericht.pdf', pdf, { spaceId: open });
    const txtId = await upload(alice, 'notizen.txt', Buffer.from('Besprechung zur Zeppelinwerft am Montag'), { spaceId: open });
    const odt = await postWith(alice, open, 'Protokoll.odt', odtWith('<text:p>Fahrrad<text:span>stellplätze</text:span> werden erweitert</text:p>'));
    const xlsx = await postWith(alice, open, 'Budget.xlsx', xlsxWith(['Kostenstelle', 'Druckerpatronen']));
    await indexed(t);
    for (const q of ['Umsätze', 'umsatze', 'Umsatz', 'UMSÄTZE'])
      expect(await fileIds(eve, q), q).toEqual([pdfId]);
    expect(await fileIds(eve, 'zeppelinwerft')).toEqual([txtId]);
    expect(await fileIds(eve, 'Fahrradstellplatz')).toEqual([odt.fileId]);
    expect(await fileIds(eve, 'druckerpatrone')).toEqual([xlsx.fileId]);
    const hit = (await search(eve, 'Quartal')).items.find((i: { id: number; type: string }) => i.type === 'file' && i.id === pdfId);
    expect(hit.file).toMatchObject({ kind: 'pdf', owner: { type: 'space', id: open }, folderId: null });
    expect(hit.snippetHtml).toContain('<mark>Quartal</mark>');
    // "Only with files" keeps files themselves.
    expect(await fileIds(eve, 'zeppelinwerft', '&hasFiles=true')).toEqual([txtId]);
  });

  it('finds a file whose text cannot be read by its name', async () => {
    const broken = await upload(alice, 'Kaputtes_Handbuch.pdf', Buffer.from('%PDF-1.7\n1 0 obj\n<< /Filter /FlateDecode >>\nstream\nnot deflate at all\nendstream\n%%EOF\n'));
    await alice.post('/posts', { spaceId: open, body: 'Anbei', fileIds: [broken] });
    await indexed(t);
    expect(await fileIds(eve, 'Handbuch')).toEqual([broken]);
  });

  it('never finds an unattached upload, not even for its uploader', async () => {
    await upload(alice, 'entwurf.txt', Buffer.from('Schublade Geheimentwurf'));
    await indexed(t);
    await expectMissing(alice, 'geheimentwurf', 'unattached upload');
  });

  it('shows files in private spaces and direct conversations only to those who may read them, counts included', async () => {
    const inClosed = await postWith(alice, closed, 'Strategie.txt', Buffer.from('Tarnkappenprojekt startet'));
    const confidential = await postWith(alice, closed, 'Gehälter.txt', Buffer.from('Gehaltsbänder vertraulich'), { label: 300 });
    const ownLabel = await upload(alice, 'Fusion.txt', Buffer.from('Übernahmeverhandlung läuft'), { spaceId: closed, label: 300 });
    const direct = (await alice.post('/conversations', { kind: 'direct', userId: partner.id })).body;
    const dmFile = await upload(alice, 'Flaschenpost.txt', Buffer.from('Nachricht im Direktchat Kompassnadel'));
    const msg = await alice.post(`/conversations/${direct.id}/messages`, { body: 'Hier', clientKey: clientKey(), fileIds: [dmFile] });
    expect(msg.status, JSON.stringify(msg.body)).toBe(200);
    await indexed(t);

    expect(await fileIds(bob, 'tarnkappenprojekt')).toEqual([inClosed.fileId]);
    expect(await fileIds(guest, 'tarnkappenprojekt')).toEqual([inClosed.fileId]);
    await expectMissing(eve, 'tarnkappenprojekt', 'outsider / private space');
    // Above the guest maximum: the item's label, or a space file's own.
    expect(await fileIds(bob, 'gehaltsbander')).toEqual([confidential.fileId]);
    await expectMissing(guest, 'gehaltsbander', 'guest / confidential post');
    expect(await fileIds(bob, 'Übernahmeverhandlung')).toEqual([ownLabel]);
    await expectMissing(guest, 'übernahmeverhandlung', 'guest / confidential space file');
    // Direct conversations: the two people in it.
    expect(await fileIds(partner, 'kompassnadel')).toEqual([dmFile]);
    expect(await fileIds(alice, 'flaschenpost')).toEqual([dmFile]);
    expect((await search(partner, 'kompassnadel')).items[0]).toMatchObject({ type: 'file', conversationId: direct.id, space: null, file: { owner: { type: 'message', id: msg.body.id, parentId: direct.id } } });
    for (const c of [bob, eve, guest]) await expectMissing(c, 'kompassnadel', `${c.handle} / direct conversation`);
    // The space facet counts only what the viewer may read.
    const facets = (await search(guest, 'txt')).spaces as { space: { id: number }; count: number }[];
    expect(facets.find((f) => f.space.id === closed)?.count).toBe(1);
  });

  it('takes the file out with its post in the writing transaction: hide, delete, move, label raise', async () => {
    const hidden = await postWith(alice, open, 'Versteck.txt', Buffer.from('Maulwurfshügel im Garten'));
    const deleted = await postWith(alice, open, 'Weg.txt', Buffer.from('Eintagsfliege'));
    const moved = await postWith(alice, open, 'Umzug.txt', Buffer.from('Wanderdüne bewegt sich'));
    const raised = await postWith(alice, open, 'Stufe.txt', Buffer.from('Treppenhausbeleuchtung defekt'));
    await indexed(t);
    for (const q of ['maulwurfshugel', 'eintagsfliege', 'wanderdune', 'treppenhausbeleuchtung']) expect(await fileIds(eve, q), q).toHaveLength(1);

    const db = t.foyer.svc.db;
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('posts').set({ hidden_at: new Date().toISOString() }).where('id', '=', hidden.postId).execute();
      // Inside the same transaction, before any indexer could see it.
      expect((await trx.selectFrom('search_docs').select('visible').where('kind', '=', 'file').where('item_id', '=', hidden.fileId).executeTakeFirstOrThrow()).visible).toBe(0);
    });
    await expectMissing(eve, 'maulwurfshugel', 'hidden post');
    expect(await fileIds(alice, 'maulwurfshugel')).toEqual([]);
    await db.updateTable('posts').set({ hidden_at: null }).where('id', '=', hidden.postId).execute();
    expect(await fileIds(eve, 'maulwurfshugel')).toEqual([hidden.fileId]);

    expect((await alice.del(`/posts/${deleted.postId}`)).status).toBe(204);
    await expectMissing(eve, 'eintagsfliege', 'deleted post');
    await expectMissing(alice, 'eintagsfliege', 'deleted post, uploader');

    expect((await alice.post(`/posts/${moved.postId}/move`, { spaceId: closed, confirmAudience: true })).status).toBe(200);
    expect(await docState(moved.fileId)).toMatchObject({ space_id: closed, visible: 1 });
    await expectMissing(eve, 'wanderdune', 'moved into a private space');
    expect(await fileIds(bob, 'wanderdune')).toEqual([moved.fileId]);

    expect((await alice.patch(`/posts/${raised.postId}`, { label: 300 })).status).toBe(200);
    expect(await docState(raised.fileId)).toMatchObject({ label: 300 });
    await expectMissing(guest, 'treppenhausbeleuchtung', 'label raised above the guest maximum');
    expect(await fileIds(eve, 'treppenhausbeleuchtung')).toEqual([raised.fileId]);
  });

  it('follows comments, messages and space visibility too', async () => {
    const post = (await alice.post('/posts', { spaceId: open, body: 'Diskussion' })).body;
    const commentFile = await upload(guest, 'Antwort.txt', Buffer.from('Kommentaranhang Zitronenfalter'));
    const comment = (await guest.post(`/posts/${post.id}/comments`, { body: 'Siehe Anhang', fileIds: [commentFile] })).body;
    const direct = (await alice.post('/conversations', { kind: 'direct', userId: partner.id })).body;
    const dmFile = await upload(partner, 'Rückruf.txt', Buffer.from('Nachtigall singt'));
    const msg = (await partner.post(`/conversations/${direct.id}/messages`, { body: 'Anbei', clientKey: clientKey(), fileIds: [dmFile] })).body;
    const spaceFile = await upload(alice, 'Aushang.txt', Buffer.from('Sommerfest am Baggersee'), { spaceId: open });
    await indexed(t);
    expect(await fileIds(eve, 'zitronenfalter')).toEqual([commentFile]);
    expect((await search(eve, 'zitronenfalter')).items[0].file.owner).toEqual({ type: 'comment', id: comment.id, parentId: post.id, title: null });
    expect(await fileIds(alice, 'nachtigall')).toEqual([dmFile]);
    expect(await fileIds(eve, 'baggersee')).toEqual([spaceFile]);

    // A hidden post takes the files of its comments along.
    await t.foyer.svc.db.transaction().execute(async (trx) => {
      await trx.updateTable('posts').set({ hidden_at: new Date().toISOString() }).where('id', '=', post.id).execute();
      expect((await trx.selectFrom('search_docs').select('visible').where('kind', '=', 'file').where('item_id', '=', commentFile).executeTakeFirstOrThrow()).visible).toBe(0);
      await trx.updateTable('posts').set({ hidden_at: null }).where('id', '=', post.id).execute();
    });
    expect((await guest.del(`/comments/${comment.id}`)).status).toBe(204);
    await expectMissing(eve, 'zitronenfalter', 'deleted comment');

    expect((await partner.del(`/messages/${msg.id}`)).status).toBe(204);
    await expectMissing(alice, 'nachtigall', 'deleted message');

    // Secret: outsiders no longer know the space, so its files are gone for them; members keep them.
    expect((await alice.patch(`/spaces/${open}`, { visibility: 'secret', confirmAudience: true })).status).toBe(200);
    await expectMissing(eve, 'baggersee', 'space became secret');
    expect(await fileIds(guest, 'baggersee')).toEqual([spaceFile]);
    expect((await alice.patch(`/spaces/${open}`, { visibility: 'public', confirmAudience: true })).status).toBe(200);
  });

  it('leaves out files when the works agreement switches files, or their item\'s module, off', async () => {
    const post = await postWith(alice, open, 'Modul.txt', Buffer.from('Schalterstellung'));
    const direct = (await alice.post('/conversations', { kind: 'direct', userId: partner.id })).body;
    const dmFile = await upload(alice, 'Chatmodul.txt', Buffer.from('Schalterstellung'));
    await alice.post(`/conversations/${direct.id}/messages`, { body: 'x', clientKey: clientKey(), fileIds: [dmFile] });
    await indexed(t);
    const { db, dialect } = t.foyer.svc;
    const policy = (await activePolicy(db, dialect)).document;
    const visibleFiles = async (modules: Partial<typeof policy.modules>) =>
      (
        await sql<{ item_id: number }>`select d.item_id from search_docs d where d.kind = 'file' and d.item_id in (${post.fileId}, ${dmFile})
          and ${visibleDocs(db, alice.actor, { ...policy, modules: { ...policy.modules, ...modules } })} order by d.item_id`.execute(db)
      ).rows.map((r) => r.item_id);
    expect(await visibleFiles({})).toEqual([post.fileId, dmFile]);
    expect(await visibleFiles({ chat: false })).toEqual([post.fileId]);
    expect(await visibleFiles({ files: false })).toEqual([]);
  });

  it('follows a space file of its own: relabel, rename, delete', async () => {
    const id = await upload(alice, 'Plan.txt', Buffer.from('Kellerschlüssel liegt beim Hausmeister'), { spaceId: closed });
    await indexed(t);
    expect(await fileIds(guest, 'kellerschlussel')).toEqual([id]);
    expect((await alice.patch(`/files/${id}`, { label: 300 })).status).toBe(200);
    expect(await docState(id)).toMatchObject({ label: 300 });
    await expectMissing(guest, 'kellerschlussel', 'space file relabelled');
    expect((await alice.patch(`/files/${id}`, { name: 'Hausordnung.txt' })).status).toBe(200);
    await indexed(t);
    expect(await fileIds(bob, 'hausordnung')).toEqual([id]);
    expect(await fileIds(bob, 'plan')).toEqual([]);
    expect((await alice.del(`/files/${id}`)).status).toBe(204);
    await expectMissing(bob, 'hausordnung', 'deleted space file');
    await indexed(t);
    expect(await docState(id)).toBeUndefined();
  });
});

describe('search indexer: reading file text ahead of a batch', () => {
  const v = (fileId: number, size: number, extra: Partial<Parameters<typeof planFileReads>[1][number]> = {}) => ({
    id: 100 + fileId,
    file_id: fileId,
    owner_type: 'post',
    deleted_at: null,
    kind: 'text' as const,
    mime: 'text/plain',
    size,
    storage_key: `files/aa/${fileId}.txt`,
    ...extra,
  });
  const file = (id: number) => ({ kind: 'file', item_id: id });
  const post = (id: number) => ({ kind: 'post', item_id: id });

  it('reads the files at the head of the queue until their bytes would pass the budget, then cuts the batch there', () => {
    const head = [post(1), file(1), post(2), file(2), file(3), post(3)];
    const plan = planFileReads(head, [v(1, 60), v(2, 30), v(3, 20)], 100);
    expect(plan.read.map((r) => r.file_id)).toEqual([1, 2]);
    expect(plan.take).toBe(4);
    expect(planFileReads(head, [v(1, 60), v(2, 30), v(3, 10)], 100).take).toBeUndefined();
  });

  it('always reads the first file, and never images, uploads, deleted or oversized files (they cost nothing)', () => {
    expect(planFileReads([file(1), file(2)], [v(1, 500), v(2, 1)], 100)).toMatchObject({ take: 1, read: [{ file_id: 1 }] });
    const head = [file(1), file(2), file(3), file(4), file(5), file(5)];
    const versions = [
      v(1, 90, { kind: 'image' }),
      v(2, 90, { owner_type: 'upload' }),
      v(3, 90, { deleted_at: '2026-01-01T00:00:00.000Z' }),
      v(4, TEXT_LIMITS.fileBytes + 1),
      v(5, 90),
    ];
    const plan = planFileReads(head, versions, 100);
    expect(plan.take).toBeUndefined();
    expect(plan.read.map((r) => r.file_id)).toEqual([1, 4, 5]);
  });
});
