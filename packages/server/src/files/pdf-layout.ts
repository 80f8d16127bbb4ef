/**
 * Where text lands on a PDF page, enough to tell word breaks from kerning: the glyph widths of
 * fonts (simple fonts' /Widths, Identity-H CID fonts' /W and /DW) and the text geometry of a
 * content stream (text and line matrices, CTM, font size, character and word spacing, horizontal
 * scaling). Writers such as Chrome (Skia) place the kerned pieces of one word with separate Td or
 * Tm moves, so a space is only output where the gap between two shown strings is wide enough,
 * or the text continues on another line, as pdftotext decides it.
 *
 * Fonts whose widths are unknown (standard fonts without /Widths, Type3, other CID encodings) or
 * numbers that are no use (hostile or degenerate) fall back to a space at every positioning
 * operator. Width tables are bounded by the caller's entries budget, lookups never throw.
 */
import { isDict, nameOf, type PdfDict, type PdfObjects, type PdfValue } from './pdf-objects.js';
import { CMAP_LIMITS, rangeHolding } from './pdf-cmap.js';

/** How far a font's glyphs advance. */
export interface FontMetrics {
  /** Bytes per character code: 1 for simple fonts, 2 for Identity-H CID fonts. */
  codeBytes: 1 | 2;
  /** The advance of a code, in thousandths of the font size. */
  width(code: number): number;
}

/** What widths the file (and one font) may still store: shared with the CMaps' entries. */
export interface WidthBudget {
  entries: number;
}

const isInt = (v: PdfValue | undefined, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;
const numberOr = (v: PdfValue, fallback: number) => (typeof v === 'number' ? v : fallback);

/**
 * The metrics of a font dictionary, or undefined when its widths are unknown: Type3 fonts (glyph
 * space is their own matrix), CID fonts under another encoding than Identity-H (codes are not
 * CIDs; Identity-V advances vertically), fonts without widths or when the budget is used up.
 */
export function fontMetrics(objs: PdfObjects, font: PdfDict, budget: WidthBudget): FontMetrics | undefined {
  const subtype = nameOf(font.get('Subtype'));
  if (subtype === 'Type0') return cidMetrics(objs, font, budget);
  if (subtype === 'Type3') return undefined;
  return simpleMetrics(objs, font, budget);
}

/** A simple font: /FirstChar and /Widths, /MissingWidth of the descriptor for codes outside. */
function simpleMetrics(objs: PdfObjects, font: PdfDict, budget: WidthBudget): FontMetrics | undefined {
  const widths = objs.resolve(font.get('Widths'));
  const first = objs.resolve(font.get('FirstChar'));
  if (!Array.isArray(widths) || !isInt(first, 255)) return undefined;
  const descriptor = objs.resolve(font.get('FontDescriptor'));
  const missing = isDict(descriptor) ? numberOr(objs.resolve(descriptor.get('MissingWidth')), 0) : 0;
  // Only one-byte codes exist: a longer array is cut there. An empty one says nothing (all widths 0 would break every piece).
  const n = Math.min(widths.length, 256 - first);
  if (n === 0 || n > budget.entries) return undefined;
  budget.entries -= n;
  const table = new Float64Array(256).fill(missing);
  for (let k = 0; k < n; k++) table[first + k] = numberOr(widths[k], missing);
  return { codeBytes: 1, width: (code) => table[code] ?? missing };
}

/** A Type0 font under Identity-H: the descendant's /W (both forms) and /DW, CID = the two-byte code. */
function cidMetrics(objs: PdfObjects, font: PdfDict, budget: WidthBudget): FontMetrics | undefined {
  if (nameOf(objs.resolve(font.get('Encoding'))) !== 'Identity-H') return undefined;
  const descendants = objs.resolve(font.get('DescendantFonts'));
  const cid = objs.resolve(Array.isArray(descendants) ? descendants[0] : null);
  if (!isDict(cid)) return undefined;
  const widths = new CidWidths(numberOr(objs.resolve(cid.get('DW')), 1000));
  const w = objs.resolve(cid.get('W'));
  if (Array.isArray(w)) widths.read(w, budget);
  return { codeBytes: 2, width: (code) => widths.get(code) };
}

const MAX_CID = 0xffff;

/** CID widths: single CIDs in a map, `first last w` ranges kept as ranges (never expanded). */
class CidWidths {
  private readonly single = new Map<number, number>();
  private readonly ranges: { lo: number; hi: number; w: number }[] = [];
  private entries = 0;

  constructor(private readonly dw: number) {}

  /** Reads a /W array; broken entries are skipped one element at a time. */
  read(w: PdfValue[], budget: WidthBudget) {
    const room = () => Math.min(CMAP_LIMITS.entries - this.entries, budget.entries);
    let i = 0;
    while (i < w.length && room() > 0) {
      const [a, b, c] = [w[i], w[i + 1], w[i + 2]];
      const before = this.entries;
      if (isInt(a, MAX_CID) && Array.isArray(b)) {
        const n = Math.min(b.length, MAX_CID - a + 1, room());
        for (let k = 0; k < n; k++) if (typeof b[k] === 'number') this.single.set(a + k, b[k] as number);
        this.entries += Math.max(1, n);
        i += 2;
      } else if (isInt(a, MAX_CID) && typeof b === 'number' && b >= a && typeof c === 'number') {
        this.ranges.push({ lo: a, hi: Math.min(b, MAX_CID), w: c });
        this.entries++;
        i += 3;
      } else i++;
      budget.entries -= this.entries - before;
    }
    this.ranges.sort((x, y) => x.lo - y.lo);
  }

  get(cid: number): number {
    return this.single.get(cid) ?? rangeHolding(this.ranges, cid)?.w ?? this.dw;
  }
}

// ---- geometry ----

/** An affine matrix [a b c d e f], as PDF writes them (row vectors: p' = p × M). */
export type Matrix = readonly [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m × n: first m, then n. */
function multiply(m: Matrix, n: Matrix): Matrix {
  return [m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3], m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3], m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5]];
}

