/**
 * Text extraction for search: what each format yields, and that hostile or broken files end
 * within their limits with the text found so far (usually none) instead of an error.
 */
import { describe, it, expect } from 'vitest';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { extractText, storedFileText, TEXT_LIMITS } from './text.js';
import { buildZip, minimalDocx } from './testing.js';
import { docxWith, odtWith, pdfTextPage, pdfWith, pptxWith, xlsxWith } from './text-testing.js';
import type { FileStore } from '../media/store.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
const ODT = 'application/vnd.oasis.opendocument.text';
const docx = (data: Buffer) => extractText(data, { kind: 'document', mime: DOCX });
const pdf = (data: Buffer) => extractText(data, { kind: 'pdf', mime: 'application/pdf' });

/** Rewrites the uncompressed size an entry declares in the central directory (a lying archive). */
function declareSize(zip: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(zip);
  const end = out.length - 22;
  let p = out.readUInt32LE(end + 16);
  for (let i = 0; i < out.readUInt16LE(end + 10); i++) {
    const nameLength = out.readUInt16LE(p + 28);
    if (out.toString('utf8', p + 46, p + 46 + nameLength) === name) out.writeUInt32LE(size, p + 24);
    p += 46 + nameLength + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32);
  }
  return out;
}

describe('file text extraction', () => {
  it('reads plain text as UTF-8, without a byte order mark or control characters', async () => {
    const data = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Grüße aus München;\tBudget\r\n2026\u0007')]);
    expect(await extractText(data, { kind: 'text', mime: 'text/csv' })).toBe('Grüße aus München; Budget 2026');
  });

  it('reads a Word document: runs joined, paragraphs separated, field codes and deletions left out', async () => {
    const fields = '<w:p><w:r><w:instrText> HYPERLINK "x" </w:instrText></w:r><w:r><w:delText>gestrichen</w:delText></w:r><w:r><w:t>Ende &amp; Schluss&#x21;</w:t></w:r></w:p>';
    const text = await docx(docxWith([['Der Urlaubs', 'antrag für'], ['Q3']], fields));
    expect(text).toBe('Der Urlaubsantrag für Q3 Ende & Schluss!');
  });

  it('reads the shared strings of a spreadsheet and every slide of a presentation in order', async () => {
    expect(await extractText(xlsxWith(['Umsatz', 'Kostenstelle <4711>']), { kind: 'spreadsheet', mime: XLSX })).toBe('Umsatz Kostenstelle <4711>');
    expect(await extractText(pptxWith([[10, 'zehn'], [2, 'zwei'], [1, 'eins']]), { kind: 'presentation', mime: PPTX })).toBe('eins zwei zehn');
  });

  it('reads OpenDocument text: spans inside a paragraph stay one word, <text:s/> is a space', async () => {
    const body = '<text:h>Protokoll</text:h><text:p>Fahr<text:span>rad</text:span>abstellplatz<text:s/>und<text:tab/>Parkplatz</text:p>';
    expect(await extractText(odtWith(body), { kind: 'document', mime: ODT })).toBe('Protokoll Fahrradabstellplatz und Parkplatz');
  });

  it('reads a PDF: literal and hex strings, TJ arrays with word gaps, escapes; images and fonts skipped', async () => {
    const page = Buffer.from(
      'BT /F1 12 Tf 72 720 Td (Quartals\\(bericht\\)) Tj T* <556D73E4747A65> Tj ET\n' +
        'BT [(Reise)-20(kosten)-300(abrechnung)] TJ 0 -14 Td (Zeile\\040zwei \\344) Tj (\\\nweiter) \' ET',
      'latin1',
    );
    const data = pdfWith([
      { data: page },
      { dict: ' /Type /XObject /Subtype /Image /Width 1 /Height 1', data: Buffer.from('BT (imagejunk) Tj ET') },
      { dict: ' /Length1 20', data: Buffer.from('BT (fontjunk) Tj ET') },
      { data: pdfTextPage(['Unkomprimierte Seite']), flate: false },
    ]);
    expect(await pdf(data)).toBe('Quartals(bericht) Umsätze Reisekosten abrechnung Zeile zwei ä weiter Unkomprimierte Seite');
  });

  it('reads UTF-16 strings with a byte order mark; skips streams it cannot decode and encrypted documents', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('Ω Straße', 'utf16le').swap16()]).toString('hex');
    expect(await pdf(pdfWith([{ data: Buffer.from(`BT <${utf16}> Tj ET`) }]))).toBe('Ω Straße');
    expect(await pdf(pdfWith([{ dict: ' /Filter /ASCII85Decode', data: Buffer.from('BT (hidden) Tj ET'), flate: false }]))).toBe('');
    expect(await pdf(pdfWith([{ data: pdfTextPage(['secret']) }], ' /Encrypt 9 0 R'))).toBe('');
  });

  it('stops at the character limit', async () => {
    const long = Buffer.from('wort '.repeat(10_000));
    const text = await extractText(long, { kind: 'text', mime: 'text/plain' });
    expect(text.length).toBeLessThanOrEqual(TEXT_LIMITS.chars);
    expect(text.length).toBeGreaterThan(TEXT_LIMITS.chars - 10);
    const pages = pdfWith(Array.from({ length: 30 }, () => ({ data: pdfTextPage(['abcdefghij '.repeat(100)]) })));
    expect((await pdf(pages)).length).toBeLessThanOrEqual(TEXT_LIMITS.chars);
  });

  it('inflates an entry only up to the size it declares, and a stream only up to the part limit', async () => {
    const words = 'Wahrheit '.repeat(50);
    const liar = declareSize(minimalDocx(`<w:document><w:body><w:p><w:r><w:t>${words}</w:t></w:r></w:p></w:body></w:document>`), 'word/document.xml', 200);
    const text = await docx(liar);
    // 200 declared bytes hold the XML declaration and the start of the text, never all of it.
    expect(text.length).toBeLessThan(200);
    expect(text).toMatch(/^Wahrheit/);
    // 64 MB of zeros behind 64 KB of deflate data: cut at the limit, no text, no error.
    const bomb = pdfWith([{ data: Buffer.alloc(64 * 1024 * 1024) }, { data: pdfTextPage(['danach']) }]);
    expect(await extractText(bomb, { kind: 'pdf', mime: 'application/pdf' }, { ...TEXT_LIMITS, partBytes: 1024 * 1024, totalBytes: 2 * 1024 * 1024 })).toBe('danach');
  });

  it('gives up quietly on broken, hostile or oversized input', async () => {
    // Refused archive (declares a 100x expansion), a truncated zip, junk, a truncated deflate stream.
    const bomb = minimalDocx('<w:document/>', [{ name: 'word/media/big.xml', data: Buffer.alloc(30 * 1024 * 1024), deflate: true }]);
    expect(await docx(bomb)).toBe('');
    expect(await docx(docxWith([['abgeschnitten']]).subarray(0, 60))).toBe('');
    expect(await pdf(Buffer.from('%PDF-1.4\n1 0 obj << /Filter /FlateDecode >> stream\n\u0000\u0001garbage\nendstream'))).toBe('');
    const cut = zlib.deflateSync(pdfTextPage(['teilweise lesbar', crypto.randomBytes(3000).toString('hex')]));
    const partial = await pdf(Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj\n<< /Filter /FlateDecode >>\nstream\n'), cut.subarray(0, cut.length - 40), Buffer.from('\nendstream\n')]));
    expect(partial.startsWith('teilweise lesbar')).toBe(true);
    expect(await extractText(buildZip([{ name: 'content.xml', data: Buffer.from('<a>x</a>') }]), { kind: 'image', mime: 'image/png' })).toBe('');
    // A file over the size limit, and a time budget already used up.
    expect(await extractText(Buffer.from('klein'), { kind: 'text', mime: 'text/plain' }, { ...TEXT_LIMITS, fileBytes: 3 })).toBe('');
    expect(await docx(docxWith([['zu spät']]))).toBe('zu spät');
    expect(await extractText(docxWith([['zu spät']]), { kind: 'document', mime: DOCX }, { ...TEXT_LIMITS, ms: -1 })).toBe('');
  });

  it('reads stored files through the store, and never images or files over the limit', async () => {
    const reads: string[] = [];
    const store = {
      get: async (key: string) => {
        reads.push(key);
        if (key === 'broken.pdf') throw new Error('disk gone');
        return Buffer.from('gespeicherter Text');
      },
    } as unknown as FileStore;
    expect(await storedFileText(store, { kind: 'text', mime: 'text/plain', size: 18, storage_key: 'a.txt' })).toBe('gespeicherter Text');
    expect(await storedFileText(store, { kind: 'image', mime: 'image/png', size: 18, storage_key: 'b.png' })).toBe('');
    expect(await storedFileText(store, { kind: 'text', mime: 'text/plain', size: TEXT_LIMITS.fileBytes + 1, storage_key: 'c.txt' })).toBe('');
    expect(await storedFileText(store, { kind: 'pdf', mime: 'application/pdf', size: 10, storage_key: 'broken.pdf' })).toBe('');
    expect(reads).toEqual(['a.txt', 'broken.pdf']);
  });
});
