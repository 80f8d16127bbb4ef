/**
 * Sealed access in a real browser: an administrator asks to read a direct conversation, a
 * works-council member and a second administrator approve in their own browsers, the requester
 * reads only that conversation behind the banner, and the employee finds the notice in their
 * transparency centre.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { HttpSession } from '../packages/server/src/test/process.js';
import AxeBuilder from '@axe-core/playwright';
import { startApp, setupOrg, signUp, screenshot, browserPerFile, type App } from './harness.js';

describe('sealed access', () => {
  let app: App;
  let admin: HttpSession, admin2: HttpSession, council: HttpSession, emma: HttpSession, finn: HttpSession;
  let conversation: number;
  let emmaId: number;
  const browser = browserPerFile(() => app);

  beforeAll(async () => {
    app = await startApp();
    admin = await setupOrg(app);
    admin2 = await signUp(app, 'adam', 'Adam Second');
    council = await signUp(app, 'wanda', 'Wanda Council');
    emma = await signUp(app, 'emma', 'Emma Employee');
    finn = await signUp(app, 'finn', 'Finn Colleague');
    const id = async (s: HttpSession) => (await s.call('GET', '/me')).body.id as number;
    emmaId = await id(emma);
    expect((await admin.call('PATCH', `/admin/people/${await id(admin2)}`, { role: 'admin' })).status).toBe(200);
    expect((await admin.call('PUT', `/admin/people/${await id(council)}/roles/governance`)).status).toBe(200);
    conversation = (await emma.call('POST', '/conversations', { kind: 'direct', userId: await id(finn) })).body.id;
    await emma.call('POST', `/conversations/${conversation}/messages`, { body: 'Meet me after the audit', clientKey: 'e2e-sealed-1' });
    const other = (await emma.call('POST', '/conversations', { kind: 'direct', userId: await id(council) })).body.id;
    await emma.call('POST', `/conversations/${other}/messages`, { body: 'Not part of the scope', clientKey: 'e2e-sealed-2' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('asks, approves twice, reads only the scope, and tells the employee', async () => {
    const page = await browser.open(admin, '/sealed');
    await page.getByRole('heading', { name: 'Sealed access', level: 1 }).waitFor();
    // A person is found by name; the picker fills in the id the request carries.
    await page.getByTestId('sealed-scope-type').selectOption('person');
    await page.getByTestId('people-picker-input').fill('Emma');
    await page.getByTestId('pick-emma').click();
    expect(await page.getByTestId('sealed-scope-id').inputValue()).toBe(String(emmaId));
    await page.getByTestId('sealed-picked').waitFor();
    await screenshot(page, 'sealed-form-person');
    // The complaint names a conversation: nobody outside it can find it, so its id is typed.
    await page.getByTestId('sealed-scope-type').selectOption('conversation');
    expect(await page.getByTestId('sealed-scope-id').inputValue()).toBe('');
    await page.getByTestId('sealed-scope-id').fill(String(conversation));
    await page.getByTestId('sealed-from').fill('2020-01-01T00:00');
    await page.getByTestId('sealed-to').fill('2099-01-01T00:00');
    await page.getByTestId('sealed-basis-text').fill('Works agreement §12, case 17');
    await page.getByTestId('sealed-reason').fill('Complaint of harassment by a colleague');
    await page.getByTestId('sealed-submit').click();
    await page.locator('[data-testid=sealed-request][data-status=pending]').waitFor();

    const wanda = await browser.open(council, '/sealed');
    await wanda.getByTestId('sealed-approve').click();
    await wanda.locator('[data-testid=sealed-request] .sealed-decisions li').first().waitFor();
    const adam = await browser.open(admin2, '/sealed');
    await adam.getByTestId('sealed-approve').click();
    await adam.locator('[data-testid=sealed-request][data-status=approved]').waitFor();

    await page.reload();
    await page.getByTestId('sealed-open').click();
    await page.getByTestId('sealed-banner').getByText('Sealed access — read-only, logged').waitFor();
    const items = page.getByTestId('sealed-item');
    await items.first().waitFor();
    expect(await items.allInnerTexts()).toEqual([expect.stringContaining('Meet me after the audit')]);
    expect(await page.getByText('Not part of the scope').count()).toBe(0);
    // Form, request list and viewer on one page: no serious accessibility violation.
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);
    await screenshot(page, 'sealed-light');
    const dark = await browser.open(admin, '/sealed', { colorScheme: 'dark' });
    await dark.getByTestId('sealed-open').click();
    await dark.getByTestId('sealed-item').first().waitFor();
    await screenshot(dark, 'sealed-dark');
    const phone = await browser.open(admin, '/sealed', { width: 360 });
    await phone.getByTestId('sealed-list').waitFor();
    await screenshot(phone, 'sealed-phone');

    const t = await browser.open(emma, '/transparency');
    const notice = t.getByTestId('sealed-notice');
    await notice.waitFor();
    expect(await notice.innerText()).toContain('Complaint of harassment by a colleague');
    expect(await notice.innerText()).toContain('Wanda Council');
    await screenshot(t, 'sealed-notice');
  });
});
