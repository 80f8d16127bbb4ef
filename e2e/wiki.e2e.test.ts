/**
 * Wiki pages in a real browser: a page and a subpage made through the forms, [[links]] to a
 * missing page, an edit and its diff in the history, restoring the first revision, a concurrent
 * edit from a second person that ends in the conflict view with nothing lost, moving pages with
 * the keyboard-friendly dialog (including the server's refusal to move a page below itself), the
 * company-wide knowledge view, deleting, axe on the page and diff views, and screenshots.
 */
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { HttpSession } from '../packages/server/src/test/process.js';
import { startApp, launch, setupOrg, signUp, contextFor, screenshot, watchPage, type App } from './harness.js';

const BODY_V1 = ['## Before you start', '', 'Read this first.', '', '| Day | Task |', '| --- | --- |', '| 1 | Laptop |', '', '```', 'npm install', '```', '', 'See [[Packing list]].'].join('\n');
const NEW_LINE = 'Bring your badge on day one.';

async function axe(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

describe('wiki pages', () => {
  let app: App;
  let browser: Browser;
  let alice: HttpSession;
  let bob: HttpSession;
  let space: { id: number; slug: string; name: string };
  let guideId = 0;
  let childId = 0;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  async function open(session: HttpSession, path: string, opts: { colorScheme?: 'light' | 'dark'; width?: number } = {}) {
    const ctx = await contextFor(browser, app, session, opts);
    contexts.push(ctx);
    const page = await ctx.newPage();
    problems.push(...watchPage(page));
    await page.goto(`${app.url}${path}`);
    return page;
  }

  beforeAll(async () => {
    app = await startApp();
    browser = await launch();
    await setupOrg(app);
    alice = await signUp(app, 'alice', 'Alice Adler');
    bob = await signUp(app, 'bob', 'Bob Brandt');
    space = (await alice.call('POST', '/spaces', { name: 'People team', visibility: 'public' })).body;
    expect((await bob.call('POST', `/spaces/${space.id}/join`)).status).toBe(200);
  });
  afterEach(async () => {
    for (const ctx of contexts.splice(0)) await ctx.close().catch(() => undefined);
    expect(problems.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('creates a page and a subpage, renders markdown, and offers to create a missing [[page]]', async () => {
    const page = await open(alice, `/spaces/${space.slug}/wiki`);
    await page.getByText('This space has no wiki pages yet. Create the first one.').waitFor();
    await page.getByTestId('wiki-new').click();
    await page.getByTestId('wiki-title').fill('Onboarding guide');
    await page.getByTestId('wiki-body').fill(BODY_V1);
    // The preview shows what will be saved, table included, before saving.
    await page.getByTestId('wiki-body-preview').click();
    await page.getByTestId('wiki-body-preview-body').locator('table td', { hasText: 'Laptop' }).waitFor();
    await screenshot(page, 'wiki-new-preview-light');
    await page.getByTestId('wiki-create').click();
    await page.waitForURL(/\/pages\/\d+$/);
    guideId = Number(/\/pages\/(\d+)$/.exec(page.url())![1]);
    await expect.poll(() => page.getByTestId('wiki-page-title').innerText()).toBe('Onboarding guide');
    const body = page.getByTestId('wiki-page-body');
    await body.locator('h2', { hasText: 'Before you start' }).waitFor();
    expect(await body.locator('table td').allInnerTexts()).toEqual(['1', 'Laptop']);
    expect(await body.locator('pre code').innerText()).toContain('npm install');
    const missing = body.locator('a.wiki-missing', { hasText: 'Packing list' });
    expect(await missing.getAttribute('href')).toBe(`/spaces/${space.slug}/wiki/new?title=Packing%20list`);
    expect(await missing.innerText()).toContain('does not exist yet');
    await page.getByText('Last edited by Alice Adler').waitFor();

    // A subpage: the parent is filled in from the page we came from.
    await page.getByTestId('wiki-new-child').click();
    expect(await page.getByTestId('wiki-parent').inputValue()).toBe(String(guideId));
    await page.getByTestId('wiki-title').fill('First week');
    await page.getByTestId('wiki-body').fill('Meet the team. Back to [[Onboarding guide]].');
    await page.getByTestId('wiki-create').click();
    await page.waitForURL((u) => /\/pages\/\d+$/.test(u.pathname) && !u.pathname.endsWith(`/${guideId}`));
    childId = Number(/\/pages\/(\d+)$/.exec(page.url())![1]);
    const crumbs = page.getByRole('navigation', { name: 'Where this page is' });
    await expect.poll(() => crumbs.locator('li').allInnerTexts()).toEqual(['People team', 'Wiki', 'Onboarding guide', 'First week']);
    // The link back to an existing page is an ordinary link.
    expect(await page.getByTestId('wiki-page-body').locator('a', { hasText: 'Onboarding guide' }).getAttribute('href')).toBe(`/pages/${guideId}`);

    await crumbs.getByRole('link', { name: 'Onboarding guide' }).click();
    await page.getByTestId('wiki-children').getByRole('link', { name: 'First week' }).waitFor();
    await page.getByText('Linked from 1 other page.').waitFor();

    // The tree: the subpage under its parent, collapsible with a disclosure button.
    await page.goto(`${app.url}/spaces/${space.slug}/wiki`);
    const parentItem = page.getByTestId(`tree-${guideId}`);
    await parentItem.getByTestId(`tree-${childId}`).waitFor();
    const toggle = parentItem.getByRole('button', { name: /subpage of Onboarding guide/ });
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await toggle.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await parentItem.getByRole('link', { name: 'First week' }).isVisible()).toBe(false);
    await toggle.press('Enter');
    expect(await parentItem.getByRole('link', { name: 'First week' }).isVisible()).toBe(true);

    // Following the missing link opens the new-page form with the title filled in.
    await page.goto(`${app.url}/pages/${guideId}`);
    await page.getByTestId('wiki-page-body').locator('a.wiki-missing').click();
    await page.waitForURL(/\/wiki\/new\?title=/);
    expect(await page.getByTestId('wiki-title').inputValue()).toBe('Packing list');
  });

  it('edits a page, shows the diff between two revisions, and restores the first one', async () => {
    const page = await open(alice, `/pages/${guideId}`);
    await page.getByTestId('wiki-edit').click();
    const box = page.getByTestId('wiki-body');
    await box.fill(BODY_V1.replace('Read this first.', NEW_LINE));
    await page.getByTestId('wiki-save').click();
    await page.waitForURL(new RegExp(`/pages/${guideId}$`));
    await page.getByTestId('wiki-page-body').getByText(NEW_LINE).waitFor();
    await page.getByText('Version 2').waitFor();

    await page.getByTestId('wiki-history').click();
    await page.getByTestId('revision-1').waitFor();
    expect(await page.getByTestId('wiki-revisions').locator('li').count()).toBe(2);
    await page.getByTestId('revision-2').getByText('Alice Adler').waitFor();
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'wiki-history-light');
    await page.getByTestId('wiki-compare').click();
    await page.waitForURL(/\/diff\?from=1&to=2$/);
    const diff = page.getByTestId('wiki-diff');
    await diff.waitFor();
    expect(await diff.locator('li[data-op=add] ins').allTextContents()).toEqual([`added: ${NEW_LINE}`]);
    expect(await diff.locator('li[data-op=del] del').allTextContents()).toEqual(['removed: Read this first.']);
    expect(await diff.locator('li[data-op=add] .diff-marker').innerText()).toBe('+');
    await page.getByText('1 line added, 1 line removed').waitFor();
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'wiki-diff-light');

    await page.goto(`${app.url}/pages/${guideId}`);
    await page.getByTestId('wiki-page-body').waitFor();
    expect(await axe(page)).toEqual([]);

    // Restore version 1: asked first, then saved as version 3 with the old text.
    await page.getByTestId('wiki-history').click();
    await page.getByTestId('restore-1').click();
    const dialog = page.getByRole('dialog', { name: 'Restore version 1?' });
    await dialog.getByText('saved as the new version 3').waitFor();
    await dialog.getByRole('button', { name: 'Restore' }).click();
    await page.waitForURL(new RegExp(`/pages/${guideId}$`));
    await page.getByTestId('wiki-page-body').getByText('Read this first.').waitFor();
    await page.getByText('Version 3').waitFor();
    const saved = (await alice.call('GET', `/pages/${guideId}`)).body;
    expect(saved.version).toBe(3);
    expect(saved.body).toBe(BODY_V1);
  });

  it('shows both versions when someone saved in between, and merging keeps both texts', async () => {
    const a = await open(alice, `/pages/${guideId}/edit`);
    const b = await open(bob, `/pages/${guideId}/edit`);
    await a.getByTestId('wiki-body').waitFor();
    await b.getByTestId('wiki-body').waitFor();

    const bobText = `${BODY_V1}\n\nBob: lunch is at noon.`;
    await b.getByTestId('wiki-body').fill(bobText);
    await b.getByTestId('wiki-save').click();
    await b.waitForURL(new RegExp(`/pages/${guideId}$`));

    const aliceText = `${BODY_V1}\n\nAlice: the office opens at eight.`;
    await a.getByTestId('wiki-body').fill(aliceText);
    await a.getByTestId('wiki-save').click();
    const conflict = a.getByTestId('wiki-conflict');
    await conflict.waitFor();
    await conflict.getByText('Bob Brandt saved version 4 while you were editing').waitFor();
    expect(await a.getByTestId('wiki-conflict-current').locator('textarea').inputValue()).toBe(bobText);
    expect(await a.getByTestId('wiki-conflict-yours').locator('textarea').inputValue()).toBe(aliceText);
    expect(await axe(a)).toEqual([]);
    await screenshot(a, 'wiki-conflict-light');
    await a.setViewportSize({ width: 360, height: 900 });
    expect(await a.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(a, 'wiki-conflict-phone');
    await a.setViewportSize({ width: 1280, height: 900 });

    // Merge: Alice's text in the editor, Bob's beside it to copy from; saved against version 4.
    await a.getByTestId('wiki-merge').click();
    await a.getByText('Current version 4 by Bob Brandt, to copy from').waitFor();
    expect(await a.getByTestId('wiki-body').inputValue()).toBe(aliceText);
    await a.getByText('Based on version 4').waitFor();
    await a.getByTestId('wiki-body').fill(`${aliceText}\n\nBob: lunch is at noon.`);
    await a.getByTestId('wiki-save').click();
    await a.waitForURL(new RegExp(`/pages/${guideId}$`));
    const merged = (await alice.call('GET', `/pages/${guideId}`)).body;
    expect(merged.version).toBe(5);
    expect(merged.body).toContain('Alice: the office opens at eight.');
    expect(merged.body).toContain('Bob: lunch is at noon.');

    // Bob's second save from the same old base: "save my version" writes his text over version 5 on purpose.
    const c = await open(bob, `/pages/${guideId}/edit`);
    await c.getByTestId('wiki-body').waitFor();
    await alice.call('PUT', `/pages/${guideId}`, { title: 'Onboarding guide', body: `${merged.body}\n\nMore.`, baseVersion: 5 });
    await c.getByTestId('wiki-body').fill('Bob only.');
    await c.getByTestId('wiki-save').click();
    await c.getByTestId('wiki-conflict').waitFor();
    await c.getByTestId('wiki-keep-mine').click();
    await c.waitForURL(new RegExp(`/pages/${guideId}$`));
    expect((await bob.call('GET', `/pages/${guideId}`)).body).toMatchObject({ version: 7, body: 'Bob only.' });
    // Nothing was lost: every text is in the history.
    const versions = (await bob.call('GET', `/pages/${guideId}/revisions`)).body.items.map((r: { version: number }) => r.version);
    expect(versions).toEqual([7, 6, 5, 4, 3, 2, 1]);
  });

  it('moves and reorders pages with the dialog and explains a move below itself', async () => {
    const ids: Record<string, number> = {};
    for (const title of ['Alpha', 'Beta', 'Gamma']) ids[title] = (await alice.call('POST', `/spaces/${space.id}/pages`, { title, body: '' })).body.id;
    const page = await open(alice, `/spaces/${space.slug}/wiki`);
    const topTitles = () => page.locator('.wiki-tree-nav > .wiki-tree > li > .wiki-tree-row .wiki-tree-link').allInnerTexts();
    await page.getByTestId(`tree-${ids.Gamma}`).waitFor();
    expect(await topTitles()).toEqual(['Onboarding guide', 'Alpha', 'Beta', 'Gamma']);

    // Gamma first, by keyboard: every page was created at position 0, so the plan renumbers first.
    await page.getByRole('button', { name: 'Move Gamma' }).press('Enter');
    const dialog = page.getByTestId('wiki-move-dialog');
    await dialog.getByTestId('wiki-move-place').selectOption({ label: 'First' });
    await dialog.getByTestId('wiki-move-submit').press('Enter');
    await expect.poll(topTitles).toEqual(['Gamma', 'Onboarding guide', 'Alpha', 'Beta']);
    // Then Alpha after Beta.
    await page.getByRole('button', { name: 'Move Alpha' }).click();
    await dialog.getByTestId('wiki-move-place').selectOption({ label: 'After “Beta”' });
    await dialog.getByTestId('wiki-move-submit').click();
    await expect.poll(topTitles).toEqual(['Gamma', 'Onboarding guide', 'Beta', 'Alpha']);

    // The page itself and its subpages cannot be chosen as the new parent.
    await page.getByRole('button', { name: 'Move Onboarding guide' }).click();
    const parentSelect = dialog.getByTestId('wiki-move-parent');
    expect(await parentSelect.locator(`option[value="${childId}"]`).isDisabled()).toBe(true);
    expect(await parentSelect.locator(`option[value="${guideId}"]`).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // Someone else moves Beta under Alpha meanwhile: moving Alpha under Beta is now a cycle.
    await page.getByRole('button', { name: 'Move Alpha' }).click();
    await parentSelect.selectOption(String(ids.Beta));
    expect((await bob.call('PUT', `/pages/${ids.Beta}/position`, { parentId: ids.Alpha, position: 0 })).status).toBe(200);
    await dialog.getByTestId('wiki-move-submit').click();
    await dialog.getByRole('alert').getByText('A page cannot be moved below itself or one of its own subpages.').waitFor();
    await screenshot(page, 'wiki-move-cycle');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    // And with the tree fresh again, Beta is shown under Alpha.
    await page.getByTestId(`tree-${ids.Alpha}`).getByTestId(`tree-${ids.Beta}`).waitFor();
  });

  it('lists pages in the company-wide knowledge view', async () => {
    const page = await open(bob, '/knowledge');
    await page.getByTestId('knowledge-recent').getByRole('link', { name: 'Onboarding guide' }).waitFor();
    // The guide is linked from "First week": the most linked page.
    const linked = page.getByTestId('knowledge-linked').locator('li').first();
    expect(await linked.getByRole('link').innerText()).toBe('Onboarding guide');
    await linked.getByText('linked from 1 page').waitFor();
    const group = page.getByTestId('knowledge-spaces').getByRole('region', { name: /People team/ });
    await group.getByRole('link', { name: 'First week' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'wiki-knowledge-light');
  });

  it('lets a space manager delete a page after confirming', async () => {
    const id = (await alice.call('POST', `/spaces/${space.id}/pages`, { title: 'Old notes', body: 'Outdated.' })).body.id;
    const asBob = await open(bob, `/pages/${id}`);
    await asBob.getByTestId('wiki-page-body').waitFor();
    // Bob is a member: he may edit, not delete.
    expect(await asBob.getByTestId('wiki-edit').count()).toBe(1);
    expect(await asBob.getByTestId('wiki-delete').count()).toBe(0);

    const page = await open(alice, `/pages/${id}`);
    await page.getByTestId('wiki-delete').click();
    await page.getByRole('dialog', { name: 'Delete “Old notes”?' }).getByRole('button', { name: 'Delete page' }).click();
    await page.waitForURL(new RegExp(`/spaces/${space.slug}/wiki$`));
    await page.getByTestId(`tree-${guideId}`).waitFor();
    expect(await page.getByTestId(`tree-${id}`).count()).toBe(0);
    expect((await alice.call('GET', `/pages/${id}`)).status).toBe(404);
  });

  it('looks right in light, dark and on a 360 px phone', async () => {
    // The first revision has headings, a table, code and a link to a missing page.
    expect((await alice.call('POST', `/pages/${guideId}/restore`, { version: 1 })).status).toBe(200);
    for (const [scheme, width, name] of [
      ['light', 1280, 'light'],
      ['dark', 1280, 'dark'],
      ['light', 360, 'phone'],
    ] as const) {
      for (const [path, shot] of [
        [`/pages/${guideId}`, 'page'],
        [`/pages/${guideId}/diff?from=1&to=2`, 'diff'],
        [`/spaces/${space.slug}/wiki`, 'tree'],
        ['/knowledge', 'knowledge'],
      ] as const) {
        const page = await open(alice, path, { colorScheme: scheme, width });
        await page
          .locator('.wiki-page, .wiki-home, .knowledge-grid')
          .first()
          .waitFor({ timeout: 10_000 })
          .catch(async (e) => {
            await screenshot(page, `wiki-failed-${shot}-${name}`);
            throw new Error(`${path} (${name}): ${e}`);
          });
        await page.waitForLoadState('networkidle');
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${path} at ${width}px overflows by ${overflow}px`).toBeLessThanOrEqual(0);
        if (scheme === 'dark' && (shot === 'page' || shot === 'diff')) expect(await axe(page), `${path} dark`).toEqual([]);
        await screenshot(page, `wiki-${shot}-${name}`);
      }
    }
  });
});
