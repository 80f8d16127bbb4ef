#!/usr/bin/env node
// Dev helper: sign in to a running Foyer (demo mode) and take screenshots of the main screens.
// Usage: node packages/web/scripts/screenshots.mjs http://localhost:3100 /tmp/shots [email] [password]
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const base = process.argv[2] ?? 'http://localhost:3100';
const out = process.argv[3] ?? '/tmp/shots';
const email = process.argv[4] ?? 'sophie.mueller@nordlicht.example';
const password = process.argv[5] ?? 'foyer-demo-2026';
const pages = (process.env.PAGES ?? '/,/spaces,/people,/notifications,/settings').split(',');
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const problems = [];
for (const [width, height] of [[1280, 900], [360, 740]]) {
  for (const scheme of ['light', 'dark']) {
    const ctx = await browser.newContext({ viewport: { width, height }, colorScheme: scheme, locale: 'de-DE' });
    const page = await ctx.newPage();
    page.on('console', (m) => m.type() === 'error' && problems.push(`${width}/${scheme} console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`${width}/${scheme} pageerror: ${e.message}`));
    await page.goto(`${base}/sign-in`);
    await page.waitForSelector('#signin-email');
    if (width === 1280 && scheme === 'light') await page.screenshot({ path: `${out}/signin-${width}-${scheme}.png`, fullPage: true });
    await page.fill('#signin-email', email);
    await page.fill('#signin-password', password);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=notification-bell]');
    for (const p of pages) {
      await page.goto(base + p);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      const name = p === '/' ? 'home' : p.replace(/^\//, '').replace(/[/?=&]/g, '_');
      await page.screenshot({ path: `${out}/${name}-${width}-${scheme}.png`, fullPage: false });
    }
    await ctx.close();
  }
}
await browser.close();
console.log(problems.length ? problems.join('\n') : 'no console errors');
