/**
 * Chat in two real browsers: delivery after being offline (in order, exactly once), optimistic
 * sending that survives a dropped connection, threads across people, unread counts across tabs,
 * images pasted into a message, and axe on the chat screens.
 */
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import sharp from 'sharp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { HttpSession } from '../packages/server/src/test/process.js';
import { startApp, launch, setupOrg, signUp, contextFor, screenshot, watchPage, realtimeReady, type App } from './harness.js';

/** The texts of the conversation's main line as rendered, oldest first. */
function mainLine(page: Page): Promise<string[]> {
  return page.locator('[data-testid=message-scroller] li[data-mid] .msg-body').allInnerTexts();
}

async function send(page: Page, text: string, input = 'chat-composer-input') {
  const box = page.getByTestId(input);
  await box.fill(text);
  await box.press('Enter');
}

describe('chat between two people', () => {
  let app: App;
  let browser: Browser;
  let alice: HttpSession;
  let bob: HttpSession;
  let conversationId: number;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  async function open(session: HttpSession, path: string, opts: { colorScheme?: 'light' | 'dark'; width?: number } = {}) {
    const ctx = await contextFor(browser, app, session, opts);
    contexts.push(ctx);
    const page = await ctx.newPage();
    problems.push(...watchPage(page));
    await page.goto(`${app.url}${path}`);
    return { ctx, page };
  }

  beforeAll(async () => {
    app = await startApp();
    browser = await launch();
    await setupOrg(app);
    alice = await signUp(app, 'alice', 'Alice Adler');
    bob = await signUp(app, 'bob', 'Bob Brandt');
    const bobId = (await bob.call('GET', '/me')).body.id;
    const res = await alice.call('POST', '/conversations', { kind: 'direct', userId: bobId });
    expect(res.status).toBe(200);
    conversationId = res.body.id;
  });
  // Every test starts without open tabs: an open, focused conversation would mark new messages read.
  afterEach(async () => {
    for (const ctx of contexts.splice(0)) await ctx.close().catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('delivers messages sent while the other person was offline, in order and exactly once', async () => {
    const { page: a } = await open(alice, `/chat/${conversationId}`);
    const { ctx: bCtx, page: b } = await open(bob, `/chat/${conversationId}`);
    await a.getByTestId('chat-composer-input').waitFor();
    await b.getByTestId('chat-composer-input').waitFor();

    await bCtx.setOffline(true);
    for (const n of [1, 2, 3]) {
      await send(a, `Offline message ${n}`);
      // Confirmed by the server: rendered as a real message, no placeholder left.
      await a.locator('li[data-mid]', { hasText: `Offline message ${n}` }).waitFor();
    }
    await expect.poll(() => a.getByTestId('pending-message').count()).toBe(0);
    await bCtx.setOffline(false);

    const expected = ['Offline message 1', 'Offline message 2', 'Offline message 3'];
    await expect.poll(() => mainLine(b), { timeout: 20_000 }).toEqual(expected);
    // Something later arrives too, and the earlier three are still there once each.
    await send(a, 'Back online?');
    await expect.poll(() => mainLine(b), { timeout: 15_000 }).toEqual([...expected, 'Back online?']);
    await screenshot(b, 'chat-after-offline');
    expect(problems).toEqual([]);
  });

  it('sends optimistically and delivers once after the sender’s connection dropped', async () => {
    const { ctx: aCtx, page: a } = await open(alice, `/chat/${conversationId}`);
    const { page: b } = await open(bob, `/chat/${conversationId}`);
    await a.getByTestId('chat-composer-input').waitFor();
    await aCtx.setOffline(true);
    await send(a, 'Written in a tunnel');
    // Shown at once as "sending" while the POST keeps failing for network reasons.
    await a.getByTestId('pending-message').filter({ hasText: 'Written in a tunnel' }).waitFor();
    await aCtx.setOffline(false);
    await expect.poll(() => a.getByTestId('pending-message').count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(async () => (await mainLine(a)).filter((t) => t === 'Written in a tunnel').length, { timeout: 15_000 }).toBe(1);
    await expect.poll(async () => (await mainLine(b)).filter((t) => t === 'Written in a tunnel').length, { timeout: 15_000 }).toBe(1);
    const stored = (await alice.call('GET', `/conversations/${conversationId}/messages`)).body.items.filter((m: { body: string }) => m.body === 'Written in a tunnel');
    expect(stored).toHaveLength(1);
  });

  it('gives up an attempt that is never answered and sends again, once', async () => {
    const { page: a } = await open(alice, `/chat/${conversationId}`);
    await a.getByTestId('chat-composer-input').waitFor();
    // The first POST vanishes without an answer or an error, as on a connection that died silently.
    let swallowed = 0;
    await a.route(`**/api/v1/conversations/${conversationId}/messages`, (route) => {
      if (route.request().method() === 'POST' && swallowed++ === 0) return; // never answered
      return route.continue();
    });
    await send(a, 'Into the void and back');
    await a.getByTestId('pending-message').filter({ hasText: 'Into the void and back' }).waitFor();
    await expect.poll(() => a.getByTestId('pending-message').count(), { timeout: 30_000 }).toBe(0);
    expect(swallowed).toBe(2);
    await expect.poll(async () => (await mainLine(a)).filter((t) => t === 'Into the void and back').length, { timeout: 15_000 }).toBe(1);
    const stored = (await alice.call('GET', `/conversations/${conversationId}/messages`)).body.items.filter((m: { body: string }) => m.body === 'Into the void and back');
    expect(stored).toHaveLength(1);
  });

  it('shows a message whose event arrived while the conversation was still loading', async () => {
    const ctx = await contextFor(browser, app, bob);
    contexts.push(ctx);
    const page = await ctx.newPage();
    problems.push(...watchPage(page));
    // The first load of the newest messages is answered as the server saw it before the message
    // existed, and only after the message's realtime event reached the page.
    let tookStaleAnswer!: () => void;
    const staleAnswerTaken = new Promise<void>((resolve) => (tookStaleAnswer = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    await page.route(`**/api/v1/conversations/${conversationId}/messages**`, async (route) => {
      const request = route.request();
      if (held || request.method() !== 'GET' || new URL(request.url()).searchParams.has('after')) return route.continue();
      held = true;
      const response = await route.fetch();
      tookStaleAnswer();
      await released;
      await route.fulfill({ response });
    });
    const socket = realtimeReady(page);
    await page.goto(`${app.url}/chat/${conversationId}`);
    const ws = await socket;
    await staleAnswerTaken;
    const created = ws.waitForEvent('framereceived', { predicate: (frame) => String(frame.payload).includes('message.created') });
    const sent = await alice.call('POST', `/conversations/${conversationId}/messages`, { body: 'Sent while Bob was loading', clientKey: 'e2e-loading-1' });
    expect(sent.status).toBe(200);
    await created;
    release();
    await expect.poll(async () => (await mainLine(page)).filter((t) => t === 'Sent while Bob was loading').length, { timeout: 15_000 }).toBe(1);
    expect(problems).toEqual([]);
  });

  it('shows a thread reply in the other person’s thread panel', async () => {
    const { page: a } = await open(alice, `/chat/${conversationId}`);
    const { page: b } = await open(bob, `/chat/${conversationId}`);
    for (const page of [a, b]) {
      const root = page.locator('li[data-mid]', { hasText: 'Offline message 1' });
      await root.hover();
      await root.getByTestId('reply-in-thread').click();
      await page.getByTestId('thread-panel').getByTestId('thread-composer-input').waitFor();
    }
    await send(a, 'A reply in the thread', 'thread-composer-input');
    await b.getByTestId('thread-panel').locator('li[data-mid]', { hasText: 'A reply in the thread' }).waitFor({ timeout: 15_000 });
    // The root in the main line counts the reply, and the reply is not in the main line.
    await b.locator('[data-testid=message-scroller] li[data-mid]', { hasText: 'Offline message 1' }).getByTestId('thread-replies').filter({ hasText: '1 reply' }).waitFor();
    expect(await mainLine(b)).not.toContain('A reply in the thread');
    await screenshot(b, 'chat-thread');
  });

  it('lowers the unread count in a second tab when the first tab reads', async () => {
    const ctx = await contextFor(browser, app, alice);
    contexts.push(ctx);
    const tab1 = await ctx.newPage();
    const tab2 = await ctx.newPage();
    await tab1.goto(`${app.url}/`);
    // Post only once tab 2 listens: its socket said hello.
    const socket = realtimeReady(tab2);
    await tab2.goto(`${app.url}/`);
    await socket;
    await tab2.getByRole('link', { name: /^Chat/ }).waitFor();
    const sent = await bob.call('POST', `/conversations/${conversationId}/messages`, { body: 'Are you there, Alice?', clientKey: 'e2e-unread-1' });
    expect(sent.status).toBe(200);
    // The badge's spoken text, e.g. "1 unread message".
    const badge = tab2.getByTestId('chat-unread').locator('.sr-only');
    await expect.poll(() => badge.allTextContents(), { timeout: 15_000 }).toEqual(['1 unread message']);

    await tab1.bringToFront();
    await tab1.goto(`${app.url}/chat/${conversationId}`);
    await tab1.locator('li[data-mid]', { hasText: 'Are you there, Alice?' }).waitFor();
    await expect.poll(() => badge.count(), { timeout: 15_000 }).toBe(0);
  });

  it('sends pasted and attached images without text; the other person sees them, an outsider cannot load them', async () => {
    const png = (background: string) => sharp({ create: { width: 320, height: 200, channels: 3, background } }).png().toBuffer();
    const [red, blue] = await Promise.all([png('#d9534f'), png('#2f7d4f')]);
    const { page: a } = await open(alice, `/chat/${conversationId}`);
    const box = a.getByTestId('chat-composer-input');
    await box.waitFor();
    await box.focus();
    // A real paste event whose clipboard holds only an image, as a screenshot tool leaves it.
    await box.evaluate((el, bytes) => {
      const clipboardData = new DataTransfer();
      clipboardData.items.add(new File([new Uint8Array(bytes)], 'image.png', { type: 'image/png' }));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
    }, [...red]);
    await a.getByTestId('chat-file-input').setInputFiles({ name: 'diagram.png', mimeType: 'image/png', buffer: blue });
    await expect.poll(() => a.getByTestId('draft-image').count(), { timeout: 15_000 }).toBe(2);
    expect(await box.inputValue()).toBe('');
    expect(await a.getByTestId('chat-send').isEnabled()).toBe(true);
    await screenshot(a, 'chat-images-composer');
    await box.press('Enter');
    await expect.poll(() => a.getByTestId('pending-message').count(), { timeout: 15_000 }).toBe(0);
    expect(await a.getByTestId('draft-image').count()).toBe(0);

    const items = (await alice.call('GET', `/conversations/${conversationId}/messages`)).body.items;
    const stored = items[items.length - 1];
    expect(stored.body).toBe('');
    expect(stored.images).toHaveLength(2);

    const { page: b } = await open(bob, `/chat/${conversationId}`, { colorScheme: 'dark' });
    const message = b.getByTestId(`message-${stored.id}`);
    const imgs = message.locator('[data-testid=message-images] img');
    await expect.poll(() => imgs.count(), { timeout: 15_000 }).toBe(2);
    for (let i = 0; i < 2; i++) {
      // Loaded, not just present: the thumbnail is readable for a member.
      await expect.poll(() => imgs.nth(i).evaluate((el: HTMLImageElement) => (el.complete ? el.naturalWidth : 0)), { timeout: 15_000 }).toBeGreaterThan(0);
      expect(await imgs.nth(i).getAttribute('alt')).toBe(`Image ${i + 1} of 2`);
    }
    expect(await message.locator('[data-testid=message-images] a').first().getAttribute('href')).toBe(stored.images[0].url);
    await screenshot(b, 'chat-images-message-dark');

    // Not in the conversation: the image does not exist for them, exactly like an unknown id.
    const eve = await signUp(app, 'eve', 'Eve Eckert');
    const fetchAs = (s: HttpSession, url: string) => fetch(`${app.url}${url}`, { headers: { cookie: s.cookie } });
    for (const url of [stored.images[0].url, stored.images[0].thumbUrl]) {
      expect((await fetchAs(eve, url)).status).toBe(404);
      expect((await fetchAs(bob, url)).status).toBe(200);
    }
    expect(problems).toEqual([]);
  });

  it('has no serious accessibility violations and fits a phone', async () => {
    for (const [scheme, width] of [
      ['light', 1280],
      ['dark', 1280],
      ['light', 390],
    ] as const) {
      for (const path of ['/chat', `/chat/${conversationId}`]) {
        const { ctx, page } = await open(alice, path, { colorScheme: scheme, width });
        await page.locator(path === '/chat' ? '[data-testid=conversation-list]' : '[data-testid=message-scroller]').waitFor();
        const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        const serious = result.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
        expect(serious, `${path} ${scheme} ${width}`).toEqual([]);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${path} ${width}px`).toBeLessThanOrEqual(0);
        if (path !== '/chat') await screenshot(page, `chat-${scheme}-${width}`);
        await ctx.close();
      }
    }
    expect(problems).toEqual([]);
  });
});
