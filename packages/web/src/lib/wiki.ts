/**
 * Wiki pages in the browser: query keys, the page tree built from the flat list the server sends,
 * and the plan for a move (the server only shifts siblings, so ties in `position` need care).
 */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { ApiError, get, put } from './api';
import type { PageSummary, WikiPage } from './types';

export const wikiKeys = {
  tree: (spaceId: number) => ['wiki', 'space', spaceId] as const,
  page: (id: number) => ['wiki', 'page', id] as const,
  revisions: (id: number) => ['wiki', 'page', id, 'revisions'] as const,
  revision: (id: number, version: number) => ['wiki', 'page', id, 'revision', version] as const,
  diff: (id: number, from: number, to: number) => ['wiki', 'page', id, 'diff', from, to] as const,
  knowledge: (sort: 'recent' | 'linked') => ['wiki', 'knowledge', sort] as const,
};

export function useSpacePages(spaceId: number | undefined) {
  return useQuery({
    queryKey: wikiKeys.tree(spaceId ?? 0),
    queryFn: async ({ signal }) => (await get<{ items: PageSummary[] }>(`/spaces/${spaceId}/pages`, undefined, signal)).items,
    enabled: spaceId !== undefined,
  });
}

/**
 * After a write. Besides the page, its history, its space's tree and the knowledge view, other
 * pages' backlink counts follow its [[links]]: everything wiki is marked stale (only what is on
 * screen refetches now).
 */
export function invalidateWiki(qc: QueryClient, page: Pick<WikiPage, 'id'>, saved?: WikiPage): void {
  if (saved) qc.setQueryData(wikiKeys.page(page.id), saved);
  void qc.invalidateQueries({ queryKey: ['wiki'] });
}

export interface TreeNode {
  page: PageSummary;
  children: TreeNode[];
}

const byOrder = (a: PageSummary, b: PageSummary) => a.position - b.position || a.id - b.id;

/** Children of one parent in the order the server keeps them (position, then id). */
export function siblingsOf(pages: PageSummary[], parentId: number | null): PageSummary[] {
  return pages.filter((p) => p.parentId === parentId).sort(byOrder);
}

/**
 * The flat list as a tree. A page whose parent is not in the list (hidden by its label, or a
 * list cut short) is shown at the top level rather than lost.
 */
export function buildTree(pages: PageSummary[]): TreeNode[] {
  const ids = new Set(pages.map((p) => p.id));
  const kids = new Map<number | null, PageSummary[]>();
  for (const p of pages) {
    const parent = p.parentId !== null && ids.has(p.parentId) ? p.parentId : null;
    kids.set(parent, [...(kids.get(parent) ?? []), p]);
  }
  const seen = new Set<number>();
  const grow = (parent: number | null): TreeNode[] =>
    (kids.get(parent) ?? [])
      .sort(byOrder)
      .filter((p) => !seen.has(p.id) && seen.add(p.id))
      .map((page) => ({ page, children: grow(page.id) }));
  return grow(null);
}

/** The page's ancestors, the root first (for breadcrumbs). Stops at a missing parent or a loop. */
export function ancestorsOf(pages: PageSummary[], page: Pick<PageSummary, 'id' | 'parentId'>): PageSummary[] {
  const byId = new Map(pages.map((p) => [p.id, p]));
  const out: PageSummary[] = [];
  const seen = new Set([page.id]);
  for (let id = page.parentId; id !== null; ) {
    const p = byId.get(id);
    if (!p || seen.has(p.id)) break;
    seen.add(p.id);
    out.unshift(p);
    id = p.parentId;
  }
  return out;
}

/** Ids of the page and everything below it: places it cannot be moved to. */
export function subtreeIds(pages: PageSummary[], rootId: number): Set<number> {
  const out = new Set([rootId]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of pages) {
      if (p.parentId !== null && out.has(p.parentId) && !out.has(p.id)) {
        out.add(p.id);
        grew = true;
      }
    }
  }
  return out;
}

/** Pages in tree order with their depth (for a parent picker that shows the structure). */
export function flattenTree(nodes: TreeNode[], depth = 0): { page: PageSummary; depth: number }[] {
  return nodes.flatMap((n) => [{ page: n.page, depth }, ...flattenTree(n.children, depth + 1)]);
}

export interface MoveStep {
  id: number;
  parentId: number | null;
  position: number;
}

/**
 * The PUT /pages/:id/position calls that put `pageId` at `index` among the other children of
 * `parentId`. The server stores the position and shifts the siblings at or after it by one, so a
 * single call is enough when the siblings' positions are distinct; pages created without a
 * position all share 0, so those are first renumbered 0..n-1 in their current order.
 */
export function planMove(pages: PageSummary[], pageId: number, parentId: number | null, index: number): MoveStep[] {
  const siblings = siblingsOf(pages, parentId).filter((p) => p.id !== pageId);
  const at = Math.max(0, Math.min(index, siblings.length));
  const distinct = siblings.every((p, i) => i === 0 || p.position > siblings[i - 1].position);
  if (distinct) {
    const position = at < siblings.length ? siblings[at].position : siblings.length ? siblings[siblings.length - 1].position + 1 : 0;
    return [{ id: pageId, parentId, position }];
  }
  // Replay the server's rule locally so that only the calls that change something are made.
  const pos = new Map(siblings.map((p) => [p.id, p.position]));
  const steps: MoveStep[] = [];
  siblings.forEach((p, i) => {
    if (pos.get(p.id) === i) return;
    for (const [id, v] of pos) if (id !== p.id && v >= i) pos.set(id, v + 1);
    pos.set(p.id, i);
    steps.push({ id: p.id, parentId, position: i });
  });
  return [...steps, { id: pageId, parentId, position: at }];
}

/** Runs a move plan in order; the last call's answer is the moved page. */
export async function runMove(steps: MoveStep[]): Promise<WikiPage> {
  let last: WikiPage | undefined;
  for (const s of steps) last = await put<WikiPage>(`/pages/${s.id}/position`, { parentId: s.parentId, position: s.position });
  if (!last) throw new Error('empty move plan');
  return last;
}

/** Why a move was refused, when the server said the new parent is the page itself or below it. */
export function isCycleError(e: unknown): boolean {
  if (!(e instanceof ApiError) || e.status !== 400) return false;
  const fields = (e.details as { fields?: Record<string, string> } | undefined)?.fields;
  return fields?.parentId === 'cycle';
}

export interface SaveConflict {
  current: { version: number; title: string; body: string; updatedBy: number; updatedAt: string };
  yours: { baseVersion: number; title: string; body: string };
}

/** The 409 of PUT /pages/:id: both versions, so nothing typed is lost. */
export function saveConflictOf(e: unknown): SaveConflict | null {
  if (!(e instanceof ApiError) || e.status !== 409) return null;
  const d = e.details as Partial<SaveConflict> | undefined;
  if (!d?.current || !d.yours || typeof d.current.version !== 'number') return null;
  return d as SaveConflict;
}

/**
 * The server links `[[Missing title]]` to /spaces/:slug/wiki/new?title=… (pages saved before that
 * change still say /pages/new). Returns the new-page form's address, or null for other links.
 */
export function newPageHref(href: string): string | null {
  if (!href.startsWith('/spaces/')) return null;
  const url = new URL(href, 'http://x');
  const parts = url.pathname.split('/');
  // ['', 'spaces', slug, 'wiki' | 'pages', 'new']
  if (parts.length !== 5 || (parts[3] !== 'wiki' && parts[3] !== 'pages') || parts[4] !== 'new' || !parts[2]) return null;
  return `/spaces/${parts[2]}/wiki/new${url.search}`;
}
