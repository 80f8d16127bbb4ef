import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { groupHits } from '../../lib/search';
import type { SearchHit, SearchType } from '../../lib/types';
import { SearchHitItem } from './SearchHitItem';
import { useCountText } from './TypeFilter';

interface Props {
  items: SearchHit[];
  /** One type chosen: a flat list. All types: groups, the group of the best hit first. */
  type: SearchType | null;
  counts: Record<string, number>;
  capped: boolean;
}

export function SearchResults({ items, type, counts, capped }: Props) {
  const { t } = useTranslation();
  if (type) {
    return (
      <ol className="search-list" aria-label={t(`search.typePlural.${type}`)} data-testid="search-results">
        {items.map((h) => (
          <SearchHitItem key={`${h.type}-${h.id}`} hit={h} showType={false} />
        ))}
      </ol>
    );
  }
  return (
    <div className="search-groups" data-testid="search-results">
      {groupHits(items).map((g) => (
        <ResultGroup key={g.type} type={g.type} items={g.items} count={counts[g.type] ?? g.items.length} capped={capped} />
      ))}
    </div>
  );
}

function ResultGroup({ type, items, count, capped }: { type: SearchType; items: SearchHit[]; count: number; capped: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const countText = useCountText();
  return (
    <section className="search-group" aria-labelledby={id} data-testid={`search-group-${type}`}>
      <h2 id={id} className="search-group-title">
        {t(`search.typePlural.${type}`)} <span className="search-type-count">{countText(count, capped)}</span>
      </h2>
      <ol className="search-list">
        {items.map((h) => (
          <SearchHitItem key={`${h.type}-${h.id}`} hit={h} showType={false} />
        ))}
      </ol>
    </section>
  );
}
