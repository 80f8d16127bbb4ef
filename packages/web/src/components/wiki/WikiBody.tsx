import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { newPageHref } from '../../lib/wiki';
import { SafeHtml } from '../SafeHtml';

/**
 * A page's rendered markdown. Links to pages that do not exist yet point to the new-page form
 * with the title filled in, look different, and say so to screen readers. `inert` (the editor's
 * preview) keeps links from navigating away from unsaved text.
 */
export function WikiBody({ html, inert, testId }: { html: string; inert?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const missingText = t('wiki.missingLink');

  // SafeHtml owns the markup; adjusting its links after each render keeps the sanitiser the only
  // way HTML enters the page (no HTML strings are built here).
  useLayoutEffect(() => {
    const root = ref.current;
    if (!root) return;
    for (const a of root.querySelectorAll<HTMLAnchorElement>('a[href^="/spaces/"]')) {
      if (a.classList.contains('wiki-missing')) {
        a.title = missingText;
        const note = a.querySelector('.sr-only');
        if (note) note.textContent = ` (${missingText})`;
        continue;
      }
      const to = newPageHref(a.getAttribute('href') ?? '');
      if (!to) continue;
      a.setAttribute('href', to);
      a.classList.add('wiki-missing');
      const note = document.createElement('span');
      note.className = 'sr-only';
      note.textContent = ` (${missingText})`;
      a.append(note);
      a.title = missingText;
    }
  }, [html, missingText]);

  return (
    <div
      ref={ref}
      className="wiki-body"
      data-testid={testId}
      onClickCapture={
        inert
          ? (e) => {
              if ((e.target as Element).closest('a')) e.preventDefault();
            }
          : undefined
      }
    >
      <SafeHtml html={html} className="prose" />
    </div>
  );
}
