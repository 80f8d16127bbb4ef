import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { LoadMore, Empty, ErrorText, Loading, PageHeader, useTitle, VisibilityBadge } from '../components/bits';
import { Dialog } from '../components/Dialog';
import { NameDescriptionFields, VisibilityChoice } from '../components/SpaceForm';
import { GuidelinesConsent } from '../components/closed/GuidelinesConsent';
import { PurposeField } from '../components/closed/PurposeField';
import { closedSpaceProblem, SpaceCreateError } from '../components/closed/SpaceCreateError';
import { useSession } from '../lib/session';
import { SpaceJoinButtons } from './SpacePage';
import { get, post } from '../lib/api';
import { patchSpace } from '../lib/queryClient';
import type { Page, Space, SpaceVisibility } from '../lib/types';

export function SpacesPage() {
  const { t } = useTranslation();
  useTitle(t('spaces.title'));
  const [params, setParams] = useSearchParams();
  const filter = params.get('filter') === 'all' ? 'all' : 'mine';
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debounced, setDebounced] = useState(q);
  const [creating, setCreating] = useState(false);
  useEffect(() => {
    const h = setTimeout(() => setDebounced(q.trim()), 250);
    return () => clearTimeout(h);
  }, [q]);

  const list = useInfiniteQuery({
    queryKey: ['spaces', 'list', filter, debounced],
    queryFn: ({ pageParam, signal }) => get<Page<Space>>('/spaces', { filter, q: debounced, cursor: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const spaces = list.data?.pages.flatMap((p) => p.items) ?? [];

  const setFilter = (f: 'mine' | 'all') => {
    const next = new URLSearchParams(params);
    next.set('filter', f);
    setParams(next, { replace: true });
  };

  return (
    <div className="page">
      <PageHeader title={t('spaces.title')} sub={t('spaces.intro')}>
        <button type="button" className="btn btn-primary" onClick={() => setCreating(true)} data-testid="create-space">
          {t('spaces.create')}
        </button>
      </PageHeader>
      <div className="toolbar">
        <div className="segmented" role="group" aria-label={t('spaces.filterLabel')}>
          <button type="button" aria-pressed={filter === 'mine'} onClick={() => setFilter('mine')}>
            {t('spaces.mine')}
          </button>
          <button type="button" aria-pressed={filter === 'all'} onClick={() => setFilter('all')}>
            {t('spaces.all')}
          </button>
        </div>
        <div className="search">
          <label htmlFor="space-search" className="sr-only">
            {t('spaces.search')}
          </label>
          <input id="space-search" type="search" placeholder={t('spaces.search')} value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
      </div>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <ErrorText error={list.error} />
      ) : spaces.length === 0 ? (
        <Empty>{filter === 'mine' && !debounced ? t('spaces.emptyMine') : t('spaces.empty')}</Empty>
      ) : (
        <ul className="grid-list">
          {spaces.map((s) => (
            <li key={s.id} className="card space-card" data-testid={`space-${s.slug}`}>
              <div className="space-card-head">
                <h2>
                  <Link to={`/spaces/${s.slug}`}>{s.name}</Link>
                </h2>
                <VisibilityBadge visibility={s.visibility} />
              </div>
              {s.description && <p className="clamp">{s.description}</p>}
              <p className="muted small">
                {t('spaces.members', { count: s.memberCount })}
                {s.archived && <> · {t('spaces.archived')}</>}
                {s.unreadCount > 0 && <> · {t('spaces.unread', { count: s.unreadCount })}</>}
              </p>
              <SpaceJoinButtons space={s} compact />
            </li>
          ))}
        </ul>
      )}
      <LoadMore query={list} />
      <Dialog open={creating} onClose={() => setCreating(false)} title={t('spaces.createTitle')} wide testId="create-space-dialog">
        <CreateSpaceForm onDone={() => setCreating(false)} />
      </Dialog>
    </div>
  );
}

function CreateSpaceForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [visibility, setVisibility] = useState<SpaceVisibility>('public');
  const [purpose, setPurpose] = useState('');
  const [accepted, setAccepted] = useState(false);
  const { org } = useSession();
  const closed = visibility !== 'public';
  const guidelines = closed ? (org?.spaceGuidelines.trim() ?? '') : '';
  const create = useMutation({
    mutationFn: () =>
      post<Space>('/spaces', {
        name,
        description,
        visibility,
        ...(closed ? { purpose } : {}),
        ...(guidelines ? { acceptGuidelines: accepted } : {}),
      }),
    onSuccess: (s) => {
      qc.setQueryData(['space', 'by-slug', s.slug], s);
      patchSpace(s);
      onDone();
      navigate(`/spaces/${s.slug}`);
    },
  });
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <NameDescriptionFields name={name} description={description} onName={setName} onDescription={setDescription} />
      <VisibilityChoice value={visibility} onChange={setVisibility} />
      {closed && (
        <PurposeField
          value={purpose}
          onChange={setPurpose}
          required={visibility === 'secret' && org?.secretPurposeRequired}
          invalid={closedSpaceProblem(create.error) === 'purpose'}
        />
      )}
      {guidelines && (
        <GuidelinesConsent guidelines={guidelines} accepted={accepted} onChange={setAccepted} invalid={closedSpaceProblem(create.error) === 'guidelines'} />
      )}
      <SpaceCreateError error={create.error} visibility={visibility} />
      <div className="form-actions">
        <button type="button" className="btn" onClick={onDone}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={!name.trim() || create.isPending}>
          {t('spaces.createSubmit')}
        </button>
      </div>
    </form>
  );
}
