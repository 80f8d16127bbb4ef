/**
 * k-anonymity for published figures. A figure is published only when it describes at least k
 * people; when some cells of a breakdown are withheld, the published total minus the published
 * cells gives their sum, so the withheld cells together must also cover at least k people —
 * otherwise more cells (smallest first) are withheld, and if that is not enough, the total too.
 */

export interface GroupFigures {
  name: string;
  /** People in the group who were active (the people the figures describe). */
  active: number;
  posts: number;
  comments: number;
  reactions: number;
  answers: number;
}

export interface PublishedCell {
  name: string;
  suppressed: boolean;
  activeMembers: number | null;
  posts: number | null;
  comments: number | null;
  reactions: number | null;
  answers: number | null;
}

const withheld = (name: string): PublishedCell => ({ name, suppressed: true, activeMembers: null, posts: null, comments: null, reactions: null, answers: null });
const shown = (g: GroupFigures): PublishedCell => ({
  name: g.name,
  suppressed: false,
  activeMembers: g.active,
  posts: g.posts,
  comments: g.comments,
  reactions: g.reactions,
  answers: g.answers,
});

export function publishBreakdown(total: GroupFigures, groups: GroupFigures[], k: number): { total: PublishedCell; groups: PublishedCell[] } {
  if (total.active < k) return { total: withheld(total.name), groups: groups.map((g) => withheld(g.name)) };
  const hidden = new Set(groups.filter((g) => g.active < k).map((g) => g.name));
  const residual = () => groups.filter((g) => hidden.has(g.name)).reduce((n, g) => n + g.active, 0);
  // Withhold the smallest visible groups until the withheld ones together describe k people.
  const bySize = [...groups].sort((a, b) => a.active - b.active || a.name.localeCompare(b.name));
  while (hidden.size > 0 && residual() < k) {
    const next = bySize.find((g) => !hidden.has(g.name));
    if (!next) break;
    hidden.add(next.name);
  }
  const allHidden = hidden.size === groups.length;
  // Everything withheld and still under k: the total would be the withheld remainder itself.
  const totalCell = hidden.size > 0 && residual() < k ? withheld(total.name) : shown(total);
  return { total: totalCell, groups: groups.map((g) => (hidden.has(g.name) || (allHidden && totalCell.suppressed) ? withheld(g.name) : shown(g))) };
}
