/**
 * Realtime events of questions and answers, wiki pages and space files (ids only) turned into
 * invalidations: the views' own queries (question list and detail, page tree and page, a space's
 * folders) refetch what is on screen through REST, so nothing arrives that a read would not show.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { EventName } from './types';
import { invalidate } from './invalidate';
import { questionKeys } from './questions';
import { invalidateWiki, wikiKeys } from './wiki';
import { fileKeys, invalidateSpaceFiles } from './files';

type EventData = Record<string, unknown>;
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** Returns false for events that are not about questions, pages or files. */
export function applyKnowledgeEvent(qc: QueryClient, type: EventName, data: EventData): boolean {
  const family = type.slice(0, type.indexOf('.'));
  if (family === 'question' || family === 'answer') {
    const questionId = num(data.questionId);
    if (questionId !== null) void invalidate(qc, { queryKey: questionKeys.detail(questionId) });
    // Lists show counts and the solved marker, and filter by them; scores and answer texts they do not show.
    if (type !== 'answer.updated' && type !== 'answer.voted') void invalidate(qc, { queryKey: questionKeys.lists });
    return true;
  }
  if (family === 'page') {
    const pageId = num(data.pageId);
    // Trees, backlinks and the knowledge view all follow a page: everything wiki is marked stale.
    if (pageId !== null) invalidateWiki(qc, { id: pageId });
    return true;
  }
  if (family === 'file') {
    const spaceId = num(data.spaceId);
    if (spaceId !== null) invalidateSpaceFiles(qc, spaceId);
    return true;
  }
  return false;
}

/**
 * Access to a space ended: drop its questions, pages and files from the cache (they are never
 * shown again from memory), and mark the company-wide lists stale, which may hold some of them.
 */
export function purgeKnowledgeOf(qc: QueryClient, spaceId: number): void {
  const inSpace = (data: unknown) => (data as { space?: { id?: number } } | undefined)?.space?.id === spaceId;
  const cache = qc.getQueryCache();
  for (const q of cache.findAll({ queryKey: questionKeys.details })) if (inSpace(q.state.data)) qc.removeQueries({ queryKey: q.queryKey, exact: true });
  // A page's revisions and diffs sit under its key and go with it.
  for (const q of cache.findAll({ queryKey: wikiKeys.page(0).slice(0, 2) })) if (q.queryKey.length === 3 && inSpace(q.state.data)) qc.removeQueries({ queryKey: q.queryKey });
  qc.removeQueries({ queryKey: [...questionKeys.lists, spaceId] });
  qc.removeQueries({ queryKey: wikiKeys.tree(spaceId) });
  qc.removeQueries({ queryKey: fileKeys.space(spaceId) });
  void invalidate(qc, { queryKey: questionKeys.lists });
  void invalidate(qc, { queryKey: ['wiki'] });
}
