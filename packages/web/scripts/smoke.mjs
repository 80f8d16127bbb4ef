#!/usr/bin/env node
// Dev helper: a two-person smoke run against a running demo server (realtime banner, mentions, comments, reactions).
// Usage: node packages/web/scripts/smoke.mjs http://localhost:3100
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://localhost:3100';
const PW = 'foyer-demo-2026';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const errors = [];
async function signIn(email) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => errors.push(`${email}: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && !m.text().includes('401') && errors.push(`${email}: ${m.text()}`));
  await page.goto(`${base}/sign-in`);
  await page.getByTestId(`demo-account-${email}`).click();
  await page.getByRole('button', { name: /^(Sign in|Anmelden)$/ }).click();
  await page.getByTestId('notification-bell').waitFor();
  return page;
}
const step = (s) => console.log('✓', s);
const a = await signIn('sophie.mueller@nordlicht.example');
const b = await signIn('lena.hoffmann@nordlicht.example');
step('both signed in');

await b.goto(`${base}/spaces/ask-it`);
await b.getByTestId('composer-input').waitFor();
const bellBefore = await b.getByTestId('notification-bell').getAttribute('aria-label');
await a.goto(`${base}/spaces/ask-it`);
const input = a.getByTestId('composer-input');
await input.click();
await input.pressSequentially('Smoke test hello @lena.h');
await a.getByTestId('mention-option-lena.hoffmann').waitFor({ timeout: 5000 });
await a.keyboard.press('Enter');
await input.pressSequentially('how are you? #smoketest');
const value = await input.inputValue();
if (!value.includes('@lena.hoffmann ')) throw new Error(`mention not inserted: ${value}`);
step('mention autocomplete inserted @lena.hoffmann');
await a.getByTestId('composer-submit').click();
await a.getByText('Smoke test hello').first().waitFor();
step('post appears for author');

await b.getByTestId('new-posts-banner').waitFor({ timeout: 10000 });
console.log('  banner:', await b.getByTestId('new-posts-banner').innerText());
await b.getByTestId('new-posts-banner').click();
await b.getByText('Smoke test hello').first().waitFor();
step('realtime banner shows and loads the new post');
await b.waitForFunction(
  (before) => document.querySelector('[data-testid=notification-bell]')?.getAttribute('aria-label') !== before,
  bellBefore,
  { timeout: 10000 },
);
console.log('  bell:', await b.getByTestId('notification-bell').getAttribute('aria-label'));
step('bell count updated by notification.created');

// Comment from B on the post; A's list updates the comment count.
const postEl = b.locator('[data-testid^=post-]', { hasText: 'Smoke test hello' }).first();
const postId = (await postEl.getAttribute('data-testid')).replace('post-', '');
await b.goto(`${base}/posts/${postId}`);
await b.getByTestId('comment-input').fill('Nice one @sophie.mueller');
await b.getByTestId('comment-submit').click();
await b.getByText('Nice one').first().waitFor();
step('comment posted');
await a.locator(`[data-testid=post-${postId}]`).getByText(/1 (comment|Kommentar)/).waitFor({ timeout: 10000 });
step('author sees the comment count update in realtime');

// Reaction from A shows on B's detail page.
await a.locator(`[data-testid=post-${postId}]`).getByRole('button', { name: /Add reaction|Reaktion hinzufügen/ }).click();
await a.locator(`[data-testid=post-${postId}]`).getByTestId('react-celebrate').click();
await a.locator(`[data-testid=post-${postId}]`).getByTestId('reaction-chip-celebrate').waitFor();
await b.getByTestId('reaction-chip-celebrate').waitFor({ timeout: 10000 });
step('reaction shows for both');

// Unreachable mention: Lena is not in the secret works-council space.
await a.goto(`${base}/spaces/betriebsrat`);
await a.getByTestId('composer-input').fill('Private note for @lena.hoffmann');
await a.getByTestId('composer-submit').click();
await a.getByTestId('unreachable-mentions').waitFor({ timeout: 5000 });
console.log('  warning:', await a.getByTestId('unreachable-mentions').innerText());
step('unreachable mention warning');

// Notifications page: mark all read -> bell says none unread.
await b.goto(`${base}/notifications`);
await b.getByRole('button', { name: /Mark all as read|Alle als gelesen/ }).click();
await b.waitForFunction(() => /none unread|keine ungelesen/.test(document.querySelector('[data-testid=notification-bell]')?.getAttribute('aria-label') ?? ''));
step('mark all read');

await browser.close();
if (errors.length) {
  console.log('page errors:\n' + errors.join('\n'));
  process.exit(1);
}
console.log('smoke ok');
