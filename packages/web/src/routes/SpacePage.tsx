import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Route, Routes, useParams } from 'react-router';
import { LoadMore, Avatar, ErrorText, errorMessage, Loading, PersonLink, Time, useTitle, VisibilityBadge } from '../components/bits';
import { SpaceChannels } from '../components/chat/SpaceChannels';
import { ConfirmDialog } from '../components/Dialog';
import { Composer } from '../components/Composer';
import { LabelBadge } from '../components/labels/LabelBadge';
import { LabelError } from '../components/labels/LabelError';
import { SpaceLabelFields, type SpaceLabels } from '../components/labels/SpaceLabelFields';
import { PostCard } from '../components/PostCard';
import { SpaceQuestions } from '../components/questions/SpaceQuestions';
import { SpaceWiki } from '../components/wiki/SpaceWiki';
import { SpaceFiles } from '../components/files/SpaceFiles';
import { SpaceLegalHoldNotice } from '../components/privacy/LegalHoldCard';
import { SpaceRetentionCard } from '../components/privacy/SpaceRetentionCard';
import { SpaceInsights } from '../components/analytics/SpaceInsights';
import { PostList } from '../components/PostList';
import { NameDescriptionFields, VisibilityChoice } from '../components/SpaceForm';
import { PurposeField } from '../components/closed/PurposeField';
import { RegistryNote } from '../components/closed/RegistryNote';
import { ApiError, del, get, isApiError, patch, post } from '../lib/api';
import { patchSpace, queryClient } from '../lib/queryClient';
import { useMe } from '../lib/session';
import { useModules } from '../lib/modules';
import type { Page, Post, Space, SpaceMember, SpaceRole, SpaceVisibility, UserSummary } from '../lib/types';
import { NotFoundPage } from './NotFound';

function useSpaceAction(space: Space) {
  return useMutation({
    mutationFn: (action: 'join' | 'leave' | 'request' | 'accept' | 'decline' | 'archive' | 'unarchive') =>
      post<Space>(`/spaces/${space.id}/${action}`),
    onSuccess: (s, action) => {
      patchSpace(s);
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'space' && q.queryKey[1] === s.id });
      if (action === 'join' || action === 'leave' || action === 'accept') void queryClient.invalidateQueries({ queryKey: ['feed'] });
    },
  });
}

export function SpaceJoinButtons({ space, compact }: { space: Space; compact?: boolean }) {
  const { t } = useTranslation();
  const action = useSpaceAction(space);
  const [confirmLeave, setConfirmLeave] = useState(false);
  const a = space.abilities;
  const btn = compact ? 'btn btn-small' : 'btn';
  return (
    <div className="join-buttons">
      {space.myState === 'invited' && (
        <>
          <span className="muted small">{t('spaces.invitedYou')}</span>
          <button type="button" className={`${btn} btn-primary`} onClick={() => action.mutate('accept')} disabled={action.isPending}>
            {t('spaces.accept')}
          </button>
          <button type="button" className={btn} onClick={() => action.mutate('decline')} disabled={action.isPending}>
            {t('spaces.decline')}
          </button>
        </>
      )}
      {a.join && space.myState !== 'invited' && (
        <button type="button" className={`${btn} btn-primary`} onClick={() => action.mutate('join')} disabled={action.isPending}>
          {t('spaces.join')}
        </button>
      )}
      {a.requestJoin && (
        <button type="button" className={`${btn} btn-primary`} onClick={() => action.mutate('request')} disabled={action.isPending}>
          {t('spaces.requestJoin')}
        </button>
      )}
      {space.myState === 'requested' && <span className="badge">{t('spaces.requested')}</span>}
      {a.leave && space.myState !== 'invited' && (
        <button type="button" className={btn} onClick={() => setConfirmLeave(true)} disabled={action.isPending}>
          {space.myState === 'requested' ? t('spaces.withdraw') : t('spaces.leave')}
        </button>
      )}
      {action.error && <ErrorText error={action.error} />}
      <ConfirmDialog
        open={confirmLeave}
        title={t('spaces.leaveTitle', { name: space.name })}
        message={space.visibility === 'public' ? t('spaces.leaveConfirmPublic') : t('spaces.leaveConfirmPrivate')}
        confirmLabel={space.myState === 'requested' ? t('spaces.withdraw') : t('spaces.leave')}
        onConfirm={() => {
          setConfirmLeave(false);
          action.mutate('leave');
        }}
        onClose={() => setConfirmLeave(false)}
      />
    </div>
  );
}

