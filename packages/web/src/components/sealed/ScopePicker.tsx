import type { SealedScope } from '@foyer/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSuggestions } from '../../lib/search';
import type { UserSummary } from '../../lib/types';
import { PeoplePicker } from '../chat/PeoplePicker';

/**
 * Finds the person or space of a sealed-access scope by name and hands its id to the form. The
 * id field stays for what the requester cannot find (a secret space named in the registry, a
 * conversation named in a complaint): sealed access never widens what search shows.
 */
export function ScopePicker({ scopeType, onPick, onClear }: { scopeType: SealedScope; onPick: (id: number, name: string) => void; onClear: () => void }) {
  const { t } = useTranslation();
  const [person, setPerson] = useState<UserSummary[]>([]);
  if (scopeType === 'person')
    return (
      <PeoplePicker
        selected={person}
        max={1}
        exclude={[]}
        label={t('sealed.form.findPerson')}
        onChange={(people) => {
          setPerson(people);
          if (people[0]) onPick(people[0].id, people[0].name);
          else onClear();
        }}
      />
    );
  if (scopeType === 'space') return <SpaceFinder onPick={onPick} />;
  return <p className="hint">{t('sealed.form.conversationHint')}</p>;
}

function SpaceFinder({ onPick }: { onPick: (id: number, name: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [q, setQ] = useState('');
  const suggestions = useSuggestions(q);
  const spaces = suggestions.data?.spaces ?? [];
  return (
    <div className="people-picker">
      <div className="field">
        <label htmlFor={`${id}-q`}>{t('sealed.form.findSpace')}</label>
        <input id={`${id}-q`} type="search" autoComplete="off" value={q} onChange={(e) => setQ(e.target.value)} data-testid="sealed-space-search" />
      </div>
      {suggestions.data && (
        <ul className="member-list picker-results" aria-label={t('sealed.form.spaceResults')}>
          {spaces.length === 0 && <li className="muted">{t('sealed.form.noSpace')}</li>}
          {spaces.map((s) => (
            <li key={s.id}>
              <span className="grow">{s.name}</span>
              <button
                type="button"
                className="btn btn-small"
                data-testid={`sealed-pick-space-${s.id}`}
                onClick={() => {
                  onPick(s.id, s.name);
                  setQ('');
                }}
              >
                {t('sealed.form.pick')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
