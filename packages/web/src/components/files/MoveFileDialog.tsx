import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { patch } from '../../lib/api';
import { useSpaceFiles } from '../../lib/files';
import type { FileDetail } from '../../lib/types';
import { ErrorText, Loading } from '../bits';
import { Dialog } from '../Dialog';
import { FolderIcon } from './FileIcon';

/**
 * Moves a file to another folder of its space. The folders are browsed inside the dialog, one
 * level at a time, with buttons only: a keyboard or a screen reader gets there like a mouse does.
 */
export function MoveFileDialog({ file, onMoved, onClose }: { file: FileDetail; onMoved: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const spaceId = file.spaceId!;
  const [at, setAt] = useState<number | null>(file.folderId);
  // Only the folders matter here: one file per page keeps the answer small.
  const q = useSpaceFiles(spaceId, at, { limit: 1 });
  const level = q.data?.pages[0];
  const move = useMutation({ mutationFn: () => patch<FileDetail>(`/files/${file.id}`, { folderId: at }), onSuccess: onMoved });
  const here = level?.folder?.name ?? t('files.topLevel');
  return (
    <Dialog open onClose={onClose} title={t('files.move.title', { name: file.name })} testId="move-file-dialog">
      <nav aria-label={t('files.move.path')} className="folder-path">
        <ol>
          <li>
            <button type="button" className="link-btn" onClick={() => setAt(null)} aria-current={at === null ? 'location' : undefined}>
              {t('files.topLevel')}
            </button>
          </li>
          {level?.path.map((f) => (
            <li key={f.id}>
              <button type="button" className="link-btn" onClick={() => setAt(f.id)} aria-current={at === f.id ? 'location' : undefined}>
                {f.name}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorText error={q.error} />
      ) : level && level.folders.length > 0 ? (
        <ul className="folder-picker" aria-label={t('files.move.subfolders', { folder: here })}>
          {level.folders.map((f) => (
            <li key={f.id}>
              <button type="button" className="btn btn-ghost" onClick={() => setAt(f.id)} data-testid={`move-open-${f.name}`}>
                <FolderIcon size={20} />
                {f.name}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">{t('files.move.noSubfolders')}</p>
      )}
      <p role="status" className="hint">
        {at === file.folderId ? t('files.move.alreadyHere', { folder: here }) : t('files.move.target', { folder: here })}
      </p>
      <ErrorText error={move.error} />
      <div className="form-actions">
        <button type="button" className="btn" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="btn btn-primary" disabled={at === file.folderId || move.isPending || !level} onClick={() => move.mutate()} data-testid="move-file-submit">
          {t('files.move.submit', { folder: here })}
        </button>
      </div>
    </Dialog>
  );
}
