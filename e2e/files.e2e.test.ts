/**
 * Files in a real browser: a space's files tab (uploads with progress, thumbnails, typed refusals,
 * folders, moves, versions), attachments on posts, and downloads that follow the space's policy.
 */
import AxeBuilder from '@axe-core/playwright';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { HttpSession } from '../packages/server/src/test/process.js';
import { startApp, setupOrg, signUp, screenshot, browserPerFile, type App } from './harness.js';

/** A small but real PDF, padded with a comment so that its size is easy to recognise. */
const pdf = (title: string, bytes = 2048) => {
  const head = `%PDF-1.4\n% ${title}\n1 0 obj << /Type /Catalog >> endobj\n`;
  return Buffer.from(`${head}%${'x'.repeat(Math.max(0, bytes - head.length - 8))}\n%%EOF\n`);
};

/** Upload bandwidth of the page, so that the progress of a few megabytes can be watched. */
async function throttleUploads(page: Page, bytesPerSecond: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: bytesPerSecond });
}

describe('files', () => {
  let app: App;
  let uma: HttpSession;
  let otto: HttpSession;
  let space: { id: number; slug: string };
  let noise: Buffer;
  const browser = browserPerFile(() => app);

  beforeAll(async () => {
    app = await startApp();
    await setupOrg(app);
    uma = await signUp(app, 'uma', 'Uma Uploader');
    otto = await signUp(app, 'otto', 'Otto Outsider');
    space = (await uma.call('POST', '/spaces', { name: 'Design', visibility: 'private' })).body;
    await otto.call('POST', '/spaces', { name: 'Elsewhere', visibility: 'private' });
    // Random pixels do not compress: a PNG of a few megabytes.
    noise = await sharp({ create: { width: 1400, height: 1000, channels: 3, noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
      .png({ compressionLevel: 1 })
      .toBuffer();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('uploads with progress, refuses a disguised file, organises folders and keeps versions', async () => {
    expect(noise.length).toBeGreaterThan(2_000_000);
    const page = await browser.open(uma, `/spaces/${space.slug}/files`);
    await page.getByRole('heading', { name: 'Files', level: 2 }).waitFor();
    // The organisation's limit is shown before anything is sent.
    await page.getByText('Up to 100 MB per file.').waitFor();

    // An image: a progress bar that moves, then the row with its thumbnail.
    await throttleUploads(page, 1_500_000);
    await page.getByTestId('files-input').setInputFiles({ name: 'poster.png', mimeType: 'image/png', buffer: noise });
    const bar = page.getByRole('progressbar', { name: 'Uploading poster.png' });
    await bar.waitFor();
    await page.waitForFunction(() => {
      const p = document.querySelector<HTMLProgressElement>('[data-testid="upload-progress"]');
      return p !== null && p.value > 0 && p.value < p.max;
    });
    await screenshot(page, 'files-progress');
    const poster = page.getByTestId('file-poster.png');
    await poster.waitFor({ timeout: 30_000 });
    await throttleUploads(page, -1);
    await bar.waitFor({ state: 'detached' });
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="file-poster.png"] img[data-testid="file-thumb"]');
      return img !== null && img.complete && img.naturalWidth > 0 && img.naturalWidth <= 480;
    });

    // A PDF: its icon and size.
    await page.getByTestId('files-input').setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: pdf('first', 2048) });
    const report = page.getByTestId('file-report.pdf');
    await report.waitFor();
    expect(await report.getAttribute('data-kind')).toBe('pdf');
    await report.getByText('PDF document').waitFor();
    expect(await report.getByTestId('file-size').textContent()).toBe('2 kB');

    // A PDF pretending to be a picture: a clear reason, and no entry in the list.
    await page.getByTestId('files-input').setInputFiles({ name: 'holiday.png', mimeType: 'image/png', buffer: pdf('disguised') });
    const error = page.getByTestId('upload-error');
    await error.waitFor();
    expect(await error.textContent()).toBe('holiday.png was not uploaded: the content is not what the name ending “.png” says.');
    expect(await page.getByTestId('file-holiday.png').count()).toBe(0);
    expect(await page.getByTestId('upload-retry').count()).toBe(0);
    await page.getByRole('button', { name: 'Dismiss holiday.png' }).click();
    await error.waitFor({ state: 'detached' });

    // A folder, and the PDF moved into it with the keyboard only.
    await page.getByTestId('new-folder').click();
    await page.getByTestId('name-input').fill('Reports');
    await page.getByTestId('name-input').press('Enter');
    const folder = page.getByTestId('folder-Reports');
    await folder.waitFor();
    await report.getByRole('button', { name: 'Actions for report.pdf' }).press('Enter');
    await page.getByTestId('file-move').press('Enter');
    const move = page.getByTestId('move-file-dialog');
    await move.getByTestId('move-open-Reports').press('Enter');
    await move.getByText('Move to: Reports').waitFor();
    await move.getByTestId('move-file-submit').press('Enter');
    await move.waitFor({ state: 'hidden' });
    await report.waitFor({ state: 'detached' });
    await folder.getByRole('link', { name: /Reports/ }).click();
    await page.getByRole('heading', { name: 'Reports', level: 2 }).waitFor();
    await page.getByTestId('folder-path').getByRole('link', { name: 'Files' }).waitFor();
    await report.waitFor();

    // A new version, and the history with both.
    await report.getByRole('button', { name: 'Actions for report.pdf' }).click();
    await page.getByTestId('file-versions').click();
    const versions = page.getByTestId('versions-dialog');
    await versions.getByTestId('file-version-1').waitFor();
    await versions.getByTestId('version-input').setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: pdf('second', 4096) });
    await versions.getByTestId('file-version-2').waitFor();
    await versions.getByTestId('file-version-2').getByText('Current').waitFor();
    expect(await versions.getByTestId('file-versions').getByRole('listitem').count()).toBe(2);
    const old = versions.getByRole('link', { name: 'Download version 1' });
    expect(await old.getAttribute('href')).toMatch(/^\/api\/v1\/files\/\d+\/versions\/1\/download$/);
    const oldBody = await page.request.get(`${app.url}${await old.getAttribute('href')}`);
    expect(oldBody.status()).toBe(200);
    expect((await oldBody.body()).length).toBe(2048);
    expect(oldBody.headers()['content-disposition']).toMatch(/^attachment/);
    await screenshot(page, 'files-versions');
    await versions.getByRole('button', { name: 'Close' }).click();
    await report.getByTestId('file-version-badge').waitFor();
    expect(await report.getByTestId('file-size').textContent()).toBe('4 kB');
  });

  it('looks right in light, dark and on a phone, without serious accessibility problems', async () => {
    const page = await browser.open(uma, `/spaces/${space.slug}/files`);
    await page.getByTestId('folder-Reports').waitFor();
    await page.getByTestId('file-poster.png').waitFor();
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await screenshot(page, 'files-light');
    const dark = await browser.open(uma, `/spaces/${space.slug}/files`, { colorScheme: 'dark' });
    await dark.getByTestId('file-poster.png').waitFor();
    const darkAxe = await new AxeBuilder({ page: dark }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(darkAxe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await screenshot(dark, 'files-dark');
    const phone = await browser.open(uma, `/spaces/${space.slug}/files`, { width: 360 });
    await phone.getByTestId('file-poster.png').waitFor();
    // Nothing sticks out sideways on a phone.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(phone, 'files-phone');
    await phone.getByTestId('folder-Reports').getByRole('link').click();
    await phone.getByTestId('file-report.pdf').waitFor();
    await screenshot(phone, 'files-phone-folder');
    await page.getByTestId('folder-Reports').getByRole('link').click();
    await page.getByTestId('file-report.pdf').waitFor();
    await screenshot(page, 'files-folder');
  });

  it('cancels an upload and sends it again', async () => {
    const page = await browser.open(uma, `/spaces/${space.slug}/files`);
    await page.getByTestId('file-poster.png').waitFor();
    await throttleUploads(page, 500_000);
    await page.getByTestId('files-input').setInputFiles({ name: 'second.png', mimeType: 'image/png', buffer: noise });
    await page.getByRole('progressbar', { name: 'Uploading second.png' }).waitFor();
    await page.getByRole('button', { name: 'Cancel uploading second.png' }).click();
    await page.locator('[data-testid="upload"][data-status="cancelled"]').waitFor();
    await throttleUploads(page, -1);
    await page.getByRole('button', { name: 'Try second.png again' }).click();
    await page.getByTestId('file-second.png').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('upload').count()).toBe(0);
    // Exactly one file came of the two attempts.
    const listed = (await uma.call('GET', `/spaces/${space.id}/files`)).body;
    expect(listed.items.filter((f: { name: string }) => f.name === 'second.png')).toHaveLength(1);
  });

  it('attaches a file to a post, and the download follows who may read the space', async () => {
    const page = await browser.open(uma, `/spaces/${space.slug}`);
    await page.getByTestId('composer-input').fill('Minutes of Monday, see the attachment');
    await page.getByTestId('composer-files').setInputFiles({ name: 'minutes.pdf', mimeType: 'application/pdf', buffer: pdf('minutes', 3000) });
    await page.locator('[data-testid="upload"][data-status="done"]').waitFor();
    await page.getByTestId('composer-submit').click();
    const attachment = page.getByTestId('attachments').getByRole('link', { name: 'minutes.pdf' });
    await attachment.waitFor();
    await page.getByTestId('attachments').getByText('PDF document').waitFor();
    // The draft is empty again.
    expect(await page.getByTestId('upload').count()).toBe(0);
    const url = (await attachment.getAttribute('href'))!;
    expect(url).toMatch(/^\/api\/v1\/files\/\d+\/download$/);
    await screenshot(page, 'files-post');

    const mine = await page.request.get(`${app.url}${url}`);
    expect(mine.status()).toBe(200);
    expect(mine.headers()['content-type']).toBe('application/pdf');
    expect(mine.headers()['content-disposition']).toMatch(/^attachment/);
    expect(mine.headers()['x-content-type-options']).toBe('nosniff');

    // Someone outside the private space: as if the file did not exist, for attachments and space files alike.
    expect((await otto.call('GET', url.replace('/api/v1', ''))).status).toBe(404);
    const listed = (await uma.call('GET', `/spaces/${space.id}/files`)).body;
    const poster = listed.items.find((f: { name: string }) => f.name === 'poster.png');
    expect((await otto.call('GET', `/files/${poster.id}/download`)).status).toBe(404);
    expect((await otto.call('GET', `/files/${poster.id}/thumb`)).status).toBe(404);
    expect((await otto.call('GET', `/spaces/${space.id}/files`)).status).toBe(404);
  });

  it('speaks German', async () => {
    await uma.call('PATCH', '/me', { locale: 'de' });
    const page = await browser.open(uma, `/spaces/${space.slug}/files`);
    await page.getByRole('heading', { name: 'Dateien', level: 2 }).waitFor();
    await page.getByText('Bis zu 100 MB pro Datei.').waitFor();
    await page.getByTestId('folder-Reports').getByRole('link').click();
    const report = page.getByTestId('file-report.pdf');
    await report.getByText('PDF-Dokument').waitFor();
    await report.getByRole('button', { name: 'Aktionen für report.pdf' }).click();
    await page.getByTestId('file-delete').click();
    await page.getByText('„report.pdf“ mit allen 2 Versionen löschen? Das lässt sich nicht rückgängig machen.').waitFor();
    await screenshot(page, 'files-de');
    await page.getByRole('button', { name: 'Löschen' }).click();
    await report.waitFor({ state: 'detached' });
    await page.getByText('Dieser Ordner ist leer.').waitFor();
    await uma.call('PATCH', '/me', { locale: 'en' });
  });
});
