/**
 * Writes one person's data export as a ZIP: per category an Activity Streams 2.0 collection
 * (`<category>.json`) and a readable page (`html/<category>.html`), their media under `media/`,
 * and `index.html`. Streamed page by page into the file store, so a large history never sits in
 * memory.
 */
import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { Services } from '../services.js';
import { CATEGORIES, type DataCategory, type ExportContext } from './categories.js';
import { awaitReencode } from '../files/reencode.js';

const PAGE = 500;
const AS_CONTEXT = 'https://www.w3.org/ns/activitystreams';

export interface ArchiveProgress {
  /** Called with records written so far and the total, at most a few times a second. */
  (done: number, total: number): void;
}

export async function writeArchive(svc: Services, userId: number, key: string, ctx: ExportContext, progress: ArchiveProgress): Promise<{ size: number }> {
  const counts = new Map<string, number>();
  for (const c of CATEGORIES) counts.set(c.key, await c.count(svc.db, userId));
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  let done = 0;
  const tick = () => {
    done++;
    progress(done, total);
  };

  const media = await mediaOf(svc, userId);
  const zip = new ZipFile();
  const stored = svc.files.putStream(key, zip.outputStream as Readable);
  zip.addBuffer(Buffer.from(indexPage(counts)), 'index.html');
  // yazl reads entries one after another, so each stream queries the database only when its turn comes.
  for (const c of CATEGORIES) {
    zip.addReadStream(Readable.from(collection(svc, userId, c, counts.get(c.key)!, ctx, tick)), `${c.key}.json`);
    zip.addReadStream(Readable.from(htmlPage(svc, userId, c, ctx)), `html/${c.key}.html`);
  }
  for (const m of media) zip.addReadStream(Readable.from(mediaFile(svc, m.key)), `media/${m.name}`);
  zip.end();
  return stored;
}

/** The stored files that belong to the person's records (profile photo, uploaded images). */
async function mediaOf(svc: Services, userId: number): Promise<{ key: string; name: string }[]> {
  const out: { key: string; name: string }[] = [];
  for (const c of CATEGORIES) {
    if (!c.media) continue;
    for await (const r of records(svc, userId, c)) out.push(...c.media(r));
  }
  return out;
}

async function* mediaFile(svc: Services, key: string) {
  // An image still being re-encoded (metadata stripped) is waited for; its original never leaves.
  await awaitReencode(svc, key, 60_000);
  const data = await svc.files.get(key);
  // A file gone from the store (deleted meanwhile) becomes an empty entry rather than a failed export.
  if (data) yield data;
}

async function* records(svc: Services, userId: number, c: DataCategory) {
  for (let offset = 0; ; offset += PAGE) {
    const rows = await c.rows(svc.db, userId, offset, PAGE);
    for (const r of rows) yield r;
    if (rows.length < PAGE) return;
  }
}

async function* collection(
  svc: Services,
  userId: number,
  c: DataCategory,
  count: number,
  ctx: ExportContext,
  tick: () => void,
) {
  yield `{"@context":${JSON.stringify(AS_CONTEXT)},"type":"OrderedCollection","name":${JSON.stringify(c.key)},"totalItems":${count},"orderedItems":[`;
  let first = true;
  for await (const r of records(svc, userId, c)) {
    yield (first ? '\n' : ',\n') + JSON.stringify(c.toActivity(r, ctx));
    first = false;
    tick();
  }
  yield '\n]}\n';
}

const escapeHtml = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

const STYLE = 'body{font:15px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}li{margin:.75rem 0}pre{white-space:pre-wrap;margin:.25rem 0}time,.muted{color:#555}';

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>\n`;
}

/** A readable list of one category: text shown as text (sources, never stored HTML). */
async function* htmlPage(svc: Services, userId: number, c: DataCategory, ctx: ExportContext) {
  const head = page(c.key, '');
  const [open, close] = head.split('</body>');
  yield `${open}<p><a href="../index.html">← Index</a></p><h1>${escapeHtml(c.key)}</h1><ol>`;
  for await (const r of records(svc, userId, c)) {
    const a = c.toActivity(r, ctx);
    const text = (a.source as { content?: string } | undefined)?.content ?? a.name ?? a.content ?? a.summary ?? '';
    const when = a.published ? `<time>${escapeHtml(a.published)}</time> ` : '';
    const target = a.object ?? a.inReplyTo ?? a.context ?? a.id ?? '';
    const extra = Object.entries(a)
      .filter(([k]) => k.startsWith('foyer:'))
      .map(([k, v]) => `${escapeHtml(k.slice(6))}: ${escapeHtml(typeof v === 'object' ? JSON.stringify(v) : v)}`)
      .join(' · ');
    yield `<li>${when}<span class="muted">${escapeHtml(a.type)}${target ? ` · ${escapeHtml(typeof target === 'object' ? JSON.stringify(target) : target)}` : ''}</span>${text ? `<pre>${escapeHtml(text)}</pre>` : ''}${extra ? `<div class="muted">${extra}</div>` : ''}</li>`;
  }
  yield `</ol></body>${close}`;
}

function indexPage(counts: Map<string, number>): string {
  const rows = [...counts].map(([k, n]) => `<li><a href="html/${escapeHtml(k)}.html">${escapeHtml(k)}</a> — ${n} (<a href="${escapeHtml(k)}.json">JSON</a>)</li>`).join('');
  return page(
    'Your data in Foyer',
    `<h1>Your data in Foyer</h1><p>Everything Foyer holds about you, by category. The JSON files use the Activity Streams 2.0 vocabulary (https://www.w3.org/TR/activitystreams-vocabulary/); fields starting with "foyer:" are Foyer's own.</p><ul>${rows}</ul><p>Files you uploaded (profile photo, images) are in the media folder.</p>`,
  );
}
