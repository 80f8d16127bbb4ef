/** A WebSocket test client that records every message and can wait for one. */
import WebSocket from 'ws';
import type { ServerMessage } from '@foyer/shared';

export interface WsClient {
  messages: ServerMessage[];
  events(type?: string): Extract<ServerMessage, { kind: 'event' }>[];
  waitFor(pred: (m: ServerMessage) => boolean, timeoutMs?: number): Promise<ServerMessage>;
  /** Waits a moment and asserts nothing matching arrived. */
  quiet(ms?: number): Promise<void>;
  closed: Promise<{ code: number }>;
  lastCursor(): number | undefined;
  /** Sends a frame: objects as JSON, strings and buffers as they are. */
  send(data: unknown): void;
  close(): void;
}

export function connectWs(baseUrl: string, cookie: string, opts: { cursor?: number; origin?: string } = {}): Promise<WsClient> {
  const url = new URL('/api/v1/realtime', baseUrl.replace(/^http/, 'ws'));
  if (opts.cursor !== undefined) url.searchParams.set('cursor', String(opts.cursor));
  const ws = new WebSocket(url, { headers: { cookie, origin: opts.origin ?? baseUrl } });
  const messages: ServerMessage[] = [];
  const waiters: { pred: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data)) as ServerMessage;
    messages.push(msg);
    for (const w of [...waiters]) if (w.pred(msg)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(msg);
    }
  });
  const closed = new Promise<{ code: number }>((resolve) => ws.on('close', (code) => resolve({ code })));
  const client: WsClient = {
    messages,
    events: (type) => messages.filter((m): m is Extract<ServerMessage, { kind: 'event' }> => m.kind === 'event' && (!type || m.type === type)),
    waitFor(pred, timeoutMs = 5000) {
      const found = messages.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching message in ${timeoutMs} ms; got ${JSON.stringify(messages)}`)), timeoutMs);
        waiters.push({ pred, resolve: (m) => (clearTimeout(timer), resolve(m)) });
      });
    },
    quiet: (ms = 300) => new Promise((r) => setTimeout(r, ms)),
    closed,
    lastCursor() {
      const evs = client.events();
      return evs.length ? evs[evs.length - 1].id : undefined;
    },
    send: (data) => ws.send(typeof data === 'string' || Buffer.isBuffer(data) ? data : JSON.stringify(data)),
    close: () => ws.close(),
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(client));
    ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode })));
    ws.once('error', reject);
  });
}
