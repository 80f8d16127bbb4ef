import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../lib/api';
import { fileKeys, formatBytes } from '../../lib/files';
import type { FileDetail, FileVersion } from '../../lib/types';
import { useFileUploads } from '../../lib/useFileUploads';
import { ErrorText, Loading, Time } from '../bits';
import { Dialog } from '../Dialog';
import { FileIcon } from './FileIcon';
import { FilePickButton } from './FilePickButton';
import { UploadList } from './UploadList';
import { useFileDrop } from './useFileDrop';

/** Every version of a file, newest first, each downloadable; those who may edit it add a new one. */
export function VersionsDialog({ file, onChanged, onClose }: { file: FileDetail; onChanged: () => void; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: fileKeys.versions(file.id),
    queryFn: async ({ signal }) => (await get<{ items: FileVersion[] }>(`/files/${file.id}/versions`, undefined, signal)).items,
  });
  const uploads = useFileUploads({
    target: { fileId: file.id },
    limit: 1,
    keepDone: false,
    onUploaded: () => {
      void qc.invalidateQueries({ queryKey: fileKeys.versions(file.id) });
      onChanged();
    },
  });
  const drop = useFileDrop((files) => uploads.add(files.slice(0, 1)), { enabled: file.abilities.edit });
  return (
    <Dialog open onClose={onClose} title={t('files.versions.title', { name: file.name })} wide testId="versions-dialog">
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorText error={q.error} />
      ) : (
        <ol className="file-versions" data-testid="file-versions">
          {q.data.map((v) => (
            <li key={v.version} data-testid={`file-version-${v.version}`}>
              <FileIcon kind={v.kind} />
              <div className="grow">
                <div>
                  <strong>{t('files.versions.version', { version: v.version })}</strong>{' '}
                  {v.version === q.data[0]?.version && <span className="badge">{t('files.versions.current')}</span>} <span className="file-version-name">{v.name}</span>
                </div>
                <div className="muted small">
                  {t('files.versions.meta', { size: formatBytes(v.size, i18n.language), name: v.uploader.name })} · <Time iso={v.createdAt} relative={false} />
                </div>
              </div>
              <a className="btn btn-ghost btn-small" href={v.url} download={v.name} aria-label={t('files.versions.downloadVersion', { version: v.version })}>
                {t('files.download')}
              </a>
            </li>
          ))}
        </ol>
      )}
      {file.abilities.edit && (
        <div className={drop.dragging ? 'file-drop dragging' : 'file-drop'} {...drop.handlers}>
          <p className="muted small">{t('files.versions.hint')}</p>
          <FilePickButton onFiles={(files) => uploads.add(files.slice(0, 1))} multiple={false} disabled={uploads.busy} testId="version-input">
            {t('files.versions.upload')}
          </FilePickButton>
          <UploadList uploads={uploads} label={t('files.versions.uploading')} />
        </div>
      )}
    </Dialog>
  );
}
