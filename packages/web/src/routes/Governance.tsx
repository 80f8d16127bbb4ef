import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Empty, ErrorText, Loading, PageHeader, useTitle } from '../components/bits';
import { RegistryTable } from '../components/closed/RegistryTable';
import { RegistryViews } from '../components/closed/RegistryViews';
import { get } from '../lib/api';
import { useMe } from '../lib/session';
import type { RegistryEntry } from '../lib/types';

/** The closed-space registry for the governance role; the log of who looked at it for everyone. */
export function GovernancePage() {
  const { t } = useTranslation();
  const me = useMe();
  const governance = me.roles.includes('governance');
  useTitle(t('governance.title'));
  return (
    <div className="page">
      <PageHeader title={t('governance.title')} sub={t('governance.intro')} />
      <div className="stack">
        {governance ? <Registry /> : <RegistryViews />}
      </div>
    </div>
  );
}

function Registry() {
  const { t } = useTranslation();
  // Every registry call is recorded: fetch it once per visit, and the log only after it.
  const q = useQuery({
    queryKey: ['governance', 'registry'],
    queryFn: () => get<{ items: RegistryEntry[] }>('/governance/registry'),
    staleTime: Infinity,
    gcTime: 0,
  });
  return (
    <>
      <section className="card" aria-labelledby="registry-title">
        <h2 id="registry-title">{t('governance.registryTitle')}</h2>
        <p className="hint">{t('governance.registryIntro')}</p>
        {q.isPending ? (
          <Loading />
        ) : q.error ? (
          <ErrorText error={q.error} />
        ) : q.data.items.length === 0 ? (
          <Empty>{t('governance.registryEmpty')}</Empty>
        ) : (
          <RegistryTable items={q.data.items} />
        )}
      </section>
      <RegistryViews enabled={!q.isPending} />
    </>
  );
}
