/**
 * Governance in a real browser: a report reaches the space owner's moderation page and hiding the
 * post removes it from members' feeds; a post shared where the original may not be read shows as
 * unavailable (nothing of it), with a way to ask for access.
 */
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { HttpSession } from '../packages/server/src/test/process.js';
import { startApp, launch, setupOrg, signUp, contextFor, screenshot, watchPage, type App } from './harness.js';

const OFFENSIVE = 'This is a deliberately rude post for the moderators';
const SECRET = 'Board minutes: the merger closes in March';

describe('governance', () => {
  let app: App;
  let browser: Browser;
  let owner: HttpSession;
  let author: HttpSession;
  let member: HttpSession;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  async function open(session: HttpSession, path: string): Promise<Page> {
    const ctx = await contextFor(browser, app, session);
    contexts.push(ctx);
    const page = await ctx.newPage();
    problems.push(...watchPage(page));
    await page.goto(`${app.url}${path}`);
    return page;
  }

  /** A private space of the owner with these people as members. */
  async function spaceWith(name: string, members: HttpSession[]): Promise<{ id: number; slug: string }> {
    const space = (await owner.call('POST', '/spaces', { name, visibility: 'private' })).body;
    for (const m of members) {
      const id = (await m.call('GET', '/me')).body.id;
      expect((await owner.call('POST', `/spaces/${space.id}/members`, { userId: id })).status).toBe(204);
      expect((await m.call('POST', `/spaces/${space.id}/accept`)).status).toBe(200);
    }
    return space;
  }

  beforeAll(async () => {
    app = await startApp();
    browser = await launch();
    await setupOrg(app);
    owner = await signUp(app, 'olga', 'Olga Owner');
    author = await signUp(app, 'emil', 'Emil Employee');
    member = await signUp(app, 'mia', 'Mia Member');
  });
  afterEach(async () => {
    for (const ctx of contexts.splice(0)) await ctx.close().catch(() => undefined);
    expect(problems.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('a reported post reaches the owner; hiding it removes it from the space feed', async () => {
    const space = await spaceWith('Team room', [author, member]);
    const post = (await author.call('POST', '/posts', { spaceId: space.id, body: OFFENSIVE })).body;

    const reporter = await open(member, `/spaces/${space.slug}`);
    const card = reporter.getByTestId(`post-${post.id}`);
    await card.getByRole('button', { name: 'More actions' }).click();
    await card.getByTestId('post-report').click();
    await reporter.getByTestId('report-category').selectOption('spam');
    await reporter.getByTestId('report-note').fill('Not work related');
    await reporter.getByTestId('report-submit').click();
    await reporter.getByTestId('report-thanks').waitFor();

    const mod = await open(owner, '/moderation');
    const report = mod.locator('[data-testid^="report-"]').filter({ hasText: OFFENSIVE });
    await report.waitFor();
    expect(await report.textContent()).toContain('Not work related');
    await report.getByTestId('decision-hide').check();
    await report.getByTestId('decision-reason').fill('Off-topic and rude');
    await report.getByTestId('decision-submit').click();
    // A hidden item's report stays open for review, now with the decision in its history.
    await report.filter({ hasText: 'Off-topic and rude' }).waitFor();
    await screenshot(mod, 'moderation');

    const feed = await open(member, `/spaces/${space.slug}`);
    await feed.getByTestId('composer-input').waitFor();
    await expect.poll(() => feed.getByTestId(`post-${post.id}`).count()).toBe(0);
  });

  it('a reported answer and wiki page reach the owner, who opens them in context and hides the answer', async () => {
    const space = await spaceWith('Werkstatt', [author, member]);
    const question = (await member.call('POST', `/spaces/${space.id}/questions`, { title: 'Who fixes the lathe?', body: '', tags: [] })).body;
    const answer = (await author.call('POST', `/questions/${question.id}/answers`, { body: 'Nobody here is competent enough' })).body.answers[0];
    const wiki = (await author.call('POST', `/spaces/${space.id}/pages`, { title: 'Shift gossip', body: 'Rumours about the night shift' })).body;

    const reader = await open(member, `/questions/${question.id}`);
    await reader.getByTestId(`answer-${answer.id}`).getByTestId('answer-report').click();
    await reader.getByTestId('report-category').selectOption('harassment');
    await reader.getByTestId('report-note').fill('Insulting the team');
    await screenshot(reader, 'report-answer-dialog');
    await reader.getByTestId('report-submit').click();
    await reader.getByTestId('report-thanks').waitFor();
    // One's own question offers no report action.
    expect(await reader.getByTestId('question-report').count()).toBe(0);

    const pageReader = await open(member, `/pages/${wiki.id}`);
    await pageReader.getByTestId('page-report').click();
    await pageReader.getByTestId('report-submit').click();
    await pageReader.getByTestId('report-thanks').waitFor();

    for (const [colorScheme, width] of [['light', 1280], ['dark', 1280], ['light', 360]] as const) {
      const ctx = await contextFor(browser, app, owner, { colorScheme, width });
      contexts.push(ctx);
      const q = await ctx.newPage();
      problems.push(...watchPage(q));
      await q.goto(`${app.url}/moderation`);
      await q.locator('[data-testid^="report-"]').filter({ hasText: 'Shift gossip' }).waitFor();
      await screenshot(q, `moderation-items-${colorScheme}-${width}`);
    }

    const mod = await open(owner, '/moderation');
    const report = mod.locator('[data-testid^="report-"]').filter({ hasText: 'Insulting the team' });
    await report.waitFor();
    expect(await report.textContent()).toContain('Answer');
    await report.getByRole('link', { name: 'Open in context' }).click();
    await mod.getByTestId(`answer-${answer.id}`).waitFor();
    await mod.goBack();
    await report.getByTestId('decision-hide').check();
    await report.getByTestId('decision-reason').fill('Be kind to colleagues');
    await report.getByTestId('decision-submit').click();
    await report.filter({ hasText: 'Be kind to colleagues' }).waitFor();

    const after = await open(member, `/questions/${question.id}`);
    await after.getByTestId('question').waitFor();
    await expect.poll(() => after.getByTestId(`answer-${answer.id}`).count()).toBe(0);
  });

  it('a post shared where its original may not be read shows as unavailable', async () => {
    const board = await spaceWith('Board', [author]);
    const lounge = await spaceWith('Lounge', [author, member]);
    const original = (await author.call('POST', '/posts', { spaceId: board.id, body: SECRET })).body;

    const sharer = await open(author, `/posts/${original.id}`);
    const card = sharer.getByTestId(`post-${original.id}`);
    await card.getByRole('button', { name: 'More actions' }).click();
    await card.getByTestId('post-share').click();
    await sharer.getByTestId('share-place').selectOption({ label: 'Lounge' });
    await sharer.getByTestId('share-comment').fill('Worth a look');
    await sharer.getByTestId('share-submit').click();
    await sharer.getByText('Shared.').waitFor();

    // The author may read the original: it is embedded in the share.
    const own = await open(author, `/spaces/${lounge.slug}`);
    await own.getByTestId('shared-post').filter({ hasText: SECRET }).waitFor();

    const reader = await open(member, `/spaces/${lounge.slug}`);
    const unavailable = reader.getByTestId('shared-unavailable');
    await unavailable.waitFor();
    expect(await unavailable.textContent()).toContain('A post you do not have access to');
    expect(await reader.content()).not.toContain(SECRET);
    await screenshot(reader, 'shared-unavailable');

    await unavailable.getByTestId('request-access').click();
    await reader.getByTestId('declassify-reason').fill('The lounge needs the timeline');
    await reader.getByTestId('declassify-send').click();
    await reader.getByText('Your request has been sent').waitFor();

    const decider = await open(author, '/declassifications');
    await decider.getByText('The lounge needs the timeline').waitFor();
  });
});
