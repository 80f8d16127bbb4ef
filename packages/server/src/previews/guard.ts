/**
 * The one HTTP client for fetching what users link to. Server-side requests to user-chosen URLs
 * are the classic way into internal networks (SSRF), so every request and every redirect is
 * checked: http/https only, ports 80/443, and every address the name resolves to must be public —
 * no loopback, private, link-local, carrier-grade NAT, multicast or reserved ranges, in any
 * encoding (the URL parser normalises decimal, hex and octal IPv4; IPv4-mapped and NAT64 IPv6
 * addresses are checked by their embedded IPv4). The connection goes to the address that was
 * checked, so a second DNS answer cannot swap it (rebinding).
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import dns from 'node:dns/promises';
import type { LookupFunction } from 'node:net';

export class FetchRefused extends Error {
  constructor(readonly reason: string) {
    super(`refused: ${reason}`);
  }
}

const blocked = new net.BlockList();
for (const [addr, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(addr, prefix, 'ipv4');
for (const [addr, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['2001:db8::', 32],
] as const)
  blocked.addSubnet(addr, prefix, 'ipv6');

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible or NAT64 (64:ff9b::) IPv6 address. */
function embeddedIPv4(v6: string): string | null {
  const lower = v6.toLowerCase();
  const dotted = /^(?:::ffff:|::|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return null;
  const hi = parseInt(hex[1], 16);
  const lo = parseInt(hex[2], 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

export function isPublicAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return !blocked.check(address, 'ipv4');
  if (family === 6) {
    const v4 = embeddedIPv4(address);
    if (v4) return !blocked.check(v4, 'ipv4');
    return !blocked.check(address, 'ipv6');
  }
  return false;
}

export interface GuardOptions {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
  /** Content types accepted (prefix match), e.g. ['text/html']. */
  accept: string[];
  /** Origins exempt from the address and port rules — for tests against a local fake site only. */
  trustedTestOrigins?: string[];
  resolve?: (host: string) => Promise<{ address: string; family: number }[]>;
}

export interface Fetched {
  url: string;
  contentType: string;
  body: Buffer;
}

const defaultResolve = (host: string) => dns.lookup(host, { all: true, verbatim: true });

async function checkedTarget(url: URL, opts: GuardOptions): Promise<{ address: string; family: number }> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchRefused('only http and https');
  if (url.username || url.password) throw new FetchRefused('credentials in the URL');
  const trusted = opts.trustedTestOrigins?.includes(url.origin);
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  if (!trusted && port !== 80 && port !== 443) throw new FetchRefused('only ports 80 and 443');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = net.isIP(host) ? [{ address: host, family: net.isIP(host) }] : await (opts.resolve ?? defaultResolve)(host).catch(() => []);
  if (!addresses.length) throw new FetchRefused('the name does not resolve');
  // Every answer must be public: a name with one private address is refused outright.
  if (!trusted && addresses.some((a) => !isPublicAddress(a.address))) throw new FetchRefused('not a public address');
  return addresses[0];
}

function request(url: URL, target: { address: string; family: number }, opts: GuardOptions, signal: AbortSignal): Promise<http.IncomingMessage> {
  const lookup: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [target]);
    else callback(null, target.address, target.family);
  };
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(url, { method: 'GET', lookup, signal, headers: { 'user-agent': 'FoyerLinkPreview/1', accept: opts.accept.join(', ') } }, resolve);
    req.on('error', reject);
    req.end();
  });
}

/** Fetches a URL under the rules above; throws FetchRefused for anything outside them. */
export async function guardedFetch(raw: string, opts: GuardOptions): Promise<Fetched> {
  const signal = AbortSignal.timeout(opts.timeoutMs);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchRefused('not a URL');
  }
  for (let hop = 0; ; hop++) {
    const target = await checkedTarget(url, opts);
    let res: http.IncomingMessage;
    try {
      res = await request(url, target, opts, signal);
    } catch (err) {
      throw new FetchRefused(signal.aborted ? 'timed out' : `connection failed (${(err as Error).message})`);
    }
    const status = res.statusCode ?? 0;
    if (status >= 300 && status < 400 && res.headers.location) {
      res.resume();
      if (hop >= opts.maxRedirects) throw new FetchRefused('too many redirects');
      url = new URL(res.headers.location, url);
      continue;
    }
    if (status !== 200) {
      res.resume();
      throw new FetchRefused(`status ${status}`);
    }
    const contentType = String(res.headers['content-type'] ?? '').toLowerCase();
    if (!opts.accept.some((a) => contentType.startsWith(a))) {
      res.resume();
      throw new FetchRefused('unexpected content type');
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of res) {
        size += (chunk as Buffer).length;
        if (size > opts.maxBytes) {
          res.destroy();
          throw new FetchRefused('too large');
        }
        chunks.push(chunk as Buffer);
      }
    } catch (err) {
      if (err instanceof FetchRefused) throw err;
      throw new FetchRefused(signal.aborted ? 'timed out' : 'connection failed');
    }
    return { url: url.toString(), contentType, body: Buffer.concat(chunks) };
  }
}
