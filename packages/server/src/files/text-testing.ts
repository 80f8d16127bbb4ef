/** Small office documents and PDFs with known text, built in memory for extraction and search tests. */
import zlib from 'node:zlib';
import { buildZip, minimalDocx, type ZipSource } from './testing.js';

const xml = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${s}`);
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A Word document with one paragraph per entry; each paragraph's runs are given as a list. */
export function docxWith(paragraphs: string[][], extraBody = ''): Buffer {
  const body = paragraphs.map((runs) => `<w:p><w:pPr/>${runs.map((r) => `<w:r><w:t xml:space="preserve">${esc(r)}</w:t></w:r>`).join('')}</w:p>`).join('');
  return minimalDocx(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}${extraBody}</w:body></w:document>`);
}

export function xlsxWith(strings: string[]): Buffer {
  return buildZip([
    { name: '[Content_Types].xml', data: xml('<Types/>'), deflate: true },
    { name: 'xl/workbook.xml', data: xml('<workbook/>'), deflate: true },
    { name: 'xl/sharedStrings.xml', data: xml(`<sst count="${strings.length}">${strings.map((s) => `<si><t>${esc(s)}</t></si>`).join('')}</sst>`), deflate: true },
  ]);
}

/** Slides given as [number, text]; stored in the given order (the zip's order is not the reading order). */
export function pptxWith(slides: [number, string][]): Buffer {
  return buildZip([
    { name: '[Content_Types].xml', data: xml('<Types/>'), deflate: true },
    { name: 'ppt/presentation.xml', data: xml('<p:presentation/>'), deflate: true },
    ...slides.map(([n, text]): ZipSource => ({ name: `ppt/slides/slide${n}.xml`, data: xml(`<p:sld><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>${esc(text)}</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>`), deflate: true })),
  ]);
}

