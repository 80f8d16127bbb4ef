/**
 * The Files tab of a space: folders (the folder is part of the URL, so the back button and links
 * work), the files of one folder, and uploads by picker, drag and drop or paste.
 */
import { FILE_LIMITS } from '@foyer/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, del, patch, post } from '../../lib/api';
import { formatBytes, invalidateSpaceFiles, useSpaceFiles } from '../../lib/files';
import type { FileDetail, FileFolder, Space } from '../../lib/types';
import { useFileUploads } from '../../lib/useFileUploads';
import { Empty, ErrorText, LoadMore, Loading } from '../bits';
import { ConfirmDialog } from '../Dialog';
import { LabelPicker } from '../labels/LabelPicker';
import { FolderIcon } from './FileIcon';
import { FilePickButton } from './FilePickButton';
import { FileRow, FolderRow, type FileAction, type FolderAction } from './FileRows';
import { MoveFileDialog } from './MoveFileDialog';
import { NameDialog } from './NameDialog';
import { UploadList } from './UploadList';
import { useFileDrop } from './useFileDrop';
import { VersionsDialog } from './VersionsDialog';

type Open =
  | { on: 'newFolder' }
  | { on: 'folder'; action: FolderAction; folder: FileFolder }
  | { on: 'file'; action: FileAction; file: FileDetail }
  | null;

/** A paste meant for a text field is not an upload. */
const isEditable = (el: EventTarget | null) => el instanceof HTMLElement && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

