/**
 * Images attached to a draft (a post or a chat message). Each file is uploaded at once with
 * POST /images and sent later by id; an unattached upload is visible to its uploader only.
 */
import { LIMITS } from '@foyer/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from './api';
import type { PostImage } from './types';

/** What the server accepts (routes/images.ts); checked here too so a wrong file fails at once, by name. */
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif'];

export type UploadProblem =
  | { reason: 'tooLarge' | 'wrongType'; name: string }
  | { reason: 'failed'; name: string; error: unknown }
  | { reason: 'tooMany'; count: number; max: number };

export interface UploadingImage {
  key: number;
  name: string;
  /** A local object URL, so the tile shows the picture while it uploads. */
  preview: string;
}
interface Queued extends UploadingImage {
  file: File;
}

function problemFor(file: File, e: unknown): UploadProblem {
  if (e instanceof ApiError && e.code === 'payload_too_large') return { reason: 'tooLarge', name: file.name };
  // 400 (not decodable, too many pixels) and 415 (a type the server does not take) both mean "not an image we can use".
  if (e instanceof ApiError && (e.status === 400 || e.status === 415)) return { reason: 'wrongType', name: file.name };
  return { reason: 'failed', name: file.name, error: e };
}

/** Files from a paste or drop: only the image ones; the rest is not ours to handle. */
export function imageFiles(list: FileList | null | undefined): File[] {
  return Array.from(list ?? []).filter((f) => f.type.startsWith('image/'));
}

export function useImageUploads(limit: number = LIMITS.imagesPerPost) {
  const [images, setImages] = useState<PostImage[]>([]);
  const [uploading, setUploading] = useState<UploadingImage[]>([]);
  const [problems, setProblems] = useState<UploadProblem[]>([]);
  // Refs are the truth for counting: two pastes in one tick must not both take the last free slot.
  const queue = useRef<Queued[]>([]);
  const taken = useRef(0);
  const running = useRef(false);
  // clear() starts a new draft; answers for the old one are dropped.
  const generation = useRef(0);
  const nextKey = useRef(0);

  const publish = () => setUploading(queue.current.map(({ key, name, preview }) => ({ key, name, preview })));

  const pump = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    try {
      // One at a time, so the images keep the order in which they were added.
      while (queue.current.length > 0) {
        const item = queue.current[0]!;
        const gen = generation.current;
        let result: PostImage | null = null;
        let problem: UploadProblem | null = null;
        try {
          result = await api<PostImage>('/images', { method: 'POST', body: item.file });
        } catch (e) {
          problem = problemFor(item.file, e);
        }
        if (gen !== generation.current) continue; // cleared meanwhile: the queue was emptied already
        queue.current.shift();
        URL.revokeObjectURL(item.preview);
        publish();
        if (result) {
          const img = result;
          setImages((prev) => [...prev, img]);
        } else if (problem) {
          taken.current--;
          const p = problem;
          setProblems((prev) => [...prev, p]);
        }
      }
    } finally {
      running.current = false;
    }
  }, []);

  const add = useCallback(
    (files: File[]) => {
      if (files.length === 0) return;
      const found: UploadProblem[] = [];
      const ok: File[] = [];
      for (const f of files) {
        if (!IMAGE_TYPES.includes(f.type)) found.push({ reason: 'wrongType', name: f.name });
        else if (f.size > LIMITS.imageBytes) found.push({ reason: 'tooLarge', name: f.name });
        else ok.push(f);
      }
      const room = Math.max(0, limit - taken.current);
      if (ok.length > room) found.push({ reason: 'tooMany', count: ok.length - room, max: limit });
      const accepted = ok.slice(0, room);
      taken.current += accepted.length;
      // A new attempt replaces the messages about the previous one.
      setProblems(found);
      for (const file of accepted) queue.current.push({ key: nextKey.current++, name: file.name, preview: URL.createObjectURL(file), file });
      if (accepted.length) {
        publish();
        void pump();
      }
    },
    [limit, pump],
  );

  const remove = useCallback((id: number) => {
    taken.current--;
    setImages((prev) => prev.filter((x) => x.id !== id));
  }, []);

  /** After sending, or when the draft is dropped: uploads still running are forgotten. */
  const clear = useCallback(() => {
    generation.current++;
    for (const q of queue.current) URL.revokeObjectURL(q.preview);
    queue.current = [];
    taken.current = 0;
    setImages([]);
    setUploading([]);
    setProblems([]);
  }, []);

  useEffect(
    () => () => {
      // Leaving the screen: stop after the file in flight and free the previews.
      generation.current++;
      for (const q of queue.current) URL.revokeObjectURL(q.preview);
      queue.current = [];
    },
    [],
  );

  return {
    images,
    uploading,
    busy: uploading.length > 0,
    full: images.length + uploading.length >= limit,
    limit,
    problems,
    add,
    remove,
    clear,
    dismissProblems: useCallback(() => setProblems([]), []),
  };
}
export type ImageUploads = ReturnType<typeof useImageUploads>;
