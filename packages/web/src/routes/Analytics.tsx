import { useTranslation } from 'react-i18next';
import { AnalyticsReportView } from '../components/analytics/AnalyticsReportView';
import { PageHeader, useTitle } from '../components/bits';

/** Organisation analytics: weekly aggregates over at least k people (admins, communications). */
export function AnalyticsPage() {
  const { t } = useTranslation();
  useTitle(t('analytics.title'));
  return (
    <div className="page">
      <PageHeader title={t('analytics.title')} sub={t('analytics.intro')} />
      <AnalyticsReportView path="/analytics" />
    </div>
  );
}
