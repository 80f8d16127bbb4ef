import { useQuery } from '@tanstack/react-query';
import { forwardRef, useEffect, useId, useImperativeHandle, useRef, useState, type TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../lib/api';
import type { UserSummary } from '../lib/types';
import { Avatar } from './bits';

const TRIGGER = /(^|[^\p{L}\p{N}_.@/])@([a-z0-9][a-z0-9._-]{0,63})$/iu;

interface Props extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange'> {
  value: string;
  onValueChange: (v: string) => void;
  /** Only people who can read this space are suggested. */
  spaceId?: number | null;
}

/** A textarea with @mention autocomplete: a listbox popup driven by aria-activedescendant. */
export const MentionTextarea = forwardRef<HTMLTextAreaElement, Props>(function MentionTextarea(
  { value, onValueChange, spaceId, onKeyDown, ...rest },
  forwarded,
) {
  const { t } = useTranslation();
  const ref = useRef<HTMLTextAreaElement>(null);
  useImperativeHandle(forwarded, () => ref.current as HTMLTextAreaElement);
  const listId = useId();
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const [debounced, setDebounced] = useState<string | null>(null);

  useEffect(() => {
    const h = setTimeout(() => setDebounced(query), 120);
    return () => clearTimeout(h);
  }, [query]);

  const { data: people = [] } = useQuery({
    queryKey: ['autocomplete', spaceId ?? null, debounced],
    queryFn: ({ signal }) =>
      get<UserSummary[]>('/people/autocomplete', { q: debounced ?? '', spaceId: spaceId ?? undefined }, signal),
    enabled: debounced !== null && debounced.length > 0,
    staleTime: 60_000,
  });
  // A handle typed out in full needs no completion: keep the popup out of the way.
  const complete = query !== null && people.some((p) => p.handle.toLowerCase() === query.toLowerCase());
  const open = query !== null && query.length > 0 && people.length > 0 && !complete;

  useEffect(() => setActive(0), [debounced]);

  function detect(el: HTMLTextAreaElement) {
    const upto = el.value.slice(0, el.selectionStart ?? el.value.length);
    const m = TRIGGER.exec(upto);
    setQuery(m ? (m[2] ?? '') : null);
  }

  function choose(person: UserSummary) {
    const el = ref.current;
    if (!el || query === null) return;
    const caret = el.selectionStart ?? value.length;
    const start = caret - query.length - 1;
    const insert = `@${person.handle} `;
    const next = value.slice(0, start) + insert + value.slice(caret);
    onValueChange(next);
    setQuery(null);
    requestAnimationFrame(() => {
      el.focus();
      const pos = start + insert.length;
      el.setSelectionRange(pos, pos);
    });
  }

  return (
    <div className="mention-wrap">
      <textarea
        ref={ref}
        {...rest}
        value={value}
        aria-autocomplete="list"
        aria-controls={listId}
        aria-activedescendant={open ? `${listId}-${active}` : undefined}
        onChange={(e) => {
          onValueChange(e.target.value);
          detect(e.target);
        }}
        onSelect={(e) => detect(e.currentTarget)}
        onBlur={() => setTimeout(() => setQuery(null), 150)}
        onKeyDown={(e) => {
          if (open) {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((a) => (a + 1) % people.length);
              return;
            }
            if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => (a - 1 + people.length) % people.length);
              return;
            }
            if (e.key === 'Enter' || e.key === 'Tab') {
              const p = people[active];
              if (p) {
                e.preventDefault();
                choose(p);
                return;
              }
            }
            if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              setQuery(null);
              return;
            }
          }
          onKeyDown?.(e);
        }}
      />
      <ul id={listId} role="listbox" className="mention-list" hidden={!open} aria-label={t('composer.mentionSuggestions')}>
        {open &&
          people.map((p, i) => (
            <li
              key={p.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(p)}
              data-testid={`mention-option-${p.handle}`}
            >
              <Avatar user={p} size={24} />
              <span className="mention-name">{p.name}</span>
              <span className="muted">@{p.handle}</span>
            </li>
          ))}
      </ul>
    </div>
  );
});
