/**
 * Every uploaded image is decoded and re-encoded: orientation applied, EXIF/GPS and other
 * metadata dropped (sharp keeps none unless asked), pixel floods refused. Post images become
 * WebP; files keep their format (a JPEG download stays a JPEG) and get a WebP thumbnail, made
 * first from its own reduced decode (see files/reencode.ts for the full-size re-encode).
 */
import crypto from 'node:crypto';
import sharp from 'sharp';
import { AppError } from '../errors.js';

export const MAX_INPUT_PIXELS = 40_000_000;

/**
 * The one way an untrusted image is opened: bounded pixels, corrupt input is an error, orientation
 * applied. Files are read sequentially (top to bottom, no random access), which libvips streams.
 */
function open(input: Buffer | string) {
  return sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', sequentialRead: typeof input === 'string' }).rotate();
}

/**
 * At most two images decode at once per process: a burst of uploads queues instead of
 * multiplying pixel buffers. Background work (full-size re-encodes) takes at most one of the two
 * and waits behind foreground work (thumbnails an upload is waiting for), so a queue of
 * re-encodes never delays the answer to a new upload.
 */
const IMAGE_SLOTS = 2;
const BACKGROUND_SLOTS = 1;
let busy = 0;
let busyBackground = 0;
const waiting: { foreground: (() => void)[]; background: (() => void)[] } = { foreground: [], background: [] };

function take(priority: 'foreground' | 'background') {
  busy++;
  if (priority === 'background') busyBackground++;
}

function wake() {
  while (busy < IMAGE_SLOTS) {
    const priority = waiting.foreground.length ? 'foreground' : busyBackground < BACKGROUND_SLOTS && waiting.background.length ? 'background' : null;
    if (!priority) return;
    // The waker takes the slot for the waiter, so that no one overtakes between wake-up and start.
    take(priority);
    waiting[priority].shift()!();
  }
}

export async function withImageSlot<T>(priority: 'foreground' | 'background', work: () => Promise<T>): Promise<T> {
  const free = busy < IMAGE_SLOTS && (priority === 'foreground' ? !waiting.foreground.length : busyBackground < BACKGROUND_SLOTS && !waiting.background.length);
  if (free) take(priority);
  else await new Promise<void>((resolve) => waiting[priority].push(resolve));
  try {
    return await work();
  } finally {
    busy--;
    if (priority === 'background') busyBackground--;
    wake();
  }
}

export interface EncodedImage {
  data: Buffer;
  width: number;
  height: number;
  key: string;
}

export async function reencode(input: unknown, size: { width: number; height: number; fit: 'cover' | 'inside' }): Promise<EncodedImage> {
  if (!Buffer.isBuffer(input)) throw new AppError(400, 'validation_failed', 'send the image as the request body (image/jpeg, png, webp or gif)');
  try {
    const { data, info } = await open(input)
      .resize(size.width, size.height, { fit: size.fit, withoutEnlargement: size.fit === 'inside' })
      .webp({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
    const key = crypto.createHash('sha256').update(data).digest('hex').slice(0, 24);
    return { data, width: info.width, height: info.height, key };
  } catch {
    throw new AppError(400, 'validation_failed', 'this is not an image we can read, or it is too large', { fields: { body: 'not an image' } });
  }
}

export type RasterFormat = 'jpeg' | 'png' | 'webp' | 'gif';

/**
 * Reads only the header: the declared size, so that a pixel flood is refused before anything is
 * decoded. Returns null for something sharp cannot identify.
 */
export async function probeImage(inputPath: string): Promise<{ format: string; width: number; height: number } | null> {
  try {
    const m = await sharp(inputPath, { limitInputPixels: false }).metadata();
    if (!m.format || !m.width || !m.height) return null;
    // EXIF orientations 5-8 swap the sides once applied.
    const swap = (m.orientation ?? 1) >= 5;
    return { format: m.format, width: swap ? m.height : m.width, height: swap ? m.width : m.height };
  } catch {
    return null;
  }
}

/**
 * The WebP thumbnail of an image file, in its own pipeline: a JPEG is decoded at 1/2-1/8 scale
 * (shrink-on-load) instead of at full size, which is most of the cost. The linear kernel and a low
 * WebP effort are indistinguishable at 480 px and several times cheaper than the defaults.
 * Throws for undecodable or oversized input.
 */
export async function thumbnailFile(inputPath: string, outPath: string, px: number): Promise<void> {
  await open(inputPath).resize(px, px, { fit: 'inside', withoutEnlargement: true, kernel: 'linear' }).webp({ quality: 80, effort: 2 }).toFile(outPath);
}

/**
 * Re-encodes an image file in its own format: metadata gone, orientation applied. Output goes to
 * a file, so memory is bounded by a few scanlines, not by the encoded size. Throws for
 * undecodable or oversized input.
 */
export async function reencodeFile(inputPath: string, format: RasterFormat, outPath: string): Promise<{ width: number; height: number }> {
  const full = open(inputPath);
  if (format === 'jpeg') full.jpeg({ quality: 88 });
  else if (format === 'png') full.png();
  else if (format === 'webp') full.webp({ quality: 88 });
  else full.gif();
  const info = await full.toFile(outPath);
  return { width: info.width, height: info.height };
}
