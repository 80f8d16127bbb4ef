import { useTranslation } from 'react-i18next';
import type { FileKind } from '../../lib/types';

/**
 * The kind of a file as a small page with a coloured tag ("PDF", "XLS"), drawn as SVG so that it
 * looks the same without an emoji font. Screen readers hear the kind's name ("PDF document").
 * `null`: not known yet (an upload still being checked).
 */
export function FileIcon({ kind, size = 32 }: { kind: FileKind | null; size?: number }) {
  const { t } = useTranslation();
  return (
    <span className={`file-icon file-icon-${kind ?? 'pending'}`} data-kind={kind ?? undefined}>
      <svg viewBox="0 0 32 40" width={size * 0.8} height={size} aria-hidden="true" focusable="false">
        <path className="file-icon-page" d="M3 1.5h18l8.5 8.5v28.5H3z" />
        <path className="file-icon-fold" d="M21 1.5V10h8.5" />
        {kind && (
          <>
            <rect className="file-icon-tag" x="0" y="21" width="27" height="12" rx="2" />
            <text x="13.5" y="30.2" textAnchor="middle">
              {t(`files.kindShort.${kind}`)}
            </text>
          </>
        )}
      </svg>
      {kind && <span className="sr-only">{t(`files.kinds.${kind}`)}</span>}
    </span>
  );
}

/** A folder, drawn like FileIcon. */
export function FolderIcon({ size = 32 }: { size?: number }) {
  return (
    <span className="file-icon folder-icon">
      <svg viewBox="0 0 40 32" width={size} height={size * 0.8} aria-hidden="true" focusable="false">
        <path d="M2 5.5a2 2 0 0 1 2-2h10l4 4h18a2 2 0 0 1 2 2v18a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2z" />
      </svg>
    </span>
  );
}