const translate = (tx: number, ty: number, m: Matrix): Matrix => [m[0], m[1], m[2], m[3], tx * m[0] + ty * m[2] + m[4], tx * m[1] + ty * m[3] + m[5]];

/** A matrix from six numeric operands, or undefined. */
export function matrixOf(v: unknown[]): Matrix | undefined {
  const m = v.slice(-6);
  return m.length === 6 && m.every((x) => typeof x === 'number') ? (m as unknown as Matrix) : undefined;
}

/** Where a string starts or ends in user space, the direction text runs there, and the font size there. */
interface Pen {
  x: number;
  y: number;
  dx: number;
  dy: number;
  size: number;
}

/** A text position as the matrices and font size there (kept as is: the pen is worked out only when compared). */
interface Place {
  tm: Matrix;
  ctm: Matrix;
  size: number;
}

/** The pen at a place; undefined when that is no use (degenerate, not finite). */
function penAt({ tm, ctm, size }: Place): Pen | undefined {
  const m = multiply(tm, ctm);
  const len = Math.hypot(m[0], m[1]);
  const pen = { x: m[4], y: m[5], dx: m[0] / len, dy: m[1] / len, size: Math.abs(size) * Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2])) };
  const usable = pen.size > 0 && Number.isFinite(pen.size) && Number.isFinite(pen.x + pen.y + pen.dx + pen.dy);
  return usable ? pen : undefined;
}

/** What q and Q save and restore besides the font. */
export interface LayoutSnapshot {
  ctm: Matrix;
  size: number;
  charSpacing: number;
  wordSpacing: number;
  scale: number;
  leading: number;
  metrics: FontMetrics | undefined;
}

/** Word breaks, as fractions of the font size (in user space). */
const WORD_BREAK = {
  /** A gap along the line wider than this is a space; kerning is narrower. */
  gap: 0.15,
  /** An offset across the line larger than this is a new line. */
  line: 0.5,
  /** A move back by more than this is a new column or line. */
  back: 1,
};

/**
 * The text state of one page (shared by its content streams) as far as word breaks need it:
 * operators update it, `breakBefore` says whether a string shown now starts a new word, and
 * `advance` moves past a shown string.
 */
