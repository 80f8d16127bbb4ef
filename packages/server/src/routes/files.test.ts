import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import sharp from 'sharp';
import { startTestFoyer, type TestFoyer, type TestClient } from '../test/harness.js';
import { createFoyer } from '../server.js';
import { buildZip, minimalDocx, minimalOdt, floodPng, diskMatchesTables, filesUnder } from '../files/testing.js';
import { pendingDir, reencodesSettled } from '../files/reencode.js';

describe('files', () => {
  let t: TestFoyer;
  let alice: TestClient, bob: TestClient, eve: TestClient;
  let space: any;

  const upload = (c: TestClient, data: Buffer, name: string, query: Record<string, string | number> = {}, headers: Record<string, string> = {}) =>
    t.foyer.app.inject({
      method: 'POST',
      url: `/api/v1/files?${new URLSearchParams({ name, ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) })}`,
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': 'application/octet-stream', ...headers },
      payload: data,
    });
  const download = (c: TestClient, url: string) => t.foyer.app.inject({ method: 'GET', url, headers: { cookie: c.cookie } });
  const rows = async () => {
    const [f, v] = await Promise.all([
      t.foyer.svc.db.selectFrom('files').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      t.foyer.svc.db.selectFrom('file_versions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { files: Number(f.n), versions: Number(v.n) };
  };
  /** Nothing on disk that the tables do not reference, nothing left in staging. */
  const expectNoStrays = async () => {
    await reencodesSettled();
    const d = await diskMatchesTables(t.foyer.svc.db, t.config.dataDir);
    expect(d.staging).toEqual([]);
    expect(d.onDisk).toEqual(d.referenced);
    expect(filesUnder(pendingDir(t.config.dataDir))).toEqual([]);
  };
  const png = (w = 64, h = 48) => sharp({ create: { width: w, height: h, channels: 3, background: '#3366cc' } }).png().toBuffer();

  beforeAll(async () => {
    t = await startTestFoyer();
    alice = await t.user('alice');
    bob = await t.user('bob');
    eve = await t.user('eve');
    space = (await alice.post('/spaces', { name: 'Engineering', visibility: 'private' })).body;
    await alice.post(`/spaces/${space.id}/members`, { userId: bob.id });
    await bob.post(`/spaces/${space.id}/accept`);
  });
  afterAll(() => t.close());

  describe('bad input: refused with a typed error, nothing left behind', () => {
    const cases: [string, () => Promise<Buffer>, string, number, string][] = [
      ['empty', async () => Buffer.alloc(0), 'empty.txt', 400, 'empty'],
      ['an ELF executable renamed .png', async () => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(200)]), 'cat.png', 415, 'type_not_allowed'],
      ['a Windows executable renamed .pdf', async () => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300)]), 'invoice.pdf', 415, 'type_not_allowed'],
      ['HTML renamed .pdf', async () => Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'), 'report.pdf', 415, 'type_not_allowed'],
      ['an SVG with a script', async () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'logo.svg', 415, 'type_not_allowed'],
      ['an SVG renamed .png', async () => Buffer.from('<?xml version="1.0"?><svg onload="alert(1)"/>'), 'logo.png', 415, 'type_not_allowed'],
      ['a real PDF named .exe', async () => Buffer.from('%PDF-1.4\n%%EOF\n'), 'setup.exe', 415, 'type_mismatch'],
      ['text named .bat', async () => Buffer.from('del /s C:\\\r\n'), 'run.bat', 415, 'type_mismatch'],
      ['binary junk', async () => Buffer.from([0, 1, 2, 3, 4, 5, 0, 0, 0xff, 0xfe]), 'data.txt', 415, 'type_not_allowed'],
      ['a plain zip', async () => buildZip([{ name: 'a.txt', data: Buffer.from('hello') }]), 'stuff.zip', 415, 'type_not_allowed'],
      ['a macro document renamed .docx', async () => minimalDocx('<w:document/>', [{ name: 'word/vbaProject.bin', data: Buffer.alloc(64) }]), 'memo.docx', 415, 'type_not_allowed'],
      [
        'a zip bomb disguised as .docx',
        async () => minimalDocx('<w:document/>', [{ name: 'word/media/big.xml', data: Buffer.alloc(30 * 1024 * 1024), deflate: true }]),
        'report.docx',
        422,
        'archive_suspicious',
      ],
      ['a pixel flood (PNG declaring 100000 x 100000)', async () => floodPng(100_000, 100_000), 'flood.png', 422, 'image_too_large'],
      ['a truncated JPEG', async () => (await sharp({ create: { width: 300, height: 200, channels: 3, background: '#000' } }).jpeg().toBuffer()).subarray(0, 300), 'cut.jpg', 422, 'unreadable'],
    ];
    for (const [what, make, name, status, reason] of cases) {
      it(`refuses ${what}`, async () => {
        const before = await rows();
        const res = await upload(alice, await make(), name);
        expect(res.statusCode, res.body).toBe(status);
        expect(res.json().error.details.reason).toBe(reason);
        expect(await rows()).toEqual(before);
        await expectNoStrays();
      });
    }

    it('refuses files above the organisation limit, before and while reading', async () => {
      expect((await t.admin.put('/admin/files/settings', { maxUploadBytes: 10 })).status).toBe(400);
      expect((await alice.put('/admin/files/settings', { maxUploadBytes: 4096 })).status).toBe(403);
      const set = await t.admin.put('/admin/files/settings', { maxUploadBytes: 4096 });
      expect(set.body.maxUploadBytes).toBe(4096);
      expect((await alice.get('/files/settings')).body.maxUploadBytes).toBe(4096);
      const before = await rows();
      const big = await upload(alice, Buffer.alloc(5000, 'a'), 'big.txt');
      expect(big.statusCode).toBe(413);
      expect(big.json().error).toMatchObject({ code: 'payload_too_large', details: { reason: 'too_large', limitBytes: 4096 } });
      // Without a Content-Length (chunked), the limit is enforced while streaming.
      const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        t.foyer.app.listen({ port: 0, host: '127.0.0.1' }).then((base) => {
          const req = http.request(`${base}/api/v1/files?name=big.txt`, { method: 'POST', headers: { cookie: alice.cookie, 'x-csrf-token': alice.csrf, 'transfer-encoding': 'chunked' } }, (res) => {
            let body = '';
            res.on('data', (c) => (body += c));
            res.on('end', () => resolve({ status: res.statusCode!, body }));
          });
          req.on('error', reject);
          for (let i = 0; i < 10; i++) req.write(Buffer.alloc(1000, 'b'));
          req.end();
        }, reject);
      });
      expect(chunked.status).toBe(413);
      expect(JSON.parse(chunked.body).error.details.reason).toBe('too_large');
      expect(await rows()).toEqual(before);
      await expectNoStrays();
      await t.admin.put('/admin/files/settings', { maxUploadBytes: 100 * 1024 * 1024 });
    });

    it('leaves nothing behind when the client aborts mid-upload', async () => {
      const base = await t.foyer.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => `http://127.0.0.1:${(t.foyer.app.server.address() as { port: number }).port}`);
      const before = await rows();
      await new Promise<void>((resolve) => {
        const req = http.request(`${base}/api/v1/files?name=half.txt`, { method: 'POST', headers: { cookie: alice.cookie, 'x-csrf-token': alice.csrf, 'content-length': '1000000' } });
        req.on('error', () => resolve());
        req.write(Buffer.alloc(300_000, 'c'));
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 100);
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(await rows()).toEqual(before);
      await expectNoStrays();
    });

    it('neutralises path separators and control characters in names', async () => {
      const res = await upload(alice, Buffer.from('hello'), '../../etc/\u0000pass\u202Ewd\r\n.txt');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().name).toBe('passwd.txt');
      const dotted = await upload(alice, Buffer.from('hello'), '..\\..\\');
      expect(dotted.json().name).toBe('file.txt');
      const reserved = await upload(alice, Buffer.from('hello'), 'CON.txt');
      expect(reserved.json().name).toBe('_CON.txt');
      // The storage key never derives from the name.
      const key = (await t.foyer.svc.db.selectFrom('file_versions').select('storage_key').where('file_id', '=', res.json().id).executeTakeFirstOrThrow()).storage_key;
      expect(key).toMatch(/^files\/[0-9a-f]{2}\/[0-9a-f-]{36}\.txt$/);
      await expectNoStrays();
    });
  });

  it('accepts the allow-list, adds the type extension, and lists icon kinds and sizes', async () => {
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n');
    const cases: [Buffer, string, string, string][] = [
      [pdf, 'Quarterly report', 'pdf', 'Quarterly report.pdf'],
      [minimalDocx(), 'memo.docx', 'document', 'memo.docx'],
      [buildZip([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'xl/workbook.xml', data: Buffer.from('<w/>') }]), 'numbers.xlsx', 'spreadsheet', 'numbers.xlsx'],
      [minimalOdt(), 'brief.odt', 'document', 'brief.odt'],
      [Buffer.from('a;b\n1;2\n'), 'table.csv', 'text', 'table.csv'],
      [Buffer.from('# Notes\n\nÄrger mit Umlauten'), 'notes.md', 'text', 'notes.md'],
      [await png(), 'chart.png', 'image', 'chart.png'],
    ];
    for (const [data, name, kind, finalName] of cases) {
      const res = await upload(alice, data, name);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(200);
      expect(res.json(), name).toMatchObject({ kind, name: finalName, version: 1, owner: { type: 'upload', id: null }, abilities: { edit: true, delete: true } });
      if (kind !== 'image') expect(res.json().size).toBe(data.length);
    }
    await expectNoStrays();
  });

  it('strips EXIF and GPS, applies orientation, and makes a thumbnail', async () => {
    const jpeg = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#cc3366' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({ IFD0: { Copyright: 'Alice', Make: 'PhoneCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '53/1 33/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '9/1 59/1 0/1' } })
      .toBuffer();
    const original = await sharp(jpeg).metadata();
    expect(original.exif).toBeDefined();
    expect(original.orientation).toBe(6);
    const res = await upload(alice, jpeg, 'holiday.jpg');
    expect(res.statusCode, res.body).toBe(200);
    const file = res.json();
    // Orientation 6 is a quarter turn: the stored image is upright, portrait.
    expect(file).toMatchObject({ kind: 'image', mime: 'image/jpeg', width: 800, height: 1200 });
    const got = await download(alice, file.url);
    expect(got.statusCode).toBe(200);
    const meta = await sharp(got.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(meta.width).toBe(800);
    expect(got.rawPayload.includes(Buffer.from('PhoneCam'))).toBe(false);
    const thumb = await download(alice, file.thumbUrl);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    const tm = await sharp(thumb.rawPayload).metadata();
    expect(Math.max(tm.width!, tm.height!)).toBe(480);
    expect(tm.height).toBeGreaterThan(tm.width!);
  });

  describe('the full-size re-encode runs after the answer', () => {
    const gpsJpeg = () =>
      sharp({ create: { width: 900, height: 600, channels: 3, background: '#228844' } })
        .jpeg()
        .withMetadata({ orientation: 6 })
        .withExif({ IFD0: { Make: 'SpyCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '53/1 33/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '9/1 59/1 0/1' } })
        .toBuffer();
    const keysOf = (fileId: number) =>
      t.foyer.svc.db.selectFrom('file_versions').select(['storage_key', 'thumb_key', 'size']).where('file_id', '=', fileId).executeTakeFirstOrThrow();
    const objectPath = (key: string) => path.join(t.config.dataDir, 'files', key);
    /** The state a crash leaves between the answer and the end of the re-encode: original parked, no full image stored. */
    const crashMidReencode = async (fileId: number, original: Buffer) => {
      await reencodesSettled();
      const { storage_key } = await keysOf(fileId);
      fs.mkdirSync(pendingDir(t.config.dataDir), { recursive: true });
      fs.writeFileSync(path.join(pendingDir(t.config.dataDir), path.basename(storage_key)), original);
      fs.rmSync(objectPath(storage_key));
      return storage_key;
    };
    const expectStripped = (body: Buffer) => {
      expect(body.includes(Buffer.from('SpyCam'))).toBe(false);
      return sharp(body)
        .metadata()
        .then((m) => {
          expect(m.exif).toBeUndefined();
          expect(m.orientation).toBeUndefined();
          expect(m.width).toBe(600);
        });
    };

    it('never serves the original: a download right after the answer waits for the stripped image', async () => {
      const original = await gpsJpeg();
      const file = (await upload(alice, original, 'gps.jpg')).json();
      // Dimensions are known from the header (orientation applied) before the re-encode ran.
      expect(file).toMatchObject({ width: 600, height: 900, thumbUrl: expect.any(String) });
      const [full, again] = await Promise.all([download(alice, file.url), download(alice, file.url)]);
      for (const got of [full, again]) {
        expect(got.statusCode).toBe(200);
        await expectStripped(got.rawPayload);
      }
      // Size and hash now describe what is served.
      const { size } = await keysOf(file.id);
      expect(size).toBe(full.rawPayload.length);
      expect((await alice.get(`/files/${file.id}`)).body.size).toBe(full.rawPayload.length);
      await expectNoStrays();
    });

    it('answers 202 while a re-encode is pending and not running here, and redoes it on the next start', async () => {
      const original = await gpsJpeg();
      const file = (await upload(alice, original, 'crash.jpg', { spaceId: space.id })).json();
      const key = await crashMidReencode(file.id, original);
      for (const url of [file.url, `/api/v1/files/${file.id}/versions/1/download`]) {
        const pending = await download(bob, url);
        expect(pending.statusCode, url).toBe(202);
        expect(pending.headers['retry-after']).toBe('2');
        expect(pending.rawPayload.includes(Buffer.from('SpyCam'))).toBe(false);
        expect(pending.json().status).toBe('processing');
      }
      // The thumbnail is there, and hidden stays missing while pending.
      expect((await download(bob, file.thumbUrl)).statusCode).toBe(200);
      expect((await download(eve, file.url)).statusCode).toBe(404);
      // A restart: a second process on the same database and data folder resumes the pending work.
      const restarted = await createFoyer(t.config);
      try {
        await restarted.app.ready();
        await reencodesSettled();
      } finally {
        await restarted.close();
      }
      expect(fs.existsSync(objectPath(key))).toBe(true);
      const got = await download(bob, file.url);
      expect(got.statusCode).toBe(200);
      await expectStripped(got.rawPayload);
      await expectNoStrays();
    });

    it('on start, removes an old original whose upload never committed, with its thumbnail, and keeps a young one', async () => {
      const dir = pendingDir(t.config.dataDir);
      fs.mkdirSync(dir, { recursive: true });
      const orphan = (id: string) => {
        const key = `files/${id.slice(0, 2)}/${id}.jpg`;
        const original = path.join(dir, `${id}.jpg`);
        fs.writeFileSync(original, 'not committed');
        fs.mkdirSync(path.dirname(objectPath(key)), { recursive: true });
        fs.writeFileSync(objectPath(key.replace('.jpg', '-t.webp')), 'thumb');
        return { original, thumb: objectPath(key.replace('.jpg', '-t.webp')) };
      };
      const old = orphan('0a1b2c3d-0000-4000-8000-000000000001');
      const young = orphan('0a1b2c3d-0000-4000-8000-000000000002');
      const hourAgo = new Date(Date.now() - 3600_000);
      fs.utimesSync(old.original, hourAgo, hourAgo);
      const restarted = await createFoyer(t.config);
      try {
        await restarted.app.ready();
        await reencodesSettled();
      } finally {
        await restarted.close();
      }
      expect(fs.existsSync(old.original)).toBe(false);
      expect(fs.existsSync(old.thumb)).toBe(false);
      // Possibly an upload of another process still on its way to its commit: left to a later start.
      expect(fs.existsSync(young.original)).toBe(true);
      fs.rmSync(young.original);
      fs.rmSync(young.thumb);
      await expectNoStrays();
    });

    it('deleting a file whose re-encode is pending removes its original too', async () => {
      const original = await gpsJpeg();
      const file = (await upload(alice, original, 'gone.jpg')).json();
      await crashMidReencode(file.id, original);
      expect((await alice.del(`/files/${file.id}`)).status).toBe(204);
      expect((await download(alice, file.url)).statusCode).toBe(404);
      await expectNoStrays();
    });
  });

  it('answers downloads with attachment disposition, nosniff and a sandbox CSP', async () => {
    const name = 'Bericht für Q1 "final".pdf';
    const pdf = (await upload(alice, Buffer.from('%PDF-1.4\n%%EOF\n'), name)).json();
    const res = await download(alice, pdf.url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    // Quotes are not kept in names; the exact name travels as RFC 5987 filename*.
    expect(pdf.name).toBe('Bericht für Q1 _final_.pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="Bericht fur Q1 _final_.pdf"; filename*=UTF-8''${encodeURIComponent(pdf.name)}`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
    expect(res.headers['content-length']).toBe(String(pdf.size));
    const text = (await upload(alice, Buffer.from('<b>not html</b>'), 'note.txt')).json();
    const t1 = await download(alice, text.url);
    expect(t1.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(t1.headers['content-disposition']).toMatch(/^attachment;/);
    const image = (await upload(alice, await png(), 'p.png')).json();
    const i1 = await download(alice, image.url);
    expect(i1.headers['content-disposition']).toMatch(/^inline;/);
    expect(i1.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
  });

  it('retries with the same idempotency key return the first file', async () => {
    const before = await rows();
    const headers = { 'idempotency-key': 'retry-key-0001' };
    const a = await upload(alice, Buffer.from('same bytes'), 'retry.txt', {}, headers);
    const b = await upload(alice, Buffer.from('same bytes'), 'retry.txt', {}, headers);
    expect(a.statusCode).toBe(200);
    expect(b.json().id).toBe(a.json().id);
    expect(await rows()).toEqual({ files: before.files + 1, versions: before.versions + 1 });
    // The key is per person: Bob's upload with the same key is his own.
    const c = await upload(bob, Buffer.from('same bytes'), 'retry.txt', {}, headers);
    expect(c.json().id).not.toBe(a.json().id);
    expect((await upload(alice, Buffer.from('x'), 'x.txt', {}, { 'idempotency-key': 'bad key!' })).statusCode).toBe(400);
    await expectNoStrays();
  });

  it('keeps versions: upload a new one, list them, download an old one', async () => {
    const v1 = (await upload(alice, Buffer.from('first draft'), 'plan.txt', { spaceId: space.id })).json();
    const newVersion = (c: TestClient, data: Buffer, name: string) =>
      t.foyer.app.inject({ method: 'POST', url: `/api/v1/files/${v1.id}/versions?name=${encodeURIComponent(name)}`, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': 'text/plain' }, payload: data });
    const v2 = await newVersion(alice, Buffer.from('second draft, longer'), 'plan v2.txt');
    expect(v2.statusCode, v2.body).toBe(200);
    expect(v2.json()).toMatchObject({ version: 2, name: 'plan v2.txt', size: 20 });
    // Bob is a member but neither uploader nor manager: he may read, not replace.
    expect((await newVersion(bob, Buffer.from('mine now'), 'plan.txt')).statusCode).toBe(403);
    // A disguised new version is refused like a new upload, and the file stays at version 2.
    expect((await newVersion(alice, Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(64)]), 'plan.txt')).statusCode).toBe(415);
    const list = await bob.get(`/files/${v1.id}/versions`);
    expect(list.body.items.map((v: any) => [v.version, v.name, v.size])).toEqual([
      [2, 'plan v2.txt', 20],
      [1, 'plan.txt', 11],
    ]);
    const old = await download(bob, list.body.items[1].url);
    expect(old.statusCode).toBe(200);
    expect(old.body).toBe('first draft');
    expect(old.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
    expect((await download(bob, v1.url)).body).toBe('second draft, longer');
    expect((await download(eve, list.body.items[1].url)).statusCode).toBe(404);
    expect((await download(bob, `/api/v1/files/${v1.id}/versions/9/download`)).statusCode).toBe(404);
    await expectNoStrays();
  });

  it('organises space files in folders', async () => {
    const mk = (c: TestClient, name: string, parentId?: number) => c.post(`/spaces/${space.id}/folders`, { name, parentId });
    const docs = await mk(alice, 'Docs');
    expect(docs.status).toBe(200);
    expect((await mk(alice, 'docs')).status).toBe(409);
    expect((await mk(eve, 'Intruders')).status).toBe(404);
    const specs = (await mk(bob, 'Specs/../x', docs.body.id)).body;
    expect(specs).toMatchObject({ name: 'x', parentId: docs.body.id });
    // Moving a folder into its own subfolder is refused.
    const cycle = await alice.patch(`/folders/${docs.body.id}`, { parentId: specs.id });
    expect(cycle.status).toBe(400);
    expect(cycle.body.error.details.fields.parentId).toBe('cycle');
    expect((await alice.patch(`/folders/${specs.id}`, { name: 'Specs' })).body.name).toBe('Specs');
    const file = (await upload(alice, Buffer.from('spec text'), 'api.md', { spaceId: space.id, folderId: specs.id })).json();
    expect(file).toMatchObject({ folderId: specs.id, spaceId: space.id, owner: { type: 'space', id: space.id }, label: 200 });
    const listing = await bob.get(`/spaces/${space.id}/files?folderId=${specs.id}`);
    expect(listing.status).toBe(200);
    expect(listing.body.path.map((f: any) => f.name)).toEqual(['Docs', 'Specs']);
    expect(listing.body.items.map((f: any) => f.id)).toEqual([file.id]);
    expect((await eve.get(`/spaces/${space.id}/files`)).status).toBe(404);
    // A non-empty folder is not deleted; moving the file out empties it.
    expect((await alice.del(`/folders/${specs.id}`)).status).toBe(409);
    const moved = await alice.patch(`/files/${file.id}`, { folderId: docs.body.id, name: 'API.md' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ folderId: docs.body.id, name: 'API.md' });
    expect((await alice.patch(`/files/${file.id}`, { name: 'API.exe' })).status).toBe(415);
    expect((await bob.patch(`/files/${file.id}`, { name: 'mine.md' })).status).toBe(403);
    expect((await alice.del(`/folders/${specs.id}`)).status).toBe(204);
    const top = await bob.get(`/spaces/${space.id}/files`);
    expect(top.body.folders.map((f: any) => f.name)).toEqual(['Docs']);
    expect((await bob.get(`/spaces/${space.id}/files?folderId=${docs.body.id}`)).body.items.map((f: any) => f.id)).toEqual([file.id]);
    expect((await alice.del(`/files/${file.id}`)).status).toBe(204);
    expect((await download(alice, file.url)).statusCode).toBe(404);
    await expectNoStrays();
  });

  it('attaches uploads to items once, by their uploader, and shows them on the item', async () => {
    const f1 = (await upload(alice, Buffer.from('%PDF-1.4\n%%EOF\n'), 'agenda.pdf')).json();
    const f2 = (await upload(alice, await png(), 'photo.png')).json();
    expect((await download(bob, f1.url)).statusCode).toBe(404);
    const post = await alice.post('/posts', { spaceId: space.id, body: 'Agenda attached', fileIds: [f1.id, f2.id] });
    expect(post.status, JSON.stringify(post.body)).toBe(200);
    expect(post.body.files.map((f: any) => [f.id, f.kind])).toEqual([
      [f1.id, 'pdf'],
      [f2.id, 'image'],
    ]);
    expect((await download(bob, f1.url)).statusCode).toBe(200);
    expect((await download(bob, f2.thumbUrl)).statusCode).toBe(200);
    // Already attached, or somebody else's: refused, nothing changes.
    expect((await alice.post('/posts', { spaceId: space.id, body: 'again', fileIds: [f1.id] })).status).toBe(400);
    const mine = (await upload(bob, Buffer.from('bob'), 'b.txt')).json();
    expect((await alice.post('/posts', { spaceId: space.id, body: 'steal', fileIds: [mine.id] })).status).toBe(400);
    const comment = await bob.post(`/posts/${post.body.id}/comments`, { body: 'see mine', fileIds: [mine.id] });
    expect(comment.body.files.map((f: any) => f.id)).toEqual([mine.id]);
    // Editing with a shorter list removes the left-out file.
    const edited = await alice.patch(`/posts/${post.body.id}`, { fileIds: [f2.id] });
    expect(edited.body.files.map((f: any) => f.id)).toEqual([f2.id]);
    expect((await download(alice, f1.url)).statusCode).toBe(404);
    // Questions, answers, pages and chat messages carry files the same way.
    const q = (await upload(alice, Buffer.from('q'), 'q.txt')).json();
    const a = (await upload(bob, Buffer.from('a'), 'a.txt')).json();
    const p = (await upload(alice, Buffer.from('p'), 'p.txt')).json();
    const m = (await upload(alice, Buffer.from('m'), 'm.txt')).json();
    const question = await alice.post(`/spaces/${space.id}/questions`, { title: 'Where is the plan?', fileIds: [q.id] });
    expect(question.body.files.map((f: any) => f.id)).toEqual([q.id]);
    const answered = await bob.post(`/questions/${question.body.id}/answers`, { body: 'Here', fileIds: [a.id] });
    expect(answered.body.answers[0].files.map((f: any) => f.id)).toEqual([a.id]);
    const page = await alice.post(`/spaces/${space.id}/pages`, { title: 'Plan', body: 'text', fileIds: [p.id] });
    expect(page.body.files.map((f: any) => f.id)).toEqual([p.id]);
    const dm = (await alice.post('/conversations', { kind: 'direct', userId: bob.id })).body;
    const msg = await alice.post(`/conversations/${dm.id}/messages`, { body: '', clientKey: 'files-msg-1', fileIds: [m.id] });
    expect(msg.status, JSON.stringify(msg.body)).toBe(200);
    expect(msg.body.files.map((f: any) => f.id)).toEqual([m.id]);
    expect((await download(bob, m.url)).statusCode).toBe(200);
    expect((await download(eve, m.url)).statusCode).toBe(404);
    // Deleting the items deletes their files: rows and stored objects.
    await alice.del(`/posts/${post.body.id}`);
    await alice.del(`/questions/${question.body.id}`);
    await alice.del(`/pages/${page.body.id}`);
    await alice.del(`/messages/${msg.body.id}`);
    for (const f of [f2, mine, q, a, p, m]) expect((await download(alice, f.url)).statusCode, f.name).toBe(404);
    const left = await t.foyer.svc.db.selectFrom('files').select('id').where('id', 'in', [f1.id, f2.id, mine.id, q.id, a.id, p.id, m.id]).execute();
    expect(left).toEqual([]);
    await expectNoStrays();
  });
});