export function SpacePage() {
  const { t } = useTranslation();
  const slug = useParams().slug ?? '';
  const modules = useModules();
  const q = useQuery({ queryKey: ['space', 'by-slug', slug], queryFn: () => get<Space>(`/spaces/by-slug/${encodeURIComponent(slug)}`) });
  useTitle(q.data?.name);
  if (q.isPending) return <Loading />;
  if (isApiError(q.error, 'not_found')) return <NotFoundPage />;
  if (q.error) return <ErrorText error={q.error} />;
  const space = q.data;
  const base = `/spaces/${space.slug}`;
  return (
    <div className="page">
      <div className="space-header card">
        <div className="space-title">
          <h1>{space.name}</h1>
          <VisibilityBadge visibility={space.visibility} />
          <LabelBadge level={space.labelDefault} kind="default" />
          {space.archived && <span className="badge">{t('spaces.archived')}</span>}
        </div>
        {space.description && <p className="space-desc">{space.description}</p>}
        <p className="muted small">
          {t('spaces.members', { count: space.memberCount })}
          {space.myRole && <> · {t(`spaces.roles.${space.myRole}`)}</>}
        </p>
        <RegistryNote space={space} />
        <SpaceLegalHoldNotice spaceId={space.id} enabled={space.myRole != null && space.abilities.read} />
        <SpaceJoinButtons space={space} />
        <nav className="tabs" aria-label={t('spaces.sections')}>
          <NavLink to={base} end>
            {t('spaces.tabPosts')}
          </NavLink>
          {space.abilities.read && modules.on('questions') && <NavLink to={`${base}/questions`}>{t('spaces.tabQuestions')}</NavLink>}
          {space.abilities.read && modules.on('wiki') && <NavLink to={`${base}/wiki`}>{t('spaces.tabWiki')}</NavLink>}
          {space.abilities.read && modules.on('files') && <NavLink to={`${base}/files`}>{t('spaces.tabFiles')}</NavLink>}
          <NavLink to={`${base}/about`}>{t('spaces.tabAbout')}</NavLink>
          {space.abilities.manage && modules.on('analytics') && <NavLink to={`${base}/insights`}>{t('analytics.spaceTitle')}</NavLink>}
          {space.abilities.read && <NavLink to={`${base}/members`}>{t('spaces.tabMembers')}</NavLink>}
        </nav>
      </div>
      <Routes>
        <Route index element={<SpacePosts space={space} />} />
        <Route path="questions/*" element={space.abilities.read ? <SpaceQuestions space={space} /> : <NotFoundPage />} />
        <Route path="wiki/*" element={space.abilities.read ? <SpaceWiki space={space} /> : <NotFoundPage />} />
        <Route path="files/*" element={space.abilities.read ? <SpaceFiles space={space} /> : <NotFoundPage />} />
        <Route path="about" element={<SpaceAbout space={space} />} />
        <Route path="insights" element={space.abilities.manage ? <SpaceInsights space={space} /> : <NotFoundPage />} />
        <Route path="members" element={<SpaceMembers space={space} />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </div>
  );
}

function SpacePosts({ space }: { space: Space }) {
  const { t } = useTranslation();
  const pinned = useQuery({
    queryKey: ['space', space.id, 'pinned'],
    queryFn: () => get<Post[]>(`/spaces/${space.id}/pinned`),
    enabled: space.abilities.read,
  });
  const marked = useRef<number | null>(null);
  const markRead = (postId: number) => {
    if (!space.myRole || marked.current === postId) return;
    marked.current = postId;
    post<void>(`/spaces/${space.id}/read`, { postId })
      .then(() => queryClient.invalidateQueries({ queryKey: ['myspaces'] }))
      .catch(() => undefined);
  };

  if (!space.abilities.read) {
    return (
      <div className="card notice">
        <p>{space.visibility === 'secret' ? t('spaces.secretClosed') : t('spaces.privateClosed')}</p>
      </div>
    );
  }
  return (
    <div className="page-feed">
      <SpaceChannels space={space} />
      {pinned.data && pinned.data.length > 0 && (
        <section aria-labelledby="pinned-title" className="pinned">
          <h2 id="pinned-title" className="section-title">
            <span aria-hidden="true">📌 </span>
            {t('spaces.pinned')}
          </h2>
          {pinned.data.map((p) => (
            <PostCard key={p.id} post={p} showSpace={false} />
          ))}
        </section>
      )}
      {space.abilities.post && <Composer space={space} />}
      <PostList
        queryKey={['space', space.id, 'posts']}
        path={`/spaces/${space.id}/posts`}
        feed={`space:${space.id}`}
        showSpace={false}
        label={t('spaces.postsOf', { name: space.name })}
        empty={t('spaces.noPosts')}
        onFirstPost={markRead}
      />
    </div>
  );
}

function SpaceAbout({ space }: { space: Space }) {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <section className="card" aria-labelledby="about-title">
        <h2 id="about-title">{t('spaces.tabAbout')}</h2>
        <p>{space.description || t('spaces.noDescription')}</p>
        <dl className="facts">
          <dt>{t('spaces.visibilityLabel')}</dt>
          <dd>
            <VisibilityBadge visibility={space.visibility} /> {t(`spaces.visibilityHelp.${space.visibility}`)}
          </dd>
          {space.visibility !== 'public' && (
            <>
              <dt>{t('closedSpaces.purpose')}</dt>
              <dd className="pre-wrap" data-testid="space-purpose-text">
                {space.purpose || t('closedSpaces.noPurpose')}
              </dd>
            </>
          )}
          <dt>{t('labels.default')}</dt>
          <dd>
            <LabelBadge level={space.labelDefault} kind="default" />
          </dd>
          <dt>{t('labels.ceiling')}</dt>
          <dd>
            <LabelBadge level={space.labelCeiling} kind="ceiling" />
          </dd>
          <dt>{t('spaces.membersLabel')}</dt>
          <dd>{t('spaces.members', { count: space.memberCount })}</dd>
          <dt>{t('spaces.createdLabel')}</dt>
          <dd>
            <Time iso={space.createdAt} dateOnly />
          </dd>
        </dl>
      </section>
      {space.abilities.read && <SpaceRetentionCard spaceId={space.id} />}
      {space.abilities.manage && <SpaceSettings space={space} />}
    </div>
  );
}

