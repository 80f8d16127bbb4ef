/**
 * ToUnicode CMaps: how a font's character codes map to text. Reads `begincodespacerange` (the
 * byte widths of codes, 1 to 4), `beginbfchar` (code -> UTF-16BE, possibly several code units, as
 * for ligatures) and `beginbfrange` in both forms (`<lo> <hi> <dst>`, the last code unit of dst
 * counting up, and `<lo> <hi> [<d1> <d2> ...]`). Other sections (cidrange, usecmap) are ignored.
 *
 * A hostile CMap stays small: mappings per font and per file are capped (a bfrange is kept as one
 * range, never expanded, and covers at most 65,536 codes), destinations are cut at 64 bytes, and
 * parsing is one pass over the (size-limited) text that never throws.
 */
import { hexString, literal, isSpace, isDelimiter } from './pdf-objects.js';

export const CMAP_LIMITS = {
  /** Inflated bytes of one CMap stream. */
  bytes: 2 * 1024 * 1024,
  /** Mappings per font: a bfchar pair, a bfrange, or one element of a bfrange array ... */
  entries: 65_536,
  /** ... and per file. */
  fileEntries: 262_144,
  /** Codes one bfrange covers at most. */
  rangeCodes: 65_536,
  /** Bytes of one destination string. */
  dstBytes: 64,
  /** Codespace ranges kept. */
  spaces: 16,
};

interface CodeSpace {
  len: number;
  lo: number[];
  hi: number[];
}

interface Range {
  lo: number;
  hi: number;
  /** The destination without its last code unit, and that unit for `lo`. */
  prefix: string;
  last: number;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Bytes (one char per byte) as UTF-16BE code units; a single byte is taken as a code itself. */
function utf16(bytes: string): string {
  const b = bytes.slice(0, CMAP_LIMITS.dstBytes);
  if (b.length === 1) return b;
  let s = '';
  for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode((b.charCodeAt(i) << 8) | b.charCodeAt(i + 1));
  return s;
}

const codeOf = (bytes: string) => {
  let code = 0;
  for (let i = 0; i < bytes.length; i++) code = code * 256 + bytes.charCodeAt(i);
  return code;
};

/**
 * The range of `ranges` (sorted by `lo`) that holds `value`: the last one starting at or below it,
 * or one of the few before that when ranges overlap (a hostile file may make them overlap a lot).
 */
export function rangeHolding<R extends { lo: number; hi: number }>(ranges: readonly R[], value: number): R | undefined {
  let lo = 0;
  let hi = ranges.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid].lo <= value) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let k = at; k >= 0 && k > at - 4; k--) if (value <= ranges[k].hi) return ranges[k];
  return undefined;
}

export class ToUnicode {
  private readonly spaces: CodeSpace[] = [];
  private readonly chars = new Map<number, string>();
  private readonly ranges: Range[] = [];
  private sorted = true;
  entries = 0;

  addSpace(lo: string, hi: string) {
    if (lo.length !== hi.length || lo.length < 1 || lo.length > 4 || this.spaces.length >= CMAP_LIMITS.spaces) return;
    const bytes = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
    this.spaces.push({ len: lo.length, lo: bytes(lo), hi: bytes(hi) });
    this.spaces.sort((a, b) => a.len - b.len);
  }

  addChar(src: string, dst: string) {
    if (src.length < 1 || src.length > 4) return;
    this.chars.set(codeOf(src), utf16(dst));
    this.entries++;
  }

  addRange(lo: string, hi: string, dst: string) {
    if (lo.length < 1 || lo.length > 4 || hi.length < 1 || hi.length > 4) return;
    const from = codeOf(lo);
    const to = Math.min(codeOf(hi), from + CMAP_LIMITS.rangeCodes - 1);
    if (to < from) return;
    const d = utf16(dst);
    if (!d) return;
    this.ranges.push({ lo: from, hi: to, prefix: d.slice(0, -1), last: d.charCodeAt(d.length - 1) });
    this.sorted = false;
    this.entries++;
  }

  /** A bfrange with an array: one destination per code from `lo`, as far as both go. Returns the mappings added. */
  addRangeArray(lo: string, hi: string, dsts: string[], room: number): number {
    if (lo.length < 1 || lo.length > 4) return 0;
    const from = codeOf(lo);
    const n = Math.min(dsts.length, codeOf(hi) - from + 1, room);
    for (let k = 0; k < n; k++) this.chars.set(from + k, utf16(dsts[k]));
    this.entries += Math.max(0, n);
    return Math.max(0, n);
  }

  get empty() {
    return this.chars.size === 0 && this.ranges.length === 0;
  }

