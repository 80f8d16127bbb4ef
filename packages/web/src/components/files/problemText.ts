import { formatBytes, type UploadProblem } from '../../lib/files';
import { errorMessage } from '../bits';

/** One sentence on why an upload did not go through, from the server's typed refusal. */
export function problemText(t: (k: string, o?: Record<string, unknown>) => string, locale: string, p: UploadProblem): string {
  switch (p.reason) {
    case 'too_large':
      return p.limitBytes ? t('files.problems.tooLargeLimit', { limit: formatBytes(p.limitBytes, locale) }) : t('files.problems.tooLarge');
    case 'type_mismatch':
      return p.extension ? t('files.problems.typeMismatchExt', { extension: p.extension }) : t('files.problems.typeMismatch');
    case 'too_many':
      return t('files.problems.tooMany', { max: p.max });
    case 'failed':
      return errorMessage(t, p.error);
    case 'empty':
    case 'type_not_allowed':
    case 'archive_suspicious':
    case 'image_too_large':
    case 'unreadable':
    case 'aborted':
    case 'network':
      return t(`files.problems.${p.reason}`);
  }
}
