import { LIMITS } from '@foyer/shared';
import { useTranslation } from 'react-i18next';
import type { ImageUploads, UploadProblem } from '../lib/useImageUploads';
import { errorMessage } from './bits';

/** The images of a draft: uploaded ones with a remove button, the rest as dimmed local previews. */
export function DraftImages({ uploads, onRemoved }: { uploads: ImageUploads; onRemoved?: () => void }) {
  const { t } = useTranslation();
  const { images, uploading } = uploads;
  if (images.length === 0 && uploading.length === 0) return null;
  return (
    <ul className="composer-images" aria-label={t('images.attached', { count: images.length })} data-testid="draft-images">
      {images.map((img, i) => (
        <li key={img.id} data-testid="draft-image">
          <img src={img.thumbUrl} alt="" />
          <button
            type="button"
            className="icon-btn remove-image"
            aria-label={t('images.remove', { n: i + 1 })}
            onClick={() => {
              uploads.remove(img.id);
              // The button is gone now; keep the keyboard in the form instead of on <body>.
              onRemoved?.();
            }}
          >
            <span aria-hidden="true">✕</span>
          </button>
        </li>
      ))}
      {uploading.map((u) => (
        <li key={`u${u.key}`} className="uploading" data-testid="draft-image-uploading">
          <img src={u.preview} alt="" />
          <span className="spinner" aria-hidden="true" />
          <span className="sr-only">{t('images.uploadingName', { name: u.name })}</span>
        </li>
      ))}
    </ul>
  );
}

function problemText(t: (k: string, o?: Record<string, unknown>) => string, p: UploadProblem): string {
  switch (p.reason) {
    case 'tooLarge':
      return t('images.tooLarge', { name: p.name, max: Math.round(LIMITS.imageBytes / 1024 / 1024) });
    case 'wrongType':
      return t('images.wrongType', { name: p.name });
    case 'tooMany':
      return t('images.tooMany', { count: p.count, max: p.max });
    case 'failed':
      return t('images.failed', { name: p.name, reason: errorMessage(t, p.error) });
  }
}

/** Why some files were not attached, one line each, until the next attempt or dismissal. */
export function UploadProblems({ uploads }: { uploads: ImageUploads }) {
  const { t } = useTranslation();
  if (uploads.problems.length === 0) return null;
  return (
    <div className="upload-problems" role="alert" data-testid="upload-problems">
      <ul>
        {uploads.problems.map((p, i) => (
          <li key={i}>{problemText(t, p)}</li>
        ))}
      </ul>
      <button type="button" className="link-btn small" onClick={uploads.dismissProblems}>
        {t('images.dismiss')}
      </button>
    </div>
  );
}
