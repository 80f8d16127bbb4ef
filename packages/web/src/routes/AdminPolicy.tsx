import type { PolicyVersion, PolicyView } from '@foyer/shared';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorText, Loading, PageHeader, useTitle } from '../components/bits';
import { AuditPanel } from '../components/policy/AuditPanel';
import { DecisionPanel } from '../components/policy/DecisionPanel';
import { ProposeForm } from '../components/policy/ProposeForm';
import { get } from '../lib/api';
import { useMe } from '../lib/session';

/** Changing the works agreement (administrators propose, the works council decides) and checking the audit log. */
export function AdminPolicyPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const locale = i18n.language === 'de' ? 'de' : 'en';
  useTitle(t('compliance.manageTitle'));
  const isAdmin = me.role === 'admin';
  const council = me.roles.includes('governance');
  const active = useQuery({ queryKey: ['policy', 'active', locale], queryFn: () => get<PolicyView>('/policy', { locale }) });
  const versions = useQuery({ queryKey: ['policy', 'versions'], queryFn: () => get<{ items: PolicyVersion[] }>('/policy/versions') });
  const pending = versions.data?.items.find((v) => v.status === 'pending');
  if (!isAdmin && !council) {
    return (
      <div className="page page-narrow">
        <PageHeader title={t('compliance.manageTitle')} />
        <p className="notice">{t('compliance.manageOnly')}</p>
      </div>
    );
  }
  return (
    <div className="page page-narrow policy-page">
      <PageHeader title={t('compliance.manageTitle')} sub={t('compliance.manageIntro')}>
        <Link to="/policy" className="btn">
          {t('compliance.backToPolicy')}
        </Link>
      </PageHeader>
      <div className="stack">
        {versions.error && <ErrorText error={versions.error} />}
        {versions.isPending ? <Loading /> : pending ? <DecisionPanel key={pending.id} version={pending} /> : <p className="notice">{t('compliance.noPending')}</p>}
        {isAdmin && (active.isPending ? <Loading /> : active.error ? <ErrorText error={active.error} /> : <ProposeForm key={active.data.version} active={active.data.document} />)}
        <AuditPanel />
      </div>
    </div>
  );
}