export class TextLayout {
  private ctm: Matrix = IDENTITY;
  private tm: Matrix = IDENTITY;
  private tlm: Matrix = IDENTITY;
  private size = 0;
  private charSpacing = 0;
  private wordSpacing = 0;
  private scale = 1;
  private leading = 0;
  private metrics: FontMetrics | undefined;
  /** A positioning operator since the last string: the break when geometry is unknown (and at the start). */
  private moved = true;
  /** Where the last string ended; undefined when unknown (its font had no widths). */
  private last: Place | undefined;

  snapshot(): LayoutSnapshot {
    const { ctm, size, charSpacing, wordSpacing, scale, leading, metrics } = this;
    return { ctm, size, charSpacing, wordSpacing, scale, leading, metrics };
  }

  restore(s: LayoutSnapshot) {
    Object.assign(this, s);
  }

  /** cm */
  concat(m: Matrix | undefined) {
    if (m) this.ctm = multiply(m, this.ctm);
    else this.last = undefined;
  }

  /** BT: not a break by itself (Chrome opens a block per run). */
  beginText() {
    this.tm = this.tlm = IDENTITY;
  }

  /** ET: a break only for fonts without widths, as before. */
  endText() {
    this.moved = true;
  }

  /** Tf */
  setFont(metrics: FontMetrics | undefined, size: unknown) {
    this.metrics = metrics;
    if (typeof size === 'number') this.size = size;
    else this.last = undefined;
  }

  /** Tc, Tw, Tz, TL */
  setSpacing(op: 'Tc' | 'Tw' | 'Tz' | 'TL', v: unknown) {
    if (typeof v !== 'number') return;
    if (op === 'Tc') this.charSpacing = v;
    else if (op === 'Tw') this.wordSpacing = v;
    else if (op === 'Tz') this.scale = v / 100;
    else this.leading = v;
  }

  /** Td (and TD, which sets the leading too), T*, Tm: a new line start. */
  moveLine(tx: unknown, ty: unknown) {
    this.moved = true;
    if (typeof tx !== 'number' || typeof ty !== 'number') this.last = undefined;
    else this.tm = this.tlm = translate(tx, ty, this.tlm);
  }

  nextLine() {
    this.moveLine(0, -this.leading);
  }

  setMatrix(m: Matrix | undefined) {
    this.moved = true;
    if (m) this.tm = this.tlm = m;
    else this.last = undefined;
  }

  private place(): Place {
    return { tm: this.tm, ctm: this.ctm, size: this.size };
  }

  /** Whether a string shown now starts a new word: by geometry when both ends are known, else at a move. */
  breakBefore(): boolean {
    const moved = this.moved;
    this.moved = false;
    const end = this.metrics && this.last && penAt(this.last);
    const start = end && penAt(this.place());
    return end && start ? isBreak(end, start) : moved;
  }

  /** Moves past a shown string (bytes one char per byte), in the current font's widths. */
  advance(bytes: string) {
    const metrics = this.metrics;
    if (!metrics) {
      this.last = undefined;
      return;
    }
    let tx = 0;
    const step = metrics.codeBytes;
    for (let i = 0; i + step <= bytes.length; i += step) {
      const code = step === 1 ? bytes.charCodeAt(i) : (bytes.charCodeAt(i) << 8) | bytes.charCodeAt(i + 1);
      // Word spacing applies to the single-byte code 32 only.
      tx += (metrics.width(code) / 1000) * this.size + this.charSpacing + (step === 1 && code === 32 ? this.wordSpacing : 0);
    }
    this.tm = translate(tx * this.scale, 0, this.tm);
    this.last = this.place();
  }

  /** A number in a TJ array: moves back by thousandths of the font size (the last string still ends where it ended). */
  adjust(n: number) {
    this.tm = translate((-n / 1000) * this.size * this.scale, 0, this.tm);
  }
}

/** Whether text starting at `start` is a new word after text that ended at `end`. */
function isBreak(end: Pen, start: Pen): boolean {
  // Text turning (rotated) is never the same word.
  if (end.dx * start.dx + end.dy * start.dy < 0.99) return true;
  const size = Math.max(end.size, start.size);
  const x = start.x - end.x;
  const y = start.y - end.y;
  const along = x * end.dx + y * end.dy;
  const across = y * end.dx - x * end.dy;
  return Math.abs(across) > WORD_BREAK.line * size || along > WORD_BREAK.gap * size || along < -WORD_BREAK.back * size;
}
