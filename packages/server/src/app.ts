/** Builds the Fastify app: plugins, auth, error format, routes, realtime and the web client. */
import Fastify, { type FastifyInstance, type FastifyError } from 'fastify';
import cookie from '@fastify/cookie';
import websocket from '@fastify/websocket';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import fs from 'node:fs';
import { Redis } from 'ioredis';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  serializerCompiler,
  validatorCompiler,
  jsonSchemaTransform,
  hasZodFastifySchemaValidationErrors,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { Services } from './services.js';
import { AppError } from './errors.js';
import { resolveAuth } from './http/auth.js';
import { serverTiming } from './http/server-timing.js';
import { startJobs } from './jobs/index.js';
import { ExportWorker } from './privacy/exports.js';
import { resumeErasures } from './privacy/erasure.js';
import { securityHeaders } from './http/headers.js';
import type { Actor } from './policies/actor.js';
import { ping } from './db/connection.js';
import { registerRoutes } from './routes/index.js';
import { Gateway } from './realtime/gateway.js';
import { OutboxTailer } from './events/tailer.js';
import { enforcePolicy } from './compliance/modules.js';
import { LIMITS } from '@foyer/shared';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken?: string;
  }
  interface FastifyContextConfig {
    /** 'public': no sign-in needed; 'optional': actor resolved when present. Default: required. */
    auth?: 'public' | 'optional';
  }
}

export type FoyerApp = FastifyInstance<any, any, any, any, ZodTypeProvider>;

export interface BuiltApp {
  app: FoyerApp;
  gateway: Gateway;
  tailer: OutboxTailer;
}

const here = path.dirname(fileURLToPath(import.meta.url));

export async function buildApp(svc: Services, opts: { logger?: boolean } = {}): Promise<BuiltApp> {
  const config: Config = svc.config;
  const app = Fastify({
    logger: opts.logger
      ? {
          level: config.logLevel,
          // Message bodies, passwords and tokens never reach the logs.
          redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
          serializers: {
            // Query strings carry search terms (a conversation search is message text): path only.
            req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
          },
        }
      : false,
    bodyLimit: LIMITS.bodyBytes,
    trustProxy: true,
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(cookie);
  let gatewayRef: Gateway | null = null;
  await app.register(websocket, {
    options: { maxPayload: 64 * 1024 },
    // On shutdown, say goodbye (clients reconnect elsewhere and resume) before closing.
    preClose: async function () {
      gatewayRef?.closeAll('shutdown');
      for (const client of app.websocketServer.clients) client.close(1001, 'shutdown');
      await new Promise<void>((resolve) => app.websocketServer.close(() => resolve()));
    },
  });
  // With Redis, limits are shared by all app processes; otherwise they are per process.
  const rateLimitRedis = config.redisUrl ? new Redis(config.redisUrl, { connectTimeout: 500, maxRetriesPerRequest: 1 }) : undefined;
  if (rateLimitRedis) app.addHook('onClose', async () => void rateLimitRedis.disconnect());
  await app.register(rateLimit, {
    global: false,
    redis: rateLimitRedis,
    nameSpace: 'foyer-rl-',
    keyGenerator: (req) => (req.actor ? `u${req.actor.id}` : req.ip),
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      error: { code: 'rate_limited', message: `too many requests, retry in ${Math.ceil(ctx.ttl / 1000)} s`, details: { retryAfterSeconds: Math.ceil(ctx.ttl / 1000) } },
    }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Foyer API', version: '1' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'foyer_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  securityHeaders(app);
  if (config.serverTiming) serverTiming(app);
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    // Unknown routes fall through to the 404 handler, signed in or not.
    if (!req.url.startsWith('/api/v1/') || !req.routeOptions.url) return;
    const mode = req.routeOptions.config?.auth;
    const auth = await resolveAuth(svc.db, req);
    req.actor = auth.actor;
    req.csrfToken = auth.csrfToken;
    if (mode === 'public' || mode === 'optional') return;
    if (!req.actor) throw new AppError(401, 'unauthenticated', 'sign in first');
    if (req.actor.scope === 'read' && !['GET', 'HEAD'].includes(req.method))
      throw new AppError(403, 'forbidden', 'this token can only read');
  });
  // After sign-in, before validation: features the works agreement switches off answer 403.
  enforcePolicy(app, svc);

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) return reply.status(err.status).send({ error: { code: err.code, message: err.message, details: err.details } });
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields: Record<string, string> = {};
      for (const v of err.validation) {
        const p = (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.') || (v.params as { issue?: { path?: unknown[] } } | undefined)?.issue?.path?.join('.') || '(root)';
        fields[p] = v.message ?? 'invalid';
      }
      return reply.status(400).send({ error: { code: 'validation_failed', message: 'some fields are invalid', details: { fields, in: err.validationContext } } });
    }
    if (err.statusCode === 429) return reply.status(429).send(err);
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413)
      return reply.status(413).send({ error: { code: 'payload_too_large', message: 'the request body is too large', details: { limitBytes: LIMITS.bodyBytes } } });
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)
      return reply.status(err.statusCode).send({ error: { code: 'validation_failed', message: err.message } });
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal', message: 'something went wrong on our side' } });
  });

  const tailer = new OutboxTailer(svc.db, svc.bus, config.outboxPollMs);
  const gateway = new Gateway(svc, tailer);
  gatewayRef = gateway;

  app.get('/livez', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await ping({ kysely: svc.db, dialect: svc.dialect, close: async () => {} });
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(async (api) => registerRoutes(api as FoyerApp, svc, gateway), { prefix: '/api/v1' });

  const webDist = config.webDist ?? path.resolve(here, '../../web/dist');
  const hasWeb = fs.existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false, maxAge: '1h' });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.method !== 'GET' || !hasWeb)
      return reply.status(404).send({ error: { code: 'not_found', message: 'no such route' } });
    // The single-page app handles every other path.
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });

  let stopJobs = () => {};
  const exportWorker = new ExportWorker(svc, config.publicUrl ?? `http://localhost:${config.port}`);
  app.addHook('onReady', async () => {
    await tailer.start();
    stopJobs = startJobs(svc, config.jobIntervalMs);
    exportWorker.start();
    // Erasures a crash interrupted complete now (each step is safe to repeat).
    void resumeErasures(svc).catch((err) => app.log.error({ err }, 'resuming erasures failed'));
  });
  app.addHook('onClose', async () => {
    tailer.stop();
    stopJobs();
    exportWorker.stop();
  });
  return { app, gateway, tailer };
}
