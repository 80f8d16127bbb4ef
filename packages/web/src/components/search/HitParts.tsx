import type { SearchHit } from '../../lib/types';
import { LabelBadge } from '../labels/LabelBadge';
import { Highlighted } from './Highlighted';

/** The hit's sensitivity label after its title (people and spaces carry none). */
export function HitLabel({ hit }: { hit: SearchHit }) {
  if (typeof hit.label !== 'number') return null;
  return (
    <>
      {' '}
      <LabelBadge level={hit.label} small />
    </>
  );
}

/** The matching passage, highlighted on the server. */
export function HitSnippet({ hit }: { hit: SearchHit }) {
  if (!hit.snippetHtml) return null;
  return (
    <p className="search-item-snippet">
      <Highlighted html={hit.snippetHtml} />
    </p>
  );
}
