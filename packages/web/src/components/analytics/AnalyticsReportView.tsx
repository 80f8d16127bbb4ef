import type { AnalyticsReport } from '@foyer/shared';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, isApiError } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { ErrorText, Loading } from '../bits';

type Dimension = AnalyticsReport['by'];
type Cell = AnalyticsReport['weeks'][number]['total'];
const METRICS = ['activeMembers', 'posts', 'comments', 'reactions', 'answers'] as const;

/** Weekly aggregates from an analytics endpoint, with one optional breakdown. */
export function AnalyticsReportView({ path }: { path: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [by, setBy] = useState<Dimension>('none');
  const [weeks, setWeeks] = useState(8);
  const q = useQuery({ queryKey: ['analytics', path, by, weeks], queryFn: ({ signal }) => get<AnalyticsReport>(path, { by, weeks }, signal) });
  if (isApiError(q.error, 'module_disabled')) return <p className="notice">{t('analytics.disabled')}</p>;
  return (
    <div className="stack">
      <div className="analytics-controls">
        <div className="field field-inline">
          <label htmlFor={`${id}-by`}>{t('analytics.by')}</label>
          <select id={`${id}-by`} value={by} onChange={(e) => setBy(e.target.value as Dimension)} data-testid="analytics-by">
            {(['none', 'department', 'site', 'country'] as const).map((d) => (
              <option key={d} value={d}>
                {t(`analytics.dimensions.${d}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-inline">
          <label htmlFor={`${id}-weeks`}>{t('analytics.weeks')}</label>
          <select id={`${id}-weeks`} value={weeks} onChange={(e) => setWeeks(Number(e.target.value))}>
            {[4, 8, 13, 26].map((w) => (
              <option key={w} value={w}>
                {t('analytics.weekCount', { count: w })}
              </option>
            ))}
          </select>
        </div>
      </div>
      {q.isPending ? <Loading /> : q.error ? <ErrorText error={q.error} /> : <Report report={q.data} />}
    </div>
  );
}

function Report({ report }: { report: AnalyticsReport }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <>
      <p className="hint">{t('analytics.kNote', { k: report.k })}</p>
      {/* Focusable so keyboard users can scroll a wide table on a small screen. */}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('analytics.caption')}>
        <table className="analytics-table" data-testid="analytics-table">
          <caption className="sr-only">{t('analytics.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('analytics.week')}</th>
              {report.by !== 'none' && <th scope="col">{t(`analytics.dimensions.${report.by}`)}</th>}
              {METRICS.map((m) => (
                <th key={m} scope="col" className="num">
                  {t(`analytics.metrics.${m}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.weeks.map((w) =>
              [w.total, ...w.groups].map((cell, i) => (
                <tr key={`${w.start}-${i}`} className={i === 0 ? 'week-total' : undefined}>
                  {i === 0 && (
                    <th scope="rowgroup" rowSpan={1 + w.groups.length}>
                      {t('analytics.weekOf', { date: f.date(w.start) })}
                    </th>
                  )}
                  {report.by !== 'none' && <th scope="row">{i === 0 ? t('analytics.total') : cell.name || t('analytics.notSpecified')}</th>}
                  <Figures cell={cell} />
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Figures({ cell }: { cell: Cell }) {
  const { t, i18n } = useTranslation();
  const nf = new Intl.NumberFormat(i18n.language);
  return (
    <>
      {METRICS.map((m) => (
        <td key={m} className="num">
          {cell.suppressed ? (
            <span title={t('analytics.suppressed')}>
              <span aria-hidden="true">–</span>
              <span className="sr-only">{t('analytics.suppressed')}</span>
            </span>
          ) : (
            nf.format(cell[m] ?? 0)
          )}
        </td>
      ))}
    </>
  );
}
