/**
 * Just enough of a PDF's object structure to find the fonts of each page: objects located by
 * scanning for "N G obj" (no cross-reference table is read, so damaged files work as far as their
 * objects do; the last definition of a number in the file wins), objects from object streams once
 * the caller has inflated them, a small parser for dictionaries, arrays, names, numbers, strings
 * and references, and the page tree with inherited resources.
 *
 * Everything is bounded (objects indexed, parse depth and size, pages walked) and nothing throws
 * on bad input: what cannot be read is null or missing.
 */

export const PDF_OBJECT_LIMITS = {
  /** Objects indexed per file (direct and compressed together). */
  objects: 500_000,
  /** Characters of a direct object read to parse its value (dictionaries are small). */
  window: 256 * 1024,
  /** Nesting of arrays and dictionaries. */
  depth: 32,
  /** Values parsed for one object (a huge /Kids array is cut there). */
  values: 100_000,
  /** Pages walked, and indirect references followed in a row. */
  pages: 20_000,
  refs: 8,
};

export class Name {
  constructor(readonly name: string) {}
}
export class Ref {
  constructor(readonly num: number) {}
}
export type PdfDict = Map<string, PdfValue>;
export type PdfValue = null | boolean | number | string | Name | Ref | PdfValue[] | PdfDict;

// ---- lexical helpers, shared with the content stream reader ----

