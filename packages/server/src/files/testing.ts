/** Builders for file tests: zips (office documents, bombs), hostile PNG headers, and disk checks. */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export interface ZipSource {
  name: string;
  data: Buffer;
  deflate?: boolean;
}

/** A plain zip (no zip64), entries stored or deflated, with correct CRCs. */
export function buildZip(entries: ZipSource[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const body = e.deflate ? zlib.deflateRawSync(e.data) : e.data;
    const crc = zlib.crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const xml = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>${s}`);

/** The smallest zip that is recognisably a Word document. */
export function minimalDocx(documentXml = '<w:document/>', extra: ZipSource[] = []): Buffer {
  return buildZip([
    { name: '[Content_Types].xml', data: xml('<Types/>'), deflate: true },
    { name: '_rels/.rels', data: xml('<Relationships/>'), deflate: true },
    { name: 'word/document.xml', data: xml(documentXml), deflate: true },
    ...extra,
  ]);
}

export function minimalOdt(): Buffer {
  return buildZip([
    { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.text') },
    { name: 'content.xml', data: xml('<office:document-content/>'), deflate: true },
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** A valid PNG header declaring huge dimensions (a pixel flood), with a token of image data. */
export function floodPng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlib.deflateSync(Buffer.alloc(1024))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Every regular file under a folder, relative paths. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) out.push(path.relative(dir, path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)));
  return out.sort();
}

/**
 * Stray check: the stored objects on disk are exactly those the tables reference, and the
 * staging folder is empty.
 */
export async function diskMatchesTables(db: Kysely<DB>, dataDir: string): Promise<{ onDisk: string[]; referenced: string[]; staging: string[] }> {
  const versions = await db.selectFrom('file_versions').select(['storage_key', 'thumb_key']).execute();
  const referenced = versions.flatMap((v) => [v.storage_key, v.thumb_key].filter((k): k is string => !!k)).sort();
  const onDisk = filesUnder(path.join(dataDir, 'files')).filter((f) => f.startsWith('files/'));
  return { onDisk, referenced, staging: filesUnder(path.join(dataDir, 'uploads-tmp')) };
}
