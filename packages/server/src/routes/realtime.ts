import { z } from 'zod';
import type { FoyerApp } from '../app.js';
import type { Services } from '../services.js';
import type { Gateway } from '../realtime/gateway.js';

/**
 * One WebSocket per tab. The session cookie authenticates it; the Origin must be our own, so
 * another site cannot open a socket with the user's cookie (cross-site WebSocket hijacking).
 */
export async function realtimeRoutes(app: FoyerApp, svc: Services, gateway: Gateway) {
  const allowed = new Set(svc.config.allowedOrigins);
  if (svc.config.publicUrl) allowed.add(new URL(svc.config.publicUrl).origin);
  app.get(
    '/realtime',
    {
      websocket: true,
      config: { auth: 'optional' },
      schema: { hide: true, querystring: z.object({ cursor: z.coerce.number().int().min(0).optional() }) },
      preValidation: async (req, reply) => {
        const origin = req.headers.origin;
        const own = origin && req.headers.host && new URL(origin).host === req.headers.host;
        if (origin && !own && !allowed.has(origin)) return reply.status(403).send({ error: { code: 'forbidden', message: 'origin not allowed' } });
        if (!req.actor) return reply.status(401).send({ error: { code: 'unauthenticated', message: 'sign in first' } });
      },
    },
    (socket, req) => {
      void gateway.attach(socket, req.actor!, (req.query as { cursor?: number }).cursor);
    },
  );
}
