/**
 * `Server-Timing: app;dur=<ms>` on every response: the time from the request reaching Foyer to its
 * serialized answer, without the network. Benchmarks read it to separate Foyer's own cost from
 * the load generator's and the machine's; off by default, since it tells clients how long work took.
 */
import type { FastifyInstance } from 'fastify';

const startedAt = Symbol('startedAt');

export function serverTiming(app: FastifyInstance) {
  app.addHook('onRequest', async (req) => {
    (req as unknown as Record<symbol, bigint>)[startedAt] = process.hrtime.bigint();
  });
  app.addHook('onSend', async (req, reply, payload) => {
    const t0 = (req as unknown as Record<symbol, bigint>)[startedAt];
    if (t0 !== undefined) reply.header('server-timing', `app;dur=${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(3)}`);
    return payload;
  });
}
