import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import { LIMITS, PostImage } from '@foyer/shared';
import type { FoyerApp } from '../app.js';
import type { Services } from '../services.js';
import { errors, actorOf, IdParams, limit } from './common.js';
import { uploadImage, loadImageForRead } from '../commands/images.js';
import { presentImage } from '../presenters/posts.js';
import { notFound } from '../errors.js';

export function sendImage(reply: FastifyReply, data: Buffer) {
  return reply
    .header('content-type', 'image/webp')
    .header('content-disposition', 'inline')
    .header('cache-control', 'private, max-age=86400')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(data);
}

export async function imageRoutes(app: FoyerApp, svc: Services) {
  app.addContentTypeParser(/^image\/(jpeg|png|webp|gif|avif)$/, { parseAs: 'buffer', bodyLimit: LIMITS.imageBytes }, (_req, body, done) => done(null, body));

  app.post('/images', { config: limit(svc, 60), schema: { response: { 200: PostImage, ...errors } } }, async (req) =>
    presentImage(await uploadImage(svc, actorOf(req), req.body)),
  );

  for (const variant of ['full', 'thumb'] as const) {
    app.get(
      variant === 'full' ? '/images/:id' : '/images/:id/thumb',
      { schema: { params: IdParams, querystring: z.object({ v: z.string().optional() }) } },
      async (req, reply) => {
        const image = await loadImageForRead(svc, actorOf(req), req.params.id);
        const data = await svc.files.get(variant === 'full' ? image.key : image.thumb_key);
        if (!data) throw notFound('image');
        return sendImage(reply, data);
      },
    );
  }
}
