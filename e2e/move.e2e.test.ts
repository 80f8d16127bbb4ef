/**
 * Moving a post shows, before anything changes, how many more people would read it, and needs an
 * explicit confirmation; only then does the post appear in the other space.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser } from 'playwright-core';
import type { HttpSession } from '../packages/server/src/test/process.js';
import { startApp, launch, setupOrg, signUp, contextFor, screenshot, watchPage, type App } from './harness.js';

const TEXT = 'Draft budget for the team offsite';

describe('moving a post', () => {
  let app: App;
  let browser: Browser;
  let author: HttpSession;
  let postId = 0;
  let open: { id: number };

  beforeAll(async () => {
    app = await startApp();
    browser = await launch();
    await setupOrg(app);
    author = await signUp(app, 'mara', 'Mara Mover');
    // Two colleagues who can read the public space but not the private one.
    await signUp(app, 'nils', 'Nils Newreader');
    await signUp(app, 'nora', 'Nora Newreader');
    const team = (await author.call('POST', '/spaces', { name: 'Team room', visibility: 'private' })).body;
    open = (await author.call('POST', '/spaces', { name: 'Everyone', visibility: 'public' })).body;
    postId = (await author.call('POST', '/posts', { spaceId: team.id, body: TEXT })).body.id;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows the new readers and moves only after confirmation', async () => {
    const ctx = await contextFor(browser, app, author);
    const page = await ctx.newPage();
    const problems = watchPage(page);
    await page.goto(`${app.url}/posts/${postId}`);
    await page.getByTestId(`post-${postId}`).getByRole('button', { name: 'More actions' }).click();
    await page.getByTestId('post-move').click();
    await page.getByTestId('move-space').selectOption({ label: 'Everyone' });
    // The admin and the two colleagues would newly read it.
    await page.getByTestId('move-new-readers').getByText('3 more people would be able to read this post.').waitFor();
    expect(await page.getByTestId('move-submit').isDisabled()).toBe(true);
    expect((await author.call('GET', `/posts/${postId}`)).body.space.id).not.toBe(open.id);
    await screenshot(page, 'move-difference');
    await page.getByTestId('move-confirm').check();
    await page.getByTestId('move-submit').click();
    await expect.poll(async () => (await author.call('GET', `/posts/${postId}`)).body.space.id).toBe(open.id);
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
