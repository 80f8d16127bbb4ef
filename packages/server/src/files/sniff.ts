/**
 * What a file is, by its bytes: a positive match against the allow-list, never the name or the
 * client's Content-Type. The name's extension must then agree with the content (a PDF called
 * "invoice.exe" is refused like an executable called "photo.png"). Zips are read through their
 * central directory only (zip.ts), so detection never inflates untrusted data.
 */
import fs from 'node:fs';
import type { FileKind } from '@foyer/shared';
import { rejected } from './errors.js';
import { withZip } from './zip.js';
import { extensionOf } from './names.js';
import type { RasterFormat } from '../media/images.js';

export interface FileType {
  kind: FileKind;
  mime: string;
  /** Extensions a name of this type may carry; the first is added to names without one. */
  extensions: string[];
  /** Raster images: the format to re-encode in. */
  format?: RasterFormat;
}

const T = {
  jpeg: { kind: 'image', mime: 'image/jpeg', extensions: ['jpg', 'jpeg', 'jpe', 'jfif'], format: 'jpeg' },
  png: { kind: 'image', mime: 'image/png', extensions: ['png'], format: 'png' },
  gif: { kind: 'image', mime: 'image/gif', extensions: ['gif'], format: 'gif' },
  webp: { kind: 'image', mime: 'image/webp', extensions: ['webp'], format: 'webp' },
  pdf: { kind: 'pdf', mime: 'application/pdf', extensions: ['pdf'] },
  docx: { kind: 'document', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  xlsx: { kind: 'spreadsheet', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  pptx: { kind: 'presentation', mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extensions: ['pptx'] },
  odt: { kind: 'document', mime: 'application/vnd.oasis.opendocument.text', extensions: ['odt'] },
  ods: { kind: 'spreadsheet', mime: 'application/vnd.oasis.opendocument.spreadsheet', extensions: ['ods'] },
  odp: { kind: 'presentation', mime: 'application/vnd.oasis.opendocument.presentation', extensions: ['odp'] },
  csv: { kind: 'text', mime: 'text/csv', extensions: ['csv'] },
  tsv: { kind: 'text', mime: 'text/tab-separated-values', extensions: ['tsv'] },
  markdown: { kind: 'text', mime: 'text/markdown', extensions: ['md', 'markdown'] },
  text: { kind: 'text', mime: 'text/plain', extensions: ['txt', 'text', 'log'] },
} satisfies Record<string, FileType>;

export const ALLOWED_TYPES: FileType[] = Object.values(T);
export const ALLOWED_EXTENSIONS = ALLOWED_TYPES.flatMap((t) => t.extensions);
/** Raster formats safe to show inline (no scripts, no external references). */
export const INLINE_MIMES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

const starts = (head: Buffer, bytes: number[] | string, at = 0) => {
  const b = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
  return head.length >= at + b.length && head.subarray(at, at + b.length).equals(b);
};

/** Well-known types that are not allowed, named in the error so the person knows what happened. */
const KNOWN_REFUSED: [string, (h: Buffer) => boolean][] = [
  ['application/x-elf', (h) => starts(h, [0x7f, 0x45, 0x4c, 0x46])],
  ['application/x-msdownload', (h) => starts(h, 'MZ')],
  ['application/x-mach-binary', (h) => [[0xcf, 0xfa, 0xed, 0xfe], [0xfe, 0xed, 0xfa, 0xcf], [0xca, 0xfe, 0xba, 0xbe]].some((m) => starts(h, m))],
  ['application/x-ole-storage', (h) => starts(h, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])],
  ['application/gzip', (h) => starts(h, [0x1f, 0x8b])],
  ['application/x-7z-compressed', (h) => starts(h, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])],
  ['application/vnd.rar', (h) => starts(h, 'Rar!')],
  ['image/tiff', (h) => starts(h, 'II*\0') || starts(h, 'MM\0*')],
  ['image/bmp', (h) => starts(h, 'BM')],
  ['image/avif', (h) => starts(h, 'ftyp', 4)],
];

