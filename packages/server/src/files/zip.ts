/**
 * Reads a zip's central directory (never inflating anything) to tell OOXML and ODF documents
 * apart and to refuse zip bombs by what the archive declares: too many entries, too much
 * uncompressed data in total, or an entry that claims to expand far beyond its compressed size.
 * Anyone who later inflates an entry (text extraction) must still stop at its declared size.
 */
import fs from 'node:fs';
import { rejected } from './errors.js';

export const ZIP_LIMITS = {
  entries: 5_000,
  centralDirectoryBytes: 4 * 1024 * 1024,
  totalUncompressed: 512 * 1024 * 1024,
  /** Expansion ratio allowed for an entry larger than `ratioFloor` when inflated. */
  ratio: 100,
  ratioFloor: 1024 * 1024,
} as const;

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  encrypted: boolean;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Random access to the archive's bytes: a file on disk, or a buffer already in memory. */
interface Source {
  size(): Promise<number>;
  read(position: number, length: number): Promise<Buffer>;
}

function fileSource(fh: fs.promises.FileHandle): Source {
  return {
    size: async () => (await fh.stat()).size,
    async read(position, length) {
      const buf = Buffer.alloc(length);
      const { bytesRead } = await fh.read(buf, 0, length, position);
      return buf.subarray(0, bytesRead);
    },
  };
}

function bufferSource(data: Buffer): Source {
  return { size: async () => data.length, read: async (position, length) => data.subarray(Math.max(0, position), Math.max(0, position + length)) };
}

const suspicious = (why: string) => rejected('archive_suspicious', `this document's archive looks unsafe (${why})`);

export interface OpenZip {
  entries: ZipEntry[];
  /** Reads a stored (uncompressed) entry, e.g. ODF's "mimetype": nothing is ever inflated here. */
  readStored(entry: ZipEntry, max: number): Promise<Buffer>;
  /**
   * The entry's bytes as stored (deflated for method 8), at most `max` of them: whoever inflates
   * them (text extraction) bounds the output by the entry's declared size.
   */
  readRaw(entry: ZipEntry, max: number): Promise<Buffer>;
}

function openZip(source: Source, entries: ZipEntry[]): OpenZip {
  const readRaw = async (entry: ZipEntry, max: number) => {
    const header = await source.read(entry.localHeaderOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL) return Buffer.alloc(0);
    const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    return source.read(start, Math.min(max, entry.compressedSize));
  };
  return { entries, readRaw, readStored: async (entry, max) => (entry.method === 0 ? readRaw(entry, max) : Buffer.alloc(0)) };
}

/** Opens a zip file, runs the bomb checks (typed 422 otherwise) and hands its entries to `use`. */
export async function withZip<T>(path: string, use: (zip: OpenZip) => Promise<T>): Promise<T> {
  const fh = await fs.promises.open(path, 'r');
  try {
    const source = fileSource(fh);
    return await use(openZip(source, await readEntries(source)));
  } finally {
    await fh.close();
  }
}

/** The same for an archive already in memory (a stored file read back for text extraction). */
export async function withZipBuffer<T>(data: Buffer, use: (zip: OpenZip) => Promise<T>): Promise<T> {
  const source = bufferSource(data);
  return use(openZip(source, await readEntries(source)));
}

async function readEntries(source: Source): Promise<ZipEntry[]> {
  const size = await source.size();
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await source.read(size - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--)
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  if (at < 0) throw rejected('unreadable', 'this document is not a readable zip archive');
  const count = tail.readUInt16LE(at + 10);
  const cdSize = tail.readUInt32LE(at + 12);
  const cdOffset = tail.readUInt32LE(at + 16);
  // ZIP64 markers: office documents never need them, and their sizes could not be checked here.
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw suspicious('zip64');
  if (count > ZIP_LIMITS.entries) throw suspicious('too many entries');
  if (cdSize > ZIP_LIMITS.centralDirectoryBytes || cdOffset + cdSize > size) throw suspicious('central directory');
  const cd = await source.read(cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let total = 0;
  for (let p = 0; entries.length < count; ) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw rejected('unreadable', 'this document is not a readable zip archive');
    const nameLength = cd.readUInt16LE(p + 28);
    const entry: ZipEntry = {
      encrypted: (cd.readUInt16LE(p + 8) & 1) === 1,
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      uncompressedSize: cd.readUInt32LE(p + 24),
      localHeaderOffset: cd.readUInt32LE(p + 42),
      name: cd.toString('utf8', p + 46, p + 46 + nameLength),
    };
    if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff) throw suspicious('zip64');
    if (entry.encrypted) throw suspicious('encrypted entry');
    total += entry.uncompressedSize;
    if (total > ZIP_LIMITS.totalUncompressed) throw suspicious('declared uncompressed size');
    if (entry.uncompressedSize > ZIP_LIMITS.ratioFloor && entry.uncompressedSize > ZIP_LIMITS.ratio * Math.max(1, entry.compressedSize))
      throw suspicious('compression ratio');
    entries.push(entry);
    p += 46 + nameLength + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
  }
  return entries;
}
