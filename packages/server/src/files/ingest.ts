/**
 * From a staged upload to stored objects: identify the content, then move the bytes into the
 * store under random keys. Images get their thumbnail here and their full-size re-encode after
 * the upload answered (files/reencode.ts). Whatever fails, nothing is left behind: temporary
 * files are removed, and stored objects of a failed ingest are deleted.
 */
import fs from 'node:fs';
import crypto from 'node:crypto';
import { FILE_LIMITS } from '@foyer/shared';
import type { FileStore } from '../media/store.js';
import { probeImage, thumbnailFile, withImageSlot } from '../media/images.js';
import { detectType, nameForType } from './sniff.js';
import { rejected } from './errors.js';
import { tempPath, type Staged } from './staging.js';
import { parkOriginal, dropOriginal, thumbKeyFor } from './reencode.js';
import type { FileVersionTable } from '../db/schema.js';

export type StoredVersion = Pick<FileVersionTable, 'name' | 'kind' | 'mime' | 'size' | 'sha256' | 'storage_key' | 'thumb_key' | 'width' | 'height'>;

export async function ingest(store: FileStore, dataDir: string, staged: Staged, name: string): Promise<StoredVersion> {
  const type = await detectType(staged.path, staged.head, name);
  const id = crypto.randomUUID();
  const ext = type.extensions[0];
  const key = `files/${id.slice(0, 2)}/${id}.${ext}`;
  const version = { name: nameForType(name, type), kind: type.kind, mime: type.mime, size: staged.size, sha256: staged.sha256, storage_key: key };
  if (!type.format) {
    // Stored as uploaded: the staged file is moved into the store, not copied.
    await store.putFile(key, staged.path);
    return { ...version, thumb_key: null, width: null, height: null };
  }
  const probe = await probeImage(staged.path);
  if (!probe) throw rejected('unreadable', 'this image cannot be read');
  if (probe.format !== type.format) throw rejected('unreadable', 'this image cannot be read');
  if (probe.width * probe.height > FILE_LIMITS.imagePixels)
    throw rejected('image_too_large', `images may have at most ${FILE_LIMITS.imagePixels} pixels`, { width: probe.width, height: probe.height });
  // The original is parked first: the pending folder is the journal that lets a start after a
  // crash finish or remove whatever this upload left (files/reencode.ts).
  const original = await parkOriginal(dataDir, staged.path, key);
  const thumb = await tempPath(dataDir, '.webp');
  const thumbKey = thumbKeyFor(key);
  try {
    // The thumbnail decodes the whole file too (at reduced scale): an image it cannot read is refused here.
    await withImageSlot('foreground', () =>
      thumbnailFile(original, thumb, FILE_LIMITS.thumbnailPx).catch(() => {
        throw rejected('unreadable', 'this image cannot be read');
      }),
    );
    await store.putFile(thumbKey, thumb);
  } catch (e) {
    await store.delete(thumbKey);
    await dropOriginal(dataDir, key);
    throw e;
  } finally {
    await fs.promises.rm(thumb, { force: true });
  }
  // The full-size re-encode follows once the upload committed; until then size and hash are the
  // upload's, and the original waits where nothing serves it.
  return { ...version, thumb_key: thumbKey, width: probe.width, height: probe.height };
}
