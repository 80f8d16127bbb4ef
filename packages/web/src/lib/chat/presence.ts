/**
 * Chosen presence, fetched in batches: every dot on screen asks for one person, and the asks
 * of one tick become a single GET /presence?ids=... (at most 100 ids per request).
 */
import { useQuery } from '@tanstack/react-query';
import { get } from '../api';
import type { Presence } from '../types';
import { chatKeys } from './keys';

const BATCH = 100;
let queue: { id: number; resolve: (p: Presence) => void; reject: (e: unknown) => void }[] = [];
let scheduled = false;

const none = (userId: number): Presence => ({ userId, status: null, text: '', expiresAt: null });

async function flush(): Promise<void> {
  scheduled = false;
  const batch = queue;
  queue = [];
  for (let i = 0; i < batch.length; i += BATCH) {
    const part = batch.slice(i, i + BATCH);
    const ids = [...new Set(part.map((p) => p.id))];
    try {
      const res = await get<{ items: Presence[] }>('/presence', { ids: ids.join(',') });
      const byId = new Map(res.items.map((p) => [p.userId, p]));
      // People I may not see come back missing: they simply have no status for me.
      for (const p of part) p.resolve(byId.get(p.id) ?? none(p.id));
    } catch (e) {
      for (const p of part) p.reject(e);
    }
  }
}

function fetchPresence(id: number): Promise<Presence> {
  return new Promise((resolve, reject) => {
    queue.push({ id, resolve, reject });
    if (!scheduled) {
      scheduled = true;
      setTimeout(() => void flush(), 10);
    }
  });
}

/** A status that has run out counts as no status; nothing is measured, so nothing else is shown. */
export function activePresence(p: Presence | undefined, now = Date.now()): Presence | null {
  if (!p || p.status === null) return null;
  if (p.expiresAt && new Date(p.expiresAt).getTime() <= now) return null;
  return p;
}

export function usePresence(userId: number | null): Presence | null {
  const q = useQuery({
    queryKey: chatKeys.presence(userId ?? 0),
    queryFn: () => fetchPresence(userId ?? 0),
    enabled: userId !== null,
    staleTime: 5 * 60_000,
  });
  return activePresence(q.data);
}
