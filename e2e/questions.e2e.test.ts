/**
 * Questions and answers in real browsers: asking in a space with similar questions shown while
 * typing, a colleague answering in another browser, votes, the asker marking the best answer
 * (shown first and marked), the unanswered and solved filters; a post linking to the question
 * gets an internal preview card built with each viewer's permissions; external cards appear lazily
 * under posts and chat messages; axe and screenshots of the question page in light, dark and at 360 px.
 */
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import sharp from 'sharp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { HttpSession } from '../packages/server/src/test/process.js';
import { startApp, launch, setupOrg, signUp, contextFor, screenshot, watchPage, SCREENSHOTS, type App } from './harness.js';

const EXISTING = 'How do we deploy the staging server?';
const ASKED = 'Where is the deploy script for staging?';

describe('questions and answers', () => {
  let app: App;
  let browser: Browser;
  let alice: HttpSession; // asks
  let bob: HttpSession; // answers in his own browser
  let dora: HttpSession; // answers through the API
  let carol: HttpSession; // not in the private space
  let platform: { id: number; slug: string };
  let townHall: { id: number; slug: string };
  let questionId = 0;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  async function open(session: HttpSession, path: string, opts: { colorScheme?: 'light' | 'dark'; width?: number } = {}): Promise<Page> {
    const ctx = await contextFor(browser, app, session, opts);
    contexts.push(ctx);
    const page = await ctx.newPage();
    problems.push(...watchPage(page));
    await page.goto(`${app.url}${path}`);
    return page;
  }
  /** The titles in a question list as rendered, newest first. */
  const listed = (page: Page) => page.locator('[data-testid=question-items] .question-item-title').allInnerTexts();
  /** Each answer's author and whether it is marked best, in the order shown. */
  const answerOrder = (page: Page) =>
    page.locator('[data-testid=answers] > li').evaluateAll((items) => items.map((li) => `${li.querySelector('.person-link')?.textContent}${li.getAttribute('data-best') === 'true' ? ' (best)' : ''}`));

  beforeAll(async () => {
    app = await startApp();
    browser = await launch();
    await setupOrg(app);
    alice = await signUp(app, 'alice', 'Alice Adler');
    bob = await signUp(app, 'bob', 'Bob Brandt');
    dora = await signUp(app, 'dora', 'Dora Dietrich');
    carol = await signUp(app, 'carol', 'Carol Clausen');
    platform = (await alice.call('POST', '/spaces', { name: 'Platform Team', visibility: 'private', purpose: 'Runs the servers' })).body;
    for (const member of [bob, dora]) {
      const { id } = (await member.call('GET', '/me')).body;
      expect((await alice.call('POST', `/spaces/${platform.id}/members`, { userId: id })).status).toBe(204);
      expect((await member.call('POST', `/spaces/${platform.id}/accept`)).status).toBe(200);
    }
    townHall = (await alice.call('POST', '/spaces', { name: 'Town Hall', visibility: 'public' })).body;
    for (const member of [bob, carol]) expect((await member.call('POST', `/spaces/${townHall.id}/join`)).status).toBe(200);
    // Asked earlier by a colleague: what "similar questions" should find.
    expect((await dora.call('POST', `/spaces/${platform.id}/questions`, { title: EXISTING, tags: ['deploy'] })).status).toBe(200);
  });
  afterEach(async () => {
    for (const ctx of contexts.splice(0)) await ctx.close().catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('asks in a space, showing similar questions while the title is typed', async () => {
    const a = await open(alice, `/spaces/${platform.slug}/questions`);
    await a.getByTestId('ask-question').click();
    await a.getByTestId('ask-title').pressSequentially(ASKED, { delay: 10 });
    const similar = a.getByTestId('similar-questions');
    await similar.getByRole('link', { name: EXISTING }).waitFor({ timeout: 10_000 });
    await screenshot(a, 'questions-ask-similar');
    await a.getByTestId('ask-body').fill('The **old** wiki page is gone. Which repository has it now?');
    await a.getByTestId('tags-input').fill('deploy, #Staging');
    await a.getByTestId('ask-submit').click();
    await a.waitForURL(/\/questions\/\d+$/);
    questionId = Number(/\/questions\/(\d+)$/.exec(a.url())![1]);
    await a.getByRole('heading', { level: 1, name: ASKED }).waitFor();
    expect(await a.locator('.question-tag').allInnerTexts()).toEqual(['deploy', 'staging']);
    expect(await a.locator('[data-testid=question] .prose strong').innerText()).toBe('old');

    // Unanswered: listed under "Unanswered", not under "Solved".
    await a.goto(`${app.url}/spaces/${platform.slug}/questions?filter=unanswered`);
    await expect.poll(() => listed(a)).toEqual([ASKED, EXISTING]);
    await a.getByTestId('question-filter-solved').click();
    await a.getByText('No solved questions yet.').waitFor();
    expect(problems).toEqual([]);
  });

  it('a colleague answers in his browser; votes; the asker marks the best answer, which moves first', async () => {
    expect(questionId).toBeGreaterThan(0);
    const b = await open(bob, `/questions/${questionId}`);
    await b.getByTestId('answer-input').fill('Try the old wiki export, maybe it is still there.');
    await b.getByTestId('answer-submit').click();
    const bobsAnswer = b.locator('[data-testid=answers] > li', { hasText: 'old wiki export' });
    await bobsAnswer.waitFor();
    // Nobody votes on their own answer: only the score is shown.
    expect(await bobsAnswer.getByTestId('vote-up').count()).toBe(0);
    expect(await bobsAnswer.getByTestId('vote-score').innerText()).toMatch(/^0/);
    const doras = await dora.call('POST', `/questions/${questionId}/answers`, { body: 'It is `scripts/deploy-staging.sh` in the **ops** repository.' });
    expect(doras.status).toBe(200);

    const a = await open(alice, `/questions/${questionId}`);
    await expect.poll(() => answerOrder(a)).toEqual(['Bob Brandt', 'Dora Dietrich']);
    // Alice finds Bob's answer helpful first: it gets her vote.
    const up = a.locator('[data-testid=answers] > li', { hasText: 'old wiki export' }).getByTestId('vote-up');
    expect(await up.getAttribute('aria-pressed')).toBe('false');
    await up.click();
    await expect.poll(() => up.getAttribute('aria-pressed')).toBe('true');
    expect(await a.locator('[data-testid=answers] > li', { hasText: 'old wiki export' }).getByTestId('vote-score').innerText()).toMatch(/^1/);
    // Dora's answer is the right one: marked best, it moves above the higher-scored one.
    await a.locator('[data-testid=answers] > li', { hasText: 'deploy-staging.sh' }).getByTestId('mark-best').click();
    await expect.poll(() => answerOrder(a)).toEqual(['Dora Dietrich (best)', 'Bob Brandt']);
    const first = a.locator('[data-testid=answers] > li').first();
    expect(await first.getByTestId('best-mark').innerText()).toContain('Best answer');
    await a.getByTestId('solved-badge').first().waitFor();
    // Keyboard users stay on the button they pressed, which now offers to undo.
    expect(await a.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('unmark-best');
    await screenshot(a, 'questions-best-answer');

    // Bob sees the same order after a reload, and a comment from him appears under Dora's answer.
    await b.reload();
    await expect.poll(() => answerOrder(b)).toEqual(['Dora Dietrich (best)', 'Bob Brandt']);
    const dorasForBob = b.locator('[data-testid=answers] > li').first();
    await dorasForBob.getByTestId('answer-comment-open').click();
    await dorasForBob.getByTestId('answer-comment-input').fill('Thanks, that is the one.');
    await dorasForBob.getByTestId('answer-comment-submit').click();
    await dorasForBob.getByText('Thanks, that is the one.').waitFor();
    // Bob edits his own answer in place.
    const bobsOwn = b.locator('[data-testid=answers] > li', { hasText: 'old wiki export' });
    await bobsOwn.getByRole('button', { name: 'Edit' }).click();
    await bobsOwn.getByTestId('answer-edit-input').fill('Try the old wiki export; Dora’s script is the better way.');
    await bobsOwn.getByRole('button', { name: 'Save' }).click();
    await b.locator('[data-testid=answers] > li', { hasText: 'the better way' }).getByText('edited').waitFor();

    // The filters follow: no longer unanswered, now solved — in the space and company-wide.
    await a.goto(`${app.url}/spaces/${platform.slug}/questions?filter=unanswered`);
    await expect.poll(() => listed(a)).toEqual([EXISTING]);
    await a.getByTestId('question-filter-solved').click();
    await expect.poll(() => listed(a)).toEqual([ASKED]);
    await a.goto(`${app.url}/questions?filter=solved`);
    await expect.poll(() => listed(a)).toEqual([ASKED]);
    await screenshot(a, 'questions-solved-list');
    // The asker's notification of Bob's answer leads to the question.
    await a.goto(`${app.url}/notifications`);
    const link = a.getByRole('link', { name: /Bob Brandt answered your question/ });
    expect(await link.getAttribute('href')).toMatch(new RegExp(`^/questions/${questionId}#answer-\\d+$`));
    expect(problems).toEqual([]);
  });

  it('previews a link to the question in a post, built with each viewer’s permissions', async () => {
    // Foyer's own address (no public URL configured: localhost and its port): never fetched.
    const port = new URL(app.url).port;
    const url = `http://localhost:${port}/questions/${questionId}`;
    const created = await bob.call('POST', '/posts', { spaceId: townHall.id, body: `The answer to the deploy question: ${url}` });
    expect(created.status).toBe(200);
    const postId = created.body.id;

    const b = await open(bob, `/spaces/${townHall.slug}`);
    const card = b.getByTestId(`post-${postId}`).getByTestId('link-preview');
    await card.waitFor({ timeout: 10_000 });
    expect(await card.getAttribute('data-internal')).toBe('true');
    expect(await card.innerText()).toContain(ASKED);
    expect(await card.innerText()).toContain('Platform Team');
    // A link inside the app, reachable by keyboard.
    expect(await card.getAttribute('href')).toBe(`/questions/${questionId}`);
    await card.focus();
    expect(await b.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('link-preview');
    await screenshot(b, 'link-preview-internal');

    // Carol cannot read the private space: she sees the post, and nothing of the question.
    const c = await open(carol, `/spaces/${townHall.slug}`);
    await c.getByTestId(`post-${postId}`).waitFor();
    await c.waitForLoadState('networkidle');
    expect(await c.getByTestId(`post-${postId}`).getByTestId('link-preview').count()).toBe(0);
    expect(await c.getByText(ASKED).count()).toBe(0);
    expect((await carol.call('GET', `/previews?url=${encodeURIComponent(url)}`)).status).toBe(404);
    expect(problems).toEqual([]);
  });

  it('shows external preview cards lazily, under posts and chat messages, and nothing for a link without one', async () => {
    // Fetching other sites is the server's job (tested against a local site in previews.test.ts;
    // the built server cannot reach one here): the browser's answers stand in for it.
    const image = await sharp({ create: { width: 240, height: 160, channels: 3, background: '#2f7d5b' } }).png().toBuffer();
    const card = { title: 'Release notes 4.2: faster builds', description: 'Builds are twice as fast, and the cache survives restarts.', siteName: 'Example Engineering Blog', internal: false, label: null };
    const asked: string[] = [];
    const fake = async (ctx: BrowserContext) => {
      await ctx.route('**/api/v1/previews?*', (route) => {
        const url = new URL(route.request().url()).searchParams.get('url')!;
        asked.push(url);
        if (!url.includes('release-notes')) return route.fulfill({ status: 404, json: { error: { code: 'not_found', message: 'preview not found' } } });
        return route.fulfill({ json: { ...card, url, imageUrl: `/api/v1/previews/image?u=${encodeURIComponent('https://blog.example.com/cover.png')}` } });
      });
      await ctx.route('**/api/v1/previews/image?*', (route) => route.fulfill({ contentType: 'image/png', body: image }));
    };
    const linked = (await bob.call('POST', '/posts', { spaceId: townHall.id, body: 'Worth reading: https://blog.example.com/release-notes-4-2' })).body;
    const broken = (await bob.call('POST', '/posts', { spaceId: townHall.id, body: 'And this one has no card: https://nothing.example.com/page' })).body;
    // Newer posts push the linked ones below the first screen.
    for (let i = 0; i < 6; i++) expect((await bob.call('POST', '/posts', { spaceId: townHall.id, body: `Filler ${i}\n\n${'A long paragraph of text. '.repeat(30)}` })).status).toBe(200);

    const ctx = await contextFor(browser, app, carol);
    contexts.push(ctx);
    await fake(ctx);
    const c = await ctx.newPage();
    problems.push(...watchPage(c));
    await c.goto(`${app.url}/spaces/${townHall.slug}`);
    await c.getByTestId(`post-${linked.id}`).waitFor({ state: 'attached' });
    await c.waitForLoadState('networkidle');
    // Off screen: not asked for yet.
    expect(asked.filter((u) => u.includes('example.com'))).toEqual([]);
    await c.getByTestId(`post-${linked.id}`).scrollIntoViewIfNeeded();
    const preview = c.getByTestId(`post-${linked.id}`).getByTestId('link-preview');
    await preview.waitFor();
    expect(await preview.getAttribute('href')).toBe('https://blog.example.com/release-notes-4-2');
    expect(await preview.getAttribute('target')).toBe('_blank');
    expect(await preview.getAttribute('rel')).toContain('noopener');
    expect(await preview.locator('img').getAttribute('alt')).toBe('Picture from Example Engineering Blog');
    await expect.poll(() => preview.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(240);
    await c.getByTestId(`post-${broken.id}`).scrollIntoViewIfNeeded();
    await expect.poll(() => asked.includes('https://nothing.example.com/page')).toBe(true);
    await c.waitForLoadState('networkidle');
    expect(await c.getByTestId(`post-${broken.id}`).getByTestId('link-preview').count()).toBe(0);
    await c.getByTestId(`post-${linked.id}`).screenshot({ path: `${SCREENSHOTS}/link-preview-external-light.png` });

    // The same card under a chat message.
    const carolId = (await carol.call('GET', '/me')).body.id;
    const conversation = (await bob.call('POST', '/conversations', { kind: 'direct', userId: carolId })).body;
    expect((await bob.call('POST', `/conversations/${conversation.id}/messages`, { body: 'Have you seen https://blog.example.com/release-notes-4-2 ?', clientKey: 'preview-1' })).status).toBe(200);
    await c.goto(`${app.url}/chat/${conversation.id}`);
    const inChat = c.locator('li[data-mid]', { hasText: 'Have you seen' }).getByTestId('link-preview');
    await inChat.waitFor();
    expect(await inChat.innerText()).toContain(card.title);
    await screenshot(c, 'link-preview-chat');

    for (const [scheme, width] of [
      ['dark', 1280],
      ['light', 360],
    ] as const) {
      const other = await contextFor(browser, app, carol, { colorScheme: scheme, width });
      contexts.push(other);
      await fake(other);
      const p = await other.newPage();
      problems.push(...watchPage(p));
      await p.goto(`${app.url}/posts/${linked.id}`);
      await p.getByTestId('link-preview').waitFor();
      await expect.poll(() => p.getByTestId('link-preview').locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(240);
      expect(await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await screenshot(p, `link-preview-external-${scheme}-${width}`);
    }
    expect(problems).toEqual([]);
  });

  it('lets the asker edit and, after confirming, delete a question', async () => {
    const created = (await alice.call('POST', `/spaces/${platform.id}/questions`, { title: 'Is the VPN down for everyone?' })).body;
    const a = await open(alice, `/questions/${created.id}`);
    await a.getByTestId('question-edit').click();
    await a.getByLabel('Your question').fill('Is the VPN down for everyone today?');
    await a.getByLabel('Tags (optional)').fill('vpn network');
    await a.getByRole('button', { name: 'Save' }).click();
    await a.getByRole('heading', { level: 1, name: 'Is the VPN down for everyone today?' }).waitFor();
    expect(await a.locator('.question-tag').allInnerTexts()).toEqual(['vpn', 'network']);
    // Deleting asks first; cancelling keeps the question.
    await a.getByTestId('question-delete').click();
    const dialog = a.getByRole('dialog', { name: 'Delete question?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await a.getByTestId('question-delete').click();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await a.waitForURL(`${app.url}/spaces/${platform.slug}/questions`);
    await expect.poll(() => listed(a)).toEqual([ASKED, EXISTING]);
    expect((await alice.call('GET', `/questions/${created.id}`)).status).toBe(404);
    expect(problems).toEqual([]);
  });

  for (const [scheme, width] of [
    ['light', 1280],
    ['dark', 1280],
    ['light', 360],
  ] as const) {
    it(`has no serious axe violations on the question page (${scheme}, ${width} px)`, async () => {
      const a = await open(alice, `/questions/${questionId}`, { colorScheme: scheme, width });
      await a.getByTestId('best-mark').waitFor();
      await a.waitForLoadState('networkidle');
      const result = await new AxeBuilder({ page: a }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
      expect(await a.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await screenshot(a, `question-page-${scheme}-${width}`);
      if (width === 360) {
        await a.goto(`${app.url}/spaces/${platform.slug}/questions`);
        await a.getByTestId('question-items').waitFor();
        expect(await a.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
        await screenshot(a, 'questions-list-360');
        // German words are longer: the question page still fits a phone.
        expect((await alice.call('PATCH', '/me', { locale: 'de' })).status).toBe(200);
        await a.goto(`${app.url}/questions/${questionId}`);
        await a.getByTestId('best-mark').filter({ hasText: 'Beste Antwort' }).waitFor();
        expect(await a.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
        await screenshot(a, 'question-page-de-360');
        await alice.call('PATCH', '/me', { locale: 'en' });
      }
      expect(problems).toEqual([]);
    });
  }
});
