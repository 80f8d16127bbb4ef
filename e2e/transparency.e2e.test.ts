/**
 * The transparency centre in a real browser: a person sees what Foyer holds about them, prepares
 * a download of their data and follows its progress, and signs out a session on another device.
 */
import AxeBuilder from '@axe-core/playwright';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { HttpSession } from '../packages/server/src/test/process.js';
import { startApp, setupOrg, signUp, screenshot, browserPerFile, PASSWORD, type App } from './harness.js';

describe('transparency centre', () => {
  let app: App;
  let person: HttpSession;
  let otherDevice: HttpSession;
  const browser = browserPerFile(() => app);

  beforeAll(async () => {
    app = await startApp();
    await setupOrg(app);
    person = await signUp(app, 'tara', 'Tara Transparent');
    const space = (await person.call('POST', '/spaces', { name: 'Book club', visibility: 'public' })).body;
    await person.call('POST', '/posts', { spaceId: space.id, body: 'Reading list for December' });
    // The same person signed in a second time: another device.
    otherDevice = new HttpSession(app.url);
    expect((await otherDevice.call('POST', '/auth/sign-in', { email: 'tara@example.com', password: PASSWORD })).status).toBe(200);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('shows my data by category, prepares a download with progress, and lists my sessions', async () => {
    const page = await browser.open(person, '/transparency');
    await page.getByRole('heading', { name: 'Transparency centre', level: 1 }).waitFor();
    const data = page.getByTestId('privacy-data');
    // The heading renders before the figures arrive: wait for the row rather than counting at once.
    await data.getByRole('row', { name: /Posts 1/ }).waitFor();
    await page.getByTestId('export-request').click();
    const link = page.getByTestId('export-download');
    await link.waitFor({ timeout: 20_000 });
    expect(await link.getAttribute('href')).toMatch(/\/api\/v1\/me\/exports\/\d+\/download$/);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^foyer-export-\d{4}-\d{2}-\d{2}\.zip$/);
    const sessions = page.getByTestId('session-list');
    await sessions.getByText('This device').waitFor();
    await expect(sessions.getByText('This device').count()).resolves.toBe(1);
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await screenshot(page, 'transparency-light');
    const dark = await browser.open(person, '/transparency', { colorScheme: 'dark' });
    await dark.getByTestId('export-download').waitFor();
    await screenshot(dark, 'transparency-dark');
    const phone = await browser.open(person, '/transparency', { width: 360 });
    await phone.getByTestId('export-download').waitFor();
    await screenshot(phone, 'transparency-phone');

    // Signing out the other device ends that session for real.
    expect((await otherDevice.call('GET', '/me')).status).toBe(200);
    await page.getByTestId('sessions-end-others').click();
    await page.getByTestId('sessions-end-others').waitFor({ state: 'detached' });
    expect((await otherDevice.call('GET', '/me')).status).toBe(401);
  });

  it('in German, with plural-aware texts', async () => {
    await person.call('PATCH', '/me', { locale: 'de' });
    const page = await browser.open(person, '/transparency');
    await page.getByRole('heading', { name: 'Transparenzcenter', level: 1 }).waitFor();
    await page.getByText('Deine Daten herunterladen').waitFor();
    await screenshot(page, 'transparency-de');
    await person.call('PATCH', '/me', { locale: 'en' });
  });
});
