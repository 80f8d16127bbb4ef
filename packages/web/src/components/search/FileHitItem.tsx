import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatBytes } from '../../lib/files';
import { hitHref } from '../../lib/search';
import type { SearchHit } from '../../lib/types';
import { Time } from '../bits';
import { FileIcon } from '../files/FileIcon';
import { Highlighted } from './Highlighted';
import { HitLabel, HitSnippet } from './HitParts';

/**
 * A file hit: its kind, its (highlighted) name downloading it, matching text from inside it, and
 * where it lives — the item it is attached to or the space's files — as a link there.
 */
export function FileHitItem({ hit, showType }: { hit: SearchHit; showType: boolean }) {
  const { t, i18n } = useTranslation();
  const file = hit.file ?? null;
  const owner = file?.owner;
  const where = hitHref(hit);
  const title = hit.titleHtml ? <Highlighted html={hit.titleHtml} /> : t('search.untitled.file');
  const ownerText = !owner
    ? t('search.file.gone')
    : owner.type === 'space'
      ? t('search.file.on.space', { space: hit.space?.name ?? '' })
      : t(`search.file.on.${owner.type}`, { title: owner.title ?? '' });
  return (
    <li className="search-item" data-testid={`search-hit-file-${hit.id}`} data-type="file">
      <FileIcon kind={file?.kind ?? null} size={36} />
      <div className="search-item-body">
        <h3 className="search-item-title">
          {/* The server sends downloads as attachments under their own name. */}
          {file ? (
            <a href={file.url} download data-testid="search-file-download">
              {title}
            </a>
          ) : (
            title
          )}
          <HitLabel hit={hit} />
        </h3>
        <HitSnippet hit={hit} />
        <p className="search-item-meta muted small">
          {showType && <span className="search-item-type">{t('search.type.file')}</span>}
          {file && <span>{formatBytes(file.size, i18n.language)}</span>}
          <span>{where ? <Link to={where}>{ownerText}</Link> : ownerText}</span>
          {owner && owner.type !== 'space' && hit.space && <span>{t('search.inSpace', { space: hit.space.name })}</span>}
          {owner?.type === 'message' && !hit.space && <span>{t('search.inChat')}</span>}
          {hit.author && <span>{hit.author.name}</span>}
          <span>
            <Time iso={hit.createdAt} />
          </span>
        </p>
      </div>
    </li>
  );
}
