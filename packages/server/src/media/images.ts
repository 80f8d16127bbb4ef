/**
 * Every uploaded image is decoded and re-encoded: orientation applied, EXIF/GPS and other
 * metadata dropped (sharp keeps none unless asked), pixel floods refused. Post images become
 * WebP; files keep their format (a JPEG download stays a JPEG) and get a WebP thumbnail.
 */
import crypto from 'node:crypto';
import sharp from 'sharp';
import { AppError } from '../errors.js';

export const MAX_INPUT_PIXELS = 40_000_000;

/** The one way an untrusted image is opened: bounded pixels, corrupt input is an error, orientation applied. */
function open(input: Buffer | string) {
  return sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate();
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
 * Re-encodes an image file in its own format (metadata gone, orientation applied) and makes a
 * WebP thumbnail, from one decode. Output goes to files, so memory is bounded by the pixels,
 * not by the encoded size. Throws for undecodable or oversized input.
 */
export async function reencodeFile(
  inputPath: string,
  format: RasterFormat,
  out: { full: string; thumb: string; thumbPx: number },
): Promise<{ width: number; height: number }> {
  const base = open(inputPath);
  const full = base.clone();
  if (format === 'jpeg') full.jpeg({ quality: 88 });
  else if (format === 'png') full.png();
  else if (format === 'webp') full.webp({ quality: 88 });
  else full.gif();
  const [info] = await Promise.all([
    full.toFile(out.full),
    base.clone().resize(out.thumbPx, out.thumbPx, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 80 }).toFile(out.thumb),
  ]);
  return { width: info.width, height: info.height };
}
