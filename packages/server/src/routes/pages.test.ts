import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestFoyer, type TestFoyer, type TestClient } from '../test/harness.js';
import { diffLines } from '../lib/diff.js';

describe('wiki pages', () => {
  let t: TestFoyer;
  let owner: TestClient, writer: TestClient, reader: TestClient, outsider: TestClient;
  let space: { id: number; slug: string };
  beforeAll(async () => {
    t = await startTestFoyer();
    owner = await t.user('wilma');
    writer = await t.user('walt');
    reader = await t.user('rene');
    outsider = await t.user('otto');
    space = (await owner.post('/spaces', { name: 'Handbook', visibility: 'private' })).body;
    for (const c of [writer, reader]) {
      await owner.post(`/spaces/${space.id}/members`, { userId: c.id });
      await c.post(`/spaces/${space.id}/accept`);
    }
  });
  afterAll(() => t.close());

  it('builds a tree of pages with links between them, and ranks the most linked', async () => {
    const root = (await owner.post(`/spaces/${space.id}/pages`, { title: 'Onboarding', body: '# Welcome\n\nStart with [[IT setup]] and [[Travel policy]].' })).body;
    expect(root.html).toContain('/spaces/handbook/wiki/new?title=IT%20setup');
    const it_ = (await writer.post(`/spaces/${space.id}/pages`, { title: 'IT setup', body: '| Step | What |\n|---|---|\n| 1 | Laptop |', parentId: root.id })).body;
    expect(it_.html).toContain('<table>');
    // Saving the first page again resolves the link now that the page exists.
    const saved = (await owner.put(`/pages/${root.id}`, { title: 'Onboarding', body: root.body, baseVersion: 1 })).body;
    expect(saved.html).toContain(`/pages/${it_.id}`);
    expect(saved.version).toBe(2);
    const tree = (await reader.get(`/spaces/${space.id}/pages`)).body.items;
    expect(tree.find((p: { id: number }) => p.id === it_.id)).toMatchObject({ parentId: root.id, backlinks: 1 });
    const linked = (await reader.get('/pages?sort=linked')).body.items;
    expect(linked[0].id).toBe(it_.id);
    expect((await outsider.get(`/pages/${root.id}`)).status).toBe(404);
    expect((await outsider.get('/pages')).body.items).toEqual([]);
    // Moving below itself is refused; moving up works.
    expect((await owner.put(`/pages/${root.id}/position`, { parentId: it_.id, position: 0 })).status).toBe(400);
    expect((await owner.put(`/pages/${it_.id}/position`, { parentId: null, position: 0 })).body.parentId).toBeNull();
  });

  it('never loses text to a concurrent edit: the second writer gets a conflict with both versions', async () => {
    const page = (await owner.post(`/spaces/${space.id}/pages`, { title: 'Travel policy', body: 'Book trains for trips under 4 hours.' })).body;
    const first = await owner.put(`/pages/${page.id}`, { title: 'Travel policy', body: 'Book trains for trips under 5 hours.', baseVersion: 1 });
    expect(first.status).toBe(200);
    const second = await writer.put(`/pages/${page.id}`, { title: 'Travel policy', body: 'Book trains for trips under 3 hours.', baseVersion: 1 });
    expect(second.status).toBe(409);
    expect(second.body.error.details.current).toMatchObject({ version: 2, body: 'Book trains for trips under 5 hours.' });
    expect(second.body.error.details.yours).toMatchObject({ baseVersion: 1, body: 'Book trains for trips under 3 hours.' });
    expect((await reader.get(`/pages/${page.id}`)).body.body).toBe('Book trains for trips under 5 hours.');
    // Both saving from the same base at the same moment: exactly one wins.
    const race = await Promise.all([
      owner.put(`/pages/${page.id}`, { title: 'Travel policy', body: 'A', baseVersion: 2 }),
      writer.put(`/pages/${page.id}`, { title: 'Travel policy', body: 'B', baseVersion: 2 }),
    ]);
    expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('keeps every revision with author and time, shows a readable diff, and restores as a new revision', async () => {
    const page = (await owner.post(`/spaces/${space.id}/pages`, { title: 'Expenses', body: 'line one\nline two\nline three' })).body;
    await writer.put(`/pages/${page.id}`, { title: 'Expenses', body: 'line one\nline 2\nline three\nline four', baseVersion: 1 });
    const revisions = (await reader.get(`/pages/${page.id}/revisions`)).body.items;
    expect(revisions.map((r: { version: number; title: string; author: { id: number } }) => [r.version, r.title, r.author.id])).toEqual([
      [2, 'Expenses', writer.id],
      [1, 'Expenses', owner.id],
    ]);
    const diff = (await reader.get(`/pages/${page.id}/diff?from=1&to=2`)).body;
    expect(diff.lines.filter((l: { op: string }) => l.op !== 'same')).toEqual([
      { op: 'del', text: 'line two' },
      { op: 'add', text: 'line 2' },
      { op: 'add', text: 'line four' },
    ]);
    expect((await reader.get(`/pages/${page.id}/diff?from=1&to=9`)).status).toBe(404);
    const restored = (await owner.post(`/pages/${page.id}/restore`, { version: 1 })).body;
    expect(restored).toMatchObject({ version: 3, body: 'line one\nline two\nline three' });
    expect((await outsider.get(`/pages/${page.id}/revisions`)).status).toBe(404);
    expect((await outsider.post(`/spaces/${space.id}/pages`, { title: 'x', body: '' })).status).toBe(403); // the private space is known, its pages are not writable
    expect((await writer.del(`/pages/${page.id}`)).status).toBe(403);
    expect((await owner.del(`/pages/${page.id}`)).status).toBe(204);
    expect((await reader.get(`/pages/${page.id}`)).status).toBe(404);
  });

  it('diffs large texts without quadratic blow-up', () => {
    const a = Array.from({ length: 5000 }, (_, i) => `line ${i}`).join('\n');
    const b = Array.from({ length: 5000 }, (_, i) => `line ${i % 7 ? i : -i}`).join('\n');
    const { lines, truncated } = diffLines(a, b);
    expect(truncated).toBe(true);
    expect(lines.length).toBeGreaterThan(5000);
  });
});
