/**
 * Cross-process signalling. In-process on one node; Redis pub/sub with REDIS_URL. The bus carries
 * wake-ups and control messages only — event data always comes from the committed outbox.
 */
import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';

export type BusMessage =
  | { kind: 'outbox' }
  | { kind: 'session-ended'; sessionIds: string[]; reason: 'signed_out' | 'deactivated' }
  | { kind: 'role-changed'; userId: number; role: 'admin' | 'member' | 'guest' }
  /** Ephemeral chat signal: never stored; lost messages only shorten an indicator. */
  | { kind: 'typing'; conversationId: number; userId: number }
  /** A personal data export was requested: the export worker wakes up. */
  | { kind: 'exports' };

export interface Bus {
  publish(msg: BusMessage): void;
  subscribe(handler: (msg: BusMessage) => void): void;
  close(): Promise<void>;
}

const CHANNEL = 'foyer:bus';

export function memoryBus(): Bus {
  const ee = new EventEmitter();
  ee.setMaxListeners(0);
  return {
    publish: (msg) => queueMicrotask(() => ee.emit('m', msg)),
    subscribe: (h) => void ee.on('m', h),
    close: async () => void ee.removeAllListeners(),
  };
}

export async function redisBus(url: string): Promise<Bus> {
  const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  const sub = new Redis(url, { lazyConnect: true });
  await Promise.all([pub.connect(), sub.connect()]);
  const handlers: ((m: BusMessage) => void)[] = [];
  await sub.subscribe(CHANNEL);
  sub.on('message', (_channel, raw) => {
    let msg: BusMessage;
    try {
      msg = JSON.parse(raw);
    } catch {
      return;
    }
    for (const h of handlers) h(msg);
  });
  return {
    publish: (msg) => void pub.publish(CHANNEL, JSON.stringify(msg)).catch(() => {}),
    subscribe: (h) => void handlers.push(h),
    close: async () => {
      sub.disconnect();
      pub.disconnect();
    },
  };
}
