import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { get } from '../../lib/api';
import { chatKeys } from '../../lib/chat/keys';
import { conversationTitle } from '../../lib/chat/names';
import { useFormat } from '../../lib/format';
import { useMe } from '../../lib/session';
import type { SwitcherResult } from '../../lib/types';
import { Avatar, ErrorText } from '../bits';
import { Dialog } from '../Dialog';
import { ConversationAvatar } from './ConversationAvatar';
import { useOpenDirect } from './NewConversationDialog';

/** Ctrl/Cmd+K anywhere, or the top bar button: jump to a conversation, a space or a person. */
export function QuickSwitcher() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setOpen((o) => !o);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <button type="button" className="icon-btn" onClick={() => setOpen(true)} aria-label={t('switcher.open')} title={t('switcher.open')} aria-keyshortcuts="Control+K Meta+K" data-testid="switcher-button">
        <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          <circle cx="11" cy="11" r="7" />
          <path d="m20 20-3.5-3.5" />
        </svg>
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title={t('switcher.title')} testId="switcher">
        {open && <SwitcherBody onDone={() => setOpen(false)} />}
      </Dialog>
    </>
  );
}

interface Option {
  key: string;
  group: 'conversations' | 'spaces' | 'people';
  label: string;
  sub: string;
  icon: ReactNode;
  go: () => void;
}

function SwitcherBody({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const f = useFormat();
  const navigate = useNavigate();
  const id = useId();
  const openDirect = useOpenDirect();
  const [q, setQ] = useState('');
  const [debounced, setDebounced] = useState('');
  const [active, setActive] = useState(0);
  useEffect(() => {
    const h = setTimeout(() => setDebounced(q.trim()), 120);
    return () => clearTimeout(h);
  }, [q]);
  useEffect(() => setActive(0), [debounced]);
  const res = useQuery({
    queryKey: chatKeys.switcher(debounced),
    queryFn: ({ signal }) => get<SwitcherResult>('/switcher', { q: debounced }, signal),
    placeholderData: keepPreviousData,
  });

  const go = (path: string) => {
    onDone();
    navigate(path);
  };
  const options: Option[] = [
    ...(res.data?.conversations ?? []).map((c) => ({
      key: `c${c.id}`,
      group: 'conversations' as const,
      label: conversationTitle(c, me.id, t, f.locale),
      sub: c.unreadCount > 0 ? t('chat.unread', { count: c.unreadCount, shown: String(c.unreadCount) }) : '',
      icon: <ConversationAvatar conversation={c} size={28} />,
      go: () => go(`/chat/${c.id}`),
    })),
    ...(res.data?.spaces ?? []).map((s) => ({
      key: `s${s.id}`,
      group: 'spaces' as const,
      label: s.name,
      sub: t(`spaces.visibility.${s.visibility}`),
      icon: (
        <span className="conv-avatar conv-avatar-channel" aria-hidden="true" style={{ width: 28, height: 28 }}>
          ◫
        </span>
      ),
      go: () => go(`/spaces/${s.slug}`),
    })),
    ...(res.data?.people ?? []).map((p) => ({
      key: `p${p.id}`,
      group: 'people' as const,
      label: p.name,
      sub: p.title || `@${p.handle}`,
      icon: <Avatar user={p} size={28} />,
      go: () => openDirect.mutate(p.id, { onSuccess: onDone }),
    })),
  ];
  const optionId = (i: number) => `${id}-opt-${i}`;
  const current = options[Math.min(active, options.length - 1)];

  return (
    <div className="switcher">
      <label htmlFor={`${id}-q`} className="sr-only">
        {t('switcher.label')}
      </label>
      <input
        id={`${id}-q`}
        type="text"
        role="combobox"
        aria-expanded={options.length > 0}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={current ? optionId(options.indexOf(current)) : undefined}
        autoComplete="off"
        value={q}
        placeholder={t('switcher.placeholder')}
        onChange={(e) => setQ(e.target.value)}
        data-testid="switcher-input"
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            const n = options.length;
            if (n) setActive((a) => (e.key === 'ArrowDown' ? (a + 1) % n : (a - 1 + n) % n));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            current?.go();
          }
        }}
      />
      <ErrorText error={res.error ?? openDirect.error} />
      <ul id={`${id}-list`} role="listbox" className="switcher-list" aria-label={t('switcher.results')}>
        {options.map((o, i) => (
          <li
            key={o.key}
            id={optionId(i)}
            role="option"
            aria-selected={o === current}
            className={o === current ? 'switcher-option active' : 'switcher-option'}
            onMouseDown={(e) => e.preventDefault()}
            onMouseMove={() => setActive(i)}
            onClick={o.go}
            data-testid={`switcher-${o.key}`}
          >
            {o.icon}
            <span className="switcher-text">
              <span className="switcher-label">{o.label}</span>
              {o.sub && <span className="muted small">{o.sub}</span>}
            </span>
            <span className="switcher-kind muted small">{t(`switcher.kind.${o.group}`)}</span>
          </li>
        ))}
      </ul>
      {res.data && options.length === 0 && <p className="empty">{t('switcher.none')}</p>}
      <p className="hint">{t('switcher.hint')}</p>
    </div>
  );
}
