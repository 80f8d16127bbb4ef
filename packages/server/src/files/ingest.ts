/**
 * From a staged upload to stored objects: identify the content, re-encode images (and make a
 * thumbnail), then move the bytes into the store under random keys. Whatever fails, nothing is
 * left behind: temporary files are removed, and stored objects of a failed ingest are deleted.
 */
import fs from 'node:fs';
import crypto from 'node:crypto';
import { FILE_LIMITS } from '@foyer/shared';
import type { FileStore } from '../media/store.js';
import { probeImage, reencodeFile } from '../media/images.js';
import { detectType, nameForType } from './sniff.js';
import { rejected } from './errors.js';
import { tempPath, type Staged } from './staging.js';
import type { FileVersionTable } from '../db/schema.js';

export type StoredVersion = Pick<FileVersionTable, 'name' | 'kind' | 'mime' | 'size' | 'sha256' | 'storage_key' | 'thumb_key' | 'width' | 'height'>;

/** At most two images decode at once: a burst of uploads queues instead of multiplying pixel buffers. */
const IMAGE_SLOTS = 2;
let busy = 0;
const waiting: (() => void)[] = [];
async function withImageSlot<T>(work: () => Promise<T>): Promise<T> {
  if (busy >= IMAGE_SLOTS) await new Promise<void>((resolve) => waiting.push(resolve));
  busy++;
  try {
    return await work();
  } finally {
    busy--;
    waiting.shift()?.();
  }
}

async function storeFile(store: FileStore, key: string, path: string) {
  await store.putStream(key, fs.createReadStream(path));
}

export async function ingest(store: FileStore, dataDir: string, staged: Staged, name: string): Promise<StoredVersion> {
  const type = await detectType(staged.path, staged.head, name);
  const id = crypto.randomUUID();
  const ext = type.extensions[0];
  const key = `files/${id.slice(0, 2)}/${id}.${ext}`;
  const stored: string[] = [];
  try {
    if (!type.format) {
      await storeFile(store, key, staged.path);
      stored.push(key);
      return { name: nameForType(name, type), kind: type.kind, mime: type.mime, size: staged.size, sha256: staged.sha256, storage_key: key, thumb_key: null, width: null, height: null };
    }
    const probe = await probeImage(staged.path);
    if (!probe) throw rejected('unreadable', 'this image cannot be read');
    if (probe.format !== type.format) throw rejected('unreadable', 'this image cannot be read');
    if (probe.width * probe.height > FILE_LIMITS.imagePixels)
      throw rejected('image_too_large', `images may have at most ${FILE_LIMITS.imagePixels} pixels`, { width: probe.width, height: probe.height });
    const full = await tempPath(dataDir, `.${ext}`);
    const thumb = await tempPath(dataDir, '.webp');
    try {
      const size = await withImageSlot(() =>
        reencodeFile(staged.path, type.format!, { full, thumb, thumbPx: FILE_LIMITS.thumbnailPx }).catch(() => {
          throw rejected('unreadable', 'this image cannot be read');
        }),
      );
      const thumbKey = `files/${id.slice(0, 2)}/${id}-t.webp`;
      await storeFile(store, key, full);
      stored.push(key);
      await storeFile(store, thumbKey, thumb);
      stored.push(thumbKey);
      // Size and hash describe what is served: the re-encoded image, not the upload.
      const hash = crypto.createHash('sha256');
      for await (const chunk of fs.createReadStream(full)) hash.update(chunk as Buffer);
      const { size: bytes } = await fs.promises.stat(full);
      return { name: nameForType(name, type), kind: type.kind, mime: type.mime, size: bytes, sha256: hash.digest('hex'), storage_key: key, thumb_key: thumbKey, width: size.width, height: size.height };
    } finally {
      await fs.promises.rm(full, { force: true });
      await fs.promises.rm(thumb, { force: true });
    }
  } catch (e) {
    for (const k of stored) await store.delete(k);
    throw e;
  }
}
