import type { PolicyVersion, PolicyView } from '@foyer/shared';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorText, Loading, PageHeader, useTitle } from '../components/bits';
import { Decisions } from '../components/policy/Decisions';
import { PolicySections } from '../components/policy/PolicySections';
import { VersionHistory } from '../components/policy/VersionHistory';
import { API_BASE, get } from '../lib/api';
import { useFormat } from '../lib/format';
import { useMe } from '../lib/session';

/** The works agreement in force, in plain language, for every employee: with its history and the annex. */
export function PolicyPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const f = useFormat();
  const locale = i18n.language === 'de' ? 'de' : 'en';
  useTitle(t('compliance.title'));
  const active = useQuery({ queryKey: ['policy', 'active', locale], queryFn: () => get<PolicyView>('/policy', { locale }) });
  const history = useQuery({ queryKey: ['policy', 'versions'], queryFn: () => get<{ items: PolicyVersion[] }>('/policy/versions') });
  const manages = me.role === 'admin' || me.roles.includes('governance');
  const v = active.data;
  return (
    <div className="page page-narrow policy-page">
      <PageHeader
        title={t('compliance.title')}
        sub={v?.activatedAt ? t('compliance.versionInForce', { version: v.version, date: f.date(v.activatedAt) }) : undefined}
      >
        {manages && (
          <Link to="/policy/manage" className="btn" data-testid="policy-manage-link">
            {t('compliance.manage')}
          </Link>
        )}
      </PageHeader>
      <p className="hint">{t('compliance.intro')}</p>
      {active.isPending ? (
        <Loading />
      ) : active.error ? (
        <ErrorText error={active.error} />
      ) : (
        <div className="stack">
          <section className="card" aria-labelledby="policy-text-title">
            <h2 id="policy-text-title">{t('compliance.textTitle')}</h2>
            <PolicySections sections={active.data.sections} />
            <div className="policy-annex">
              <a className="btn btn-small" href={`${API_BASE}/policy/annex.html?locale=${locale}`} target="_blank" rel="noopener" data-testid="annex-html">
                {t('compliance.annexHtml')}
              </a>
              <a className="btn btn-small" href={`${API_BASE}/policy/annex.pdf?locale=${locale}`} download data-testid="annex-pdf">
                {t('compliance.annexPdf')}
              </a>
              <a className="btn btn-small" href={`${API_BASE}/policy/document.yaml?version=${active.data.version}`} download data-testid="policy-download-yaml">
                {t('compliance.file.downloadYaml')}
              </a>
              <a className="btn btn-small" href={`${API_BASE}/policy/document.json?version=${active.data.version}`} download data-testid="policy-download-json">
                {t('compliance.file.downloadJson')}
              </a>
            </div>
          </section>
          <section className="card" aria-labelledby="policy-approval-title">
            <h2 id="policy-approval-title">{t('compliance.approvalTitle')}</h2>
            <Decisions version={active.data} />
          </section>
          <section className="card" aria-labelledby="policy-history-title">
            <h2 id="policy-history-title">{t('compliance.historyTitle')}</h2>
            {history.isPending ? <Loading /> : history.error ? <ErrorText error={history.error} /> : <VersionHistory versions={history.data.items} />}
          </section>
        </div>
      )}
    </div>
  );
}
