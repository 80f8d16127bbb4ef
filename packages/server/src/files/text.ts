/**
 * The text of a stored file, for search: plain text (UTF-8), OOXML and ODF documents (their XML
 * parts read from the zip and stripped to text) and PDF where cheap (FlateDecode streams, the
 * strings shown by the Tj, TJ, ' and " operators). Fonts with their own encodings (subset
 * CID fonts) yield little or nothing; the file is then found by its name.
 *
 * Everything is bounded — file size, inflated bytes per part and per file, characters out, time —
 * and nothing throws: a file that cannot be read gives the text found so far, usually none.
 * Inflating runs on the thread pool and the loop is yielded between parts, so one hostile file
 * neither blocks the process nor stalls the indexer for long.
 */
import zlib from 'node:zlib';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { FileKind } from '@foyer/shared';
import type { FileStore } from '../media/store.js';
import { withZipBuffer, type OpenZip, type ZipEntry } from './zip.js';

export const TEXT_LIMITS = {
  /** Larger files are found by their name only. */
  fileBytes: 20 * 1024 * 1024,
  /** Characters kept: search stores at most this much text per document. */
  chars: 20_000,
  /** Inflated bytes per zip entry or PDF stream ... */
  partBytes: 8 * 1024 * 1024,
  /** ... and per file. */
  totalBytes: 32 * 1024 * 1024,
  /** Time per file, checked between parts (a part itself is bounded by its size). */
  ms: 2_000,
};
export type TextLimits = typeof TEXT_LIMITS;

export interface TextType {
  kind: FileKind;
  mime: string;
}

/** Text gathered so far, white space collapsed as it comes, with the limits of one file. */
class Collector {
  private parts: string[] = [];
  private length = 0;
  private lastSpace = true;
  private readonly deadline: number;
  inflated = 0;

  constructor(readonly limits: TextLimits) {
    this.deadline = Date.now() + limits.ms;
  }

  add(s: string) {
    // Control characters are never text (and PostgreSQL refuses NUL in text columns).
    let t = s.replace(/[\s\u0000-\u001f\u007f-\u009f\ufffd]+/g, ' ');
    if (this.lastSpace && t.startsWith(' ')) t = t.slice(1);
    if (!t || this.full()) return;
    this.parts.push(t);
    this.length += t.length;
    this.lastSpace = t.endsWith(' ');
  }

  full() {
    return this.length >= this.limits.chars;
  }

  /** Stop reading: enough text, or the time is up. */
  done() {
    return this.full() || Date.now() > this.deadline;
  }

  /** Bytes still allowed for one part. */
  partAllowance() {
    return Math.max(0, Math.min(this.limits.partBytes, this.limits.totalBytes - this.inflated));
  }

  text() {
    return this.parts.join('').trim().slice(0, this.limits.chars).trim();
  }
}

/**
 * The text of a file's content, as far as it can be read within the limits; '' for images and
 * for anything unreadable. Never throws.
 */
export async function extractText(data: Buffer, type: TextType, limits: TextLimits = TEXT_LIMITS): Promise<string> {
  const out = new Collector(limits);
  if (data.length > limits.fileBytes) return '';
  try {
    if (type.kind === 'text') plainText(data, out);
    else if (type.kind === 'pdf') await pdfText(data, out);
    else if (type.kind === 'document' || type.kind === 'spreadsheet' || type.kind === 'presentation') await zipText(data, type.mime, out);
  } catch {
    // Unreadable or hostile: keep what was found before the failure.
  }
  return out.text();
}

export interface StoredVersion {
  kind: FileKind;
  mime: string;
  size: number;
  storage_key: string;
}

/** The text of a stored file version; '' for images, large files and anything unreadable. */
export async function storedFileText(store: FileStore, v: StoredVersion, limits: TextLimits = TEXT_LIMITS): Promise<string> {
  if (v.kind === 'image' || v.size > limits.fileBytes) return '';
  try {
    const data = await store.get(v.storage_key);
    return data ? await extractText(data, v, limits) : '';
  } catch {
    return '';
  }
}

// ---- plain text ----

