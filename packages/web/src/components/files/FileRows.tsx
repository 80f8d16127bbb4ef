import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatBytes } from '../../lib/files';
import type { FileDetail, FileFolder } from '../../lib/types';
import { Time } from '../bits';
import { LabelBadge } from '../labels/LabelBadge';
import { Menu, MenuAction } from '../Menu';
import { FileIcon, FolderIcon } from './FileIcon';

export type FileAction = 'versions' | 'move' | 'rename' | 'delete';
export type FolderAction = 'rename' | 'delete';

/** A folder: opens on click; members who organise the space's files rename or delete it. */
export function FolderRow({ folder, to, manage, onAction }: { folder: FileFolder; to: string; manage: boolean; onAction: (a: FolderAction) => void }) {
  const { t } = useTranslation();
  const then = (close: () => void, a: FolderAction) => () => {
    close();
    onAction(a);
  };
  return (
    <li className="file-row folder-row" data-testid={`folder-${folder.name}`}>
      <span className="file-thumb">
        <FolderIcon />
      </span>
      <div className="file-main">
        <Link to={to} className="file-name">
          <span className="sr-only">{t('files.folder')} </span>
          {folder.name}
        </Link>
      </div>
      {manage && (
        <Menu label={t('files.folderActions', { name: folder.name })} icon={<span aria-hidden="true">⋯</span>}>
          {(close) => (
            <>
              <MenuAction label={t('files.rename')} onClick={then(close, 'rename')} testId="folder-rename" />
              <MenuAction label={t('files.delete')} danger onClick={then(close, 'delete')} testId="folder-delete" />
            </>
          )}
        </Menu>
      )}
    </li>
  );
}

/** A file: picture or icon, name (downloads it), size, uploader, date, version and label. */
export function FileRow({ file, onAction }: { file: FileDetail; onAction: (a: FileAction) => void }) {
  const { t, i18n } = useTranslation();
  const { abilities } = file;
  const then = (close: () => void, a: FileAction) => () => {
    close();
    onAction(a);
  };
  return (
    <li className="file-row" data-testid={`file-${file.name}`} data-kind={file.kind}>
      {file.kind === 'image' && file.thumbUrl ? (
        <a href={file.url} target="_blank" rel="noopener noreferrer" className="file-thumb">
          <img src={file.thumbUrl} alt="" loading="lazy" data-testid="file-thumb" />
          <span className="sr-only">{t('files.openImage', { name: file.name })}</span>
        </a>
      ) : (
        <span className="file-thumb">
          <FileIcon kind={file.kind} />
        </span>
      )}
      <div className="file-main">
        <a href={file.url} download={file.name} className="file-name" data-testid="file-download">
          {file.name}
        </a>
        <div className="file-meta muted small">
          <span data-testid="file-size">{formatBytes(file.size, i18n.language)}</span>
          <span aria-hidden="true">·</span>
          <Link to={`/people/${file.uploader.handle}`} className="muted-link">
            {file.uploader.name}
          </Link>
          <span aria-hidden="true">·</span>
          <Time iso={file.updatedAt} />
          {file.version > 1 && (
            <>
              <span aria-hidden="true">·</span>
              <button type="button" className="link-btn muted" onClick={() => onAction('versions')} data-testid="file-version-badge">
                {t('files.versions.version', { version: file.version })}
              </button>
            </>
          )}
          {file.label !== null && <LabelBadge level={file.label} small />}
        </div>
      </div>
      <Menu label={t('files.fileActions', { name: file.name })} icon={<span aria-hidden="true">⋯</span>}>
        {(close) => (
          <>
            <MenuAction label={t('files.versions.action')} onClick={then(close, 'versions')} testId="file-versions" />
            {abilities.edit && <MenuAction label={t('files.move.action')} onClick={then(close, 'move')} testId="file-move" />}
            {abilities.edit && <MenuAction label={t('files.rename')} onClick={then(close, 'rename')} testId="file-rename" />}
            {abilities.delete && <MenuAction label={t('files.delete')} danger onClick={then(close, 'delete')} testId="file-delete" />}
          </>
        )}
      </Menu>
    </li>
  );
}
