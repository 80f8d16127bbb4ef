/**
 * Every main screen, light and dark, desktop and phone: axe-core finds no serious or critical
 * violations, the page does not scroll sideways at 360 px, and no script error or CSP violation
 * occurs. Runs against the demo company, in English and German.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { startApp, launch, contextFor, screenshot, watchPage, type App } from './harness.js';
import { HttpSession } from '../packages/server/src/test/process.js';

const DEMO_PASSWORD = 'foyer-demo-2026';

describe('accessibility and layout of the main screens', () => {
  let app: App;
  let browser: Browser;
  let employee: HttpSession;
  let admin: HttpSession;
  let paths: string[] = [];
  beforeAll(async () => {
    app = await startApp({ demo: true });
    browser = await launch();
    const accounts = await (await fetch(`${app.url}/api/v1/auth/demo-accounts`)).json();
    const email = (label: RegExp) => accounts.find((a: any) => label.test(a.label)).email;
    employee = new HttpSession(app.url);
    await employee.call('POST', '/auth/sign-in', { email: email(/Employee/), password: DEMO_PASSWORD });
    admin = new HttpSession(app.url);
    await admin.call('POST', '/auth/sign-in', { email: email(/Admin/), password: DEMO_PASSWORD });
    const feed = (await employee.call('GET', '/feed')).body.items;
    const space = (await employee.call('GET', '/spaces?filter=mine')).body.items[0];
    const me = (await employee.call('GET', '/me')).body;
    const tag = feed.find((p: any) => p.hashtags.length)?.hashtags[0] ?? 'onboarding';
    paths = ['/', '/spaces', `/spaces/${space.slug}`, `/posts/${feed[0].id}`, '/people', `/people/${me.handle}`, `/tags/${tag}`, '/notifications', '/saved', '/settings'];
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function audit(session: HttpSession | null, path: string, scheme: 'light' | 'dark', width: number, shot: string) {
    const ctx = session
      ? await contextFor(browser, app, session, { colorScheme: scheme, width })
      : await browser.newContext({ colorScheme: scheme, viewport: { width, height: 900 }, locale: 'en-GB' });
    const page = await ctx.newPage();
    const problems = watchPage(page);
    await page.goto(`${app.url}${path}`);
    await page.waitForLoadState('networkidle');
    await page.locator('main').first().waitFor();
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (shot) await screenshot(page, shot);
    await ctx.close();
    return { serious: serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`), overflow, problems };
  }

  for (const scheme of ['light', 'dark'] as const) {
    it(`has no serious violations in ${scheme} mode (employee screens)`, async () => {
      for (const p of paths) {
        const r = await audit(employee, p, scheme, 1280, p === '/' ? `home-${scheme}` : '');
        expect(r.serious, `${p} ${scheme}`).toEqual([]);
        expect(r.problems, `${p} ${scheme}`).toEqual([]);
      }
    });
    it(`has no serious violations in ${scheme} mode (admin and sign-in)`, async () => {
      for (const [session, p] of [[admin, '/admin'], [null, '/sign-in']] as const) {
        const r = await audit(session, p, scheme, 1280, `${p.slice(1)}-${scheme}`);
        expect(r.serious, `${p} ${scheme}`).toEqual([]);
        expect(r.problems, `${p} ${scheme}`).toEqual([]);
      }
    });
  }

  it('fits a 360 px phone screen without sideways scrolling', async () => {
    for (const p of paths) {
      const r = await audit(employee, p, 'light', 360, p === '/' || p.startsWith('/posts') ? `phone${p.replace(/\//g, '-')}` : '');
      expect(r.overflow, `${p} overflows by ${r.overflow}px`).toBeLessThanOrEqual(0);
      expect(r.serious, p).toEqual([]);
    }
  });

  it('speaks German for a German-speaking employee', async () => {
    await employee.call('PATCH', '/me', { locale: 'de' });
    const ctx = await contextFor(browser, app, employee);
    const page = await ctx.newPage();
    await page.goto(`${app.url}/notifications`);
    await page.locator('main').first().waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('de');
    await page.getByRole('heading', { name: 'Benachrichtigungen' }).waitFor();
    await screenshot(page, 'notifications-de');
    await ctx.close();
    await employee.call('PATCH', '/me', { locale: 'en' });
  });

  it('is operable with the keyboard: skip link, then the composer', async () => {
    const ctx = await contextFor(browser, app, employee);
    const page = await ctx.newPage();
    await page.goto(`${app.url}/`);
    // The composer renders once its space list has loaded; tab only through the finished page.
    await page.getByTestId('composer-input').waitFor();
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement?.textContent?.trim());
    expect(first).toMatch(/Skip to content|Zum Inhalt springen/);
    await page.keyboard.press('Enter');
    for (let i = 0; i < 40; i++) {
      const id = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
      if (id === 'composer-input') break;
      await page.keyboard.press('Tab');
    }
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('composer-input');
    await ctx.close();
  });
});
