import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../lib/api';
import type { DataOverview } from '../../lib/types';
import { ErrorText, Loading } from '../bits';

/** What Foyer holds about me, by category, with the retention that applies to each. */
export function DataOverviewCard() {
  const { t, i18n } = useTranslation();
  const q = useQuery({ queryKey: ['me', 'data'], queryFn: ({ signal }) => get<DataOverview>('/me/data', undefined, signal) });
  const nf = new Intl.NumberFormat(i18n.language);
  return (
    <section className="card" aria-labelledby="privacy-data">
      <h2 id="privacy-data">{t('privacy.data.title')}</h2>
      <p className="hint">{t('privacy.data.intro')}</p>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorText error={q.error} />
      ) : (
        <table className="privacy-table" data-testid="privacy-data">
          <thead>
            <tr>
              <th scope="col">{t('privacy.data.category')}</th>
              <th scope="col" className="num">
                {t('privacy.data.count')}
              </th>
              <th scope="col">{t('privacy.data.retention')}</th>
            </tr>
          </thead>
          <tbody>
            {q.data.categories.map((c) => (
              <tr key={c.key}>
                <th scope="row">{t(`privacy.categories.${c.key}`, { defaultValue: c.key })}</th>
                <td className="num">{nf.format(c.count)}</td>
                <td>{c.retentionDays !== null ? t('privacy.data.retentionDays', { days: c.retentionDays }) : t('privacy.data.keptUntilDeleted')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
