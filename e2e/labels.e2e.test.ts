/**
 * Sensitivity labels in a real browser: the composer's audience preview follows the chosen label
 * (a Confidential post leaves the guest out), the guest never sees such a post, and lowering a
 * post's label needs the space owner and an explicit confirmation of the new readers.
 */
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { HttpSession } from '../packages/server/src/test/process.js';
import { startApp, launch, setupOrg, signUp, contextFor, screenshot, watchPage, type App } from './harness.js';

const SECRET = 'Margin on the partner deal is 31 percent';
const OPEN = 'Kick-off agenda for everyone';

/** Serious or critical axe-core findings on the page as it is now. */
async function axeSerious(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}
describe('sensitivity labels', () => {
  let app: App;
  let browser: Browser;
  let admin: HttpSession;
  let owner: HttpSession;
  let author: HttpSession;
  let guest: HttpSession;
  let space: { id: number; slug: string };
  let secretId = 0;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  async function open(session: HttpSession, path: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
    const ctx = await contextFor(browser, app, session, { colorScheme });
    contexts.push(ctx);
    const page = await ctx.newPage();
    problems.push(...watchPage(page));
    await page.goto(`${app.url}${path}`);
    return page;
  }

  /** Opens the post's "Change label" dialog and picks a label. */
  async function chooseLabel(page: Page, label: string) {
    await page.getByTestId(`post-${secretId}`).getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('button', { name: 'Change label' }).click();
    await page.getByTestId('change-label-select').selectOption({ label });
  }

  beforeAll(async () => {
    app = await startApp();
    browser = await launch();
    admin = await setupOrg(app);
    owner = await signUp(app, 'olga', 'Olga Owner');
    author = await signUp(app, 'emil', 'Emil Employee');
    guest = await signUp(app, 'gwen', 'Gwen Guest');
    const guestId = (await guest.call('GET', '/me')).body.id;
    expect((await admin.call('PATCH', `/admin/people/${guestId}`, { role: 'guest' })).status).toBe(200);
    space = (await owner.call('POST', '/spaces', { name: 'Partner project', visibility: 'private' })).body;
    for (const member of [author, guest]) {
      const id = (await member.call('GET', '/me')).body.id;
      expect((await owner.call('POST', `/spaces/${space.id}/members`, { userId: id })).status).toBe(204);
      expect((await member.call('POST', `/spaces/${space.id}/accept`)).status).toBe(200);
    }
    await owner.call('POST', '/posts', { spaceId: space.id, body: OPEN });
  });
  afterEach(async () => {
    for (const ctx of contexts.splice(0)) await ctx.close().catch(() => undefined);
    expect(problems.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows who will read a post while composing; Confidential leaves the guest out', async () => {
    const page = await open(author, `/spaces/${space.slug}`);
    const summary = page.getByTestId('audience-summary');
    // Three members (owner, author, guest); the space default is Internal, which guests may read.
    await expect.poll(() => summary.textContent()).toBe('Visible to 3 people · 1 guest');
    await page.getByTestId('composer-label').selectOption({ label: 'Confidential' });
    await expect.poll(() => summary.textContent()).toBe('Visible to 2 people · no guests');
    await page.getByRole('button', { name: 'Show who' }).click();
    await page.getByRole('heading', { name: 'Departments' }).waitFor();
    await screenshot(page, 'labels-composer-audience');
    expect(await axeSerious(page)).toEqual([]);

    await page.getByTestId('composer-input').fill(SECRET);
    await page.getByTestId('composer-submit').click();
    const card = page.locator('article.post', { hasText: SECRET });
    await card.getByText('Label: Confidential').waitFor();
    const posts = (await author.call('GET', `/spaces/${space.id}/posts`)).body.items as { id: number; body: string; label: number }[];
    const created = posts.find((p) => p.body === SECRET);
    expect(created?.label).toBe(300);
    secretId = created!.id;
  });

  it('never shows the confidential post to the guest in the space feed', async () => {
    const page = await open(guest, `/spaces/${space.slug}`);
    // The feed has rendered (the Internal post is there) before the absence is checked.
    await page.locator('article.post', { hasText: OPEN }).getByText('Label: Internal').waitFor();
    expect(await page.getByText(SECRET).count()).toBe(0);
    expect((await guest.call('GET', `/posts/${secretId}`)).status).toBe(404);
  });

  it('lowering the label: the author is refused, the owner must confirm the new reader', async () => {
    // The author is no space owner: the server refuses to let more people read confidential content.
    const a = await open(author, `/posts/${secretId}`);
    await chooseLabel(a, 'Internal');
    await a.getByTestId('new-readers').getByText('1 more person would be able to read this post.').waitFor();
    expect(await a.getByTestId('change-label-save').isDisabled()).toBe(true);
    await a.getByTestId('confirm-new-readers').check();
    await a.getByTestId('change-label-save').click();
    await a.getByRole('alert').filter({ hasText: 'Only a space owner can let more people read confidential content.' }).waitFor();
    expect((await author.call('GET', `/posts/${secretId}`)).body.label).toBe(300);

    const o = await open(owner, `/posts/${secretId}`);
    await chooseLabel(o, 'Internal');
    const warning = o.getByTestId('new-readers');
    await warning.getByText('1 more person would be able to read this post.').waitFor();
    // Nothing is sent before the new reader is confirmed.
    expect(await o.getByTestId('change-label-save').isDisabled()).toBe(true);
    await o.getByTestId('confirm-new-readers').check();
    await screenshot(o, 'labels-change-dialog');
    expect(await axeSerious(o)).toEqual([]);
    await o.getByTestId('change-label-save').click();
    await o.getByTestId('change-label-dialog').getByRole('heading').waitFor({ state: 'hidden' });
    await o.getByTestId(`post-${secretId}`).getByText('Label: Internal').waitFor();
    expect((await owner.call('GET', `/posts/${secretId}`)).body.label).toBe(200);

    // Now the guest reads it.
    const g = await open(guest, `/spaces/${space.slug}`);
    await g.locator('article.post', { hasText: SECRET }).getByText('Label: Internal').waitFor();
  });

  it('lets an administrator rename, add and delete labels, and explains why a label in use stays', async () => {
    const page = await open(admin, '/admin/labels', 'dark');
    const confidential = page.getByTestId('admin-label-300');
    await confidential.getByLabel('Name in English').fill('Confidential (partners)');
    await confidential.getByRole('button', { name: 'Save' }).click();
    await confidential.getByRole('status').getByText('Saved.').waitFor();
    await confidential.getByText('Label: Confidential (partners)').waitFor();
    expect((await owner.call('GET', '/labels')).body.items.find((l: { level: number }) => l.level === 300).name.en).toBe('Confidential (partners)');

    // Internal is the space default and the guest maximum: the server keeps it, the page says why.
    const internal = page.getByTestId('admin-label-200');
    await internal.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await internal.getByRole('alert').getByText(/still in use/).waitFor();

    const add = page.getByRole('region', { name: 'Add a label' });
    await add.getByLabel('Level', { exact: true }).fill('250');
    await add.getByLabel('Name in English').fill('Partners');
    await add.getByLabel('Name in German').fill('Partner');
    await add.getByRole('button', { name: 'Add label' }).click();
    const added = page.getByTestId('admin-label-250');
    await added.getByText('Label: Partners').waitFor();
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'labels-admin-dark');
    await added.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await added.waitFor({ state: 'detached' });
    expect((await owner.call('GET', '/labels')).body.items.map((l: { level: number }) => l.level)).toEqual([100, 200, 300, 400]);
  });
});
