import DOMPurify from 'dompurify';
import { useMemo, type ReactNode } from 'react';

/**
 * A server-highlighted text (escaped text with <mark> around matches) as React nodes. The HTML is
 * passed through DOMPurify, as posts are, keeping nothing but <mark>; the result is then built
 * from text nodes, so no HTML string ever reaches the page and the text can sit inside a link.
 */
export function Highlighted({ html }: { html: string }) {
  const nodes = useMemo(() => toNodes(html), [html]);
  return <>{nodes}</>;
}

function toNodes(html: string): ReactNode[] {
  const fragment = DOMPurify.sanitize(html, { ALLOWED_TAGS: ['mark'], ALLOWED_ATTR: [], RETURN_DOM_FRAGMENT: true });
  const out: ReactNode[] = [];
  fragment.childNodes.forEach((n, i) => {
    if (n.nodeType === Node.TEXT_NODE) out.push(n.textContent ?? '');
    else if (n.nodeName === 'MARK') out.push(<mark key={i}>{n.textContent}</mark>);
    else out.push(n.textContent ?? '');
  });
  return out;
}