export const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
export const isDelimiter = (c: number) => c === 0x28 || c === 0x29 || c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x2f || c === 0x25;
const isRegular = (c: number) => !isSpace(c) && !isDelimiter(c);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** A literal string starting at `i` ("("): its bytes (one char per byte) and the position after it. */
export function literal(s: string, i: number): [string, number] {
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

/** A hex string starting at `i` ("<"): its bytes (one char per byte) and the position after it. */
export function hexString(s: string, i: number): [string, number] {
  const end = s.indexOf('>', i);
  const stop = end < 0 ? s.length : end;
  let hex = s.slice(i + 1, stop).replace(/[^0-9a-fA-F]/g, '');
  if (hex.length % 2) hex += '0';
  return [Buffer.from(hex, 'hex').toString('latin1'), stop + 1];
}

/** A name starting at `i` ("/"), #xx escapes decoded. */
export function nameAt(s: string, i: number): [string, number] {
  let j = i + 1;
  while (j < s.length && isRegular(s.charCodeAt(j))) j++;
  const raw = s.slice(i + 1, j);
  return [raw.includes('#') ? raw.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : raw, j];
}

// ---- values ----

/** Parses the value starting at (or after white space from) `from`; null for anything else. */
export function parseValue(s: string, from: number): [PdfValue, number] {
  let budget = PDF_OBJECT_LIMITS.values;
  let i = from;
  const n = s.length;
  const skip = () => {
    while (i < n) {
      const c = s.charCodeAt(i);
      if (isSpace(c)) i++;
      else if (c === 0x25) {
        while (i < n && s.charCodeAt(i) !== 0x0a && s.charCodeAt(i) !== 0x0d) i++;
      } else break;
    }
  };
  const digitsAt = (k: number) => {
    while (k < n && isDigit(s.charCodeAt(k))) k++;
    return k;
  };
  /** After an unsigned integer ending at `i`: " G R" makes it a reference; returns the position after R, or -1. */
  const refEnd = () => {
    let k = i;
    while (k < n && isSpace(s.charCodeAt(k))) k++;
    if (k === i) return -1;
    const g = digitsAt(k);
    if (g === k) return -1;
    k = g;
    while (k < n && isSpace(s.charCodeAt(k))) k++;
    if (k === g || s.charCodeAt(k) !== 0x52 || (k + 1 < n && isRegular(s.charCodeAt(k + 1)))) return -1;
    return k + 1;
  };
  const value = (depth: number): PdfValue => {
    skip();
    if (i >= n) return null;
    if (--budget < 0) {
      i = n;
      return null;
    }
    const c = s.charCodeAt(i);
    if (c === 0x3c && s.charCodeAt(i + 1) === 0x3c) {
      const dict: PdfDict = new Map();
      i += 2;
      while (i < n) {
        skip();
        if (s.charCodeAt(i) === 0x3e && s.charCodeAt(i + 1) === 0x3e) {
          i += 2;
          return dict;
        }
        if (depth >= PDF_OBJECT_LIMITS.depth) {
          i = n;
          break;
        }
        const at = i;
        if (s.charCodeAt(i) !== 0x2f) {
          // Not a key: skip the value and go on (a broken dictionary keeps what it has).
          value(depth + 1);
          if (i === at) i++;
          continue;
        }
        const [key, afterKey] = nameAt(s, i);
        i = afterKey;
        const v = value(depth + 1);
        if (!dict.has(key)) dict.set(key, v);
      }
      return dict;
    }
    if (c === 0x5b) {
      const arr: PdfValue[] = [];
      i++;
      while (i < n) {
        skip();
        if (s.charCodeAt(i) === 0x5d) {
          i++;
          return arr;
        }
        if (depth >= PDF_OBJECT_LIMITS.depth) {
          i = n;
          break;
        }
        const at = i;
        arr.push(value(depth + 1));
        if (i === at) i++;
      }
      return arr;
    }
    if (c === 0x3c || c === 0x28) {
      const [str, next] = c === 0x3c ? hexString(s, i) : literal(s, i);
      i = next;
      return str;
    }
    if (c === 0x2f) {
      const [name, next] = nameAt(s, i);
      i = next;
      return new Name(name);
    }
    if (!isRegular(c)) {
      i++;
      return null;
    }
    const start = i;
    while (i < n && isRegular(s.charCodeAt(i))) i++;
    if (isDigit(c) || c === 0x2b || c === 0x2d || c === 0x2e) {
      if (isDigit(c) && digitsAt(start) === i) {
        const r = refEnd();
        if (r > 0) {
          const num = Number(s.slice(start, i));
          i = r;
          return new Ref(num);
        }
      }
      const num = Number(s.slice(start, i));
      return Number.isFinite(num) ? num : null;
    }
    const token = s.slice(start, i);
    return token === 'true' ? true : token === 'false' ? false : null;
  };
  const v = value(0);
  return [v, i];
}

export const nameOf = (v: PdfValue | undefined) => (v instanceof Name ? v.name : undefined);
export const isDict = (v: PdfValue | undefined): v is PdfDict => v instanceof Map;

// ---- objects ----

/** Where a compressed object's text is: inside the (inflated) object stream at `pos` in the file. */
interface Compressed {
  src: string;
  start: number;
  end: number;
  pos: number;
}

export interface PdfStreamRef {
  dict: PdfDict;
  /** The stream's bytes as stored (still encoded). */
  raw: Buffer;
  /** File offset of the object, for ordering. */
  pos: number;
}

/** The objects of one PDF file, located by scanning; values are parsed on demand and cached. */
export class PdfObjects {
  /** File offsets where object bodies start (after "obj"), in file order, and their numbers. */
  private readonly offsets: number[] = [];
  private readonly nums: number[] = [];
  /** Object number -> index into `offsets` (the last definition in the file). */
  private readonly direct = new Map<number, number>();
  private readonly compressed = new Map<number, Compressed>();
  private readonly parsed = new Map<number, PdfValue>();

  constructor(readonly data: Buffer) {
    let pos = 0;
    while (this.offsets.length < PDF_OBJECT_LIMITS.objects) {
      const at = data.indexOf('obj', pos, 'latin1');
      if (at < 0) break;
      pos = at + 3;
      if (at + 3 < data.length && isRegular(data[at + 3])) continue;
      const num = this.header(at);
      if (num === undefined) continue;
      this.direct.set(num, this.offsets.length);
      this.offsets.push(at + 3);
      this.nums.push(num);
    }
  }

  /** The object number of an "N G obj" header ending just before `at`, if it is one. */
  private header(at: number): number | undefined {
    const d = this.data;
    let j = at - 1;
    const spaces = () => {
      const from = j;
      while (j >= 0 && from - j < 32 && isSpace(d[j])) j--;
      return from - j;
    };
    const digits = (max: number) => {
      const end = j;
      while (j >= 0 && end - j < max && isDigit(d[j])) j--;
      return end - j;
    };
    if (!spaces() || !digits(5) || !spaces()) return undefined;
    const numEnd = j + 1;
    if (!digits(10) || (j >= 0 && isRegular(d[j]))) return undefined;
    const num = Number(d.toString('latin1', j + 1, numEnd));
    return Number.isSafeInteger(num) ? num : undefined;
  }

  /** File offsets of the objects whose text contains `marker` (e.g. "/ObjStm"), in file order. */
  objectsContaining(marker: string): number[] {
    const found: number[] = [];
    let pos = 0;
    let last = -1;
    for (;;) {
      const at = this.data.indexOf(marker, pos, 'latin1');
      if (at < 0) return found;
      pos = at + marker.length;
      const idx = this.indexBefore(at);
      if (idx >= 0 && idx !== last) found.push(this.nums[idx]);
      last = idx;
    }
  }

  /** Index of the last object starting at or before `at`, or -1. */
  private indexBefore(at: number): number {
    let lo = 0;
    let hi = this.offsets.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.offsets[mid] <= at) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best;
  }

  /** Registers the objects of an inflated object stream (the stream object is at file offset `pos`). */
  addObjectStream(dict: PdfDict, content: string, pos: number) {
    const n = dict.get('N');
    const first = dict.get('First');
    if (typeof n !== 'number' || typeof first !== 'number' || first < 0 || first > content.length) return;
    const header = content.slice(0, first).match(/\d+/g) ?? [];
    const count = Math.min(Math.floor(n), Math.floor(header.length / 2), PDF_OBJECT_LIMITS.objects - this.offsets.length - this.compressed.size);
    for (let k = 0; k < count; k++) {
      const num = Number(header[2 * k]);
      const start = first + Number(header[2 * k + 1]);
      const end = k + 1 < count ? first + Number(header[2 * k + 3]) : content.length;
      if (start > content.length) continue;
      const old = this.compressed.get(num);
      if (!old || old.pos <= pos) this.compressed.set(num, { src: content, start, end: Math.max(start, Math.min(end, content.length)), pos });
    }
    this.parsed.clear();
  }

  /**
   * Where object `num` is defined last: the text of a compressed object, or the start of a direct
   * one (`size` characters of it at most, less when the next object starts sooner).
   */
  private source(num: number, size: number): { src: string; pos: number; direct: boolean; cut: boolean } | undefined {
    const idx = this.direct.get(num);
    const c = this.compressed.get(num);
    const directPos = idx === undefined ? -1 : this.offsets[idx];
    if (c && c.pos > directPos) return { src: c.src.slice(c.start, c.end), pos: c.pos, direct: false, cut: false };
    if (idx === undefined) return undefined;
    const next = idx + 1 < this.offsets.length ? this.offsets[idx + 1] : this.data.length;
    const end = Math.min(next, directPos + size);
    return { src: this.data.toString('latin1', directPos, end), pos: directPos, direct: true, cut: end < next };
  }

  /**
   * The first value of object `num`, with where it ends in the returned source. A direct object
   * is read in a small window first (most are short dictionaries before long stream data), then
   * in a larger one when its value runs to the window's end.
   */
  private value(num: number): { v: PdfValue; end: number; src: string; pos: number; direct: boolean } | undefined {
    let src = this.source(num, 4096);
    if (!src) return undefined;
    let [v, end] = parseValue(src.src, 0);
    if (src.cut && end >= src.src.length) {
      src = this.source(num, PDF_OBJECT_LIMITS.window);
      if (!src) return undefined;
      [v, end] = parseValue(src.src, 0);
    }
    return { v, end, src: src.src, pos: src.pos, direct: src.direct };
  }

  /** The value of object `num` (for a stream, its dictionary); null when missing. */
  get(num: number): PdfValue {
    const cached = this.parsed.get(num);
    if (cached !== undefined) return cached;
    const v = this.value(num)?.v ?? null;
    if (this.parsed.size < 10_000) this.parsed.set(num, v);
    return v;
  }

  /** Follows references (a few in a row) to a value. */
  resolve(v: PdfValue | undefined): PdfValue {
    for (let i = 0; v instanceof Ref && i < PDF_OBJECT_LIMITS.refs; i++) v = this.get(v.num);
    return v instanceof Ref || v === undefined ? null : v;
  }

  /** A stream object: its dictionary and stored bytes, or undefined when `num` is no stream. */
  stream(num: number): PdfStreamRef | undefined {
    const obj = this.value(num);
    if (!obj?.direct || !isDict(obj.v)) return undefined;
    const dict = obj.v;
    // Read from the file, not the window: the keyword may lie just past it.
    const after = obj.pos + obj.end;
    const m = /^\s{0,32}stream(\r\n|\n|\r)/.exec(this.data.toString('latin1', after, after + 48));
    if (!m) return undefined;
    const start = after + m[0].length;
    const length = dict.get('Length');
    let end = -1;
    if (typeof length === 'number' && length >= 0 && start + length <= this.data.length) {
      const after = this.data.toString('latin1', start + length, start + length + 12);
      if (/^\s*endstream/.test(after)) end = start + length;
    }
    if (end < 0) end = this.data.indexOf('endstream', start, 'latin1');
    if (end < 0) return undefined;
    return { dict, raw: this.data.subarray(start, end), pos: obj.pos };
  }

  /** The object number of the document catalog, from the last trailer (or cross-reference stream). */
  root(): number | undefined {
    const at = this.data.lastIndexOf('/Root', undefined, 'latin1');
    if (at < 0) return undefined;
    const m = /^\/Root\s*(\d+)\s+\d+\s+R/.exec(this.data.toString('latin1', at, at + 40));
    return m ? Number(m[1]) : undefined;
  }
}

