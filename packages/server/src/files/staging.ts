/**
 * Streams a request body to a temporary file under the data folder, hashing and counting as it
 * goes: memory stays at one chunk per upload whatever the size. Over the limit, the rest of the
 * body is not written; on abort or error the temporary file is removed.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import { rejected } from './errors.js';

export interface Staged {
  path: string;
  size: number;
  sha256: string;
  /** The first bytes, for type detection. */
  head: Buffer;
  remove(): Promise<void>;
}

const HEAD_BYTES = 8192;

export function stagingDir(dataDir: string): string {
  return path.join(dataDir, 'uploads-tmp');
}

/** A fresh temporary path in the staging folder (also used for re-encoded images). */
export async function tempPath(dataDir: string, suffix = ''): Promise<string> {
  const dir = stagingDir(dataDir);
  await fs.promises.mkdir(dir, { recursive: true });
  return path.join(dir, `${crypto.randomUUID()}${suffix}`);
}

export async function stage(source: Readable, dataDir: string, limitBytes: number): Promise<Staged> {
  const file = await tempPath(dataDir);
  const remove = () => fs.promises.rm(file, { force: true });
  const out = fs.createWriteStream(file, { flags: 'wx' });
  const hash = crypto.createHash('sha256');
  const headParts: Buffer[] = [];
  let headLength = 0;
  let size = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let done = false;
      const finish = (err?: Error) => {
        if (done) return;
        done = true;
        source.off('data', onData);
        source.off('end', onEnd);
        source.off('error', onError);
        source.off('close', onClose);
        if (err) {
          // Stop reading but leave the connection to the response (Connection: close), so the
          // client still hears the 413 instead of a reset.
          source.resume();
          out.destroy();
          reject(err);
        } else out.end(() => resolve());
      };
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size > limitBytes) return finish(rejected('too_large', `files may be at most ${limitBytes} bytes`, { limitBytes }));
        hash.update(chunk);
        if (headLength < HEAD_BYTES) {
          headParts.push(chunk.subarray(0, HEAD_BYTES - headLength));
          headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
        }
        if (!out.write(chunk)) {
          source.pause();
          out.once('drain', () => source.resume());
        }
      };
      const onEnd = () => finish();
      const onError = () => finish(rejected('aborted', 'the upload was interrupted; send it again'));
      const onClose = () => finish(rejected('aborted', 'the upload was interrupted; send it again'));
      out.on('error', (e) => finish(e));
      source.on('data', onData);
      source.on('end', onEnd);
      source.on('error', onError);
      source.on('close', onClose);
      if (source.readableEnded) finish();
    });
  } catch (e) {
    await remove();
    throw e;
  }
  if (size === 0) {
    await remove();
    throw rejected('empty', 'the file is empty');
  }
  return { path: file, size, sha256: hash.digest('hex'), head: Buffer.concat(headParts), remove };
}