function plainText(data: Buffer, out: Collector) {
  // At most four bytes per character: nothing beyond this prefix could be kept anyway.
  const text = new TextDecoder('utf-8').decode(data.subarray(0, out.limits.chars * 4));
  out.add(text);
}

// ---- inflating, bounded ----

/**
 * Inflates at most `limit` bytes (zlib or raw deflate); a stream that says more is cut there, a
 * broken one gives what came out before the break.
 */
function inflatePrefix(data: Buffer, limit: number, format: 'zlib' | 'raw'): Promise<Buffer> {
  if (limit <= 0 || !data.length) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve) => {
    const z = format === 'raw' ? zlib.createInflateRaw() : zlib.createInflate();
    const chunks: Buffer[] = [];
    let n = 0;
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      z.destroy();
      resolve(Buffer.concat(chunks).subarray(0, limit));
    };
    z.on('data', (c: Buffer) => {
      chunks.push(c);
      n += c.length;
      if (n >= limit) finish();
    });
    z.on('end', finish);
    z.on('error', finish);
    z.end(data);
  });
}

// ---- XML (OOXML, ODF) ----

interface XmlRule {
  /** Local names of the elements whose character data is text; all character data when absent. */
  text?: Set<string>;
  /** Elements ending a paragraph, cell or item: a break after them. */
  blocks: Set<string>;
  /** Empty elements standing for white space (tabs, line breaks, ODF's <text:s/>). */
  spaces: Set<string>;
}

// w:t (Word), a:t (slides) and t (shared strings) hold text; w:instrText (field codes) and
// w:delText (tracked deletions) are left out.
const OOXML: XmlRule = { text: new Set(['t']), blocks: new Set(['p', 'si', 'tc']), spaces: new Set(['tab', 'br', 'cr']) };
const ODF: XmlRule = { blocks: new Set(['p', 'h', 'table-cell', 'list-item']), spaces: new Set(['s', 'tab', 'line-break']) };

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|lt|gt|amp|quot|apos);/g, (_, e: string) => {
    if (e[0] !== '#') return ENTITIES[e];
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : ' ';
  });
}

const localName = (tag: string) => {
  const name = /^\/?([^\s/>]+)/.exec(tag)?.[1] ?? '';
  return name.slice(name.indexOf(':') + 1);
};

/** Character data of an XML document by a rule; markup, comments and declarations are skipped. */
function xmlText(xml: string, rule: XmlRule, out: Collector) {
  let inText = 0;
  for (const m of xml.matchAll(/<([^>]*)>|([^<]+)/g)) {
    if (m[2] !== undefined) {
      if (!rule.text || inText > 0) out.add(decodeEntities(m[2]));
      if (out.full()) return;
      continue;
    }
    const tag = m[1];
    if (tag.startsWith('?') || tag.startsWith('!')) continue;
    const name = localName(tag);
    const closing = tag.startsWith('/');
    const empty = tag.endsWith('/');
    if (rule.text?.has(name) && !empty) inText = Math.max(0, inText + (closing ? -1 : 1));
    if (rule.spaces.has(name)) out.add(' ');
    else if (rule.blocks.has(name) && (closing || empty)) out.add('\n');
  }
}

/** The parts of an office document that hold its text, in reading order. */
function textParts(entries: ZipEntry[], mime: string): { entries: ZipEntry[]; rule: XmlRule } {
  const named = (name: string) => entries.filter((e) => e.name === name);
  if (mime.startsWith('application/vnd.oasis.opendocument.')) return { entries: named('content.xml'), rule: ODF };
  if (mime.includes('wordprocessingml')) return { entries: named('word/document.xml'), rule: OOXML };
  if (mime.includes('spreadsheetml')) return { entries: named('xl/sharedStrings.xml'), rule: OOXML };
  if (mime.includes('presentationml')) {
    const slides = entries.flatMap((e) => {
      const m = /^ppt\/slides\/slide(\d{1,5})\.xml$/.exec(e.name);
      return m ? [{ e, n: Number(m[1]) }] : [];
    });
    return { entries: slides.sort((a, b) => a.n - b.n).map((s) => s.e), rule: OOXML };
  }
  return { entries: [], rule: OOXML };
}

