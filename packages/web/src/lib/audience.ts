import { ApiError } from './api';

/** The `newReaders` count of a 409 that asks to confirm a wider audience; null for anything else. */
export function audienceConflict(error: unknown): number | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const n = (error.details as { newReaders?: unknown } | undefined)?.newReaders;
  return typeof n === 'number' ? n : null;
}
