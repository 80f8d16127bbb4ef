/**
 * Files in the browser: query keys, the organisation's upload settings, the upload request and
 * how the server's refusals are read. Uploads use XMLHttpRequest because fetch reports no
 * upload progress; the server takes the raw file as the request body (see docs/api.md, Files).
 */
import { FileRejection } from '@foyer/shared';
import { useInfiniteQuery, useQuery, type QueryClient } from '@tanstack/react-query';
import { ApiError, buildUrl, get, getCsrfToken } from './api';
import type { FileDetail, FileSettings, SpaceFiles } from './types';

export const fileKeys = {
  settings: ['files', 'settings'] as const,
  space: (spaceId: number) => ['files', 'space', spaceId] as const,
  folder: (spaceId: number, folderId: number | null) => ['files', 'space', spaceId, folderId ?? 'top'] as const,
  versions: (fileId: number) => ['files', 'versions', fileId] as const,
};

/** After any change to a space's files: every folder of it is stale (moves touch two). */
export function invalidateSpaceFiles(qc: QueryClient, spaceId: number): void {
  void qc.invalidateQueries({ queryKey: fileKeys.space(spaceId) });
}

/** The upload limit and allowed types; they change rarely, so one fetch per session is enough. */
export function useFileSettings() {
  return useQuery({
    queryKey: fileKeys.settings,
    queryFn: ({ signal }) => get<FileSettings>('/files/settings', undefined, signal),
    staleTime: 10 * 60_000,
  });
}

/** One folder of a space (null: its top level): path, subfolders and a page of files at a time. */
export function useSpaceFiles(spaceId: number, folderId: number | null, { limit }: { limit?: number } = {}) {
  return useInfiniteQuery({
    queryKey: [...fileKeys.folder(spaceId, folderId), limit ?? 'all'],
    queryFn: ({ pageParam, signal }) => get<SpaceFiles>(`/spaces/${spaceId}/files`, { folderId, cursor: pageParam, limit }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Where an upload goes: a new file (unattached, or into a space's files) or a new version of one. */
export type UploadTarget = { spaceId?: number; folderId?: number | null; label?: number } | { fileId: number };

export interface UploadRequest {
  file: File;
  target: UploadTarget;
  /** The same key on a retry: if the first attempt got through after all, the server answers with its file. */
  idempotencyKey: string;
  onProgress: (sent: number, total: number) => void;
  signal: AbortSignal;
}

function errorFrom(xhr: XMLHttpRequest): ApiError {
  type ErrorJson = { error?: { code?: string; message?: string; details?: unknown } };
  let body: ErrorJson | null = null;
  try {
    body = JSON.parse(xhr.responseText) as ErrorJson;
  } catch {
    /* not JSON (a proxy's error page) */
  }
  const err = body?.error;
  if (err && typeof err.code === 'string') return new ApiError(xhr.status, err.code, err.message ?? err.code, err.details);
  return new ApiError(xhr.status, xhr.status === 413 ? 'payload_too_large' : 'internal', xhr.statusText || 'Upload failed');
}

function sendOnce(req: UploadRequest): Promise<FileDetail> {
  const { file, target } = req;
  const [path, query] =
    'fileId' in target
      ? [`/files/${target.fileId}/versions`, { name: file.name }]
      : ['/files', { name: file.name, spaceId: target.spaceId, folderId: target.folderId ?? undefined, label: target.label }];
  return new Promise<FileDetail>((resolve, reject) => {
    if (req.signal.aborted) return reject(new DOMException('Upload cancelled', 'AbortError'));
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(path, query));
    xhr.setRequestHeader('Accept', 'application/json');
    // The server identifies the content by its bytes; the browser's guess from the name is not sent.
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('Idempotency-Key', req.idempotencyKey);
    const csrf = getCsrfToken();
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.upload.onprogress = (e) => req.onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) return reject(errorFrom(xhr));
      try {
        resolve(JSON.parse(xhr.responseText) as FileDetail);
      } catch {
        reject(new ApiError(xhr.status, 'internal', 'Unreadable answer'));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'Network error'));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    req.signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

/** Uploads one file; a stale CSRF token (another tab signed in again) is renewed once, like api(). */
export async function uploadFile(req: UploadRequest): Promise<FileDetail> {
  try {
    return await sendOnce(req);
  } catch (e) {
    if (!(e instanceof ApiError) || e.code !== 'csrf_failed') throw e;
    await get('/session');
    return sendOnce(req);
  }
}

/** A fresh idempotency key (the server takes 8-100 letters, digits, "-" and "_"). */
export function newUploadKey(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * Why a file was not uploaded. Refusals by the server carry its `details.reason`; the rest are
 * checks made before sending (`too_many`) or failures of the request itself.
 */
export type UploadProblem =
  | { reason: FileRejection; limitBytes?: number; extension?: string }
  | { reason: 'too_many'; max: number }
  | { reason: 'network' }
  | { reason: 'failed'; error: unknown };

export function problemFrom(e: unknown): UploadProblem {
  if (e instanceof ApiError) {
    const details = (e.details ?? {}) as { reason?: unknown; limitBytes?: unknown; extension?: unknown };
    const reason = FileRejection.safeParse(details.reason);
    if (reason.success)
      return {
        reason: reason.data,
        limitBytes: typeof details.limitBytes === 'number' ? details.limitBytes : undefined,
        extension: typeof details.extension === 'string' ? details.extension : undefined,
      };
    if (e.code === 'payload_too_large') return { reason: 'too_large' };
    if (e.status === 0) return { reason: 'network' };
  }
  return { reason: 'failed', error: e };
}

/** Whether sending the same bytes again can help: not for a refused type or size. */
export function isRetryable(p: UploadProblem): boolean {
  if (p.reason === 'network' || p.reason === 'aborted') return true;
  if (p.reason !== 'failed') return false;
  const status = p.error instanceof ApiError ? p.error.status : 0;
  return status === 0 || status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * Sizes in the reader's language ("2.4 MB", "2,4 MB"). Steps of 1024, as the limit is set in
 * those (100 MB = 100 * 1024 * 1024 bytes), so the limit reads as the round number it is.
 */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: units[i], unitDisplay: 'short', maximumFractionDigits: i === 0 ? 0 : 1 }).format(value);
}
