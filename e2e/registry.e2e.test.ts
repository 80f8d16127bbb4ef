/**
 * The closed-space registry in a real browser: the organisation's rules for secret spaces (a
 * stated purpose, accepted guidelines) apply when a member creates one; a person given the
 * governance role sees the space's purpose but none of its content, and everyone sees that look.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { HttpSession } from '../packages/server/src/test/process.js';
import { startApp, launch, setupOrg, signUp, contextFor, screenshot, watchPage, type App } from './harness.js';

const GUIDELINES = 'Be kind.\nNo customer data in closed spaces.\n<b>Not bold</b>';
const PURPOSE = 'Planning the works council election';
const CONTENT = 'Draft list of candidates, strictly internal';
// Extra copies for review, outside the repository.
const SHOTS = process.env.REGISTRY_SHOTS;

describe('closed-space registry', () => {
  let app: App;
  let browser: Browser;
  let admin: HttpSession;
  let member: HttpSession;
  let warden: HttpSession;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  async function open(session: HttpSession, urlPath: string, opts: { colorScheme?: 'light' | 'dark'; width?: number } = {}): Promise<Page> {
    const ctx = await contextFor(browser, app, session, opts);
    contexts.push(ctx);
    const page = await ctx.newPage();
    problems.push(...watchPage(page));
    await page.goto(`${app.url}${urlPath}`);
    return page;
  }

  async function shot(page: Page, name: string) {
    await screenshot(page, name);
    if (!SHOTS) return;
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  }

  beforeAll(async () => {
    app = await startApp();
    browser = await launch();
    admin = await setupOrg(app);
    member = await signUp(app, 'mara', 'Mara Member');
    warden = await signUp(app, 'gert', 'Gert Governance');
  });
  afterEach(async () => {
    for (const ctx of contexts.splice(0)) await ctx.close().catch(() => undefined);
    expect(problems.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('secret spaces need a purpose and accepted guidelines; the governance role sees the purpose, never content, and the look is logged', async () => {
    // An administrator sets the rules.
    const rules = await open(admin, '/admin/closed-spaces');
    await rules.getByTestId('purpose-required').check();
    await rules.getByTestId('space-guidelines-input').fill(GUIDELINES);
    await rules.getByTestId('closed-spaces-save').click();
    await rules.getByText('Saved.', { exact: true }).waitFor();
    await shot(rules, 'registry-admin-rules-light');
    const darkRules = await open(admin, '/admin/closed-spaces', { colorScheme: 'dark' });
    await darkRules.getByTestId('purpose-required').isChecked().then((v) => expect(v).toBe(true));
    await shot(darkRules, 'registry-admin-rules-dark');

    // A member creates a secret space: first without a purpose.
    const creator = await open(member, '/spaces');
    await creator.getByTestId('create-space').click();
    const dialog = creator.getByTestId('create-space-dialog');
    await dialog.getByLabel('Name').fill('Election committee');
    await dialog.getByRole('radio', { name: /^Secret/ }).check();
    const guidelines = dialog.getByTestId('space-guidelines');
    await guidelines.waitFor();
    // Plain text with its line breaks, nothing interpreted as HTML.
    expect(await guidelines.innerText()).toBe(GUIDELINES);
    expect(await guidelines.locator('b').count()).toBe(0);
    await dialog.getByTestId('accept-guidelines').check();
    await dialog.getByRole('button', { name: 'Create space' }).click();
    const error = dialog.getByTestId('space-create-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('Secret spaces need a stated purpose');
    await dialog.getByTestId('space-purpose').fill(PURPOSE);
    await shot(creator, 'registry-space-form-light');
    await dialog.getByRole('button', { name: 'Create space' }).click();
    await creator.getByTestId('registry-note').waitFor();
    const slug = new URL(creator.url()).pathname.split('/')[2];
    const space = (await member.call('GET', `/spaces/by-slug/${slug}`)).body;
    expect(space.purpose).toBe(PURPOSE);
    expect((await member.call('POST', '/posts', { spaceId: space.id, body: CONTENT })).status).toBeLessThan(300);

    // An administrator grants the governance role.
    const people = await open(admin, '/admin');
    const row = people.getByTestId('admin-person-gert');
    await row.getByTestId('role-governance').check();
    await expect.poll(() => row.getByTestId('role-governance').isChecked()).toBe(true);
    const granted = (await admin.call('GET', '/admin/people?q=gert')).body;
    expect(granted.items[0].roles).toEqual(['governance']);

    // The governance role opens the registry from the user menu.
    const gov = await open(warden, '/');
    await gov.getByRole('button', { name: /Account menu/ }).click();
    await gov.getByTestId('nav-governance').click();
    const entry = gov.getByTestId(`registry-${slug}`);
    await entry.waitFor();
    expect(await entry.textContent()).toContain('Election committee');
    expect(await entry.textContent()).toContain(PURPOSE);
    expect(await entry.textContent()).toContain('Mara Member');
    expect(await gov.content()).not.toContain(CONTENT);
    await gov.getByTestId('registry-views').getByText('Gert Governance').waitFor();
    await shot(gov, 'registry-governance-light');
    const darkGov = await open(warden, '/governance', { colorScheme: 'dark' });
    await darkGov.getByTestId(`registry-${slug}`).waitFor();
    await shot(darkGov, 'registry-governance-dark');
    const phone = await open(warden, '/governance', { width: 390 });
    await phone.getByTestId(`registry-${slug}`).waitFor();
    await shot(phone, 'registry-governance-390');

    // Every employee sees the look in the log, linked from the space.
    const log = await open(member, `/spaces/${slug}`);
    await log.getByTestId('registry-note').getByRole('link').click();
    await log.getByTestId('registry-views').getByText('Gert Governance').first().waitFor();
    expect(await log.getByTestId('registry-table').count()).toBe(0);
    await shot(log, 'registry-views-log');
  });
});
