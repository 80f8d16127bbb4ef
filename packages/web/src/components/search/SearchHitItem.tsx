import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hitHref } from '../../lib/search';
import type { SearchHit } from '../../lib/types';
import { Avatar, Time, VisibilityBadge } from '../bits';
import { Highlighted } from './Highlighted';
import { HitLabel, HitSnippet } from './HitParts';
import { FileHitItem } from './FileHitItem';

/** One hit: its highlighted title linking to the item, a highlighted snippet, and where and by whom. */
export function SearchHitItem({ hit, showType }: { hit: SearchHit; showType: boolean }) {
  const { t } = useTranslation();
  if (hit.type === 'file') return <FileHitItem hit={hit} showType={showType} />;
  const href = hitHref(hit);
  // Posts, comments, answers and messages have no title of their own: name them by kind and author.
  const title = hit.titleHtml ? <Highlighted html={hit.titleHtml} /> : t(`search.untitled.${hit.type}`, { name: hit.author?.name ?? t('search.someone') });
  const isContent = hit.type !== 'person' && hit.type !== 'space';
  return (
    <li className="search-item" data-testid={`search-hit-${hit.type}-${hit.id}`} data-type={hit.type}>
      {hit.type === 'person' && hit.author && <Avatar user={hit.author} size={40} />}
      <div className="search-item-body">
        <h3 className="search-item-title">
          {href ? <Link to={href}>{title}</Link> : title}
          <HitLabel hit={hit} />
        </h3>
        <HitSnippet hit={hit} />
        <p className="search-item-meta muted small">
          {showType && <span className="search-item-type">{t(`search.type.${hit.type}`)}</span>}
          {hit.type === 'space' && hit.space && <VisibilityBadge visibility={hit.space.visibility} />}
          {isContent && hit.space && <span>{t('search.inSpace', { space: hit.space.name })}</span>}
          {isContent && hit.type === 'message' && !hit.space && <span>{t('search.inChat')}</span>}
          {isContent && hit.author && <span>{hit.author.name}</span>}
          {hit.type === 'person' && hit.author && <span>@{hit.author.handle}</span>}
          {isContent && (
            <span>
              <Time iso={hit.createdAt} />
            </span>
          )}
        </p>
      </div>
    </li>
  );
}
