// Shared helpers for the Foyer benchmarks: arguments, scales, PRNG, statistics, server processes,
// a small keep-alive HTTP client and RSS readings. Plain Node, no build step.
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SERVER_MAIN = path.join(ROOT, 'packages/server/dist/main.js');
export const PG_ADMIN = process.env.BENCH_PG_ADMIN ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const SCALES = {
  tiny: { users: 300, spaces: 30, posts: 3_000, comments: 9_000, reactions: 15_000, tags: 40 },
  small: { users: 2_000, spaces: 200, posts: 50_000, comments: 150_000, reactions: 250_000, tags: 100 },
  full: { users: 10_000, spaces: 1_000, posts: 1_000_000, comments: 3_000_000, reactions: 5_000_000, tags: 300 },
};

/** --key value / --flag arguments into an object (numbers stay strings; callers convert). */
export function parseArgs(argv = process.argv.slice(2)) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const key = a.slice(2);
    if (key.includes('=')) {
      const [k, v] = key.split('=');
      out[k] = v;
    } else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) out[key] = argv[++i];
    else out[key] = true;
  }
  return out;
}

export function dataDirFor(scale, db = 'sqlite') {
  return path.join(process.env.BENCH_DATA ?? '/tmp/foyer-bench', `${db}-${scale}`);
}
export function pgUrlFor(scale) {
  const u = new URL(PG_ADMIN);
  u.pathname = `/bench_${scale}`;
  return u.toString();
}

/** mulberry32: small, fast, seeded. */
export function rng(seed = 42) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (n) => Math.floor(next() * n);
  next.pick = (arr) => arr[Math.floor(next() * arr.length)];
  next.range = (lo, hi) => lo + next() * (hi - lo);
  return next;
}

export function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}
export function summary(samples) {
  const s = Float64Array.from(samples).sort();
  const sum = s.reduce((a, b) => a + b, 0);
  return {
    n: s.length,
    mean: s.length ? sum / s.length : NaN,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    max: s.length ? s[s.length - 1] : NaN,
  };
}
export const fmt = (n, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : String(n));
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const nowMs = () => performance.now();

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export function rssKb(pid) {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : NaN;
  } catch {
    return NaN;
  }
}

/** CPU seconds (user+system) a process has used so far. */
export function cpuSeconds(pid) {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}

/** Starts `node packages/server/dist/main.js` and waits for /readyz. */
export async function startFoyer({ dataDir, databaseUrl, port, env = {}, nodeArgs = [] }) {
  port ??= await freePort();
  const child = spawn(process.execPath, [...nodeArgs, SERVER_MAIN], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      FOYER_DATA_DIR: dataDir,
      FOYER_RATE_LIMITS: '0',
      FOYER_LOG_LEVEL: 'warn',
      FOYER_SERVER_TIMING: '1',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_URL: '' }),
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  let stopping = false;
  const exited = new Promise((r) =>
    child.once('exit', (code, signal) => {
      if (!stopping) log(`foyer (pid ${child.pid}) exited unexpectedly: code ${code} signal ${signal}`);
      r(code);
    }),
  );
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`foyer exited with ${child.exitCode}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (r.ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('foyer did not become ready');
    }
    await sleep(100);
  }
  return {
    port,
    pid: child.pid,
    child,
    origin: `http://127.0.0.1:${port}`,
    rssKb: () => rssKb(child.pid),
    cpu: () => cpuSeconds(child.pid),
    get alive() {
      return child.exitCode === null && child.signalCode === null;
    },
    async stop() {
      stopping = true;
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(t);
      }
    },
  };
}

/** Spawns a helper script (bench/lib/*.mjs) as a separate process; it prints "READY <port>". */
export async function startHelper(script, args = [], env = {}) {
  const child = spawn(process.execPath, [script, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((r) => child.once('exit', r));
  const port = await new Promise((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      const m = /READY (\d+)/.exec(buf);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (c) => reject(new Error(`${script} exited with ${c}`)));
  });
  return {
    port,
    pid: child.pid,
    child,
    rssKb: () => rssKb(child.pid),
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(t);
      }
    },
  };
}

/** A minimal keep-alive HTTP client: cheaper than fetch, so the load generator steals less CPU. */
export function httpClient(port, { maxSockets = 256 } = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  function request(method, url, { session, body, parse = true } = {}) {
    return new Promise((resolve, reject) => {
      const headers = {};
      if (session) {
        headers.cookie = `foyer_session=${session.token}`;
        if (method !== 'GET') headers['x-csrf-token'] = session.csrf;
      }
      let payload;
      if (body !== undefined) {
        payload = JSON.stringify(body);
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(payload);
      }
      const t0 = performance.now();
      const req = http.request({ host: '127.0.0.1', port, method, path: url, headers, agent }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const ms = performance.now() - t0;
          const text = Buffer.concat(chunks).toString('utf8');
          let data = text;
          if (parse && text && (res.headers['content-type'] ?? '').includes('json')) {
            try {
              data = JSON.parse(text);
            } catch {
              /* keep text */
            }
          }
          // Foyer's own time for this request when it runs with FOYER_SERVER_TIMING=1.
          const serverMs = Number(/app;dur=([\d.]+)/.exec(String(res.headers['server-timing'] ?? ''))?.[1] ?? NaN);
          resolve({ status: res.statusCode, body: data, ms, serverMs, bytes: text.length });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  }
  return {
    request,
    get: (url, session) => request('GET', url, { session }),
    post: (url, session, body) => request('POST', url, { session, body: body ?? {} }),
    put: (url, session, body) => request('PUT', url, { session, body }),
    close: () => agent.destroy(),
  };
}

export function readMeta(dataDir) {
  const file = path.join(dataDir, 'bench-meta.json');
  if (!fs.existsSync(file)) throw new Error(`no generated data set in ${dataDir}; run bench/generate.mjs first`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Runs fn over items with at most `limit` in flight. */
export async function pool(items, limit, fn) {
  let i = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (i < items.length) {
      const idx = i++;
      await fn(items[idx], idx);
    }
  });
  await Promise.all(workers);
}

export function log(...a) {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${a.join(' ')}\n`);
}
