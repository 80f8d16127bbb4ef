import { useTranslation } from 'react-i18next';
import type { Space } from '../../lib/types';
import { AnalyticsReportView } from './AnalyticsReportView';

/** A space's weekly aggregates, for its managers. */
export function SpaceInsights({ space }: { space: Space }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="space-insights">
      <h2 id="space-insights">{t('analytics.spaceTitle')}</h2>
      <AnalyticsReportView path={`/spaces/${space.id}/analytics`} />
    </section>
  );
}
