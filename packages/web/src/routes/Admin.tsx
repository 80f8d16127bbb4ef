import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Route, Routes } from 'react-router';
import { LoadMore, Avatar, Empty, ErrorText, Loading, PageHeader, PersonLink, Time, useTitle } from '../components/bits';
import { get, patch, post } from '../lib/api';
import { useMe, useSession } from '../lib/session';
import type { Invitation, Locale, Me, Organisation, Page } from '../lib/types';
import { RoleToggles } from '../components/closed/RoleToggles';
import { AdminClosedSpaces } from './AdminClosedSpaces';
import { AdminLabels } from './AdminLabels';
import { AdminNudges } from './AdminNudges';
import { NotFoundPage } from './NotFound';
import { splitDomains } from './Setup';

export function AdminPage() {
  const { t } = useTranslation();
  const me = useMe();
  useTitle(t('admin.title'));
  if (me.role !== 'admin') return <NotFoundPage />;
  return (
    <div className="page">
      <PageHeader title={t('admin.title')} />
      <nav className="tabs" aria-label={t('admin.sections')}>
        <NavLink to="/admin" end>
          {t('admin.people')}
        </NavLink>
        <NavLink to="/admin/invitations">{t('admin.invitations')}</NavLink>
        <NavLink to="/admin/organisation">{t('admin.organisation')}</NavLink>
        <NavLink to="/admin/labels">{t('admin.labels')}</NavLink>
        <NavLink to="/admin/nudges">{t('admin.nudges')}</NavLink>
        <NavLink to="/admin/closed-spaces">{t('adminClosed.title')}</NavLink>
        <NavLink to="/admin/retention">{t('retention.admin.tab')}</NavLink>
      </nav>
      <Routes>
        <Route index element={<AdminPeople />} />
        <Route path="invitations" element={<AdminInvitations />} />
        <Route path="organisation" element={<AdminOrganisation />} />
        <Route path="labels" element={<AdminLabels />} />
        <Route path="nudges" element={<AdminNudges />} />
        <Route path="closed-spaces" element={<AdminClosedSpaces />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </div>
  );
}

function AdminPeople() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const [q, setQ] = useState('');
  const [debounced, setDebounced] = useState('');
  const [status, setStatus] = useState<'' | 'active' | 'deactivated'>('');
  useEffect(() => {
    const h = setTimeout(() => setDebounced(q.trim()), 250);
    return () => clearTimeout(h);
  }, [q]);
  const list = useInfiniteQuery({
    queryKey: ['admin', 'people', debounced, status],
    queryFn: ({ pageParam, signal }) => get<Page<Me>>('/admin/people', { q: debounced, status, cursor: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const act = useMutation({
    mutationFn: ({ id, action }: { id: number; action: 'deactivate' | 'reactivate' | 'admin' | 'member' }) =>
      action === 'admin' || action === 'member'
        ? patch<Me>(`/admin/people/${id}`, { role: action })
        : post<Me>(`/admin/people/${id}/${action}`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['admin', 'people'] });
      void qc.invalidateQueries({ queryKey: ['people'] });
    },
  });
  const people = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="admin-people-title" className="stack">
      <h2 id="admin-people-title" className="sr-only">
        {t('admin.people')}
      </h2>
      <div className="toolbar filters">
        <div className="field">
          <label htmlFor="admin-q">{t('people.search')}</label>
          <input id="admin-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="admin-status">{t('admin.status')}</label>
          <select id="admin-status" value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            <option value="">{t('admin.statusAll')}</option>
            <option value="active">{t('admin.statusActive')}</option>
            <option value="deactivated">{t('admin.statusDeactivated')}</option>
          </select>
        </div>
      </div>
      <ErrorText error={act.error} />
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <ErrorText error={list.error} />
      ) : people.length === 0 ? (
        <Empty>{t('people.none')}</Empty>
      ) : (
        <ul className="member-list card">
          {people.map((p) => (
            <li key={p.id} data-testid={`admin-person-${p.handle}`}>
              <Avatar user={p} size={36} />
              <div className="grow">
                <PersonLink user={p} />
                <div className="muted small">
                  {p.email} · {t(`admin.roles.${p.role}`)}
                  {p.status === 'deactivated' && <> · {t('admin.statusDeactivated')}</>}
                </div>
                <RoleToggles person={p} />
              </div>
              {p.id !== me.id && (
                <div className="row-actions">
                  {p.role !== 'admin' ? (
                    <button type="button" className="btn btn-small" onClick={() => act.mutate({ id: p.id, action: 'admin' })} aria-label={t('admin.makeAdminName', { name: p.name })}>
                      {t('admin.makeAdmin')}
                    </button>
                  ) : (
                    <button type="button" className="btn btn-small" onClick={() => act.mutate({ id: p.id, action: 'member' })} aria-label={t('admin.removeAdminName', { name: p.name })}>
                      {t('admin.removeAdmin')}
                    </button>
                  )}
                  {p.status === 'active' ? (
                    <button type="button" className="btn btn-small btn-danger" onClick={() => act.mutate({ id: p.id, action: 'deactivate' })} aria-label={t('admin.deactivateName', { name: p.name })}>
                      {t('admin.deactivate')}
                    </button>
                  ) : (
                    <button type="button" className="btn btn-small" onClick={() => act.mutate({ id: p.id, action: 'reactivate' })} aria-label={t('admin.reactivateName', { name: p.name })}>
                      {t('admin.reactivate')}
                    </button>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <LoadMore query={list} />
    </section>
  );
}

function AdminInvitations() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [email, setEmail] = useState('');
  const [created, setCreated] = useState<Invitation | null>(null);
  const q = useQuery({
    queryKey: ['admin', 'invitations'],
    queryFn: () => get<Invitation[] | Page<Invitation>>('/admin/invitations'),
  });
  const create = useMutation({
    mutationFn: () => post<Invitation>('/admin/invitations', { email }),
    onSuccess: (inv) => {
      setCreated(inv);
      setEmail('');
      void qc.invalidateQueries({ queryKey: ['admin', 'invitations'] });
    },
  });
  const items = Array.isArray(q.data) ? q.data : (q.data?.items ?? []);
  const link = created?.url ? new URL(created.url, location.origin).toString() : null;
  return (
    <section aria-labelledby="inv-title" className="stack">
      <div className="card">
        <h2 id="inv-title">{t('admin.invite')}</h2>
        <form
          className="row wrap"
          onSubmit={(e) => {
            e.preventDefault();
            if (email.trim()) create.mutate();
          }}
        >
          <div className="field grow">
            <label htmlFor="inv-email">{t('auth.email')}</label>
            <input id="inv-email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          </div>
          <button type="submit" className="btn btn-primary align-end" disabled={!email.trim() || create.isPending}>
            {t('admin.inviteSubmit')}
          </button>
        </form>
        <ErrorText error={create.error} />
        {link && (
          <div className="notice" role="status">
            <p>{t('admin.inviteCreated', { email: created?.email ?? '' })}</p>
            <code className="token" data-testid="invitation-url">
              {link}
            </code>
            <button type="button" className="btn btn-small" onClick={() => void navigator.clipboard?.writeText(link)}>
              {t('common.copy')}
            </button>
          </div>
        )}
      </div>
      <div className="card">
        <h2>{t('admin.invitationList')}</h2>
        {q.isPending ? (
          <Loading />
        ) : q.error ? (
          <ErrorText error={q.error} />
        ) : items.length === 0 ? (
          <p className="muted">{t('admin.noInvitations')}</p>
        ) : (
          <ul className="token-list">
            {items.map((inv) => (
              <li key={inv.id}>
                <div className="grow">
                  <strong>{inv.email}</strong>
                  <div className="muted small">
                    {inv.acceptedAt ? (
                      <>
                        {t('admin.accepted')} <Time iso={inv.acceptedAt} relative={false} />
                      </>
                    ) : (
                      <>
                        {t('admin.expires')} <Time iso={inv.expiresAt} relative={false} />
                      </>
                    )}
                  </div>
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function AdminOrganisation() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { org } = useSession();
  const [name, setName] = useState(org?.name ?? '');
  const [locale, setLocale] = useState<Locale>(org?.defaultLocale ?? 'en');
  const [domains, setDomains] = useState((org?.allowedDomains ?? []).join(', '));
  const [chatGuests, setChatGuests] = useState(org?.chatGuests ?? false);
  const save = useMutation({
    mutationFn: () => patch<Organisation>('/organisation', { name, defaultLocale: locale, allowedDomains: splitDomains(domains), chatGuests }),
    onSuccess: (o) => qc.setQueryData(['organisation'], o),
  });
  return (
    <section className="card" aria-labelledby="org-title">
      <h2 id="org-title">{t('admin.organisation')}</h2>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <div className="field">
          <label htmlFor="org-name">{t('setup.orgName')}</label>
          <input id="org-name" required maxLength={120} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="org-locale">{t('setup.defaultLanguage')}</label>
          <select id="org-locale" value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
            <option value="de">Deutsch</option>
            <option value="en">English</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="org-domains">{t('setup.domains')}</label>
          <input id="org-domains" value={domains} onChange={(e) => setDomains(e.target.value)} aria-describedby="org-domains-hint" />
          <p id="org-domains-hint" className="hint">
            {t('setup.domainsHint')}
          </p>
        </div>
        <label className="checkbox" htmlFor="org-chat-guests">
          <input id="org-chat-guests" type="checkbox" checked={chatGuests} onChange={(e) => setChatGuests(e.target.checked)} />
          <span>
            {t('admin.chatGuests')}
            <span className="hint">{t('admin.chatGuestsHint')}</span>
          </span>
        </label>
        <ErrorText error={save.error} />
        <div role="status">{save.isSuccess && <p className="success">{t('common.saved')}</p>}</div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
