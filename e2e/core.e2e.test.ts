import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { startApp, launch, setupOrg, signUp, contextFor, screenshot, watchPage, PASSWORD, type App } from './harness.js';

describe('first start', () => {
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

  it('sets up a new organisation through the set-up screen', async () => {
    const ctx = await browser.newContext({ locale: 'en-GB' });
    const page = await ctx.newPage();
    const problems = watchPage(page);
    await page.goto(app.url);
    await page.waitForURL(/\/setup$/);
    await page.fill('#setup-org', 'Nordlicht GmbH');
    await page.selectOption('#setup-locale', 'en');
    await page.fill('#setup-domains', 'nordlicht.example');
    await page.fill('#setup-name', 'Ada Admin');
    await page.fill('#setup-email', 'ada@nordlicht.example');
    await page.fill('#setup-password', PASSWORD);
    await screenshot(page, 'setup');
    await page.getByRole('button', { name: 'Set up and sign in' }).click();
    await page.waitForURL((u) => new URL(u).pathname === '/');
    await page.getByRole('heading', { name: 'Home' }).waitFor();
    await page.getByRole('button', { name: /Ada Admin/ }).waitFor();
    await screenshot(page, 'home-after-setup');
    expect(problems).toEqual([]);
    await ctx.close();
  });
});

describe('two people, live', () => {
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

  it('one posts, the other sees it appear live, comments and mentions; the first is notified live', async () => {
    await setupOrg(app);
    const alice = await signUp(app, 'alice', 'Alice Adler');
    const bob = await signUp(app, 'bob', 'Bob Brandt');
    const space = (await alice.call('POST', '/spaces', { name: 'Product', visibility: 'public' })).body;
    await bob.call('POST', `/spaces/${space.id}/join`);

    const aliceCtx = await contextFor(browser, app, alice);
    const bobCtx = await contextFor(browser, app, bob);
    const a = await aliceCtx.newPage();
    const b = await bobCtx.newPage();
    const problems = [...watchPage(a), ...watchPage(b)];
    await a.goto(`${app.url}/spaces/${space.slug}`);
    await b.goto(`${app.url}/spaces/${space.slug}`);
    await a.getByTestId('composer-input').waitFor();
    await b.getByTestId('composer-input').waitFor();

    await a.getByTestId('composer-input').fill('Release 2.0 is out! #release');
    await a.getByTestId('composer-submit').click();
    // Bob's page announces the new post without jumping; clicking shows it.
    await b.getByTestId('new-posts-banner').waitFor({ timeout: 10_000 });
    await screenshot(b, 'new-posts-banner');
    await b.getByTestId('new-posts-banner').click();
    const post = b.getByText('Release 2.0 is out!');
    await post.waitFor();
    const postId = (await alice.call('GET', `/spaces/${space.id}/posts`)).body.items[0].id;

    await b.goto(`${app.url}/posts/${postId}`);
    await b.getByTestId('comment-input').fill('Congratulations @alice');
    await b.getByTestId('comment-submit').click();
    await b.getByText('Congratulations').waitFor();

    // Alice's bell counts the mention without a reload.
    await a.getByTestId('notification-count').waitFor({ timeout: 10_000 });
    expect(await a.getByTestId('notification-count').textContent()).toMatch(/[1-9]/);
    await a.getByTestId('notification-bell').click();
    await a.getByText(/Bob Brandt/).first().waitFor();
    await screenshot(a, 'notifications');
    expect(problems).toEqual([]);
  });

  it('keeps a secret space invisible to an outsider', async () => {
    const owner = await signUp(app, 'olga', 'Olga Owner');
    const outsider = await signUp(app, 'otto', 'Otto Outsider');
    const secret = (await owner.call('POST', '/spaces', { name: 'Project Nightingale', visibility: 'secret' })).body;
    await owner.call('POST', '/posts', { spaceId: secret.id, body: 'Acquisition target list' });
    const ctx = await contextFor(browser, app, outsider);
    const page = await ctx.newPage();
    await page.goto(`${app.url}/spaces?filter=all`);
    // The directory has rendered (it lists the public space) before absence is checked.
    await page.getByText('Product').first().waitFor();
    expect(await page.getByText('Project Nightingale').count()).toBe(0);
    await page.goto(`${app.url}/spaces/${secret.slug}`);
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
    expect(await page.getByText('Project Nightingale').count()).toBe(0);
    expect(await page.getByText('Acquisition target list').count()).toBe(0);
    await screenshot(page, 'secret-space-outsider');
    await ctx.close();
  });

  it('renders hostile names and markdown inert', async () => {
    const mallory = await signUp(app, 'mallory', '<img src=x onerror=alert(1)>Mallory');
    const space = (await mallory.call('POST', '/spaces', { name: '<script>alert(2)</script>', visibility: 'public' })).body;
    await mallory.call('POST', '/posts', { spaceId: space.id, body: '[x](javascript:alert(3)) <svg onload=alert(4)> ![i](javascript:alert(5)) #"><img src=x onerror=alert(6)>' });
    const ctx = await contextFor(browser, app, mallory);
    const page = await ctx.newPage();
    const problems = watchPage(page);
    await page.goto(`${app.url}/spaces/${space.slug}`);
    await page.getByText('Mallory').first().waitFor();
    for (const link of await page.locator('a[href]').all()) expect(await link.getAttribute('href')).not.toMatch(/^javascript:/i);
    expect(await page.locator('img[onerror], svg[onload], script:not([src])').count()).toBe(0);
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