export function odtWith(bodyXml: string): Buffer {
  return buildZip([
    { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.text') },
    {
      name: 'content.xml',
      data: xml(`<office:document-content><office:automatic-styles><style:style style:name="P1"/></office:automatic-styles><office:body><office:text>${bodyXml}</office:text></office:body></office:document-content>`),
      deflate: true,
    },
  ]);
}

export interface PdfStream {
  dict?: string;
  data: Buffer;
  /** FlateDecode-compress the data (default true). */
  flate?: boolean;
}

/** A small PDF whose objects are the given streams (content streams of one page each, or anything else). */
export function pdfWith(streams: PdfStream[], trailerExtra = ''): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const kids = streams.map((_, i) => `${3 + i * 2} 0 R`).join(' ');
  parts.push(Buffer.from(`1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [${kids}] /Count ${streams.length} >>\nendobj\n`, 'latin1'));
  streams.forEach((s, i) => {
    const page = 3 + i * 2;
    const data = s.flate === false ? s.data : zlib.deflateSync(s.data);
    const dict = `${s.dict ?? ''}${s.flate === false ? '' : ' /Filter /FlateDecode'} /Length ${data.length}`;
    parts.push(Buffer.from(`${page} 0 obj\n<< /Type /Page /Parent 2 0 R /Contents ${page + 1} 0 R >>\nendobj\n${page + 1} 0 obj\n<<${dict} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream\nendobj\n', 'latin1'));
  });
  parts.push(Buffer.from(`trailer\n<< /Root 1 0 R${trailerExtra} >>\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/** A page content stream showing lines of WinAnsi text with Tj. */
export function pdfTextPage(lines: string[]): Buffer {
  const esc = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  return Buffer.from(`BT /F1 12 Tf 72 720 Td ${lines.map((l) => `(${esc(l)}) Tj 0 -14 Td`).join(' ')} ET`, 'latin1');
}

/** A PDF object: its value as PDF source (a dictionary, an array ...) or a stream. */
export type PdfObjectSource = string | PdfStream;

const streamObject = (s: PdfStream): Buffer[] => {
  const data = s.flate === false ? s.data : zlib.deflateSync(s.data);
  const dict = `${s.dict ?? ''}${s.flate === false ? '' : ' /Filter /FlateDecode'} /Length ${data.length}`;
  return [Buffer.from(`<<${dict} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')];
};

/**
 * A PDF from numbered objects (object n is `objects[n - 1]`; object 1 is the catalog). The
 * objects listed in `compressed` (never streams) are written into one object stream, as PDF 1.5
 * writers do, behind a cross-reference stream naming the catalog.
 */
export function pdfFromObjects(objects: PdfObjectSource[], opts: { compressed?: number[] } = {}): Buffer {
  const compressed = new Set(opts.compressed ?? []);
  const parts: Buffer[] = [Buffer.from(`%PDF-${compressed.size ? '1.5' : '1.4'}\n%\xe2\xe3\xcf\xd3\n`, 'latin1')];
  const packed: [number, string][] = [];
  objects.forEach((o, i) => {
    const num = i + 1;
    if (compressed.has(num) && typeof o === 'string') return packed.push([num, o]);
    parts.push(Buffer.from(`${num} 0 obj\n`, 'latin1'), ...(typeof o === 'string' ? [Buffer.from(o, 'latin1')] : streamObject(o)), Buffer.from('\nendobj\n', 'latin1'));
  });
  if (packed.length) {
    let body = '';
    const header: string[] = [];
    for (const [num, src] of packed) {
      header.push(`${num} ${body.length}`);
      body += `${src}\n`;
    }
    const head = `${header.join(' ')}\n`;
    const stm = objects.length + 1;
    parts.push(Buffer.from(`${stm} 0 obj\n`), ...streamObject({ dict: ` /Type /ObjStm /N ${packed.length} /First ${head.length}`, data: Buffer.from(head + body, 'latin1') }), Buffer.from('\nendobj\n'));
    // The cross-reference stream's entries are not needed by the reader under test; its dictionary names the catalog.
    parts.push(Buffer.from(`${stm + 1} 0 obj\n`), ...streamObject({ dict: ` /Type /XRef /Size ${stm + 2} /W [1 2 1] /Root 1 0 R`, data: Buffer.alloc(4) }), Buffer.from('\nendobj\nstartxref\n0\n%%EOF\n'));
  } else {
    parts.push(Buffer.from('trailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1'));
  }
  return Buffer.concat(parts);
}

export interface ToUnicodeSource {
  /** Codespace ranges as [lo, hi] hex (default one range <0000> <FFFF>). */
  spaces?: [string, string][];
  /** bfchar entries as [code, destination] hex. */
  chars?: [string, string][];
  /** bfrange entries as [lo, hi, destination] hex, or [lo, hi, [destinations]]. */
  ranges?: [string, string, string | string[]][];
}

/** The text of a ToUnicode CMap, as PDF writers emit it. */
export function toUnicodeCMap({ spaces = [['0000', 'FFFF']], chars = [], ranges = [] }: ToUnicodeSource): Buffer {
  const hex = (h: string) => `<${h}>`;
  const lines = [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    `${spaces.length} begincodespacerange`,
    ...spaces.map(([lo, hi]) => `${hex(lo)} ${hex(hi)}`),
    'endcodespacerange',
    `${chars.length} beginbfchar`,
    ...chars.map(([c, d]) => `${hex(c)} ${hex(d)}`),
    'endbfchar',
    `${ranges.length} beginbfrange`,
    ...ranges.map(([lo, hi, d]) => `${hex(lo)} ${hex(hi)} ${Array.isArray(d) ? `[${d.map(hex).join(' ')}]` : hex(d)}`),
    'endbfrange',
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ];
  return Buffer.from(lines.join('\n'), 'latin1');
}

/** A Type0 font dictionary with Identity-H encoding and the given ToUnicode reference (as subset fonts are written). */
export const type0Font = (toUnicode: string, descendant: string) =>
  `<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Carlito /Encoding /Identity-H /DescendantFonts [${descendant}] /ToUnicode ${toUnicode} >>`;
export const cidFont = '<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Carlito /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>';
export const helvetica = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';

/**
 * A one-page PDF showing `content` with the given fonts (resource name -> font); the font objects
 * follow the content stream (object 4) in order, then `extra` objects (ToUnicode streams ...).
 */
export function pdfWithFonts(content: string, fonts: Record<string, PdfObjectSource>, extra: PdfObjectSource[] = []): Buffer {
  const names = Object.keys(fonts);
  const resources = names.map((name, i) => `/${name} ${5 + i} 0 R`).join(' ');
  return pdfFromObjects([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /Resources << /Font << ${resources} >> >> /Contents 4 0 R >>`,
    { data: Buffer.from(content, 'latin1') },
    ...names.map((name) => fonts[name]),
    ...extra,
  ]);
}

/** A simple TrueType font (WinAnsi, no ToUnicode) whose glyphs from the space on are all `width` wide. */
export const fixedWidthFont = (width = 500, extra = '') =>
  `<< /Type /Font /Subtype /TrueType /BaseFont /Fixed /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 255 /Widths [${Array(224).fill(width).join(' ')}]${extra} >>`;
