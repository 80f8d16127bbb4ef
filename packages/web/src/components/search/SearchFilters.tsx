import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../../lib/api';
import type { SearchState } from '../../lib/search';
import type { SearchResult, Space, UserSummary } from '../../lib/types';
import { PeoplePicker } from '../chat/PeoplePicker';
import { useMySpaces } from '../Layout';

interface Props {
  state: SearchState;
  /** Spaces with the most matches (from the first page of results). */
  facets: SearchResult['spaces'];
  /** The chosen author, when known (picked here or seen in the results). */
  author: UserSummary | null;
  onChange: (patch: Partial<SearchState>) => void;
  onAuthor: (person: UserSummary | null) => void;
}

/**
 * A control's value that follows the URL but changes at once: the router applies a new URL in a
 * transition, and a control bound only to the URL would snap back until that transition commits.
 */
function useMirrored<T>(value: T): [T, (v: T) => void] {
  const [local, setLocal] = useState(value);
  useEffect(() => setLocal(value), [value]);
  return [local, setLocal];
}

/** Space, author, date range, has-files and sort. Each change is a new URL (Back undoes it). */
export function SearchFilters({ state, facets, author, onChange, onAuthor }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [from, setFrom] = useMirrored(state.from);
  const [to, setTo] = useMirrored(state.to);
  const [hasFiles, setHasFiles] = useMirrored(state.hasFiles);
  const [sort, setSort] = useMirrored(state.sort);
  const datesWrong = !!from && !!to && from > to;
  const any = state.spaceId !== null || state.authorId !== null || !!state.from || !!state.to || state.hasFiles;
  // Without a name the chosen author still shows, and can be removed.
  const picked: UserSummary[] =
    state.authorId === null
      ? []
      : [author ?? { id: state.authorId, handle: '', name: t('search.filters.someoneChosen'), title: '', photoUrl: null, status: 'active', role: 'member' }];

  return (
    <div className="search-filters" data-testid="search-filters">
      <SpaceSelect id={`${id}-space`} value={state.spaceId} facets={facets} onChange={(spaceId) => onChange({ spaceId })} />
      <PeoplePicker
        selected={picked}
        exclude={[]}
        max={1}
        label={t('search.filters.author')}
        onChange={(people) => {
          const p = people[0] ?? null;
          onAuthor(p);
          onChange({ authorId: p?.id ?? null });
        }}
      />
      <fieldset className="search-dates">
        <legend>{t('search.filters.date')}</legend>
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('search.filters.from')}</label>
          <input
            id={`${id}-from`}
            type="date"
            value={from}
            max={to || undefined}
            aria-invalid={datesWrong || undefined}
            aria-describedby={datesWrong ? `${id}-dates-error` : undefined}
            onChange={(e) => {
              setFrom(e.target.value);
              onChange({ from: e.target.value });
            }}
            data-testid="search-from"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('search.filters.to')}</label>
          <input
            id={`${id}-to`}
            type="date"
            value={to}
            min={from || undefined}
            aria-invalid={datesWrong || undefined}
            aria-describedby={datesWrong ? `${id}-dates-error` : undefined}
            onChange={(e) => {
              setTo(e.target.value);
              onChange({ to: e.target.value });
            }}
            data-testid="search-to"
          />
        </div>
        {datesWrong && (
          <p id={`${id}-dates-error`} className="error" role="alert">
            {t('search.datesWrong')}
          </p>
        )}
      </fieldset>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={hasFiles}
          onChange={(e) => {
            setHasFiles(e.target.checked);
            onChange({ hasFiles: e.target.checked });
          }}
          data-testid="search-has-files"
        />
        {t('search.filters.hasFiles')}
      </label>
      <div className="field">
        <label htmlFor={`${id}-sort`}>{t('search.filters.sort')}</label>
        <select
          id={`${id}-sort`}
          value={sort}
          onChange={(e) => {
            const next = e.target.value === 'date' ? 'date' : 'relevance';
            setSort(next);
            onChange({ sort: next });
          }}
          data-testid="search-sort"
        >
          <option value="relevance">{t('search.filters.relevance')}</option>
          <option value="date">{t('search.filters.newest')}</option>
        </select>
      </div>
      {any && (
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            onAuthor(null);
            onChange({ spaceId: null, authorId: null, from: '', to: '', hasFiles: false });
          }}
          data-testid="search-clear-filters"
        >
          {t('search.filters.clear')}
        </button>
      )}
    </div>
  );
}

/** Spaces with matches first (with their counts), then the searcher's other spaces. */
function SpaceSelect({ id, value, facets, onChange }: { id: string; value: number | null; facets: SearchResult['spaces']; onChange: (id: number | null) => void }) {
  const { t } = useTranslation();
  const [local, setLocal] = useMirrored(value);
  const mine = useMySpaces().data?.items.filter((s) => s.myState === 'member') ?? [];
  const listed = new Set(facets.map((f) => f.space.id));
  const others = mine.filter((s) => !listed.has(s.id));
  const known = value === null || listed.has(value) || others.some((s) => s.id === value);
  // A space chosen through a link but absent from both lists: ask for its name (404 when hidden).
  const chosen = useQuery({
    queryKey: ['space', value],
    queryFn: ({ signal }) => get<Space>(`/spaces/${value}`, undefined, signal),
    enabled: !known,
    retry: false,
  });
  return (
    <div className="field">
      <label htmlFor={id}>{t('search.filters.space')}</label>
      <select
        id={id}
        value={local ?? ''}
        onChange={(e) => {
          const next = e.target.value ? Number(e.target.value) : null;
          setLocal(next);
          onChange(next);
        }}
        data-testid="search-space"
      >
        <option value="">{t('search.filters.allSpaces')}</option>
        {!known && <option value={value}>{chosen.data?.name ?? t('search.filters.chosenSpace')}</option>}
        {facets.length > 0 && (
          <optgroup label={t('search.filters.withMatches')}>
            {facets.map((f) => (
              <option key={f.space.id} value={f.space.id}>
                {t('search.filters.spaceCount', { name: f.space.name, count: f.count })}
              </option>
            ))}
          </optgroup>
        )}
        {others.length > 0 && (
          <optgroup label={t('search.filters.mySpaces')}>
            {others.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </div>
  );
}
