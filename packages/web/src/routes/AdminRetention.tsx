import type { LegalHold, LegalHoldInput } from '@foyer/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty, ErrorText, Loading, PageHeader, PersonLink, Time, useTitle } from '../components/bits';
import { ConfirmDialog } from '../components/Dialog';
import { del, get, post } from '../lib/api';
import { useMe } from '../lib/session';
import type { Page, Space, UserProfile } from '../lib/types';
import { NotFoundPage } from './NotFound';

/** Administrators: legal holds on spaces and people (placed, lifted, and the record of both). */
export function AdminRetentionPage() {
  const { t } = useTranslation();
  const me = useMe();
  useTitle(t('retention.admin.title'));
  if (me.role !== 'admin') return <NotFoundPage />;
  return (
    <div className="page page-narrow">
      <PageHeader title={t('retention.admin.title')} sub={t('retention.admin.intro')} />
      <div className="stack">
        <HoldForm />
        <HoldList />
      </div>
    </div>
  );
}

function HoldList() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['admin', 'legal-holds'], queryFn: ({ signal }) => get<{ items: LegalHold[] }>('/legal-holds', undefined, signal) });
  const [lifting, setLifting] = useState<LegalHold | null>(null);
  const lift = useMutation({
    mutationFn: (id: number) => del<void>(`/legal-holds/${id}`),
    onSuccess: () => {
      setLifting(null);
      void qc.invalidateQueries({ queryKey: ['admin', 'legal-holds'] });
    },
  });
  return (
    <section className="card" aria-labelledby="legal-holds-title">
      <h2 id="legal-holds-title">{t('retention.admin.listTitle')}</h2>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorText error={q.error} />
      ) : q.data.items.length === 0 ? (
        <Empty>{t('retention.admin.none')}</Empty>
      ) : (
        <ul className="privacy-list" data-testid="legal-holds">
          {q.data.items.map((h) => (
            <li key={h.id}>
              <span className="grow">
                <strong>{t(`retention.admin.target.${h.targetType}`, { name: h.targetName || `#${h.targetId}` })}</strong>
                <span className="small" style={{ overflowWrap: 'anywhere' }}>
                  {h.reason}
                </span>
                <span className="muted small">
                  {t('retention.admin.placed')} <Time iso={h.placedAt} /> {h.placedBy && <PersonLink user={h.placedBy} />}
                </span>
                {h.liftedAt && (
                  <span className="muted small">
                    {t('retention.admin.lifted')} <Time iso={h.liftedAt} /> {h.liftedBy && <PersonLink user={h.liftedBy} />}
                  </span>
                )}
              </span>
              {!h.liftedAt && (
                <button type="button" className="btn btn-small" onClick={() => setLifting(h)} aria-label={t('retention.admin.liftName', { name: h.targetName })}>
                  {t('retention.admin.lift')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorText error={lift.error} />
      <ConfirmDialog
        open={lifting !== null}
        title={t('retention.admin.liftTitle')}
        message={t('retention.admin.liftConfirm', { name: lifting?.targetName ?? '' })}
        confirmLabel={t('retention.admin.lift')}
        busy={lift.isPending}
        onConfirm={() => lifting && lift.mutate(lifting.id)}
        onClose={() => setLifting(null)}
      />
    </section>
  );
}

function HoldForm() {
  const { t } = useTranslation();
  const id = useId();
  const qc = useQueryClient();
  const [targetType, setTargetType] = useState<LegalHoldInput['targetType']>('space');
  const [spaceId, setSpaceId] = useState('');
  const [handle, setHandle] = useState('');
  const [reason, setReason] = useState('');
  const spaces = useQuery({ queryKey: ['admin', 'legal-holds', 'spaces'], queryFn: ({ signal }) => get<Page<Space>>('/spaces', { filter: 'all', limit: 100 }, signal) });
  const place = useMutation({
    mutationFn: async () => {
      // A person is named by handle; the server answers 404 for an unknown one.
      const targetId = targetType === 'space' ? Number(spaceId) : (await get<UserProfile>(`/people/${encodeURIComponent(handle.trim().replace(/^@/, ''))}`)).id;
      return post<LegalHold>('/legal-holds', { targetType, targetId, reason: reason.trim() });
    },
    onSuccess: () => {
      setReason('');
      setHandle('');
      void qc.invalidateQueries({ queryKey: ['admin', 'legal-holds'] });
    },
  });
  const ready = reason.trim() && (targetType === 'space' ? spaceId : handle.trim());
  return (
    <form
      className="card form"
      onSubmit={(e) => {
        e.preventDefault();
        place.mutate();
      }}
    >
      <h2>{t('retention.admin.placeTitle')}</h2>
      <p className="hint">{t('retention.admin.placeHint')}</p>
      <div className="field">
        <label htmlFor={`${id}-type`}>{t('retention.admin.targetType')}</label>
        <select id={`${id}-type`} value={targetType} onChange={(e) => setTargetType(e.target.value as LegalHoldInput['targetType'])}>
          <option value="space">{t('retention.admin.types.space')}</option>
          <option value="user">{t('retention.admin.types.user')}</option>
        </select>
      </div>
      {targetType === 'space' ? (
        <div className="field">
          <label htmlFor={`${id}-space`}>{t('retention.admin.types.space')}</label>
          <select id={`${id}-space`} value={spaceId} onChange={(e) => setSpaceId(e.target.value)}>
            <option value="">{t('retention.admin.chooseSpace')}</option>
            {spaces.data?.items.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <div className="field">
          <label htmlFor={`${id}-handle`}>{t('retention.admin.handle')}</label>
          <input id={`${id}-handle`} value={handle} maxLength={80} autoComplete="off" onChange={(e) => setHandle(e.target.value)} />
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('retention.admin.reason')}</label>
        <textarea id={`${id}-reason`} rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <ErrorText error={place.error} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={!ready || place.isPending}>
          {t('retention.admin.place')}
        </button>
      </div>
    </form>
  );
}
