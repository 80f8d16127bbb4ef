import { z } from 'zod';
import { LinkPreview, PreviewQuery } from '@foyer/shared';
import type { FoyerApp } from '../app.js';
import type { Services } from '../services.js';
import { errors, actorOf, limit } from './common.js';
import { notFound } from '../errors.js';
import { previewFor, isPreviewImage, guardOptions } from '../previews/service.js';
import { guardedFetch } from '../previews/guard.js';
import { reencode } from '../media/images.js';

export async function previewRoutes(app: FoyerApp, svc: Services) {
  app.get('/previews', { config: limit(svc, 120), schema: { querystring: PreviewQuery, response: { 200: LinkPreview, ...errors } } }, async (req) => {
    const preview = await previewFor(svc, actorOf(req), req.query.url);
    if (!preview) throw notFound('preview');
    return preview;
  });
  app.get('/previews/image', { config: limit(svc, 300), schema: { querystring: z.object({ u: z.string().min(1).max(2000) }) } }, async (req, reply) => {
    actorOf(req);
    if (!(await isPreviewImage(svc.db, req.query.u))) throw notFound('image');
    try {
      const fetched = await guardedFetch(req.query.u, guardOptions(svc, 'image'));
      // Re-encoded like uploads: no scripts in SVG, no metadata, bounded size.
      const image = await reencode(fetched.body, { width: 600, height: 600, fit: 'inside' });
      return reply
        .header('content-type', 'image/webp')
        .header('cache-control', 'private, max-age=86400')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(image.data);
    } catch {
      // Refused, unreachable or not an image: answered like a missing one.
      throw notFound('image');
    }
  });
}
