/**
 * The text of a stored file, for search: plain text (UTF-8), OOXML and ODF documents (their XML
 * parts read from the zip and stripped to text) and PDF where cheap (FlateDecode streams, the
 * strings shown by the Tj, TJ, ' and " operators, decoded through the font's ToUnicode CMap when
 * it has one, with spaces where the text geometry shows word breaks: pdf-layout.ts). Fonts
 * without a way back to Unicode (CID fonts with no ToUnicode, Type3 glyph names, built-in
 * encodings) yield little or nothing; the file is then found by its name.
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
import { hexString, isDelimiter, isDict, isSpace, literal, Name, nameAt, nameOf, parseValue, PdfObjects, pdfPages, fontResources, Ref, type PdfDict, type PdfPage, type PdfValue } from './pdf-objects.js';
import { CMAP_LIMITS, parseCMap, type ToUnicode } from './pdf-cmap.js';
import { fontMetrics, matrixOf, TextLayout, type FontMetrics, type LayoutSnapshot } from './pdf-layout.js';

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

  /** Characters still kept. */
  room() {
    return Math.max(0, this.limits.chars - this.length);
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

/** The same for a parsed stream dictionary; predictors (DecodeParms) are not applied, so refused. */
function dictFilter(objs: PdfObjects, dict: PdfDict): 'none' | 'flate' | null {
  const parms = objs.resolve(dict.get('DecodeParms'));
  const predictor = isDict(parms) ? parms.get('Predictor') : Array.isArray(parms) ? 2 : undefined;
  if (typeof predictor === 'number' && predictor > 1) return null;
  const f = objs.resolve(dict.get('Filter'));
  const names = f === null ? [] : Array.isArray(f) ? f.map((v) => nameOf(objs.resolve(v))) : [nameOf(f)];
  if (!names.length) return 'none';
  return names.length === 1 && (names[0] === 'FlateDecode' || names[0] === 'Fl') ? 'flate' : null;
}

/** How the strings of one font become text (bytes one char per byte). */
type Decoder = (bytes: string, max: number) => string;

/** A font as text extraction uses it: how its strings become text, and how far its glyphs advance (when known). */
interface PdfFont {
  decode: Decoder;
  metrics?: FontMetrics;
}

/**
 * The font and text geometry in use, carried across the content streams of one page; q and Q
 * save and restore the font with the graphics state.
 */
interface TextState {
  font?: PdfFont;
  layout: TextLayout;
  saved: { font?: PdfFont; layout: LayoutSnapshot }[];
}

const newState = (): TextState => ({ layout: new TextLayout(), saved: [] });

const UTF16_CODES: Decoder = (b) => UTF16.decode(Buffer.from(b, 'latin1'));
const NO_TEXT: Decoder = () => '';
const WIN_ANSI_FONT: PdfFont = { decode: pdfString };

/**
 * What the text extraction knows of a PDF's structure: its objects (object streams inflated
 * within the limits), the page of each content stream and the fonts of each page, and the
 * decoders of the fonts read so far. Fonts and their ToUnicode CMaps are read only when a content
 * stream selects them.
 */
class PdfFonts {
  private readonly pageOf = new Map<number, { resources: PdfValue | undefined; state: TextState }>();
  private pages: PdfPage[] = [];
  /** Font resources by resource dictionary (a reference's number, or the inline dictionary). */
  private readonly resources = new Map<PdfValue, Map<string, PdfValue>>();
  /** Fonts of all pages by name, the first page's first: for streams that belong to no page. */
  private anyPage?: Map<string, PdfValue>;
  private readonly decoders = new Map<PdfValue, Promise<PdfFont>>();
  private readonly cmaps = new Map<number, Promise<ToUnicode | undefined>>();
  private readonly budget = { entries: CMAP_LIMITS.fileEntries };

  private constructor(
    private readonly objs: PdfObjects,
    private readonly out: Collector,
  ) {}

  static async read(data: Buffer, out: Collector): Promise<PdfFonts> {
    const objs = new PdfObjects(data);
    const fonts = new PdfFonts(objs, out);
    // Object streams (PDF 1.5) hold the page and font dictionaries of many current PDFs.
    for (const num of objs.objectsContaining('/ObjStm')) {
      if (out.done()) break;
      const st = objs.stream(num);
      if (!st || nameOf(st.dict.get('Type')) !== 'ObjStm') continue;
      const content = await fonts.inflate(st.dict, st.raw, out.partAllowance());
      if (content) objs.addObjectStream(st.dict, content.toString('latin1'), st.pos);
      await nextTurn();
    }
    fonts.pages = pdfPages(objs, () => out.done());
    for (const page of fonts.pages) {
      const state = newState();
      for (const num of page.contents) if (!fonts.pageOf.has(num)) fonts.pageOf.set(num, { resources: page.resources, state });
    }
    return fonts;
  }

  private async inflate(dict: PdfDict, raw: Buffer, limit: number): Promise<Buffer | undefined> {
    const filter = dictFilter(this.objs, dict);
    if (!filter) return undefined;
    const content = filter === 'flate' ? await inflatePrefix(raw, limit, 'zlib') : raw.subarray(0, limit);
    this.out.inflated += content.length;
    return content;
  }

  private fontsOf(resources: PdfValue | undefined): Map<string, PdfValue> {
    const key = resources instanceof Ref ? resources.num : resources ?? null;
    let fonts = this.resources.get(key);
    if (!fonts) {
      fonts = fontResources(this.objs, resources);
      if (this.resources.size < 10_000) this.resources.set(key, fonts);
    }
    return fonts;
  }

  private fontsOfAnyPage(): Map<string, PdfValue> {
    if (!this.anyPage) {
      this.anyPage = new Map();
      for (const page of this.pages) {
        if (this.out.done()) break;
        for (const [name, font] of this.fontsOf(page.resources)) if (!this.anyPage.has(name)) this.anyPage.set(name, font);
      }
    }
    return this.anyPage;
  }

  /** The state a content stream starts with: its page's (shared by the page's streams), or a fresh one. */
  state(num: number | undefined): TextState {
    return (num !== undefined && this.pageOf.get(num)?.state) || newState();
  }

  /**
   * The fonts a content stream selects (by the names before its Tf operators), from the stream's
   * own resources (a form), its page's, or any page's.
   */
  async forStream(num: number | undefined, dictText: string, content: string): Promise<Map<string, PdfFont>> {
    let fonts: Map<string, PdfValue> | undefined;
    if (dictText.includes('/Resources') && dictText.includes('<<')) {
      const [dict] = parseValue(dictText, dictText.indexOf('<<'));
      if (isDict(dict) && dict.has('Resources')) fonts = this.fontsOf(dict.get('Resources'));
    }
    const page = num === undefined ? undefined : this.pageOf.get(num);
    fonts ??= page ? this.fontsOf(page.resources) : this.fontsOfAnyPage();
    const used = new Map<string, PdfFont>();
    if (!fonts.size) return used;
    for (const m of content.matchAll(/\/[^\s/[\]<>(){}%]*\s+[-+.\d]+\s+Tf\b/g)) {
      const [name] = nameAt(m[0], 0);
      if (used.has(name) || !fonts.has(name)) continue;
      if (this.out.done()) break;
      used.set(name, await this.font(fonts.get(name) ?? null));
    }
    return used;
  }

  /** A font: its decoder and, when the font gives them, its glyph widths. */
  private font(ref: PdfValue): Promise<PdfFont> {
    const key = ref instanceof Ref ? ref.num : ref;
    let d = this.decoders.get(key);
    if (!d) this.decoders.set(key, (d = this.readFont(ref).catch(() => WIN_ANSI_FONT)));
    return d;
  }

  private async readFont(ref: PdfValue): Promise<PdfFont> {
    const dict = this.objs.resolve(ref);
    if (!isDict(dict)) return WIN_ANSI_FONT;
    return { decode: await this.decoder(dict), metrics: fontMetrics(this.objs, dict, this.budget) };
  }

  /** A font's decoder: through its ToUnicode CMap, UTF-16 for Unicode CID encodings, nothing for other CID fonts, else WinAnsi. */
  private async decoder(dict: PdfDict): Promise<Decoder> {
    const type0 = nameOf(dict.get('Subtype')) === 'Type0';
    const toUnicode = dict.get('ToUnicode');
    const identity = nameOf(toUnicode);
    if (identity === 'Identity-H' || identity === 'Identity-V') return UTF16_CODES;
    const encoding = nameOf(this.objs.resolve(dict.get('Encoding'))) ?? '';
    const cmap = toUnicode instanceof Ref ? await this.cmap(toUnicode.num) : undefined;
    if (cmap) {
      // Simple fonts have one-byte codes and Identity-H two, whatever the CMap's codespace says;
      // other CID encodings are split as the codespace says.
      const width = type0 ? { fixed: /^Identity-[HV]$/.test(encoding), length: 2 } : { fixed: true, length: 1 };
      return (b, max) => cmap.decode(b, width, max);
    }
    if (!type0) return pdfString;
    // Without a ToUnicode map, the codes of a CID font are glyph or character ids, not text,
    // except under the predefined Unicode encodings.
    return /-(UCS2|UTF16)-[HV]$/.test(encoding) ? UTF16_CODES : NO_TEXT;
  }

  private cmap(num: number): Promise<ToUnicode | undefined> {
    let c = this.cmaps.get(num);
    if (!c) this.cmaps.set(num, (c = this.readCMap(num)));
    return c;
  }

  private async readCMap(num: number): Promise<ToUnicode | undefined> {
    if (this.cmaps.size > 512 || this.budget.entries <= 0 || this.out.done()) return undefined;
    const st = this.objs.stream(num);
    const content = st && (await this.inflate(st.dict, st.raw, Math.min(CMAP_LIMITS.bytes, this.out.partAllowance())));
    if (!content?.length) return undefined;
    const cmap = parseCMap(content.toString('latin1'), this.budget);
    await nextTurn();
    return cmap.empty ? undefined : cmap;
  }
}

async function pdfText(data: Buffer, out: Collector) {
  // Encrypted documents keep their strings encrypted: nothing to read without the key.
  if (data.indexOf('/Encrypt') >= 0) return;
  // Fonts are looked up only in documents that may need them (the names may sit in object streams).
  let fonts: PdfFonts | undefined;
  try {
    if (['/ToUnicode', '/Type0', '/ObjStm', '/Widths'].some((n) => data.indexOf(n) >= 0)) fonts = await PdfFonts.read(data, out);
  } catch {
    // No structure to be had: the content streams are still read, with WinAnsi strings.
  }
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
    const objAt = head.lastIndexOf('obj');
    const dict = head.slice(Math.max(0, objAt));
    const filter = streamFilter(dict);
    if (!filter || NOT_CONTENT.test(dict)) continue;
    const raw = data.subarray(start, end);
    const limit = out.partAllowance();
    const content = filter === 'flate' ? await inflatePrefix(raw, limit, 'zlib') : raw.subarray(0, limit);
    out.inflated += content.length;
    if (content.includes('BT')) {
      const s = content.toString('latin1');
      const num = objAt < 0 ? undefined : Number(/(\d+)\s+\d+\s+$/.exec(head.slice(Math.max(0, objAt - 40), objAt))?.[1] ?? NaN);
      const stream = Number.isNaN(num) ? undefined : num;
      let decoders = new Map<string, PdfFont>();
      try {
        if (fonts) decoders = await fonts.forStream(stream, dict, s);
      } catch {
        // A font that cannot be read is shown as WinAnsi.
      }
      contentText(s, out, decoders, fonts?.state(stream) ?? newState());
    }
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

type Operand = string | number | Name | Operand[];

const LIGATURE = /[\ufb00-\ufb06]/;
const LIGATURES = /[\ufb00-\ufb06]/g;

/** Where a (global) pattern next matches from `from`, or the end of the text. */
function find(s: string, re: RegExp, from: number): number {
  re.lastIndex = from;
  return re.exec(s)?.index ?? s.length;
}

/**
 * Applies an operator of the graphics or text state (fonts, spacing, matrices, q and Q) to
 * `state`; false for any other operator.
 */
function stateOperator(token: string, operands: Operand[], fonts: Map<string, PdfFont>, state: TextState): boolean {
  const { layout } = state;
  const [a, b] = operands.slice(-2);
  switch (token) {
    case 'Tf':
      if (a instanceof Name) state.font = fonts.get(a.name);
      layout.setFont(state.font?.metrics, b);
      return true;
    case 'Tc':
    case 'Tw':
    case 'Tz':
    case 'TL':
      layout.setSpacing(token, operands[operands.length - 1]);
      return true;
    case 'Td':
      layout.moveLine(a, b);
      return true;
    case 'TD':
      if (typeof b === 'number') layout.setSpacing('TL', -b);
      layout.moveLine(a, b);
      return true;
    case 'T*':
      layout.nextLine();
      return true;
    case 'Tm':
      layout.setMatrix(matrixOf(operands));
      return true;
    case 'cm':
      layout.concat(matrixOf(operands));
      return true;
    case 'BT':
      layout.beginText();
      return true;
    case 'ET':
      layout.endText();
      return true;
    case 'q':
      if (state.saved.length < 64) state.saved.push({ font: state.font, layout: layout.snapshot() });
      return true;
    case 'Q': {
      const saved = state.saved.pop();
      if (saved) {
        state.font = saved.font;
        layout.restore(saved.layout);
      }
      return true;
    }
  }
  return false;
}

/**
 * The text a content stream shows: operands are collected until an operator; the text operators
 * print their strings in the current font (selected by Tf from `fonts`, WinAnsi when unknown),
 * with a space where the text geometry shows a word break (at every positioning operator for
 * fonts without widths). Inline images are skipped.
 */
function contentText(s: string, out: Collector, fonts: Map<string, PdfFont>, state: TextState) {
  let operands: Operand[] = [];
  const stack: Operand[][] = [];
  const push = (v: Operand) => (stack.length ? stack[stack.length - 1] : operands).push(v);
  const { layout } = state;
  /** One string: a space first when it starts a new word (`check`: not inside a TJ array), then its text. */
  const text = (bytes: string, check: boolean) => {
    if (check && layout.breakBefore()) out.add(' ');
    const t = (state.font?.decode ?? pdfString)(bytes, 2 * out.room() + 64);
    // Ligature glyphs often map to the presentation forms (U+FB00 ﬀ ... U+FB06 ﬆ): spelled out.
    out.add(LIGATURE.test(t) ? t.replace(LIGATURES, (c) => c.normalize('NFKC')) : t);
    layout.advance(bytes);
  };
  const show = (v: Operand | undefined) => {
    if (typeof v === 'string') text(v, true);
    else if (Array.isArray(v)) {
      let first = true;
      for (const part of v) {
        if (typeof part === 'string') {
          text(part, first);
          first = false;
        } else if (typeof part === 'number') {
          // A large negative adjustment in a TJ array is a gap between words.
          if (part < -180) out.add(' ');
          layout.adjust(part);
        }
      }
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
    } else if (c === 0x2f) {
      // Names are operands (the font of Tf), never text.
      const [name, next] = nameAt(s, i);
      push(new Name(name));
      i = next;
    } else if (isDelimiter(c)) {
      // Stray delimiters are not text.
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
      if (stateOperator(token, operands, fonts, state)) {
        operands = [];
        continue;
      }
      switch (token) {
        case 'Tj':
        case 'TJ':
          show(operands[operands.length - 1]);
          break;
        case '"':
          layout.setSpacing('Tw', operands[operands.length - 3]);
          layout.setSpacing('Tc', operands[operands.length - 2]);
        // falls through: then as '
        case "'":
          layout.nextLine();
          show(operands[operands.length - 1]);
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