/** An entry's content, stopping at its declared size (and the collector's allowance). */
async function readEntry(zip: OpenZip, entry: ZipEntry, out: Collector): Promise<Buffer> {
  const limit = Math.min(entry.uncompressedSize, out.partAllowance());
  if (limit <= 0 || (entry.method !== 0 && entry.method !== 8)) return Buffer.alloc(0);
  const raw = await zip.readRaw(entry, entry.compressedSize);
  const data = entry.method === 0 ? raw.subarray(0, limit) : await inflatePrefix(raw, limit, 'raw');
  out.inflated += data.length;
  return data;
}

async function zipText(data: Buffer, mime: string, out: Collector) {
  await withZipBuffer(data, async (zip) => {
    const { entries, rule } = textParts(zip.entries, mime);
    for (const entry of entries) {
      if (out.done()) return;
      xmlText((await readEntry(zip, entry, out)).toString('utf8'), rule, out);
      out.add('\n');
      await nextTurn();
    }
  });
}

// ---- PDF ----

/** Streams that never hold page text: images, fonts, cross-reference and object streams, metadata. */
const NOT_CONTENT = /\/Subtype\s*\/(Image|Type1C|CIDFontType0C|OpenType|XML)\b|\/Length[123]\b|\/Type\s*\/(XRef|ObjStm|Metadata|EmbeddedFile)\b|\/DecodeParms\b/;

/** How a stream is encoded: plain, FlateDecode, or something we do not decode (null). */
function streamFilter(dict: string): 'none' | 'flate' | null {
  const m = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/.exec(dict);
  if (!m) return 'none';
  const names = [...m[1].matchAll(/\/([A-Za-z0-9]+)/g)].map((n) => n[1]);
  return names.length === 1 && (names[0] === 'FlateDecode' || names[0] === 'Fl') ? 'flate' : names.length === 0 ? 'none' : null;
}

async function pdfText(data: Buffer, out: Collector) {
  // Encrypted documents keep their strings encrypted: nothing to read without the key.
  if (data.indexOf('/Encrypt') >= 0) return;
  let pos = 0;
  while (!out.done()) {
    const at = data.indexOf('stream', pos, 'latin1');
    if (at < 0) return;
    pos = at + 6;
    if (at >= 3 && data.toString('latin1', at - 3, at) === 'end') continue;
    // The keyword is followed by an end of line (CRLF or LF); anything else is not a stream.
    let start = at + 6;
    if (data[start] === 0x0d) start++;
    if (data[start] === 0x0a) start++;
    else if (data[start - 1] !== 0x0d) continue;
    const end = data.indexOf('endstream', start, 'latin1');
    if (end < 0) return;
    pos = end + 9;
    const head = data.toString('latin1', Math.max(0, at - 4096), at);
    const dict = head.slice(Math.max(0, head.lastIndexOf('obj')));
    const filter = streamFilter(dict);
    if (!filter || NOT_CONTENT.test(dict)) continue;
    const raw = data.subarray(start, end);
    const limit = out.partAllowance();
    const content = filter === 'flate' ? await inflatePrefix(raw, limit, 'zlib') : raw.subarray(0, limit);
    out.inflated += content.length;
    if (content.includes('BT')) contentText(content.toString('latin1'), out);
    await nextTurn();
  }
}

const WIN_ANSI = new TextDecoder('windows-1252');
const UTF16 = new TextDecoder('utf-16be');

