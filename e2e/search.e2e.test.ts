/**
 * Search in a real browser: the top-bar box ("/" focuses it) suggests a German wiki page as one
 * types, Enter opens the results page, a German inflected form is found and highlighted, the type
 * filter narrows the results (Back undoes it), and a secret space's post and name never appear.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { HttpSession } from '../packages/server/src/test/process.js';
import { startApp, setupOrg, signUp, screenshot, browserPerFile, type App } from './harness.js';

const SECRET_SPACE = 'Geheimprojekt Falke';
const SECRET_POST = 'Falke: Antrag auf Urlaubssperre für das ganze Team';

describe('search', () => {
  let app: App;
  let sam: HttpSession;
  let olga: HttpSession;
  let pageId: number;
  let postId: number;
  let trickyId: number;
  let secretPostId: number;
  const browser = browserPerFile(() => app);

  /**
   * Search results as a person sees them through the API, once indexing has caught up (within a
   * second normally; up to 15 s allowed, so a loaded CI machine is no failure: the speed is benched).
   */
  async function searchUntil(s: HttpSession, q: string, found: (items: any[]) => boolean) {
    for (let i = 0; i < 150; i++) {
      const res = await s.call('GET', `/search?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      if (found(res.body.items)) return res.body;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`search for ${q} never found what was expected`);
  }

  beforeAll(async () => {
    app = await startApp();
    await setupOrg(app);
    sam = await signUp(app, 'sam', 'Sam Sucher');
    olga = await signUp(app, 'olga', 'Olga Owner');
    const hr = (await sam.call('POST', '/spaces', { name: 'Personalwesen', visibility: 'public' })).body;
    const created = await sam.call('POST', `/spaces/${hr.id}/pages`, { title: 'Urlaubsantrag einreichen', body: 'Anträge für Urlaub stellen Sie im Personalportal.' });
    expect(created.status).toBe(200);
    pageId = created.body.id;
    // Markup in a title is text: it must come back escaped and stay text on the page.
    trickyId = (await sam.call('POST', `/spaces/${hr.id}/pages`, { title: 'Urlaubsplan <img src=x onerror=alert(1)> <b>fett</b>', body: 'Wer ist wann im Urlaub?' })).body.id;
    postId = (await sam.call('POST', '/posts', { spaceId: hr.id, body: 'Hat jemand schon seinen Antrag für den Sommer gestellt? #urlaub' })).body.id;
    const secret = await olga.call('POST', '/spaces', { name: SECRET_SPACE, visibility: 'secret', purpose: 'Vertrauliche Planung', acceptGuidelines: true });
    expect(secret.status).toBe(200);
    const sp = await olga.call('POST', '/posts', { spaceId: secret.body.id, body: SECRET_POST });
    expect(sp.status).toBe(200);
    secretPostId = sp.body.id;
    // The secret post is indexed and findable by its member: hiding it from Sam is the filter's work.
    await searchUntil(olga, 'Antrag', (items) => items.some((h) => h.type === 'post' && h.id === secretPostId));
    await searchUntil(sam, 'Antrag', (items) => items.some((h) => h.type === 'page' && h.id === pageId) && items.some((h) => h.type === 'post' && h.id === postId));
  });
  afterAll(async () => {
    await app?.stop();
  });

  async function expectNoSecret(page: Page) {
    const text = await page.locator('body').innerText();
    expect(text).not.toContain(SECRET_SPACE);
    expect(text).not.toContain('Urlaubssperre');
    const options = await page.locator('option').allInnerTexts();
    expect(options.join('\n')).not.toContain(SECRET_SPACE);
    expect(await page.getByTestId(`search-hit-post-${secretPostId}`).count()).toBe(0);
  }

  it('suggests as one types, finds a German inflected word, filters by type, and hides the secret space', async () => {
    const page = await browser.open(sam, '/');
    const box = page.getByTestId('topsearch-input');
    await box.waitFor();
    await page.waitForLoadState('networkidle');

    // "/" outside a text field focuses the box.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('/');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('topsearch-input');
    expect(await box.inputValue()).toBe('');

    // Suggestions: the page is among them, with the typed prefix highlighted; arrows choose.
    await page.keyboard.type('urlaub');
    const suggestion = page.getByTestId(`topsearch-page-${pageId}`);
    await suggestion.waitFor();
    expect(await suggestion.innerText()).toContain('Urlaubsantrag einreichen');
    expect(await suggestion.locator('mark').count()).toBeGreaterThan(0);
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowDown');
    const activeId = await box.getAttribute('aria-activedescendant');
    expect(activeId).toBeTruthy();
    expect(await page.locator(`[id="${activeId}"]`).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowUp');
    expect(await box.getAttribute('aria-activedescendant')).toBeNull();
    await expectNoSecret(page);
    await screenshot(page, 'search-suggest-light');
    const axeOpen = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axeOpen.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

    // Escape closes the suggestions; Enter searches everything.
    await page.keyboard.press('Escape');
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=urlaub$/);
    await page.getByTestId(`search-hit-page-${pageId}`).waitFor();
    const tricky = page.getByTestId(`search-hit-page-${trickyId}`);
    expect(await tricky.getByRole('link').first().innerText()).toBe('Urlaubsplan <img src=x onerror=alert(1)> <b>fett</b>');
    expect(await page.locator('[data-testid="search-results"] img, [data-testid="search-results"] b').count()).toBe(0);
    // A query word that is a hashtag: a link to the tag, counted over readable posts only.
    expect(await page.getByTestId('search-hashtags').getByRole('link').getAttribute('href')).toBe('/tags/urlaub');
    expect(await page.getByTestId('search-hashtags').innerText()).toContain('#urlaub (1 post)');
    await expectNoSecret(page);

    // German stemming: "Antrag" finds "Anträge" in the page and highlights that inflected form.
    await page.getByTestId('search-input').fill('Antrag');
    await page.getByTestId('search-input').press('Enter');
    await page.waitForURL(/\/search\?q=Antrag$/);
    // The previous results stay (dimmed) until the new ones arrive; the summary names the new query.
    await expect.poll(() => page.getByTestId('search-summary').innerText()).toMatch(/^\d+ results? for “Antrag”$/);
    const hit = page.getByTestId(`search-hit-page-${pageId}`);
    expect(await hit.locator('.search-item-snippet mark').allInnerTexts()).toContain('Anträge');
    expect(await hit.getByRole('link').first().getAttribute('href')).toBe(`/pages/${pageId}`);
    await page.getByTestId(`search-hit-post-${postId}`).waitFor();
    await page.getByTestId('search-group-page').waitFor();
    await page.getByTestId('search-group-post').waitFor();
    await expectNoSecret(page);

    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await screenshot(page, 'search-results-light');

    // The type filter: only pages; Back returns to all types.
    await page.getByTestId('search-type-page').click();
    await page.waitForURL(/type=page/);
    await expect.poll(() => page.locator('[data-testid^="search-hit-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-type')))).toEqual(['page']);
    expect(await page.getByTestId('search-type-page').getAttribute('aria-current')).toBe('true');
    await page.goBack();
    await page.getByTestId(`search-hit-post-${postId}`).waitFor();
    expect(page.url()).not.toContain('type=');

    // A filter that excludes everything: a clear empty state, with a way back to all results.
    await page.getByTestId('search-has-files').check();
    await page.waitForURL(/hasFiles=true/);
    await page.getByTestId('search-empty').waitFor();
    await page.getByRole('link', { name: 'Search everywhere' }).click();
    await page.getByTestId(`search-hit-page-${pageId}`).waitFor();

    // Following a hit opens the page.
    await page.getByTestId(`search-hit-page-${pageId}`).getByRole('link').first().click();
    await page.waitForURL(new RegExp(`/pages/${pageId}$`));
  });

  it('looks right in dark mode and on a phone, where the box opens from an icon', async () => {
    const dark = await browser.open(sam, '/search?q=Antrag', { colorScheme: 'dark' });
    await dark.getByTestId(`search-hit-page-${pageId}`).waitFor();
    await screenshot(dark, 'search-results-dark');

    const phone = await browser.open(sam, '/search?q=Antrag', { width: 360 });
    await phone.getByTestId(`search-hit-page-${pageId}`).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(phone, 'search-results-phone');
    expect(await phone.getByTestId('topsearch-input').isVisible()).toBe(false);
    await phone.getByTestId('topsearch-toggle').click();
    const box = phone.getByTestId('topsearch-input');
    await expect.poll(() => phone.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('topsearch-input');
    await box.type('urlaub');
    await phone.getByTestId(`topsearch-page-${pageId}`).waitFor();
    await expectNoSecret(phone);
    await phone.screenshot({ path: '.test-results/screenshots/search-suggest-phone.png' });
    // Escape twice: the suggestions close, then the box, and focus returns to the icon.
    await phone.keyboard.press('Escape');
    await phone.keyboard.press('Escape');
    expect(await box.isVisible()).toBe(false);
    expect(await phone.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('topsearch-toggle');
  });

  it('filters by space, author and date, each kept in the URL', async () => {
    const page = await browser.open(sam, '/search?q=Antrag');
    await page.getByTestId(`search-hit-post-${postId}`).waitFor();
    const space = page.getByTestId('search-space');
    expect(await space.locator('option').allInnerTexts()).toContain('Personalwesen (2)');
    await space.selectOption({ label: 'Personalwesen (2)' });
    await page.waitForURL(/spaceId=\d+/);

    await page.getByTestId('people-picker-input').fill('Sam');
    await page.getByTestId('pick-sam').click();
    await page.waitForURL(/authorId=\d+/);
    await page.getByTestId(`search-hit-page-${pageId}`).waitFor();
    // After a reload the author's name comes back from the results.
    await page.reload();
    await page.getByTestId(`search-hit-page-${pageId}`).waitFor();
    await page.getByRole('button', { name: 'Remove Sam Sucher' }).waitFor();

    // Only until yesterday: nothing; then a wrong range is explained, not sent.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('search-to').fill(yesterday);
    await page.waitForURL(new RegExp(`to=${yesterday}`));
    await page.getByTestId('search-empty').waitFor();
    const today = new Date().toISOString().slice(0, 10);
    await page.getByTestId('search-from').fill(today);
    await page.getByText('The start date is after the end date', { exact: false }).first().waitFor();
    await page.getByTestId('search-clear-filters').click();
    await page.waitForURL(/\/search\?q=Antrag$/);
    await page.getByTestId(`search-hit-post-${postId}`).waitFor();

    // On a phone the filters sit behind a button.
    const phone = await browser.open(sam, '/search?q=Antrag', { width: 360 });
    await phone.getByTestId(`search-hit-page-${pageId}`).waitFor();
    expect(await phone.getByTestId('search-filters').isVisible()).toBe(false);
    await phone.getByRole('button', { name: 'Filters' }).click();
    await phone.getByTestId('search-filters').waitFor();
    await screenshot(phone, 'search-filters-phone');
  });

  it('offers "did you mean" from readable words only, and shows nothing of the secret space', async () => {
    const page = await browser.open(sam, '/search?q=Personalportl');
    const dym = page.getByTestId('search-did-you-mean');
    await dym.waitFor();
    await page.getByTestId('search-empty').waitFor();
    await dym.getByRole('link', { name: 'personalportal' }).click();
    await page.waitForURL(/q=personalportal$/);
    await page.getByTestId(`search-hit-page-${pageId}`).waitFor();

    // Olga, a member, is offered the secret word; Sam sees neither the post nor the suggestion.
    expect((await olga.call('GET', '/search?q=Falkn')).body.didYouMean).toBe('falke');
    const secret = await browser.open(sam, '/search?q=Falke');
    await secret.getByTestId('search-empty').waitFor();
    await expectNoSecret(secret);
    const typo = await browser.open(sam, '/search?q=Falkn');
    await typo.getByTestId('search-empty').waitFor();
    expect(await typo.getByTestId('search-did-you-mean').count()).toBe(0);
  });

  it('answers a too-long query with a friendly message, not an error page', async () => {
    const page = await browser.open(sam, `/search?q=${'a'.repeat(501)}`);
    const msg = page.getByTestId('search-too-long');
    await msg.waitFor();
    expect(await msg.innerText()).toContain('at most 500 characters');
  });

  it('in German', async () => {
    await sam.call('PATCH', '/me', { locale: 'de' });
    const page = await browser.open(sam, '/search?q=Antrag&type=page');
    await page.getByRole('heading', { name: 'Suche', level: 1 }).waitFor();
    await page.getByTestId(`search-hit-page-${pageId}`).waitFor();
    expect(await page.getByTestId('search-summary').innerText()).toMatch(/Treffer für „Antrag“/);
    await screenshot(page, 'search-results-de');
    await sam.call('PATCH', '/me', { locale: 'en' });
  });
});
