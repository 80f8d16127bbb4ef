import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestFoyer, type TestFoyer, type TestClient } from '../test/harness.js';
import { homeFeed } from './feeds.js';

/** Every home-feed strategy (recent window, merged per-source ranges, full walk) gives the same pages. */
describe('home feed strategies agree', () => {
  let t: TestFoyer;
  const people: TestClient[] = [];
  beforeAll(async () => {
    t = await startTestFoyer();
    for (const h of ['ana', 'ben', 'cem', 'dua', 'eli']) people.push(await t.user(h));
    people.push(await t.user('gus', { role: 'guest' }));
    const vis = ['public', 'private', 'secret', 'public', 'private'] as const;
    const spaces = [];
    for (let i = 0; i < 5; i++) spaces.push((await people[i].post('/spaces', { name: `S${i}`, visibility: vis[i] })).body);
    // A deterministic tangle of memberships, follows and posts.
    for (let i = 0; i < people.length; i++) {
      for (let j = 0; j < spaces.length; j++) {
        if ((i + j) % 3 !== 0 || i === j) continue;
        await people[j].post(`/spaces/${spaces[j].id}/members`, { userId: people[i].id });
        await people[i].post(`/spaces/${spaces[j].id}/accept`);
      }
      if (i < 5) await people[i].post(`/people/${people[(i + 1) % 5].handle}/follow`);
      await people[i].put(`/tags/t${i % 3}/follow`);
    }
    for (let k = 0; k < 60; k++) {
      const author = people[k % 5];
      const space = spaces[(k * 7) % 5];
      await author.post('/posts', { spaceId: space.id, body: `post ${k} #t${k % 4}` });
    }
    const victim = (await people[0].get('/spaces/' + spaces[0].id + '/posts?limit=3')).body.items[1];
    await people[0].del(`/posts/${victim.id}`);
  });
  afterAll(() => t.close());

  it('returns identical pages, cursor after cursor, for every person', async () => {
    let seen = 0;
    for (const p of people) {
      let before: number | undefined;
      for (let pageNo = 0; pageNo < 6; pageNo++) {
        const db = t.foyer.svc.db;
        const merged = await homeFeed(db, p.actor, { before, limit: 7 }, { recentWindow: 0 });
        const walked = await homeFeed(db, p.actor, { before, limit: 7 }, { recentWindow: 0, maxMergedSources: 0 });
        const windowed = await homeFeed(db, p.actor, { before, limit: 7 }, { recentWindow: 15 });
        const defaults = await homeFeed(db, p.actor, { before, limit: 7 });
        const ids = merged.map((r) => r.id);
        expect(walked.map((r) => r.id), `${p.handle} page ${pageNo} walk`).toEqual(ids);
        expect(windowed.map((r) => r.id), `${p.handle} page ${pageNo} window`).toEqual(ids);
        expect(defaults.map((r) => r.id), `${p.handle} page ${pageNo} default`).toEqual(ids);
        seen += Math.min(merged.length, 7);
        if (merged.length <= 7) break;
        before = merged[6].id;
      }
    }
    expect(seen).toBeGreaterThan(60);
  });
});
