import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { searchUrl, SUGGEST_MIN, useSuggestions } from '../../lib/search';
import type { SuggestResult } from '../../lib/types';
import { Avatar } from '../bits';
import { Highlighted } from './Highlighted';
import { SearchIcon } from './SearchIcon';

type Group = 'people' | 'spaces' | 'pages' | 'all';

interface Option {
  key: string;
  group: Group;
  href: string;
  label: ReactNode;
  sub: string;
  icon: ReactNode;
}

/** True when a key press belongs to something being typed into (so "/" is just a character there). */
function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

function optionsOf(data: SuggestResult | undefined, q: string, allLabel: string): Option[] {
  const out: Option[] = [];
  for (const p of data?.people ?? [])
    out.push({ key: `person-${p.id}`, group: 'people', href: `/people/${p.handle}`, label: p.name, sub: p.title || `@${p.handle}`, icon: <Avatar user={p} size={28} /> });
  for (const s of data?.spaces ?? [])
    out.push({ key: `space-${s.id}`, group: 'spaces', href: `/spaces/${s.slug}`, label: s.name, sub: '', icon: <span className="topsearch-glyph" aria-hidden="true">◫</span> });
  for (const pg of data?.pages ?? [])
    out.push({
      key: `page-${pg.id}`,
      group: 'pages',
      href: `/pages/${pg.id}`,
      label: <Highlighted html={pg.titleHtml} />,
      sub: pg.space.name,
      icon: <span className="topsearch-glyph" aria-hidden="true">❏</span>,
    });
  out.push({ key: 'all', group: 'all', href: searchUrl({ q }), label: allLabel, sub: '', icon: <SearchIcon size={18} /> });
  return out;
}

/**
 * The search box in the top bar: "/" focuses it, typing suggests people, spaces and pages (a
 * combobox: arrow keys choose, Enter opens the choice or searches everything, Escape closes).
 * On a phone it is an icon that opens the field over the top bar.
 */
export function TopSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const [q, setQ] = useState('');
  const [expanded, setExpanded] = useState(false);
  const [listOpen, setListOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const suggestions = useSuggestions(q);
  const typed = q.trim();

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || isTyping(e.target)) return;
      // Behind an open modal the box cannot take focus; leave the key alone there.
      if ((e.target as Element | null)?.closest?.('dialog[open]')) return;
      e.preventDefault();
      setExpanded(true);
      input.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  // On a phone the field only exists once opened: focus it after that render.
  useEffect(() => {
    if (expanded) input.current?.focus();
  }, [expanded]);
  useEffect(() => setActive(-1), [suggestions.data]);

  const options = typed.length >= SUGGEST_MIN ? optionsOf(suggestions.data, typed, t('search.top.all', { q: typed })) : [];
  const showList = listOpen && options.length > 0;
  const optionId = (i: number) => `${id}-opt-${i}`;
  const current = showList && active >= 0 ? options[active] : undefined;

  const collapse = (refocus: boolean) => {
    setListOpen(false);
    setExpanded(false);
    if (refocus) toggle.current?.focus();
  };
  const go = (href: string) => {
    setQ('');
    setListOpen(false);
    setExpanded(false);
    input.current?.blur();
    navigate(href);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (current) go(current.href);
    else if (typed) go(searchUrl({ q: typed }));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!showList) {
        setListOpen(true);
        return;
      }
      const n = options.length;
      setActive((a) => (e.key === 'ArrowDown' ? (a + 1 >= n ? -1 : a + 1) : a <= -1 ? n - 1 : a - 1));
    } else if (e.key === 'Escape') {
      // First Escape closes the suggestions; the next one closes the box (and keeps the text).
      e.preventDefault();
      if (showList) setListOpen(false);
      else if (expanded) collapse(true);
      else input.current?.blur();
    }
  };

  return (
    <div className={expanded ? 'topsearch open' : 'topsearch'}>
      <button
        ref={toggle}
        type="button"
        className="icon-btn topsearch-toggle"
        aria-expanded={expanded}
        aria-controls={`${id}-form`}
        aria-label={t('search.top.open')}
        onClick={() => setExpanded(true)}
        data-testid="topsearch-toggle"
      >
        <SearchIcon size={20} />
      </button>
      <form
        id={`${id}-form`}
        role="search"
        aria-label={t('search.top.landmark')}
        className="topsearch-form"
        onSubmit={submit}
        onBlur={(e) => {
          if (e.currentTarget.contains(e.relatedTarget as Node | null)) return;
          setListOpen(false);
          if (!q) setExpanded(false);
        }}
      >
        <label htmlFor={`${id}-q`} className="sr-only">
          {t('search.top.label')}
        </label>
        <span className="topsearch-icon" aria-hidden="true">
          <SearchIcon size={16} />
        </span>
        <input
          ref={input}
          id={`${id}-q`}
          type="search"
          role="combobox"
          aria-expanded={showList}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={current ? optionId(active) : undefined}
          aria-keyshortcuts="/"
          aria-describedby={`${id}-hint`}
          autoComplete="off"
          enterKeyHint="search"
          placeholder={t('search.top.placeholder')}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setListOpen(true);
          }}
          onFocus={() => setListOpen(true)}
          onKeyDown={onKeyDown}
          data-testid="topsearch-input"
        />
        {!q && (
          <kbd className="topsearch-kbd" aria-hidden="true">
            /
          </kbd>
        )}
        <span id={`${id}-hint`} className="sr-only">
          {t('search.top.hint')}
        </span>
        <button type="button" className="icon-btn topsearch-close" aria-label={t('search.top.close')} onClick={() => collapse(true)}>
          <span aria-hidden="true">✕</span>
        </button>
        <div className="topsearch-pop" hidden={!showList}>
          <ul id={`${id}-list`} role="listbox" aria-label={t('search.top.suggestions')} className="topsearch-list" data-testid="topsearch-list">
            {(['people', 'spaces', 'pages', 'all'] as const).map((group) => {
              const items = options.map((o, i) => ({ o, i })).filter(({ o }) => o.group === group);
              if (!items.length) return null;
              return (
                <li key={group} role="group" aria-label={group === 'all' ? t('search.top.everything') : t(`search.top.groups.${group}`)}>
                  {group !== 'all' && (
                    <span className="topsearch-group" aria-hidden="true">
                      {t(`search.top.groups.${group}`)}
                    </span>
                  )}
                  <ul role="presentation">
                    {items.map(({ o, i }) => (
                      <li
                        key={o.key}
                        id={optionId(i)}
                        role="option"
                        aria-selected={i === active}
                        className={i === active ? 'topsearch-option active' : 'topsearch-option'}
                        onMouseDown={(e) => e.preventDefault()}
                        onMouseMove={() => setActive(i)}
                        onClick={() => go(o.href)}
                        data-testid={`topsearch-${o.key}`}
                      >
                        {o.icon}
                        <span className="topsearch-text">
                          <span className="topsearch-label">{o.label}</span>
                          {o.sub && <span className="muted small">{o.sub}</span>}
                        </span>
                      </li>
                    ))}
                  </ul>
                </li>
              );
            })}
          </ul>
        </div>
      </form>
      <p className="sr-only" role="status">
        {listOpen && suggestions.settled && typed.length >= SUGGEST_MIN ? t('search.top.found', { count: options.length - 1 }) : ''}
      </p>
    </div>
  );
}
