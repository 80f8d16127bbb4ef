import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Report } from '../../lib/types';
import { Avatar, PersonLink, Time } from '../bits';
import { SafeHtml } from '../SafeHtml';
import { DecisionForm } from './DecisionForm';

/** One report: exactly the reported item (never its surroundings), why, what was done, and the decision. */
export function ReportCard({ report: r }: { report: Report }) {
  const { t } = useTranslation();
  return (
    <article className="card report" data-testid={`report-${r.id}`} aria-labelledby={`report-${r.id}-title`}>
      <header className="report-head">
        <h2 id={`report-${r.id}-title`} className="report-title">
          {t(`report.categories.${r.category}`)}
        </h2>
        <span className="muted small">
          {t(`moderation.target.${r.targetType}`)}
          {r.space && (
            <>
              {' · '}
              <Link to={`/spaces/${r.space.slug}`}>{r.space.name}</Link>
            </>
          )}
          {' · '}
          <Time iso={r.createdAt} />
        </span>
        {r.escalated && <span className="badge badge-escalated">{t('moderation.escalated')}</span>}
        {r.item.hidden && <span className="badge">{t('moderation.hidden')}</span>}
        {r.item.deleted && <span className="badge">{t('moderation.deleted')}</span>}
      </header>
      {r.note && (
        <p className="report-note">
          <span className="muted">{t('moderation.note')} </span>
          {r.note}
        </p>
      )}
      <div className="reported-item">
        <p className="small">
          <Avatar user={r.item.author} size={20} /> <PersonLink user={r.item.author} />{' '}
          <span className="muted">
            <Time iso={r.item.createdAt} />
          </span>
        </p>
        <SafeHtml html={r.item.html} />
      </div>
      {r.actions.length > 0 && (
        <section aria-label={t('moderation.history')}>
          <h3 className="small">{t('moderation.history')}</h3>
          <ol className="report-actions">
            {r.actions.map((a, i) => (
              <li key={i} className="small">
                <strong>{t(`moderation.actions.${a.action}`)}</strong> · {a.moderator.name} · <Time iso={a.createdAt} />
                <div className="muted">{a.reason}</div>
              </li>
            ))}
          </ol>
        </section>
      )}
      <DecisionForm report={r} />
    </article>
  );
}
