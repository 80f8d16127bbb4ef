import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../lib/files';
import type { FileRef } from '../../lib/types';
import { FileIcon } from './FileIcon';

/**
 * The files attached to an item, compact: picture or icon, name, size. The name downloads the
 * file (the server sends it as an attachment); only an image's thumbnail opens it in the browser.
 * While the item is edited, `onRemove` gives each file a button that takes it off.
 */
export function AttachmentList({ files, onRemove }: { files: FileRef[] | undefined; onRemove?: (file: FileRef) => void }) {
  const { t, i18n } = useTranslation();
  if (!files || files.length === 0) return null;
  return (
    <ul className="attachments" aria-label={t('files.attachments', { count: files.length })} data-testid="attachments">
      {files.map((f) => (
        <li key={f.id} className="attachment" data-testid="attachment" data-kind={f.kind}>
          {f.kind === 'image' && f.thumbUrl ? (
            <a href={f.url} target="_blank" rel="noopener noreferrer" className="attachment-thumb">
              <img src={f.thumbUrl} alt="" loading="lazy" />
              <span className="sr-only">{t('files.openImage', { name: f.name })}</span>
            </a>
          ) : (
            <FileIcon kind={f.kind} />
          )}
          <span className="attachment-text">
            <a href={f.url} download={f.name} className="attachment-name">
              {f.name}
            </a>
            <span className="muted small">{formatBytes(f.size, i18n.language)}</span>
          </span>
          {onRemove && (
            <button type="button" className="icon-btn" onClick={() => onRemove(f)} aria-label={t('files.composer.detach', { name: f.name })} data-testid="attachment-remove">
              <span aria-hidden="true">✕</span>
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
