/**
 * The full-size re-encode of an uploaded image, after the upload has answered. An upload answers
 * once its thumbnail is stored; the original (with its EXIF/GPS) waits in `files-pending/` under
 * the data folder, named after its storage key, until the stripped re-encode is in the store. The
 * original is never served: while it waits, a download waits for the re-encode in this process or
 * answers 202. The pending folder is the journal: on start, every original found there is
 * re-encoded again (its row exists) or removed with its thumbnail (its upload never committed).
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Services } from '../services.js';
import { reencodeFile, withImageSlot, type RasterFormat } from '../media/images.js';
import { tempPath } from './staging.js';

const FORMATS: Record<string, RasterFormat> = { jpg: 'jpeg', png: 'png', webp: 'webp', gif: 'gif' };
/** `files/<2 hex>/<uuid>.<ext>`: the only keys that have a pending original. */
const IMAGE_KEY = /^files\/([0-9a-f]{2})\/([0-9a-f-]{36})\.(jpg|png|webp|gif)$/;

type Log = (err: unknown, message: string) => void;
let log: Log = () => {};
/** Where failures of background re-encodes are reported (the app's logger, set on start). */
export function setReencodeLog(l: Log) {
  log = l;
}

export function pendingDir(dataDir: string): string {
  return path.join(dataDir, 'files-pending');
}

function pendingPath(dataDir: string, storageKey: string): string {
  return path.join(pendingDir(dataDir), path.basename(storageKey));
}

export const thumbKeyFor = (storageKey: string) => storageKey.replace(/\.[a-z]+$/, '-t.webp');

/** Parks the staged original until its re-encode is stored (a rename: same data folder); returns its new path. */
export async function parkOriginal(dataDir: string, stagedPath: string, storageKey: string): Promise<string> {
  const parked = pendingPath(dataDir, storageKey);
  await fs.promises.mkdir(pendingDir(dataDir), { recursive: true });
  await fs.promises.rename(stagedPath, parked);
  return parked;
}

export async function dropOriginal(dataDir: string, storageKey: string): Promise<void> {
  await fs.promises.rm(pendingPath(dataDir, storageKey), { force: true });
}

export function isPending(dataDir: string, storageKey: string): boolean {
  return fs.existsSync(pendingPath(dataDir, storageKey));
}

/** An upload commits seconds after parking its original; an original without a row this old is an orphan. */
const ORPHAN_AFTER_MS = 15 * 60_000;

const jobs = new Map<string, Promise<void>>();

/**
 * Starts (or joins) the re-encode of one stored version. Called after the upload's transaction
 * committed, and on start for what a crash left pending.
 */
export function finishInBackground(svc: Services, storageKey: string, opts: { onStart?: boolean } = {}): Promise<void> {
  const running = jobs.get(storageKey);
  if (running) return running;
  const job = reencodePending(svc, storageKey, opts.onStart ?? false)
    .catch((err) => log(err, `re-encoding ${storageKey} failed`))
    .finally(() => jobs.delete(storageKey));
  jobs.set(storageKey, job);
  return job;
}

/**
 * A download of a pending image: waits up to `ms` for its re-encode in this process. True when
 * the stripped image is stored now; false when the caller should answer "not ready yet".
 */
export async function awaitReencode(svc: Services, storageKey: string, ms: number): Promise<boolean> {
  if (!isPending(svc.config.dataDir, storageKey)) return true;
  const job = jobs.get(storageKey);
  if (!job) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([job, timeout]);
  clearTimeout(timer);
  return !isPending(svc.config.dataDir, storageKey);
}

/** Resolves once no re-encode is running or queued in this process (shutdown, tests). */
export async function reencodesSettled(): Promise<void> {
  while (jobs.size) await Promise.allSettled([...jobs.values()]);
}

/** On start: every original left in the pending folder is finished or removed. */
export async function resumePending(svc: Services): Promise<void> {
  let names: string[];
  try {
    names = await fs.promises.readdir(pendingDir(svc.config.dataDir));
  } catch {
    return;
  }
  for (const name of names) {
    const id = name.split('.')[0];
    const key = `files/${id.slice(0, 2)}/${name}`;
    if (IMAGE_KEY.test(key)) void finishInBackground(svc, key, { onStart: true });
    // Any other name is not ours and is left alone (renames are atomic: no half-written entries).
  }
}

async function sha256Of(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function reencodePending(svc: Services, storageKey: string, onStart: boolean): Promise<void> {
  const { dataDir } = svc.config;
  const original = pendingPath(dataDir, storageKey);
  const match = IMAGE_KEY.exec(storageKey);
  if (!match || !fs.existsSync(original)) return;
  const row = await svc.db.selectFrom('file_versions').select('id').where('storage_key', '=', storageKey).executeTakeFirst();
  if (!row) {
    // The upload never committed (a crash before its transaction), or the file was purged or
    // erased since. On start, a young original may belong to an upload still on its way to its
    // commit (another process sharing this data folder): it is left to a later start.
    if (onStart && Date.now() - (await fs.promises.stat(original)).mtimeMs < ORPHAN_AFTER_MS) return;
    await svc.files.delete(thumbKeyFor(storageKey));
    await svc.files.delete(storageKey);
    await dropOriginal(dataDir, storageKey);
    return;
  }
  const out = await tempPath(dataDir, `.${match[3]}`);
  try {
    try {
      await withImageSlot('background', () => reencodeFile(original, FORMATS[match[3]], out));
    } catch (err) {
      // The image itself cannot be decoded in full (its thumbnail could): nothing is ever served
      // for it. The original goes, so no unstripped bytes stay on disk; the download answers 404.
      await dropOriginal(dataDir, storageKey);
      throw err;
    }
    // Size and hash describe what is served: the re-encoded image, not the upload.
    const sha256 = await sha256Of(out);
    const { size } = await svc.files.putFile(storageKey, out);
    const updated = await svc.db.updateTable('file_versions').set({ size, sha256 }).where('storage_key', '=', storageKey).executeTakeFirst();
    // Purged while we worked: the purge could not see this object yet, so remove it here.
    if (Number(updated.numUpdatedRows) !== 1) await svc.files.delete(storageKey);
    await dropOriginal(dataDir, storageKey);
  } finally {
    await fs.promises.rm(out, { force: true });
  }
}
