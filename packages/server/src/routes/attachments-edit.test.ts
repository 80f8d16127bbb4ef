import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestFoyer, type TestFoyer, type TestClient } from '../test/harness.js';

type FileRef = { id: number };
const fileIds = (item: { files: FileRef[] }) => item.files.map((f) => f.id);

/**
 * Editing a question, an answer, a comment or a chat message can change its attachments with the
 * rules of creating it: only the editor's own unattached uploads join, `fileIds` is the complete new
 * list, left-out files are deleted, and a refused list changes nothing at all.
 */
describe('attachments when editing', () => {
  let t: TestFoyer;
  let ana: TestClient, ben: TestClient;
  let space: { id: number };
  beforeAll(async () => {
    t = await startTestFoyer();
    ana = await t.user('ana');
    ben = await t.user('ben');
    space = (await ana.post('/spaces', { name: 'Editing', visibility: 'public' })).body;
    await ben.post(`/spaces/${space.id}/join`);
  });
  afterAll(() => t.close());

  const upload = async (c: TestClient, name: string): Promise<number> => {
    const res = await t.foyer.app.inject({
      method: 'POST',
      url: `/api/v1/files?name=${encodeURIComponent(name)}`,
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': 'application/octet-stream' },
      payload: Buffer.from(`contents of ${name}`),
    });
    expect(res.statusCode).toBe(200);
    return res.json().id;
  };
  const fileRow = (id: number) => t.foyer.svc.db.selectFrom('files').select(['owner_type', 'owner_id', 'deleted_at']).where('id', '=', id).executeTakeFirst();

  interface Script {
    /** Creates an item of this type as ana, with these files (the first one created is the one edited). */
    create: (fileIds: number[]) => Promise<void>;
    /** Edits it as ana (its author); fileIds undefined leaves the files alone. */
    edit: (fileIds: number[] | undefined, text: string) => Promise<{ status: number; body: any }>;
    read: () => Promise<{ text: string; files: number[] }>;
    /** The same edit by ben, who is not the author. */
    denied: (fileIds: number[]) => Promise<{ status: number }>;
  }

  /** The same checks for every item type. */
  async function runScript(opts: Script) {
    const first = await upload(ana, 'first.txt');
    await opts.create([first]);
    expect((await opts.read()).files).toEqual([first]);

    // Add one, keep one.
    const second = await upload(ana, 'second.txt');
    expect((await opts.edit([first, second], 'with two files')).status).toBe(200);
    expect(await opts.read()).toEqual({ text: 'with two files', files: [first, second] });

    // Leaving one out deletes it (gone for everyone, its row and stored object purged).
    expect((await opts.edit([second], 'with one file')).status).toBe(200);
    expect(await opts.read()).toEqual({ text: 'with one file', files: [second] });
    expect(await fileRow(first)).toBeUndefined();
    expect((await ana.get(`/files/${first}`)).status).toBe(404);

    // Someone else's upload is refused, and nothing changes: not the text, not the files, not theirs.
    const theirs = await upload(ben, 'theirs.txt');
    const refused = await opts.edit([second, theirs], 'sneaky edit');
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields.fileIds).toEqual([theirs]);
    expect(await opts.read()).toEqual({ text: 'with one file', files: [second] });
    expect(await fileRow(theirs)).toMatchObject({ owner_type: 'upload', owner_id: null, deleted_at: null });
    expect(await fileRow(second)).toMatchObject({ deleted_at: null });

    // So are a file already attached elsewhere and a missing one.
    const elsewhere = await upload(ana, 'elsewhere.txt');
    await opts.create([elsewhere]);
    expect((await opts.edit([elsewhere], 'steal it')).status).toBe(400);
    expect((await opts.edit([999999], 'missing')).status).toBe(400);
    expect(await opts.read()).toEqual({ text: 'with one file', files: [second] });

    // Without fileIds the files stay as they are.
    expect((await opts.edit(undefined, 'text only')).status).toBe(200);
    expect(await opts.read()).toEqual({ text: 'text only', files: [second] });

    // Someone who may not edit the item cannot change its files either.
    const bens = await upload(ben, 'bens.txt');
    expect((await opts.denied([bens])).status).toBe(403);
    expect(await opts.read()).toEqual({ text: 'text only', files: [second] });
    expect(await fileRow(bens)).toMatchObject({ owner_type: 'upload', deleted_at: null });
  }

  it('edits the files of a question', async () => {
    let id = 0;
    await runScript({
      create: async (files) => {
        const q = (await ana.post(`/spaces/${space.id}/questions`, { title: 'A question with files', fileIds: files })).body;
        if (!id) id = q.id;
      },
      edit: (files, text) => ana.patch(`/questions/${id}`, { body: text, ...(files ? { fileIds: files } : {}) }),
      read: async () => {
        const q = (await ana.get(`/questions/${id}`)).body;
        return { text: q.body, files: fileIds(q) };
      },
      denied: (files) => ben.patch(`/questions/${id}`, { body: 'not mine', fileIds: files }),
    });
  });

  it('edits the files of an answer', async () => {
    const q = (await ben.post(`/spaces/${space.id}/questions`, { title: 'Where do answers keep files?' })).body;
    let id = 0;
    await runScript({
      create: async (files) => {
        const detail = (await ana.post(`/questions/${q.id}/answers`, { body: 'an answer', fileIds: files })).body;
        const mine = detail.answers.filter((a: { author: { id: number } }) => a.author.id === ana.id).map((a: { id: number }) => a.id);
        if (!id) id = Math.min(...mine);
      },
      edit: (files, text) => ana.patch(`/answers/${id}`, { body: text, ...(files ? { fileIds: files } : {}) }),
      read: async () => {
        const a = (await ana.get(`/questions/${q.id}`)).body.answers.find((x: { id: number }) => x.id === id);
        return { text: a.body, files: fileIds(a) };
      },
      denied: (files) => ben.patch(`/answers/${id}`, { body: 'not mine', fileIds: files }),
    });
  });

  it('edits the files of a comment', async () => {
    const post = (await ben.post('/posts', { spaceId: space.id, body: 'Comment with files, please' })).body;
    let id = 0;
    await runScript({
      create: async (files) => {
        const c = (await ana.post(`/posts/${post.id}/comments`, { body: 'a comment', fileIds: files })).body;
        if (!id) id = c.id;
      },
      edit: (files, text) => ana.patch(`/comments/${id}`, { body: text, ...(files ? { fileIds: files } : {}) }),
      read: async () => {
        const c = (await ana.get(`/posts/${post.id}/comments`)).body.find((x: { id: number }) => x.id === id);
        return { text: c.body, files: fileIds(c) };
      },
      denied: (files) => ben.patch(`/comments/${id}`, { body: 'not mine', fileIds: files }),
    });
  });

  it('edits the files of a chat message, which may then be files only but never empty', async () => {
    const c = (await ana.post('/conversations', { kind: 'direct', userId: ben.id })).body;
    let id = 0;
    let n = 0;
    await runScript({
      create: async (files) => {
        const m = (await ana.post(`/conversations/${c.id}/messages`, { body: 'a message', clientKey: `edit-files-${n++}`, fileIds: files })).body;
        if (!id) id = m.id;
      },
      edit: (files, text) => ana.patch(`/messages/${id}`, { body: text, ...(files ? { fileIds: files } : {}) }),
      read: async () => {
        const m = (await ana.get(`/messages/${id}`)).body;
        return { text: m.body, files: fileIds(m) };
      },
      denied: (files) => ben.patch(`/messages/${id}`, { body: 'not mine', fileIds: files }),
    });
    const only = (await ana.get(`/messages/${id}`)).body.files.map((f: FileRef) => f.id);
    expect((await ana.patch(`/messages/${id}`, { body: '' })).body).toMatchObject({ body: '', files: [{ id: only[0] }] });
    const empty = await ana.patch(`/messages/${id}`, { body: '', fileIds: [] });
    expect(empty.status).toBe(400);
    expect((await ana.get(`/messages/${id}`)).body.files.map((f: FileRef) => f.id)).toEqual(only);
  });
});
