import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Report } from '../../lib/types';
import { Avatar, PersonLink, Time } from '../bits';
import { SafeHtml } from '../SafeHtml';
import { DecisionForm } from './DecisionForm';

/** Where the reported item lives; null for chat messages outside a space, whose conversation no moderator may open. */
export function itemPath(r: Report): string | null {
  const parent = r.item.parentId;
  switch (r.targetType) {
    case 'post':
      return `/posts/${r.targetId}`;
    case 'comment':
      return parent === null ? null : `/posts/${parent}`;
    case 'question':
      return `/questions/${r.targetId}`;
    case 'answer':
      return parent === null ? null : `/questions/${parent}#answer-${r.targetId}`;
    case 'page':
      return `/pages/${r.targetId}`;
    case 'message':
      return r.space && parent !== null ? `/chat/${parent}` : null;
  }
}

/** One report: exactly the reported item (never its surroundings), why, what was done, and the decision. */
export function ReportCard({ report: r }: { report: Report }) {
  const { t } = useTranslation();
  const path = r.item.deleted ? null : itemPath(r);
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
        {r.item.title && <h3 className="reported-title">{r.item.title}</h3>}
        <SafeHtml html={r.item.html} />
        {path && (
          <p className="small">
            <Link to={path} data-testid={`report-${r.id}-open`}>
              {t('moderation.open')}
            </Link>
          </p>
        )}
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