/** A PDF string's bytes (one char per byte) as text: UTF-16 with a byte order mark, else WinAnsi. */
function pdfString(bytes: string): string {
  const b = Buffer.from(bytes, 'latin1');
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return UTF16.decode(b.subarray(2));
  return WIN_ANSI.decode(b);
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
const isDelimiter = (c: number) => c === 0x28 || c === 0x29 || c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x2f || c === 0x25;

/** A literal string starting at `i` ("("): its bytes and the position after it. */
function literal(s: string, i: number): [string, number] {
  let depth = 0;
  let out = '';
  for (let j = i; j < s.length; j++) {
    const c = s[j];
    if (c === '\\') {
      const e = s[++j];
      if (e === undefined) break;
      if (e >= '0' && e <= '7') {
        let oct = e;
        while (oct.length < 3 && s[j + 1] >= '0' && s[j + 1] <= '7') oct += s[++j];
        out += String.fromCharCode(parseInt(oct, 8) & 0xff);
      } else if (e === '\r') {
        if (s[j + 1] === '\n') j++;
      } else if (e !== '\n') out += { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' }[e] ?? e;
      continue;
    }
    if (c === '(') {
      if (depth++ === 0) continue;
    } else if (c === ')' && --depth === 0) return [out, j + 1];
    out += c;
  }
  return [out, s.length];
}

/** A hex string starting at `i` ("<"). */
function hexString(s: string, i: number): [string, number] {
  const end = s.indexOf('>', i);
  const stop = end < 0 ? s.length : end;
  let hex = s.slice(i + 1, stop).replace(/[^0-9a-fA-F]/g, '');
  if (hex.length % 2) hex += '0';
  return [Buffer.from(hex, 'hex').toString('latin1'), stop + 1];
}

type Operand = string | number | Operand[];

/** Where a (global) pattern next matches from `from`, or the end of the text. */
function find(s: string, re: RegExp, from: number): number {
  re.lastIndex = from;
  return re.exec(s)?.index ?? s.length;
}

/**
 * The text a content stream shows: operands are collected until an operator; the text operators
 * print their strings, positioning operators separate words. Inline images are skipped.
 */
function contentText(s: string, out: Collector) {
  let operands: Operand[] = [];
  const stack: Operand[][] = [];
  const push = (v: Operand) => (stack.length ? stack[stack.length - 1] : operands).push(v);
  const show = (v: Operand | undefined) => {
    if (typeof v === 'string') out.add(pdfString(v));
    else if (Array.isArray(v))
      for (const part of v) {
        if (typeof part === 'string') out.add(pdfString(part));
        // A large negative adjustment in a TJ array is a gap between words.
        else if (typeof part === 'number' && part < -180) out.add(' ');
      }
  };
  let i = 0;
  let checked = 0;
  while (i < s.length) {
    // The clock is read now and then: a long stream of junk stops at the deadline too.
    if (i - checked > 65_536) {
      checked = i;
      if (out.done()) return;
    }
    const c = s.charCodeAt(i);
    if (isSpace(c)) {
      i++;
    } else if (c === 0x28) {
      const [str, next] = literal(s, i);
      push(str);
      i = next;
    } else if (c === 0x3c) {
      if (s.charCodeAt(i + 1) === 0x3c) {
        i += 2;
      } else {
        const [str, next] = hexString(s, i);
        push(str);
        i = next;
      }
    } else if (c === 0x5b) {
      stack.push([]);
      i++;
    } else if (c === 0x5d) {
      const arr = stack.pop();
      if (arr) push(arr);
      i++;
    } else if (c === 0x25) {
      i = find(s, /[\r\n]/g, i);
    } else if (c === 0x2f || isDelimiter(c)) {
      // Names (/F1) and stray delimiters are not text.
      i++;
      while (i < s.length && !isSpace(s.charCodeAt(i)) && !isDelimiter(s.charCodeAt(i))) i++;
    } else {
      let j = i;
      while (j < s.length && !isSpace(s.charCodeAt(j)) && !isDelimiter(s.charCodeAt(j))) j++;
      const token = s.slice(i, j);
      i = j;
      if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(token)) {
        push(Number(token));
        continue;
      }
      if (stack.length) continue;
      switch (token) {
        case 'Tj':
          show(operands[operands.length - 1]);
          break;
        case 'TJ':
          show(operands[operands.length - 1]);
          break;
        case "'":
        case '"':
          out.add(' ');
          show(operands[operands.length - 1]);
          break;
        case 'Td':
        case 'TD':
        case 'Tm':
        case 'T*':
        case 'ET':
          out.add(' ');
          break;
        case 'ID': {
          // Inline image data up to "EI": binary, never text.
          i = Math.min(s.length, find(s, /\sEI(\s|$)/g, i) + 3);
          break;
        }
      }
      operands = [];
      if (out.full()) return;
    }
  }
}
