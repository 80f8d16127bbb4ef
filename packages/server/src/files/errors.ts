/** Typed refusals of an upload: the status says what kind, `details.reason` says which rule. */
import type { FileRejection } from '@foyer/shared';
import { AppError } from '../errors.js';

const STATUS: Record<FileRejection, number> = {
  empty: 400,
  aborted: 400,
  too_large: 413,
  type_not_allowed: 415,
  type_mismatch: 415,
  archive_suspicious: 422,
  image_too_large: 422,
  unreadable: 422,
};

export function rejected(reason: FileRejection, message: string, extra: Record<string, unknown> = {}): AppError {
  const code = reason === 'too_large' ? 'payload_too_large' : 'validation_failed';
  return new AppError(STATUS[reason], code, message, { reason, ...extra });
}