function SpaceSettings({ space }: { space: Space }) {
  const { t } = useTranslation();
  const [name, setName] = useState(space.name);
  const [description, setDescription] = useState(space.description);
  const [visibility, setVisibility] = useState<SpaceVisibility>(space.visibility);
  const [purpose, setPurpose] = useState(space.purpose);
  const [labels, setLabels] = useState<SpaceLabels>({ labelCeiling: space.labelCeiling, labelDefault: space.labelDefault });
  const [newReaders, setNewReaders] = useState<number | null>(null);
  const [saved, setSaved] = useState(false);
  const action = useSpaceAction(space);
  const save = useMutation({
    mutationFn: (confirmAudience: boolean) =>
      patch<Space>(`/spaces/${space.id}`, {
        name,
        description,
        visibility,
        ...(purpose !== space.purpose ? { purpose } : {}),
        // Only changed limits: they are checked against the space's content.
        ...(labels.labelCeiling !== space.labelCeiling ? { labelCeiling: labels.labelCeiling } : {}),
        ...(labels.labelDefault !== space.labelDefault ? { labelDefault: labels.labelDefault } : {}),
        ...(confirmAudience ? { confirmAudience: true } : {}),
      }),
    onSuccess: (s) => {
      setNewReaders(null);
      setSaved(true);
      patchSpace(s);
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 409) {
        const d = e.details as { newReaders?: number } | undefined;
        if (d && typeof d.newReaders === 'number') setNewReaders(d.newReaders);
      }
    },
  });
  const audienceError = save.error instanceof ApiError && save.error.status === 409 && newReaders !== null;
  return (
    <section className="card" aria-labelledby="space-settings-title">
      <h2 id="space-settings-title">{t('spaces.settings')}</h2>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(false);
          save.mutate(false);
        }}
      >
        <NameDescriptionFields name={name} description={description} onName={setName} onDescription={setDescription} />
        <VisibilityChoice value={visibility} onChange={setVisibility} />
        {visibility !== 'public' && <PurposeField value={purpose} onChange={setPurpose} />}
        <SpaceLabelFields value={labels} onChange={setLabels} />
        {audienceError ? (
          <div className="warning" role="alert">
            <p>{t('spaces.widenWarning', { count: newReaders ?? 0 })}</p>
            <button type="button" className="btn btn-danger" onClick={() => save.mutate(true)} disabled={save.isPending}>
              {t('spaces.widenConfirm')}
            </button>
          </div>
        ) : (
          <LabelError error={save.error} />
        )}
        <div className="form-actions">
          {saved && (
            <span role="status" className="muted">
              {t('common.saved')}
            </span>
          )}
          <button type="submit" className="btn btn-primary" disabled={save.isPending || !name.trim()}>
            {t('common.save')}
          </button>
        </div>
      </form>
      <hr />
      <div className="row">
        <p className="muted small grow">{space.archived ? t('spaces.unarchiveHelp') : t('spaces.archiveHelp')}</p>
        <button type="button" className="btn" onClick={() => action.mutate(space.archived ? 'unarchive' : 'archive')} disabled={action.isPending}>
          {space.archived ? t('spaces.unarchive') : t('spaces.archive')}
        </button>
      </div>
      <ErrorText error={action.error} />
    </section>
  );
}

