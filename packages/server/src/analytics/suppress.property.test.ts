import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { publishBreakdown, type GroupFigures } from './suppress.js';

const group = (name: string) =>
  fc.record({
    name: fc.constant(name),
    active: fc.integer({ min: 0, max: 12 }),
    posts: fc.integer({ min: 0, max: 50 }),
    comments: fc.integer({ min: 0, max: 50 }),
    reactions: fc.integer({ min: 0, max: 50 }),
    answers: fc.integer({ min: 0, max: 50 }),
  });

const breakdown = fc.integer({ min: 1, max: 7 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => group(`g${i}`))));

function totalOf(groups: GroupFigures[]): GroupFigures {
  const sum = (key: keyof Omit<GroupFigures, 'name'>) => groups.reduce((a, g) => a + g[key], 0);
  return { name: '', active: sum('active'), posts: sum('posts'), comments: sum('comments'), reactions: sum('reactions'), answers: sum('answers') };
}

describe('k-anonymous publication', () => {
  it('never publishes a figure, or a difference of figures, about fewer than k people', () => {
    fc.assert(
      fc.property(breakdown, fc.integer({ min: 2, max: 8 }), (groups, k) => {
        const total = totalOf(groups);
        const out = publishBreakdown(total, groups, k);
        // Every published cell describes at least k people.
        for (const cell of [out.total, ...out.groups]) if (!cell.suppressed) expect(cell.activeMembers!).toBeGreaterThanOrEqual(k);
        // Published total minus published groups is the sum of the withheld groups: it must describe
        // at least k people too (or nothing can be derived because the total is withheld).
        if (!out.total.suppressed) {
          const withheld = groups.filter((_, i) => out.groups[i].suppressed);
          if (withheld.length) expect(withheld.reduce((a, g) => a + g.active, 0)).toBeGreaterThanOrEqual(k);
        }
        // Published figures are the true ones.
        out.groups.forEach((cell, i) => {
          if (!cell.suppressed) expect(cell).toMatchObject({ activeMembers: groups[i].active, posts: groups[i].posts });
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('shows everything when every group is large enough', () => {
    const groups = [
      { name: 'Sales', active: 6, posts: 10, comments: 3, reactions: 9, answers: 1 },
      { name: 'IT', active: 5, posts: 2, comments: 8, reactions: 1, answers: 4 },
    ];
    const out = publishBreakdown(totalOf(groups), groups, 5);
    expect(out.total).toMatchObject({ suppressed: false, activeMembers: 11, posts: 12 });
    expect(out.groups.every((g) => !g.suppressed)).toBe(true);
  });

  it('withholds a second group when one small group could be worked out from the total', () => {
    const groups = [
      { name: 'Board', active: 1, posts: 7, comments: 0, reactions: 0, answers: 0 },
      { name: 'IT', active: 5, posts: 2, comments: 8, reactions: 1, answers: 4 },
      { name: 'Sales', active: 9, posts: 10, comments: 3, reactions: 9, answers: 1 },
    ];
    const out = publishBreakdown(totalOf(groups), groups, 5);
    expect(out.groups.map((g) => [g.name, g.suppressed])).toEqual([
      ['Board', true],
      ['IT', true],
      ['Sales', false],
    ]);
    expect(out.total.suppressed).toBe(false);
  });
});