const MARKUP = /^\s*<(?:!doctype|html|head|body|svg|\?xml|script|iframe|object|!--|xsl|math)\b/i;

async function officeType(path: string): Promise<FileType> {
  return withZip(path, async (zip) => {
    const names = new Set(zip.entries.map((e) => e.name));
    // Macros are code: a .docm renamed .docx still carries vbaProject.bin.
    if (zip.entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name) || /\.(exe|dll|js|vbs|bat|cmd|ps1|jar)$/i.test(e.name)))
      throw rejected('type_not_allowed', 'documents with macros or embedded programs are not allowed', { detected: 'application/vnd.ms-office.macroEnabled' });
    if (names.has('[Content_Types].xml')) {
      if (names.has('word/document.xml')) return T.docx;
      if (names.has('xl/workbook.xml')) return T.xlsx;
      if (names.has('ppt/presentation.xml')) return T.pptx;
    }
    const mimetype = zip.entries[0]?.name === 'mimetype' ? (await zip.readStored(zip.entries[0], 100)).toString('latin1') : '';
    const odf = [T.odt, T.ods, T.odp].find((t) => t.mime === mimetype);
    if (odf) return odf;
    throw rejected('type_not_allowed', 'zip archives are not allowed; only office documents (docx, xlsx, pptx, odt, ods, odp)', { detected: 'application/zip' });
  });
}

/** Valid UTF-8 without NUL or other control characters (tab, newlines and form feed aside), streamed. */
async function isPlainText(path: string): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of fs.createReadStream(path, { highWaterMark: 256 * 1024 })) {
      if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(decoder.decode(chunk as Buffer, { stream: true }))) return false;
    }
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

function textType(name: string): FileType {
  const ext = extensionOf(name);
  return [T.csv, T.tsv, T.markdown].find((t) => t.extensions.includes(ext)) ?? T.text;
}

/**
 * Identifies a staged upload. `head` is its first bytes (at least 4 KB unless shorter). Throws a
 * typed 415 for anything not allowed, 422 for an unsafe office archive.
 */
export async function detectType(path: string, head: Buffer, name: string): Promise<FileType> {
  let type: FileType | null = null;
  if (starts(head, [0xff, 0xd8, 0xff])) type = T.jpeg;
  else if (starts(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) type = T.png;
  else if (starts(head, 'GIF87a') || starts(head, 'GIF89a')) type = T.gif;
  else if (starts(head, 'RIFF') && starts(head, 'WEBP', 8)) type = T.webp;
  else if (starts(head, '%PDF-')) type = T.pdf;
  else if (starts(head, [0x50, 0x4b, 0x03, 0x04])) type = await officeType(path);
  else {
    const refused = KNOWN_REFUSED.find(([, test]) => test(head));
    if (refused) throw rejected('type_not_allowed', 'this type of file is not allowed', { detected: refused[0] });
    const text = head.toString('utf8').replace(/^\uFEFF/, '');
    // SVG, HTML and XML are active content in a browser: refused, whatever the name says.
    if (MARKUP.test(text)) throw rejected('type_not_allowed', 'HTML, SVG and XML files are not allowed', { detected: /svg/i.test(text.slice(0, 300)) ? 'image/svg+xml' : 'text/html' });
    if (await isPlainText(path)) type = textType(name);
  }
  if (!type) throw rejected('type_not_allowed', 'this type of file is not allowed', { detected: 'application/octet-stream' });
  const ext = extensionOf(name);
  if (ext && !type.extensions.includes(ext))
    throw rejected('type_mismatch', `the name ends in .${ext}, but the content is ${type.mime}`, { detected: type.mime, extension: ext });
  return type;
}

/** The name with the type's usual extension when it has none (so downloads open with the right program). */
export function nameForType(name: string, type: FileType): string {
  return extensionOf(name) ? name : `${name}.${type.extensions[0]}`;
}
