/** End-to-end harness: the real built server, a real Chromium, sessions made through the API. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type WebSocket } from 'playwright-core';
import { startServerProcess, HttpSession, type ServerProcess } from '../packages/server/src/test/process.js';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

export const PASSWORD = 'correct-horse-battery';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve('.test-results/screenshots');

export interface App {
  server: ServerProcess;
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startApp(opts: { demo?: boolean } = {}): Promise<App> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'foyer-e2e-'));
  const server = await startServerProcess({ FOYER_DATA_DIR: dataDir, ...(opts.demo ? { FOYER_DEMO: '1' } : {}), FOYER_RATE_LIMITS: '0' });
  return {
    server,
    url: server.url,
    dataDir,
    async stop() {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** An organisation with an admin, set up through the API. */
export async function setupOrg(app: App): Promise<HttpSession> {
  const admin = new HttpSession(app.url);
  const res = await admin.call('POST', '/setup', {
    organisation: { name: 'Testfirma', defaultLocale: 'en', allowedDomains: ['example.com'] },
    admin: { name: 'Ada Admin', email: 'ada@example.com', password: PASSWORD },
  });
  if (res.status !== 200) throw new Error(`setup failed: ${JSON.stringify(res.body)}`);
  return admin;
}

export async function signUp(app: App, handle: string, name: string): Promise<HttpSession> {
  const s = new HttpSession(app.url);
  const res = await s.call('POST', '/auth/sign-up', { name, email: `${handle}@example.com`, password: PASSWORD });
  if (res.status !== 200) throw new Error(`sign-up failed: ${JSON.stringify(res.body)}`);
  return s;
}

/** A browser context already signed in as the session's user. */
export async function contextFor(browser: Browser, app: App, session: HttpSession, opts: { colorScheme?: 'light' | 'dark'; width?: number } = {}): Promise<BrowserContext> {
  const ctx = await browser.newContext({
    locale: 'en-GB',
    colorScheme: opts.colorScheme ?? 'light',
    viewport: { width: opts.width ?? 1280, height: 900 },
  });
  const [name, value] = session.cookie.split('=');
  await ctx.addCookies([{ name, value, url: app.url, httpOnly: true, sameSite: 'Lax' }]);
  return ctx;
}

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * The page's next realtime socket, once the server's first frame (hello: subscribed) arrived on it.
 * Call before the navigation that opens it: the listener must be on the socket before its first
 * frame, which may come before the navigation resolves.
 */
export function realtimeReady(page: Page): Promise<WebSocket> {
  return new Promise((resolve) => {
    page.once('websocket', (ws) => ws.once('framereceived', () => resolve(ws)));
  });
}

/** Fails the test on any uncaught page error or dialog (an XSS payload that ran would open one). */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(`csp: ${m.text()}`);
  });
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return problems;
}

/**
 * One browser for a test file: signed-in pages that are watched for page errors, closed after
 * each test (which then fails on any problem seen), and the browser and app stopped at the end.
 * Call in the describe body; `open` is usable from beforeAll on.
 */
export function browserPerFile(getApp: () => App) {
  let browser: Browser | null = null;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  beforeAll(async () => {
    browser = await launch();
  });
  afterEach(async () => {
    for (const ctx of contexts.splice(0)) await ctx.close().catch(() => undefined);
    expect(problems.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    async open(session: HttpSession, urlPath: string, opts: { colorScheme?: 'light' | 'dark'; width?: number } = {}): Promise<Page> {
      const app = getApp();
      const ctx = await contextFor(browser!, app, session, opts);
      contexts.push(ctx);
      const page = await ctx.newPage();
      problems.push(...watchPage(page));
      await page.goto(`${app.url}${urlPath}`);
      return page;
    },
  };
}
