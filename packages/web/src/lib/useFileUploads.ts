/**
 * Uploads of files, for the files tab of a space and for composers: a queue with progress per
 * file, cancel, and retry after a failure. Each file is sent with POST /files (or as a new version)
 * as soon as it is added; composers send the ids of the finished ones with their item later.
 */
import { FILE_LIMITS } from '@foyer/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { del } from './api';
import { isRetryable, newUploadKey, problemFrom, uploadFile, useFileSettings, type UploadProblem, type UploadTarget } from './files';
import type { FileDetail } from './types';

export type UploadStatus = 'queued' | 'uploading' | 'processing' | 'done' | 'failed' | 'cancelled';

export interface UploadEntry {
  key: number;
  name: string;
  size: number;
  status: UploadStatus;
  /** Bytes sent so far. */
  sent: number;
  result: FileDetail | null;
  problem: UploadProblem | null;
  /** A failed or cancelled upload that may succeed when sent again. */
  retryable: boolean;
}

interface Job {
  file: File;
  target: UploadTarget;
  idempotencyKey: string;
  controller: AbortController | null;
}

export interface FileUploadOptions {
  /** Where added files go unless add() says otherwise; default: unattached uploads. */
  target?: UploadTarget;
  /** At most this many files at once (a composer: files per item). */
  limit?: number;
  /** Files in flight at the same time. */
  concurrency?: number;
  /** Finished uploads leave the list (the files tab lists them itself); composers keep them. */
  keepDone?: boolean;
  onUploaded?: (file: FileDetail, target: UploadTarget) => void;
}

const counts = (e: UploadEntry) => e.status !== 'failed' && e.status !== 'cancelled';

export function useFileUploads({ target: defaultTarget = {}, limit = Infinity, concurrency = 2, keepDone = true, onUploaded }: FileUploadOptions = {}) {
  const settings = useFileSettings();
  const maxBytes = settings.data?.maxUploadBytes ?? null;
  // The ref is the truth for decisions made in one tick (two drops must not both take the last slot).
  const list = useRef<UploadEntry[]>([]);
  const [entries, setEntries] = useState<UploadEntry[]>([]);
  const jobs = useRef(new Map<number, Job>());
  const running = useRef(0);
  const nextKey = useRef(0);
  // Callers pass a new target object and callback on every render: read the latest at call time.
  const callback = useRef(onUploaded);
  callback.current = onUploaded;
  const targetRef = useRef(defaultTarget);
  targetRef.current = defaultTarget;

  const update = useCallback((fn: (l: UploadEntry[]) => UploadEntry[]) => {
    list.current = fn(list.current);
    setEntries(list.current);
  }, []);
  const patch = useCallback((key: number, p: Partial<UploadEntry>) => update((l) => l.map((e) => (e.key === key ? { ...e, ...p } : e))), [update]);

  const pump = useCallback(() => {
    while (running.current < concurrency) {
      const next = list.current.find((e) => e.status === 'queued');
      const job = next && jobs.current.get(next.key);
      if (!next || !job) return;
      const key = next.key;
      const controller = new AbortController();
      job.controller = controller;
      running.current++;
      patch(key, { status: 'uploading', sent: 0 });
      uploadFile({
        file: job.file,
        target: job.target,
        idempotencyKey: job.idempotencyKey,
        signal: controller.signal,
        // Every byte sent: the server now checks the content (and makes a thumbnail).
        onProgress: (sent, total) => patch(key, { sent, status: sent >= total ? 'processing' : 'uploading' }),
      })
        .then((file) => {
          if (!jobs.current.has(key)) return; // removed or cleared meanwhile
          if (keepDone) patch(key, { status: 'done', sent: job.file.size, result: file });
          else {
            jobs.current.delete(key);
            update((l) => l.filter((e) => e.key !== key));
          }
          callback.current?.(file, job.target);
        })
        .catch((e: unknown) => {
          if (!jobs.current.has(key)) return;
          if (e instanceof DOMException && e.name === 'AbortError') return patch(key, { status: 'cancelled', retryable: true, problem: null });
          const problem = problemFrom(e);
          patch(key, { status: 'failed', problem, retryable: isRetryable(problem) });
        })
        .finally(() => {
          job.controller = null;
          running.current--;
          pump();
        });
    }
  }, [concurrency, keepDone, patch, update]);

  /** Adds files; those over the size limit, empty or beyond the count are refused at once, by name. */
  const add = useCallback(
    (files: File[], target: UploadTarget = targetRef.current) => {
      if (files.length === 0) return;
      let room = limit - list.current.filter(counts).length;
      const added: UploadEntry[] = [];
      for (const file of files) {
        const key = nextKey.current++;
        const entry: UploadEntry = { key, name: file.name, size: file.size, status: 'queued', sent: 0, result: null, problem: null, retryable: false };
        if (file.size === 0) Object.assign(entry, { status: 'failed', problem: { reason: 'empty' } });
        else if (maxBytes !== null && file.size > maxBytes) Object.assign(entry, { status: 'failed', problem: { reason: 'too_large', limitBytes: maxBytes } });
        else if (room <= 0) Object.assign(entry, { status: 'failed', problem: { reason: 'too_many', max: limit } });
        else room--;
        jobs.current.set(key, { file, target, idempotencyKey: newUploadKey(), controller: null });
        added.push(entry);
      }
      update((l) => [...l, ...added]);
      pump();
    },
    [limit, maxBytes, pump, update],
  );

  const cancel = useCallback(
    (key: number) => {
      const entry = list.current.find((e) => e.key === key);
      if (!entry) return;
      if (entry.status === 'queued') patch(key, { status: 'cancelled', retryable: true });
      else jobs.current.get(key)?.controller?.abort();
    },
    [patch],
  );

  const retry = useCallback(
    (key: number) => {
      const entry = list.current.find((e) => e.key === key);
      if (!entry || !entry.retryable || list.current.filter(counts).length >= limit) return;
      patch(key, { status: 'queued', sent: 0, problem: null, retryable: false });
      pump();
    },
    [limit, patch, pump],
  );

  /** Takes an entry off the list; a finished upload that no item uses yet is deleted on the server. */
  const remove = useCallback(
    (key: number) => {
      const entry = list.current.find((e) => e.key === key);
      jobs.current.get(key)?.controller?.abort();
      jobs.current.delete(key);
      update((l) => l.filter((e) => e.key !== key));
      if (entry?.result && entry.result.owner.type === 'upload') void del(`/files/${entry.result.id}`).catch(() => undefined);
    },
    [update],
  );

  /** After the item was sent (its files are attached now) or when the draft is dropped. */
  const clear = useCallback(() => {
    for (const job of jobs.current.values()) job.controller?.abort();
    jobs.current.clear();
    update(() => []);
  }, [update]);

  // Leaving the screen stops what is still being sent.
  useEffect(
    () => () => {
      for (const job of jobs.current.values()) job.controller?.abort();
      jobs.current.clear();
    },
    [],
  );

  const uploaded = entries.flatMap((e) => (e.status === 'done' && e.result ? [e.result] : []));
  return {
    entries,
    /** Finished uploads, in the order they were added. */
    uploaded,
    busy: entries.some((e) => e.status === 'queued' || e.status === 'uploading' || e.status === 'processing'),
    full: entries.filter(counts).length >= limit,
    limit,
    /** The organisation's limit, once known. */
    maxBytes,
    add,
    cancel,
    retry,
    remove,
    clear,
  };
}
export type FileUploads = ReturnType<typeof useFileUploads>;

/** Files per item, as the server allows them. */
export const FILES_PER_ITEM = FILE_LIMITS.filesPerItem;
