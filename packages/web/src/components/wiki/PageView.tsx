import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PageSummary, WikiPage } from '../../lib/types';
import { siblingsOf } from '../../lib/wiki';
import { LinkPreviewCard } from '../previews/LinkPreviewCard';
import { WikiBody } from './WikiBody';
import { AttachmentList } from '../files/AttachmentList';

/** The rendered page, a preview of its first web link, and its child pages. */
export function PageView({ page, pages }: { page: WikiPage; pages: PageSummary[] }) {
  const { t } = useTranslation();
  const children = siblingsOf(pages, page.id);
  return (
    <div className="stack">
      <article className="card wiki-article" aria-labelledby="wiki-page-title">
        {page.body.trim() ? <WikiBody html={page.html} testId="wiki-page-body" /> : <p className="muted">{t('wiki.emptyPage')}</p>}
        <AttachmentList files={page.files} />
        <LinkPreviewCard html={page.html} />
        {page.backlinks > 0 && <p className="muted small wiki-backlinks">{t('wiki.backlinks', { count: page.backlinks })}</p>}
      </article>
      {children.length > 0 && (
        <section className="card" aria-labelledby="wiki-children-title">
          <h2 id="wiki-children-title">{t('wiki.childPages', { count: children.length })}</h2>
          <ul className="wiki-children" data-testid="wiki-children">
            {children.map((c) => (
              <li key={c.id}>
                <Link to={`/pages/${c.id}`}>{c.title}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
