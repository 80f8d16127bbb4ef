import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { get, post } from '../lib/api';
import { clearSession, useMe, useSession } from '../lib/session';
import type { Page, Space } from '../lib/types';
import { useChatUnread } from '../lib/chat/queries';
import { moduleOfPath, useModules } from '../lib/modules';
import { Avatar } from './bits';
import { PresenceDialog } from './chat/PresenceDialog';
import { PresenceDot } from './chat/PresenceDot';
import { QuickSwitcher } from './chat/QuickSwitcher';
import { UnreadBadge } from './chat/UnreadBadge';
import { Menu } from './Menu';
import { ModuleOff } from './policy/ModuleOff';
import { TopSearch } from './search/TopSearch';

export function useUnreadCount(): number {
  const q = useQuery({
    queryKey: ['notifications', 'count'],
    queryFn: () => get<{ count: number }>('/notifications/unread-count'),
    refetchInterval: 120_000,
  });
  return q.data?.count ?? 0;
}

export function useMySpaces() {
  return useQuery({
    queryKey: ['myspaces'],
    queryFn: () => get<Page<Space>>('/spaces', { filter: 'mine', limit: 50 }),
  });
}

export function Layout() {
  const { t } = useTranslation();
  const me = useMe();
  const { org } = useSession();
  const [navOpen, setNavOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const unread = useUnreadCount();
  const chatUnread = useChatUnread().data?.total ?? 0;
  const [statusOpen, setStatusOpen] = useState(false);
  const mySpaces = useMySpaces();
  const memberOf = mySpaces.data?.items.filter((s) => s.myState === 'member') ?? [];
  // What the works agreement switches off is left out, and its pages say so instead of failing.
  const modules = useModules();
  const offModule = moduleOfPath(location.pathname);
  const pageOff = offModule !== null && !modules.on(offModule) ? offModule : null;

  useEffect(() => setNavOpen(false), [location.pathname]);
  useEffect(() => {
    if (!navOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setNavOpen(false);
        document.getElementById('nav-toggle')?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [navOpen]);

  const signOut = useMutation({
    mutationFn: () => post<void>('/auth/sign-out'),
    onSettled: () => {
      clearSession();
      navigate('/sign-in');
    },
  });

  const allLinks: { to: string; label: string; icon: string; end?: boolean }[] = [
    { to: '/', label: t('nav.home'), icon: '⌂', end: true },
    { to: '/chat', label: t('nav.chat'), icon: '✉' },
    { to: '/spaces', label: t('nav.spaces'), icon: '◫', end: true },
    { to: '/questions', label: t('nav.questions'), icon: '?' },
    { to: '/knowledge', label: t('nav.knowledge'), icon: '❏' },
    { to: '/people', label: t('nav.people'), icon: '☺' },
    { to: '/saved', label: t('nav.saved'), icon: '☆' },
    { to: '/notifications', label: t('nav.notifications'), icon: '◔' },
    { to: '/settings', label: t('nav.settings'), icon: '⚙' },
  ];
  const links = allLinks.filter((l) => {
    const m = moduleOfPath(l.to);
    return m === null || modules.on(m);
  });
  if (me.role === 'admin') links.push({ to: '/admin', label: t('nav.admin'), icon: '◆' });

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <button
          id="nav-toggle"
          type="button"
          className="icon-btn nav-toggle"
          aria-expanded={navOpen}
          aria-controls="primary-nav"
          aria-label={t('nav.menu')}
          onClick={() => setNavOpen((o) => !o)}
        >
          <span aria-hidden="true">{navOpen ? '✕' : '☰'}</span>
        </button>
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            F
          </span>
          <span className="brand-name">Foyer</span>
          {org?.name && <span className="brand-org">{org.name}</span>}
        </Link>
        <div className="topbar-spacer" />
        <TopSearch />
        <QuickSwitcher />
        <Link
          to="/notifications"
          className="icon-btn bell"
          data-testid="notification-bell"
          aria-label={t('nav.bell', { count: unread })}
        >
          <svg aria-hidden="true" width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
            <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
            <path d="M13.73 21a2 2 0 0 1-3.46 0" />
          </svg>
          {unread > 0 && (
            <span className="bell-count" aria-hidden="true" data-testid="notification-count">
              {unread > 99 ? '99+' : unread}
            </span>
          )}
        </Link>
        <Menu label={t('nav.account', { name: me.name })} icon={<Avatar user={me} size={32} />}>
          {(close) => (
            <>
              <div className="menu-head">
                <strong>{me.name}</strong>
                <span className="muted small">{me.email}</span>
                <PresenceDot userId={me.id} withText />
              </div>
              {modules.presence && (
                <button
                  type="button"
                  onClick={() => {
                    close();
                    setStatusOpen(true);
                  }}
                  data-testid="set-status"
                >
                  {t('presence.set')}
                </button>
              )}
              <Link to={`/people/${me.handle}`} onClick={close}>
                {t('nav.profile')}
              </Link>
              <Link to="/settings" onClick={close}>
                {t('nav.settings')}
              </Link>
              <Link to="/transparency" onClick={close} data-testid="nav-transparency">
                {t('nav.transparency')}
              </Link>
              {modules.on('analytics') && (me.role === 'admin' || me.roles.includes('communications')) && (
                <Link to="/analytics" onClick={close} data-testid="nav-analytics">
                  {t('analytics.title')}
                </Link>
              )}
              <Link to="/policy" onClick={close} data-testid="nav-policy">
                {t('compliance.nav')}
              </Link>
              <Link to="/declassifications" onClick={close}>
                {t('nav.declassifications')}
              </Link>
              <Link to="/moderation" onClick={close} data-testid="nav-moderation">
                {t('nav.moderation')}
              </Link>
              {(me.role === 'admin' || me.roles.length > 0) && (
                <Link to="/sealed" onClick={close} data-testid="nav-sealed">
                  {t('sealed.nav')}
                </Link>
              )}
              {me.roles.includes('governance') && (
                <Link to="/governance" onClick={close} data-testid="nav-governance">
                  {t('nav.governance')}
                </Link>
              )}
              <button type="button" onClick={() => signOut.mutate()} data-testid="sign-out">
                {t('nav.signOut')}
              </button>
            </>
          )}
        </Menu>
      </header>
      <div className="shell">
        <nav id="primary-nav" className={navOpen ? 'sidenav open' : 'sidenav'} aria-label={t('nav.main')}>
          <ul>
            {links.map((l) => (
              <li key={l.to}>
                <NavLink to={l.to} end={l.end}>
                  <span className="nav-icon" aria-hidden="true">
                    {l.icon}
                  </span>
                  <span className="nav-label">{l.label}</span>
                  {l.to === '/notifications' && unread > 0 && (
                    <span className="nav-count" aria-hidden="true">
                      {unread}
                    </span>
                  )}
                  {l.to === '/chat' && chatUnread > 0 && <UnreadBadge count={chatUnread} testId="chat-unread" />}
                </NavLink>
              </li>
            ))}
          </ul>
          {memberOf.length > 0 && (
            <>
              <h2 className="nav-heading" id="nav-spaces">
                {t('nav.mySpaces')}
              </h2>
              <ul aria-labelledby="nav-spaces">
                {memberOf.map((s) => (
                  <li key={s.id}>
                    <NavLink to={`/spaces/${s.slug}`}>
                      <span className="nav-icon" aria-hidden="true">
                        #
                      </span>
                      <span className="nav-label">{s.name}</span>
                      {s.unreadCount > 0 && (
                        <span className="nav-count" aria-label={t('spaces.unread', { count: s.unreadCount })}>
                          {s.unreadCount}
                        </span>
                      )}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </>
          )}
        </nav>
        <main id="main" tabIndex={-1} className={location.pathname.startsWith('/chat') && !pageOff ? 'main-chat' : undefined}>
          {pageOff ? <ModuleOff module={pageOff} version={modules.version} /> : <Outlet />}
        </main>
      </div>
      {statusOpen && <PresenceDialog open onClose={() => setStatusOpen(false)} />}
    </div>
  );
}