function useMembers(space: Space, state: 'member' | 'requested' | 'invited', enabled: boolean) {
  return useInfiniteQuery({
    queryKey: ['space', space.id, 'members', state],
    queryFn: ({ pageParam, signal }) =>
      get<Page<SpaceMember>>(`/spaces/${space.id}/members`, { state, cursor: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

function SpaceMembers({ space }: { space: Space }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const manage = space.abilities.manage;
  const members = useMembers(space, 'member', space.abilities.read);
  const requested = useMembers(space, 'requested', manage);
  const invited = useMembers(space, 'invited', manage);
  const [removing, setRemoving] = useState<SpaceMember | null>(null);

  const refresh = () => {
    void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'space' && (q.queryKey[1] === space.id || q.queryKey[1] === 'by-slug') });
  };
  const decide = useMutation({
    mutationFn: ({ userId, ok }: { userId: number; ok: boolean }) => post<void>(`/spaces/${space.id}/members/${userId}/${ok ? 'approve' : 'deny'}`),
    onSuccess: refresh,
  });
  const setRole = useMutation({
    mutationFn: ({ userId, role }: { userId: number; role: SpaceRole }) => patch<SpaceMember>(`/spaces/${space.id}/members/${userId}`, { role }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (userId: number) => del<void>(`/spaces/${space.id}/members/${userId}`),
    onSuccess: () => {
      setRemoving(null);
      refresh();
    },
  });

  const list = (q: typeof members) => q.data?.pages.flatMap((p) => p.items) ?? [];
  if (!space.abilities.read) {
    return (
      <div className="card notice">
        <p>{space.visibility === 'secret' ? t('spaces.secretClosed') : t('spaces.privateClosed')}</p>
      </div>
    );
  }
  const req = list(requested);
  const inv = list(invited);

  return (
    <div className="stack">
      {manage && <InviteMember space={space} onInvited={refresh} />}
      {manage && req.length > 0 && (
        <section className="card" aria-labelledby="requests-title">
          <h2 id="requests-title">{t('spaces.requests', { count: req.length })}</h2>
          <ul className="member-list">
            {req.map((m) => (
              <li key={m.user.id} data-testid={`request-${m.user.handle}`}>
                <Avatar user={m.user} size={36} />
                <div className="grow">
                  <PersonLink user={m.user} />
                  <div className="muted small">{m.user.title}</div>
                </div>
                <button
                  type="button"
                  className="btn btn-small btn-primary"
                  onClick={() => decide.mutate({ userId: m.user.id, ok: true })}
                  aria-label={t('spaces.approveName', { name: m.user.name })}
                >
                  {t('spaces.approve')}
                </button>
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => decide.mutate({ userId: m.user.id, ok: false })}
                  aria-label={t('spaces.denyName', { name: m.user.name })}
                >
                  {t('spaces.deny')}
                </button>
              </li>
            ))}
          </ul>
          <ErrorText error={decide.error} />
        </section>
      )}
      <section className="card" aria-labelledby="members-title">
        <h2 id="members-title">{t('spaces.members', { count: space.memberCount })}</h2>
        {members.isPending ? (
          <Loading />
        ) : members.error ? (
          <ErrorText error={members.error} />
        ) : (
          <ul className="member-list">
            {list(members).map((m) => (
              <li key={m.user.id} data-testid={`member-${m.user.handle}`}>
                <Avatar user={m.user} size={36} />
                <div className="grow">
                  <PersonLink user={m.user} />
                  <div className="muted small">{m.user.title}</div>
                </div>
                {manage ? (
                  <>
                    <label className="sr-only" htmlFor={`role-${m.user.id}`}>
                      {t('spaces.roleOf', { name: m.user.name })}
                    </label>
                    <select
                      id={`role-${m.user.id}`}
                      value={m.role}
                      onChange={(e) => setRole.mutate({ userId: m.user.id, role: e.target.value as SpaceRole })}
                    >
                      {(['owner', 'admin', 'member'] as const).map((r) => (
                        <option key={r} value={r}>
                          {t(`spaces.roles.${r}`)}
                        </option>
                      ))}
                    </select>
                    {m.user.id !== me.id && (
                      <button
                        type="button"
                        className="btn btn-small"
                        onClick={() => setRemoving(m)}
                        aria-label={t('spaces.removeName', { name: m.user.name })}
                      >
                        {t('spaces.remove')}
                      </button>
                    )}
                  </>
                ) : (
                  m.role !== 'member' && <span className="badge">{t(`spaces.roles.${m.role}`)}</span>
                )}
              </li>
            ))}
          </ul>
        )}
        <LoadMore query={members} />
        {setRole.error && <p className="error" role="alert">{errorMessage(t, setRole.error)}</p>}
      </section>
      {manage && inv.length > 0 && (
        <section className="card" aria-labelledby="invited-title">
          <h2 id="invited-title">{t('spaces.invitedList', { count: inv.length })}</h2>
          <ul className="member-list">
            {inv.map((m) => (
              <li key={m.user.id}>
                <Avatar user={m.user} size={36} />
                <div className="grow">
                  <PersonLink user={m.user} />
                </div>
                <button type="button" className="btn btn-small" onClick={() => remove.mutate(m.user.id)} aria-label={t('spaces.revokeInviteName', { name: m.user.name })}>
                  {t('spaces.revokeInvite')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <ConfirmDialog
        open={removing !== null}
        title={t('spaces.removeTitle')}
        message={t('spaces.removeConfirm', { name: removing?.user.name ?? '', space: space.name })}
        confirmLabel={t('spaces.remove')}
        danger
        busy={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing.user.id)}
        onClose={() => setRemoving(null)}
      />
      {remove.error && <ErrorText error={remove.error} />}
    </div>
  );
}

function InviteMember({ space, onInvited }: { space: Space; onInvited: () => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const people = useQuery({
    queryKey: ['autocomplete', null, q.trim()],
    queryFn: ({ signal }) => get<UserSummary[]>('/people/autocomplete', { q: q.trim() }, signal),
    enabled: q.trim().length > 0,
  });
  const invite = useMutation({
    mutationFn: (u: UserSummary) => post<SpaceMember>(`/spaces/${space.id}/members`, { userId: u.id }),
    onSuccess: (_m, u) => {
      setDone(u.name);
      setQ('');
      onInvited();
    },
  });
  return (
    <section className="card" aria-labelledby="invite-title">
      <h2 id="invite-title">{t('spaces.invite')}</h2>
      <div className="field">
        <label htmlFor="invite-search">{t('spaces.inviteSearch')}</label>
        <input id="invite-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
      </div>
      {q.trim() && people.data && (
        <ul className="member-list">
          {people.data.length === 0 && <li className="muted">{t('people.none')}</li>}
          {people.data.map((u) => (
            <li key={u.id}>
              <Avatar user={u} size={28} />
              <span className="grow">
                {u.name} <span className="muted">@{u.handle}</span>
              </span>
              <button type="button" className="btn btn-small btn-primary" onClick={() => invite.mutate(u)} aria-label={t('spaces.inviteName', { name: u.name })}>
                {t('spaces.inviteButton')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorText error={invite.error} />
      <div role="status">{done && <p className="success">{t('spaces.invitedDone', { name: done })}</p>}</div>
    </section>
  );
}

