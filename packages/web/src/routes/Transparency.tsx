import { useTranslation } from 'react-i18next';
import { PageHeader, useTitle } from '../components/bits';
import { AuditCard } from '../components/privacy/AuditCard';
import { DataOverviewCard } from '../components/privacy/DataOverviewCard';
import { EraseAccountCard } from '../components/privacy/EraseAccountCard';
import { ExportsCard } from '../components/privacy/ExportsCard';
import { LegalHoldCard } from '../components/privacy/LegalHoldCard';
import { SessionsCard } from '../components/privacy/SessionsCard';

/** The personal transparency centre: what Foyer holds about me, my sessions, my data to take away. */
export function TransparencyPage() {
  const { t } = useTranslation();
  useTitle(t('privacy.title'));
  return (
    <div className="page page-narrow">
      <PageHeader title={t('privacy.title')} sub={t('privacy.intro')} />
      <div className="stack">
        <DataOverviewCard />
        <ExportsCard />
        <SessionsCard />
        <LegalHoldCard />
        <AuditCard />
        <EraseAccountCard />
      </div>
    </div>
  );
}