// ---- pages ----

export interface PdfPage {
  /** The page's resource dictionary (its own or inherited), as found: resolve with `fontResources`. */
  resources: PdfValue | undefined;
  /** Object numbers of the content streams, in order. */
  contents: number[];
}

/** The font resources of a resource dictionary (inline or referenced): name -> font (reference or dictionary). */
export function fontResources(objs: PdfObjects, resources: PdfValue | undefined): Map<string, PdfValue> {
  const fonts = new Map<string, PdfValue>();
  const res = objs.resolve(resources);
  if (!isDict(res)) return fonts;
  const dict = objs.resolve(res.get('Font'));
  if (isDict(dict)) for (const [name, font] of dict) fonts.set(name, font);
  return fonts;
}

/**
 * The pages in order, walked from the catalog with resources inherited from parent nodes; when
 * there is no usable catalog, the objects marked /Type /Page in file order. `stop` is asked
 * between pages (a time budget): the pages found until then are returned.
 */
export function pdfPages(objs: PdfObjects, stop: () => boolean = () => false): PdfPage[] {
  const pages: PdfPage[] = [];
  const seen = new Set<number>();
  const contentsOf = (v: PdfValue | undefined): number[] => {
    if (v instanceof Ref) {
      const target = objs.get(v.num);
      return Array.isArray(target) ? target.flatMap((r) => (r instanceof Ref ? [r.num] : [])) : [v.num];
    }
    return Array.isArray(v) ? v.flatMap((r) => (r instanceof Ref ? [r.num] : [])) : [];
  };
  const page = (node: PdfDict, resources: PdfValue | undefined) => pages.push({ resources: node.get('Resources') ?? resources, contents: contentsOf(node.get('Contents')) });
  const walk = (ref: PdfValue | undefined, resources: PdfValue | undefined, depth: number) => {
    if (pages.length >= PDF_OBJECT_LIMITS.pages || depth > PDF_OBJECT_LIMITS.depth || stop()) return;
    if (ref instanceof Ref) {
      if (seen.has(ref.num)) return;
      seen.add(ref.num);
    }
    const node = objs.resolve(ref);
    if (!isDict(node)) return;
    const kids = objs.resolve(node.get('Kids'));
    if (nameOf(node.get('Type')) === 'Pages' || (Array.isArray(kids) && nameOf(node.get('Type')) !== 'Page')) {
      if (Array.isArray(kids)) for (const kid of kids) walk(kid, node.get('Resources') ?? resources, depth + 1);
    } else page(node, resources);
  };
  const root = objs.root();
  const catalog = root === undefined ? null : objs.get(root);
  if (isDict(catalog)) walk(catalog.get('Pages'), undefined, 0);
  if (pages.length) return pages;
  const parents = new Map<PdfValue, PdfValue | undefined>();
  for (const num of objs.objectsContaining('/Page')) {
    if (pages.length >= PDF_OBJECT_LIMITS.pages || stop()) break;
    const node = objs.get(num);
    if (isDict(node) && nameOf(node.get('Type')) === 'Page') {
      const ref = node.get('Parent');
      const key = ref instanceof Ref ? ref.num : null;
      if (!parents.has(key)) {
        const parent = objs.resolve(ref);
        parents.set(key, isDict(parent) ? parent.get('Resources') : undefined);
      }
      page(node, parents.get(key));
    }
  }
  return pages;
}
