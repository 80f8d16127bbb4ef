/**
 * Link previews: the first web link of an item, and its preview once the item is on screen.
 * Previews are cached per URL (the server caches them without user context too, except links to
 * Foyer itself, which it builds with the viewer's permissions on every request).
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { get } from './api';
import type { LinkPreview } from './types';

/**
 * The first http(s) link in server-rendered HTML (markdown links and bare URLs alike). Mentions
 * and hashtags are relative links and never count. Parsed into an inert document: nothing in it
 * runs or loads.
 */
export function firstLink(html: string): string | null {
  if (!html || !html.includes('<a')) return null;
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const a of doc.querySelectorAll('a[href]')) {
    const href = a.getAttribute('href') ?? '';
    if (/^https?:\/\//i.test(href)) return href;
  }
  return null;
}

export const previewKey = (url: string) => ['preview', url] as const;

/**
 * The preview of `url`, asked for only once the element given to `ref` comes near the screen
 * (a long feed or chat history does not ask for every link at once). An element without a box of
 * its own (display: contents, so an empty slot adds no gap) stands for its parent, the item.
 * `preview` stays null while loading and when there is none (404) or the request fails: a
 * preview is never an error.
 */
export function useLinkPreview(url: string | null) {
  const [element, setElement] = useState<Element | null>(null);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    if (!element || !url || visible) return;
    if (typeof IntersectionObserver === 'undefined') {
      setVisible(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setVisible(true);
          observer.disconnect();
        }
      },
      { rootMargin: '200px 0px' },
    );
    observer.observe(getComputedStyle(element).display === 'contents' ? (element.parentElement ?? element) : element);
    return () => observer.disconnect();
  }, [element, url, visible]);
  const q = useQuery({
    queryKey: previewKey(url ?? ''),
    queryFn: ({ signal }) => get<LinkPreview>('/previews', { url }, signal),
    enabled: visible && url !== null,
    staleTime: 60 * 60_000,
    gcTime: 60 * 60_000,
    retry: false,
  });
  return { ref: setElement, preview: q.data ?? null };
}

/** Where an internal preview leads inside the app (its path), or null for other sites. */
export function appPath(preview: LinkPreview): string | null {
  if (!preview.internal) return null;
  try {
    const u = new URL(preview.url);
    return u.pathname + u.search + u.hash;
  } catch {
    return null;
  }
}
