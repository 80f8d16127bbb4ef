/** Small helpers shared by route modules. */
import { z } from 'zod';
import { ErrorBody } from '@foyer/shared';
import type { FastifyRequest, FastifyContextConfig } from 'fastify';
import type { Actor } from '../policies/actor.js';
import { unauthenticated } from '../errors.js';
import type { Services } from '../services.js';

export const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody, 429: ErrorBody };
export const IdParams = z.object({ id: z.coerce.number().int().positive() });
export const NoContent = z.null();

export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}

/** Per-route rate limit; disabled with FOYER_RATE_LIMITS=0 (benchmarks). */
export function limit(svc: Services, max: number, timeWindow = '1 minute'): FastifyContextConfig {
  return svc.config.rateLimits ? { rateLimit: { max, timeWindow } } : {};
}

export function baseUrl(svc: Services, req: FastifyRequest): string {
  return svc.config.publicUrl ?? `${req.protocol}://${req.headers.host ?? `localhost:${svc.config.port}`}`;
}
