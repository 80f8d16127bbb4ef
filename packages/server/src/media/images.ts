/**
 * Every uploaded image is decoded and re-encoded: orientation applied, EXIF/GPS and other
 * metadata dropped (sharp keeps none unless asked), pixel floods refused, output WebP.
 */
import crypto from 'node:crypto';
import sharp from 'sharp';
import { AppError } from '../errors.js';

export const MAX_INPUT_PIXELS = 40_000_000;

export interface EncodedImage {
  data: Buffer;
  width: number;
  height: number;
  key: string;
}

export async function reencode(input: unknown, size: { width: number; height: number; fit: 'cover' | 'inside' }): Promise<EncodedImage> {
  if (!Buffer.isBuffer(input)) throw new AppError(400, 'validation_failed', 'send the image as the request body (image/jpeg, png, webp or gif)');
  try {
    const { data, info } = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize(size.width, size.height, { fit: size.fit, withoutEnlargement: size.fit === 'inside' })
      .webp({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
    const key = crypto.createHash('sha256').update(data).digest('hex').slice(0, 24);
    return { data, width: info.width, height: info.height, key };
  } catch {
    throw new AppError(400, 'validation_failed', 'this is not an image we can read, or it is too large', { fields: { body: 'not an image' } });
  }
}