  private lookup(code: number): string | undefined {
    const c = this.chars.get(code);
    if (c !== undefined || !this.ranges.length) return c;
    if (!this.sorted) {
      this.ranges.sort((a, b) => a.lo - b.lo);
      this.sorted = true;
    }
    const r = rangeHolding(this.ranges, code);
    if (!r) return undefined;
    const unit = r.last + (code - r.lo);
    return unit <= 0xffff ? r.prefix + String.fromCharCode(unit) : undefined;
  }

  /** Width in bytes of the code at `i`: the codespace range it falls in, else the shortest (or `fallback`). */
  private codeLength(bytes: string, i: number, fallback: number): number {
    if (!this.spaces.length) return fallback;
    for (const sp of this.spaces) {
      if (i + sp.len > bytes.length) continue;
      let ok = true;
      for (let j = 0; j < sp.len && ok; j++) {
        const b = bytes.charCodeAt(i + j);
        ok = b >= sp.lo[j] && b <= sp.hi[j];
      }
      if (ok) return sp.len;
    }
    return this.spaces[0].len;
  }

  /**
   * The text of a string's bytes (one char per byte) in this font; codes without a mapping give
   * nothing. Codes are `width` bytes wide when the font fixes that (simple fonts: 1, Identity-H:
   * 2), else as the codespace says (`width` when it says nothing); output stops after about `max`
   * characters.
   */
  decode(bytes: string, width: { fixed: boolean; length: number }, max: number): string {
    let out = '';
    let i = 0;
    while (i < bytes.length && out.length < max) {
      const len = width.fixed ? width.length : this.codeLength(bytes, i, width.length);
      if (i + len > bytes.length) break;
      let code = 0;
      for (let j = 0; j < len; j++) code = code * 256 + bytes.charCodeAt(i + j);
      const t = this.lookup(code);
      if (t) out += t;
      i += len;
    }
    return out.replace(LONE_SURROGATE, '');
  }
}

type Token = string | string[] | null;

/**
 * Parses a ToUnicode CMap's text (one char per byte). `budget.entries` is what the file may still
 * map; it is reduced by what this CMap adds.
 */
export function parseCMap(s: string, budget: { entries: number }): ToUnicode {
  const cmap = new ToUnicode();
  const room = () => Math.min(CMAP_LIMITS.entries - cmap.entries, budget.entries);
  let mode: 'space' | 'char' | 'range' | null = null;
  let tuple: Token[] = [];
  let array: string[] | null = null;

  const take = (t: Token) => {
    if (!mode) return;
    tuple.push(t);
    const need = mode === 'range' ? 3 : 2;
    if (tuple.length < need) return;
    const [a, b, c] = tuple;
    tuple = [];
    if (typeof a !== 'string' || typeof b !== 'string') return;
    const before = cmap.entries;
    if (mode === 'space') cmap.addSpace(a, b);
    else if (room() <= 0) return;
    else if (mode === 'char') cmap.addChar(a, b);
    else if (typeof c === 'string') cmap.addRange(a, b, c);
    else if (Array.isArray(c)) cmap.addRangeArray(a, b, c, room());
    budget.entries -= cmap.entries - before;
  };

  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (isSpace(c)) {
      i++;
    } else if (c === 0x25) {
      while (i < s.length && s[i] !== '\n' && s[i] !== '\r') i++;
    } else if (c === 0x3c && s.charCodeAt(i + 1) === 0x3c) {
      i += 2;
    } else if (c === 0x3e && s.charCodeAt(i + 1) === 0x3e) {
      i += 2;
    } else if (c === 0x3c || c === 0x28) {
      const [str, next] = c === 0x3c ? hexString(s, i) : literal(s, i);
      i = next;
      if (array) {
        if (array.length < CMAP_LIMITS.rangeCodes) array.push(str);
      } else take(str);
    } else if (c === 0x5b) {
      i++;
      if (array) take(null);
      array = [];
    } else if (c === 0x5d) {
      i++;
      if (array) take(array);
      array = null;
    } else {
      let j = i + 1;
      if (!isDelimiter(c)) while (j < s.length && !isSpace(s.charCodeAt(j)) && !isDelimiter(s.charCodeAt(j))) j++;
      else if (c === 0x2f) while (j < s.length && !isSpace(s.charCodeAt(j)) && !isDelimiter(s.charCodeAt(j))) j++;
      const token = s.slice(i, j);
      i = j;
      array = null;
      if (token === 'begincodespacerange') mode = 'space';
      else if (token === 'beginbfchar') mode = 'char';
      else if (token === 'beginbfrange') mode = 'range';
      else if (token.startsWith('end') || token.startsWith('begin')) mode = null;
      else {
        // A name, number or anything else where a code belongs: this entry is broken, skip it.
        take(null);
        continue;
      }
      tuple = [];
      if (mode !== 'space' && room() <= 0) return cmap;
    }
  }
  return cmap;
}
