import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../lib/files';
import type { FileUploads, UploadEntry } from '../../lib/useFileUploads';
import { FileIcon } from './FileIcon';
import { problemText } from './problemText';

interface Props {
  uploads: FileUploads;
  label: string;
  /** Composers: a finished upload can be taken off the draft again. */
  onRemoved?: () => void;
}

/** Every file being sent: a progress bar, cancel while it runs, the reason and a retry when it failed. */
export function UploadList({ uploads, label, onRemoved }: Props) {
  if (uploads.entries.length === 0) return null;
  return (
    <ul className="upload-list" aria-label={label} data-testid="upload-list">
      {uploads.entries.map((e) => (
        <UploadRow key={e.key} entry={e} uploads={uploads} onRemoved={onRemoved} />
      ))}
    </ul>
  );
}

function UploadRow({ entry: e, uploads, onRemoved }: { entry: UploadEntry; uploads: FileUploads; onRemoved?: () => void }) {
  const { t, i18n } = useTranslation();
  const running = e.status === 'queued' || e.status === 'uploading' || e.status === 'processing';
  const remove = () => {
    uploads.remove(e.key);
    // The row and its button are gone: keep the keyboard in the form instead of on <body>.
    onRemoved?.();
  };
  return (
    <li className={`upload upload-${e.status}`} data-testid="upload" data-status={e.status}>
      <FileIcon kind={e.result?.kind ?? null} />
      <div className="upload-main">
        <div className="upload-head">
          <span className="upload-name">{e.name}</span>
          <span className="muted small">{formatBytes(e.size, i18n.language)}</span>
        </div>
        {(e.status === 'uploading' || e.status === 'processing') && (
          <div className="upload-progress">
            <progress max={e.size} value={e.sent} aria-label={t('files.upload.progress', { name: e.name })} data-testid="upload-progress" />
            <span className="muted small">{e.status === 'processing' ? t('files.upload.checking') : t('files.upload.percent', { value: e.size ? e.sent / e.size : 0 })}</span>
          </div>
        )}
        {e.status === 'queued' && <span className="muted small">{t('files.upload.waiting')}</span>}
        {e.status === 'done' && <span className="muted small">{t('files.upload.attached')}</span>}
        {e.status === 'cancelled' && <span className="muted small">{t('files.upload.cancelled')}</span>}
        {e.status === 'failed' && e.problem && (
          <p className="error upload-error" role="alert" data-testid="upload-error">
            {t('files.upload.failed', { name: e.name, reason: problemText(t, i18n.language, e.problem) })}
          </p>
        )}
      </div>
      <div className="upload-actions">
        {running && (
          <button type="button" className="btn btn-ghost btn-small" onClick={() => uploads.cancel(e.key)} aria-label={t('files.upload.cancelName', { name: e.name })}>
            {t('common.cancel')}
          </button>
        )}
        {!running && e.retryable && (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => uploads.retry(e.key)}
            disabled={uploads.full}
            aria-label={t('files.upload.retryName', { name: e.name })}
            data-testid="upload-retry"
          >
            {t('files.upload.retry')}
          </button>
        )}
        {!running && (
          <button
            type="button"
            className="icon-btn"
            onClick={remove}
            aria-label={e.status === 'done' ? t('files.upload.removeName', { name: e.name }) : t('files.upload.dismissName', { name: e.name })}
            data-testid="upload-remove"
          >
            <span aria-hidden="true">✕</span>
          </button>
        )}
      </div>
    </li>
  );
}
