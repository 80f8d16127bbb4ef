import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../../lib/api';
import type { UserSummary } from '../../lib/types';
import { Avatar, ErrorText } from '../bits';

interface Props {
  selected: UserSummary[];
  onChange: (people: UserSummary[]) => void;
  /** People who cannot be picked (me, current members). */
  exclude: number[];
  label: string;
  max?: number;
}

/** Choose people through the directory search (the same endpoint as @mention autocomplete). */
export function PeoplePicker({ selected, onChange, exclude, label, max }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [q, setQ] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setDebounced(q.trim()), 150);
    return () => clearTimeout(h);
  }, [q]);
  const people = useQuery({
    queryKey: ['autocomplete', null, debounced],
    queryFn: ({ signal }) => get<UserSummary[]>('/people/autocomplete', { q: debounced }, signal),
    enabled: debounced.length > 0,
    staleTime: 60_000,
  });
  const hidden = new Set([...exclude, ...selected.map((p) => p.id)]);
  const results = (people.data ?? []).filter((p) => !hidden.has(p.id) && p.status === 'active');
  const full = max !== undefined && selected.length >= max;

  return (
    <div className="people-picker">
      {selected.length > 0 && (
        <ul className="picked" aria-label={t('chat.picked', { count: selected.length })}>
          {selected.map((p) => (
            <li key={p.id} className="chip chip-on">
              {p.name}
              <button
                type="button"
                className="chip-remove"
                aria-label={t('chat.unpick', { name: p.name })}
                onClick={() => onChange(selected.filter((x) => x.id !== p.id))}
              >
                <span aria-hidden="true">✕</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor={`${id}-q`}>{label}</label>
        <input
          id={`${id}-q`}
          type="search"
          autoComplete="off"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={t('chat.searchPeoplePlaceholder')}
          disabled={full}
          data-testid="people-picker-input"
        />
      </div>
      <ErrorText error={people.error} />
      {debounced && people.data && (
        <ul className="member-list picker-results" aria-label={t('chat.searchResults')}>
          {results.length === 0 && <li className="muted">{t('people.none')}</li>}
          {results.map((p) => (
            <li key={p.id}>
              <Avatar user={p} size={28} />
              <span className="grow">
                {p.name} <span className="muted">@{p.handle}</span>
              </span>
              <button
                type="button"
                className="btn btn-small"
                aria-label={t('chat.pickName', { name: p.name })}
                data-testid={`pick-${p.handle}`}
                onClick={() => {
                  onChange([...selected, p]);
                  setQ('');
                  document.getElementById(`${id}-q`)?.focus();
                }}
              >
                {t('chat.pick')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
