import { useTranslation } from 'react-i18next';
import type { AttachmentDraft } from '../../lib/useAttachmentDraft';
import { AttachmentList } from './AttachmentList';
import { FilePickButton } from './FilePickButton';
import { UploadList } from './UploadList';

interface Props {
  draft: AttachmentDraft;
  /** Where the keyboard goes when a row and its button disappear (the text field). */
  onRemoved?: () => void;
  testId?: string;
}

/**
 * The attachment picker of an edit form: the item's files (each can be taken off), the new uploads
 * with their progress, and the button that adds more, as in the composers.
 */
export function AttachmentsField({ draft, onRemoved, testId = 'edit-files' }: Props) {
  const { t } = useTranslation();
  return (
    <div className="attachments-field">
      <AttachmentList
        files={draft.kept}
        onRemove={(f) => {
          draft.unkeep(f.id);
          onRemoved?.();
        }}
      />
      <UploadList uploads={draft.uploads} label={t('files.composer.attached')} onRemoved={onRemoved} />
      <FilePickButton className="btn btn-ghost btn-small" onFiles={draft.add} disabled={draft.full} testId={testId}>
        <span aria-hidden="true">📎 </span>
        {t('files.composer.attach')}
      </FilePickButton>
    </div>
  );
}
