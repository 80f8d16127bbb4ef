/**
 * Files dropped on or pasted into an element, for any place that takes uploads (the files tab,
 * composers). Returns the element's event handlers and whether files are being dragged over it.
 */
import { useState, type DragEvent } from 'react';

/** A paste from React or from a document listener (the files tab takes pastes anywhere on it). */
type Paste = { clipboardData: DataTransfer | null; preventDefault(): void };

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

export function useFileDrop(onFiles: (files: File[]) => void, { enabled = true }: { enabled?: boolean } = {}) {
  const [dragging, setDragging] = useState(false);
  return {
    dragging: enabled && dragging,
    handlers: {
      onDragEnter: (e: DragEvent) => {
        if (enabled && hasFiles(e)) setDragging(true);
      },
      onDragOver: (e: DragEvent) => {
        // Without this the browser would open a dropped file in place of Foyer.
        if (hasFiles(e)) e.preventDefault();
      },
      onDragLeave: (e: DragEvent) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      },
      onDrop: (e: DragEvent) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setDragging(false);
        if (enabled) onFiles(Array.from(e.dataTransfer.files));
      },
      onPaste: (e: Paste) => {
        const files = Array.from(e.clipboardData?.files ?? []);
        // Copied cells or rich text often come with a picture of themselves: the text wins then.
        if (!enabled || files.length === 0 || e.clipboardData?.getData('text/plain')) return;
        e.preventDefault();
        onFiles(files);
      },
    },
  };
}
