import { useSyncExternalStore } from 'react';

/** Counts of posts that arrived over realtime but are not shown yet, per feed ('home', 'space:<id>'). */
const counts = new Map<string, number>();
const listeners = new Set<() => void>();

function emit() {
  for (const l of listeners) l();
}
export function addNewPost(feed: string): void {
  counts.set(feed, (counts.get(feed) ?? 0) + 1);
  emit();
}
export function resetNewPosts(feed?: string): void {
  if (feed === undefined) counts.clear();
  else counts.delete(feed);
  emit();
}
export function getNewPosts(feed: string): number {
  return counts.get(feed) ?? 0;
}
export function useNewPosts(feed: string): number {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => counts.get(feed) ?? 0,
  );
}
