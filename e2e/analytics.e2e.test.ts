/**
 * Aggregate analytics in a real browser: only once the works agreement enables them, as weekly
 * totals, with small groups withheld and marked for screen readers too.
 */
import AxeBuilder from '@axe-core/playwright';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { HttpSession } from '../packages/server/src/test/process.js';
import { startApp, setupOrg, signUp, screenshot, browserPerFile, type App } from './harness.js';

describe('analytics', () => {
  let app: App;
  let admin: HttpSession;
  const browser = browserPerFile(() => app);

  beforeAll(async () => {
    app = await startApp();
    admin = await setupOrg(app);
    const council = await signUp(app, 'wanda', 'Wanda Works-Council');
    const wanda = (await council.call('GET', '/me')).body;
    expect((await admin.call('PUT', `/admin/people/${wanda.id}/roles/governance`)).status).toBe(200);
    const policy = (await admin.call('GET', '/policy')).body;
    const doc = { ...policy.document, modules: { ...policy.document.modules, analytics: true } };
    const proposal = await admin.call('POST', '/policy/versions', { document: doc, note: 'analytics on' });
    expect((await council.call('POST', `/policy/versions/${proposal.body.id}/approve`, { reason: 'agreed' })).body.status).toBe('active');
    const space = (await admin.call('POST', '/spaces', { name: 'Everyone', visibility: 'public' })).body;
    await admin.call('POST', '/posts', { spaceId: space.id, body: 'Hello' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('shows weekly totals with withheld figures marked, in light, dark and on a phone', async () => {
    const page = await browser.open(admin, '/analytics');
    await page.getByRole('heading', { name: 'Analytics', level: 1 }).waitFor();
    const table = page.getByTestId('analytics-table');
    await table.waitFor();
    // One person was active: below k, so every figure is withheld.
    expect(await table.getByText('Withheld: too few people').count()).toBeGreaterThan(0);
    await page.getByTestId('analytics-by').selectOption('department');
    await table.getByRole('columnheader', { name: 'Department' }).waitFor();
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await screenshot(page, 'analytics-light');
    const dark = await browser.open(admin, '/analytics', { colorScheme: 'dark' });
    await dark.getByTestId('analytics-table').waitFor();
    await screenshot(dark, 'analytics-dark');
    const phone = await browser.open(admin, '/analytics', { width: 360 });
    await phone.getByTestId('analytics-table').waitFor();
    await screenshot(phone, 'analytics-phone');
  });
});
