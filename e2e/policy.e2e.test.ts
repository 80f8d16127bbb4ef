/**
 * The works agreement in a real browser: an administrator proposes switching a module off, a
 * works-council member approves it in a second browser, the module's API then refuses with
 * 403 module_disabled, and an employee reads the agreement in German.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { HttpSession } from '../packages/server/src/test/process.js';
import { startApp, setupOrg, signUp, screenshot, browserPerFile, type App } from './harness.js';

describe('works agreement', () => {
  let app: App;
  let admin: HttpSession;
  let council: HttpSession;
  let employee: HttpSession;
  const browser = browserPerFile(() => app);

  beforeAll(async () => {
    app = await startApp();
    admin = await setupOrg(app);
    council = await signUp(app, 'wanda', 'Wanda Works-Council');
    employee = await signUp(app, 'emil', 'Emil Employee');
    const wanda = (await council.call('GET', '/me')).body.id;
    expect((await admin.call('PUT', `/admin/people/${wanda}/roles/governance`)).status).toBe(200);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('admin proposes switching questions off, the works council approves, the API refuses afterwards', async () => {
    expect((await employee.call('GET', '/questions')).status).toBe(200);

    const proposer = await browser.open(admin, '/policy/manage');
    await proposer.getByTestId('policy-module-questions').uncheck();
    await proposer.getByTestId('policy-note').fill('Questions move to the intranet');
    await proposer.getByTestId('policy-propose').click();
    const pending = proposer.getByTestId('policy-pending');
    await pending.waitFor();
    expect(await pending.textContent()).toContain('works council');
    // The proposer sees why they cannot approve their own version.
    expect(await proposer.getByTestId('policy-approve').count()).toBe(0);
    await screenshot(proposer, 'policy-manage-light');

    // Nothing changes before the approval.
    expect((await employee.call('GET', '/questions')).status).toBe(200);

    const approver = await browser.open(council, '/policy/manage', { colorScheme: 'dark' });
    await approver.getByTestId('policy-pending').waitFor();
    await screenshot(approver, 'policy-manage-dark');
    await approver.getByTestId('policy-reason').fill('Agreed in the works council meeting');
    await approver.getByTestId('policy-approve').click();
    await approver.getByText('No change is waiting for approval.').waitFor();
    await approver.getByTestId('audit-verify').click();
    await approver.getByTestId('audit-result').waitFor();
    expect(await approver.getByTestId('audit-result').textContent()).toContain('Intact');

    const refused = await employee.call('GET', '/questions');
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'module_disabled', details: { module: 'questions', policyVersion: 2 } });
  });

  it('an employee reads the agreement in German, with who approved it, on a phone too', async () => {
    expect((await employee.call('PATCH', '/me', { locale: 'de' })).status).toBe(200);
    const page = await browser.open(employee, '/policy');
    await page.getByRole('heading', { name: 'Betriebsvereinbarung', level: 1 }).waitFor();
    const modules = page.getByTestId('policy-section-modules');
    await modules.waitFor();
    expect(await modules.textContent()).toContain('Abgeschaltet sind: Fragen und Antworten');
    expect(await page.getByText('Version 2, in Kraft seit').count()).toBe(1);
    const approval = await page.locator('.policy-decisions').first().textContent();
    expect(approval).toContain('Wanda Works-Council');
    expect(approval).toContain('Agreed in the works council meeting');
    // Employees read; changing is for administrators and the works council.
    expect(await page.getByTestId('policy-manage-link').count()).toBe(0);
    expect(await page.getByTestId('policy-version-1').textContent()).toContain('Ersetzt');
    await screenshot(page, 'policy-de-light');

    const phone = await browser.open(employee, '/policy', { width: 360, colorScheme: 'dark' });
    await phone.getByRole('heading', { name: 'Betriebsvereinbarung', level: 1 }).waitFor();
    await phone.getByTestId('policy-section-modules').waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(phone, 'policy-de-phone-dark');

    expect(await phone.getByTestId('annex-pdf').getAttribute('href')).toBe('/api/v1/policy/annex.pdf?locale=de');
  });
});