export function SpaceFiles({ space }: { space: Space }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const rest = useParams()['*'] ?? '';
  const folderId = /^\d+$/.test(rest) ? Number(rest) : null;
  const base = `/spaces/${space.slug}/files`;
  const q = useSpaceFiles(space.id, folderId);
  const first = q.data?.pages[0];
  const canUpload = first?.abilities.upload ?? false;
  const [picked, setPicked] = useState<number | null>(null);
  const label = picked !== null && picked <= space.labelCeiling ? picked : space.labelDefault;
  const [open, setOpen] = useState<Open>(null);
  const refresh = () => invalidateSpaceFiles(qc, space.id);
  const uploads = useFileUploads({ target: { spaceId: space.id, folderId, label }, keepDone: false, onUploaded: refresh });
  const drop = useFileDrop(uploads.add, { enabled: canUpload });
  const close = () => setOpen(null);
  const done = () => {
    refresh();
    close();
  };

  // Paste anywhere on the tab (outside text fields) uploads the pasted files into this folder.
  const { onPaste, ...dragHandlers } = drop.handlers;
  const paste = useRef(onPaste);
  paste.current = onPaste;
  useEffect(() => {
    if (!canUpload) return;
    const listener = (e: ClipboardEvent) => {
      if (e.defaultPrevented || isEditable(e.target) || document.querySelector('dialog[open]')) return;
      paste.current(e);
    };
    document.addEventListener('paste', listener);
    return () => document.removeEventListener('paste', listener);
  }, [canUpload]);

  const removeFile = useMutation({ mutationFn: (f: FileDetail) => del<void>(`/files/${f.id}`), onSuccess: refresh, onSettled: close });
  const removeFolder = useMutation({ mutationFn: (f: FileFolder) => del<void>(`/folders/${f.id}`), onSuccess: refresh, onSettled: close });
  const writeError = removeFile.error ?? removeFolder.error;
  // An error about another folder's contents does not follow the reader into a new folder.
  const { reset: resetFile } = removeFile;
  const { reset: resetFolder } = removeFolder;
  useEffect(() => {
    resetFile();
    resetFolder();
  }, [folderId, resetFile, resetFolder]);

  if (q.isPending) return <Loading />;
  if (q.error) {
    // A folder that is gone (or was never visible) leads back to the top level.
    if (q.error instanceof ApiError && q.error.status === 404 && folderId !== null)
      return (
        <section className="space-files card">
          <ErrorText error={q.error} />
          <Link to={base}>{t('files.backToTop')}</Link>
        </section>
      );
    return <ErrorText error={q.error} />;
  }
  const { path, folders } = first!;
  const files = q.data.pages.flatMap((p) => p.items);
  const here = path.at(-1)?.name ?? t('files.title');
  const maxBytes = uploads.maxBytes;

  return (
    <section className={drop.dragging ? 'space-files dragging' : 'space-files'} aria-labelledby="space-files-title" {...dragHandlers} data-testid="space-files">
      <div className="page-header">
        <h2 id="space-files-title">{here}</h2>
        {canUpload && (
          <div className="page-actions">
            <button type="button" className="btn" onClick={() => setOpen({ on: 'newFolder' })} data-testid="new-folder">
              <FolderIcon size={20} />
              {t('files.newFolder')}
            </button>
            <FilePickButton className="btn btn-primary" onFiles={(f) => uploads.add(f)} testId="files-input">
              <span aria-hidden="true">⬆ </span>
              {t('files.upload.action')}
            </FilePickButton>
          </div>
        )}
      </div>

      {/* At the top level the heading says where one is; a path appears once there is one. */}
      {path.length > 0 && (
        <nav aria-label={t('files.path')} className="folder-path" data-testid="folder-path">
          <ol>
            <li>
              <Link to={base}>{t('files.title')}</Link>
            </li>
            {path.map((f, i) =>
              i === path.length - 1 ? (
                <li key={f.id}>
                  <span aria-current="page">{f.name}</span>
                </li>
              ) : (
                <li key={f.id}>
                  <Link to={`${base}/${f.id}`}>{f.name}</Link>
                </li>
              ),
            )}
          </ol>
        </nav>
      )}

      {canUpload ? (
        <div className="file-drop" data-testid="file-drop">
          <p>
            {t('files.dropHint')}
            {maxBytes !== null && <span className="muted"> {t('files.limit', { size: formatBytes(maxBytes, i18n.language) })}</span>}
          </p>
          <LabelPicker value={label} onChange={setPicked} ceiling={space.labelCeiling} caption={t('files.uploadLabel')} inline testId="files-label" />
        </div>
      ) : (
        !space.archived && <p className="muted small">{t('files.joinToUpload')}</p>
      )}
      {drop.dragging && (
        <div className="file-drop-overlay" aria-hidden="true">
          {t('files.dropNow', { folder: here })}
        </div>
      )}
      <UploadList uploads={uploads} label={t('files.upload.listLabel')} />
      {writeError instanceof ApiError && writeError.code === 'conflict' && open === null ? (
        <p className="error" role="alert">
          {t('files.folderNotEmpty')}
        </p>
      ) : (
        <ErrorText error={writeError} />
      )}

      {folders.length === 0 && files.length === 0 ? (
        <Empty>{folderId === null ? t('files.empty') : t('files.emptyFolder')}</Empty>
      ) : (
        <ul className="file-list" aria-label={t('files.listLabel', { folder: here })} data-testid="file-list">
          {folders.map((f) => (
            <FolderRow key={`d${f.id}`} folder={f} to={`${base}/${f.id}`} manage={canUpload} onAction={(action) => setOpen({ on: 'folder', action, folder: f })} />
          ))}
          {files.map((f) => (
            <FileRow key={f.id} file={f} onAction={(action) => setOpen({ on: 'file', action, file: f })} />
          ))}
        </ul>
      )}
      <LoadMore query={q} />

      {open?.on === 'newFolder' && (
        <NameDialog
          title={t('files.newFolderIn', { folder: here })}
          label={t('files.folderName')}
          maxLength={FILE_LIMITS.folderName}
          submitLabel={t('files.create')}
          save={(name) => post<FileFolder>(`/spaces/${space.id}/folders`, { name, parentId: folderId })}
          onDone={done}
          onClose={close}
          testId="folder-dialog"
        />
      )}
      {open?.on === 'folder' && open.action === 'rename' && (
        <NameDialog
          title={t('files.renameFolder', { name: open.folder.name })}
          label={t('files.folderName')}
          initial={open.folder.name}
          maxLength={FILE_LIMITS.folderName}
          submitLabel={t('files.rename')}
          save={(name) => patch<FileFolder>(`/folders/${open.folder.id}`, { name })}
          onDone={done}
          onClose={close}
          testId="folder-dialog"
        />
      )}
      <ConfirmDialog
        open={open?.on === 'folder' && open.action === 'delete'}
        title={t('files.deleteFolderTitle')}
        message={open?.on === 'folder' ? t('files.deleteFolderConfirm', { name: open.folder.name }) : ''}
        confirmLabel={t('files.delete')}
        danger
        busy={removeFolder.isPending}
        onConfirm={() => open?.on === 'folder' && removeFolder.mutate(open.folder)}
        onClose={close}
      />
      {open?.on === 'file' && open.action === 'rename' && (
        <NameDialog
          title={t('files.renameFile', { name: open.file.name })}
          label={t('files.fileName')}
          initial={open.file.name}
          maxLength={FILE_LIMITS.fileName}
          submitLabel={t('files.rename')}
          save={(name) => patch<FileDetail>(`/files/${open.file.id}`, { name })}
          onDone={done}
          onClose={close}
          testId="file-rename-dialog"
        />
      )}
      {open?.on === 'file' && open.action === 'move' && (
        <MoveFileDialog
          file={open.file}
          onMoved={done}
          onClose={close}
        />
      )}
      {open?.on === 'file' && open.action === 'versions' && <VersionsDialog file={open.file} onChanged={refresh} onClose={close} />}
      <ConfirmDialog
        open={open?.on === 'file' && open.action === 'delete'}
        title={t('files.deleteFileTitle')}
        message={open?.on === 'file' ? t('files.deleteFileConfirm', { name: open.file.name, count: open.file.version }) : ''}
        confirmLabel={t('files.delete')}
        danger
        busy={removeFile.isPending}
        onConfirm={() => open?.on === 'file' && removeFile.mutate(open.file)}
        onClose={close}
      />
    </section>
  );
}
