import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../lib/format';
import { SEARCH_COUNT_CAP, SEARCH_TYPES, searchUrl, type SearchState } from '../../lib/search';
import type { SearchType } from '../../lib/types';

/** "1,000+" once counting stopped at the cap; per type, "12+" when the total was capped. */
export function useCountText() {
  const { t } = useTranslation();
  const f = useFormat();
  return (count: number, capped: boolean) => (capped ? t('search.countAtLeast', { count: f.number(count) }) : f.number(count));
}

/**
 * All types or one, as links (each choice is a URL of its own, so Back returns to the previous
 * one). Types without matches are left out unless chosen; counts ignore the type filter.
 */
export function TypeFilter({ state, counts, capped }: { state: SearchState; counts: Record<string, number>; capped: boolean }) {
  const { t } = useTranslation();
  const countText = useCountText();
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const shown = SEARCH_TYPES.filter((type) => (counts[type] ?? 0) > 0 || type === state.type);
  const chip = (type: SearchType | null, name: string, count: number, totalCapped: boolean) => {
    const on = state.type === type;
    return (
      <li key={type ?? 'all'}>
        <Link
          to={searchUrl({ ...state, type })}
          className={on ? 'chip chip-on search-type' : 'chip search-type'}
          aria-current={on ? 'true' : undefined}
          aria-label={t(totalCapped ? 'search.typeCountCapped' : 'search.typeCount', { name, count })}
          data-testid={`search-type-${type ?? 'all'}`}
        >
          <span aria-hidden="true">{name}</span>
          <span className="search-type-count" aria-hidden="true">
            {countText(count, totalCapped)}
          </span>
        </Link>
      </li>
    );
  };
  return (
    <nav className="search-types" aria-label={t('search.types')}>
      <ul>
        {chip(null, t('search.all'), capped ? SEARCH_COUNT_CAP : total, capped)}
        {shown.map((type) => chip(type, t(`search.typePlural.${type}`), counts[type] ?? 0, capped))}
      </ul>
    </nav>
  );
}
