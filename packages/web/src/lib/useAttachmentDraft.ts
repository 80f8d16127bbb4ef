/**
 * The files of an item being edited: those it has now (any can be taken off) plus new uploads.
 * Saving sends `fileIds`, the complete new list (the server deletes left-out files and attaches
 * only the editor's own new uploads); nothing changes on the server before that.
 */
import { useCallback, useMemo, useState } from 'react';
import type { FileRef } from './types';
import { FILES_PER_ITEM, useFileUploads } from './useFileUploads';

export function useAttachmentDraft(initial: FileRef[] = []) {
  const [start, setStart] = useState(initial);
  const [kept, setKept] = useState(initial);
  const uploads = useFileUploads({ limit: Math.max(0, FILES_PER_ITEM - kept.length) });
  const { entries, remove, uploaded } = uploads;

  /** New uploads that no item uses yet are deleted on the server; the item's own files stay. */
  const discardUploads = useCallback(() => {
    for (const e of entries) remove(e.key);
  }, [entries, remove]);

  const fileIds = useMemo(() => [...kept.map((f) => f.id), ...uploaded.map((f) => f.id)], [kept, uploaded]);
  const changed = kept.length !== start.length || uploaded.length > 0;
  return {
    kept,
    uploads,
    /** Takes a file off the item when saving. */
    unkeep: useCallback((id: number) => setKept((l) => l.filter((f) => f.id !== id)), []),
    add: uploads.add,
    /** What to send with the edit: the new list, or undefined when the files stay as they are. */
    fileIds: changed ? fileIds : undefined,
    /** Every file kept or finished, for a message that may be files only. */
    count: fileIds.length,
    busy: uploads.busy,
    full: uploads.full,
    /** Cancelled: the new uploads go; `next` starts a fresh draft (another item, or after a save). */
    reset: useCallback(
      (next: FileRef[] = []) => {
        discardUploads();
        setStart(next);
        setKept(next);
      },
      [discardUploads],
    ),
    /** Saved: the uploads are the item's now, so they are only taken off the list. */
    saved: uploads.clear,
  };
}
export type AttachmentDraft = ReturnType<typeof useAttachmentDraft>;
