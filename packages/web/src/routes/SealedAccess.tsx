import type { SealedRequest } from '@foyer/shared';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText, Loading, PageHeader, useTitle } from '../components/bits';
import { RequestCard } from '../components/sealed/RequestCard';
import { RequestForm } from '../components/sealed/RequestForm';
import { Viewer } from '../components/sealed/Viewer';
import { get } from '../lib/api';
import { useMe } from '../lib/session';

/** Sealed access: administrators ask, two approvers of distinct roles decide, the requester reads. */
export function SealedAccessPage() {
  const { t } = useTranslation();
  const me = useMe();
  useTitle(t('sealed.title'));
  const [open, setOpen] = useState<number | null>(null);
  const mayUse = me.role === 'admin' || me.roles.length > 0;
  const list = useQuery({ queryKey: ['sealed', 'list'], queryFn: ({ signal }) => get<{ items: SealedRequest[] }>('/sealed', undefined, signal), enabled: mayUse });
  if (!mayUse) {
    return (
      <div className="page page-narrow">
        <PageHeader title={t('sealed.title')} />
        <p className="notice">{t('sealed.only')}</p>
      </div>
    );
  }
  return (
    <div className="page page-narrow sealed-page">
      <PageHeader title={t('sealed.title')} sub={t('sealed.intro')} />
      <div className="stack">
        {open !== null && <Viewer requestId={open} onClose={() => setOpen(null)} />}
        {me.role === 'admin' && <RequestForm />}
        <section aria-labelledby="sealed-list-title">
          <h2 id="sealed-list-title">{t('sealed.list.title')}</h2>
          {list.isPending ? (
            <Loading />
          ) : list.error ? (
            <ErrorText error={list.error} />
          ) : list.data.items.length === 0 ? (
            <p className="muted">{t('sealed.list.none')}</p>
          ) : (
            <ul className="sealed-list" data-testid="sealed-list">
              {list.data.items.map((r) => (
                <RequestCard key={r.id} request={r} onOpen={setOpen} />
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}
