import { LIMITS } from '@foyer/shared';
import { useTranslation } from 'react-i18next';
import type { FileRef } from '../lib/types';
import { useAttachmentDraft } from '../lib/useAttachmentDraft';
import { ErrorText } from './bits';
import { AttachmentsField } from './files/AttachmentsField';
import { useFileDrop } from './files/useFileDrop';
import { MentionTextarea } from './MentionTextarea';

interface Props {
  id: string;
  /** Screen-reader label of the text field. */
  label: string;
  className: string;
  value: string;
  onChange: (value: string) => void;
  /** Space whose members @-mentions suggest. */
  spaceId: number;
  pending: boolean;
  error: unknown;
  /** The item's attached files: given, the form edits them too (picker, drop and paste, as in the composers). */
  files?: FileRef[];
  /** `fileIds`: the complete new list of files, or undefined when they stay as they are. */
  onSave: (value: string, fileIds?: number[]) => void;
  onCancel: () => void;
  testId: string;
}

/** Editing a posted text in place (posts, answers): Escape cancels, an empty text cannot be saved. */
export function InlineEditForm({ id, label, className, value, onChange, spaceId, pending, error, files, onSave, onCancel, testId }: Props) {
  const { t } = useTranslation();
  const attachments = useAttachmentDraft(files);
  const editsFiles = files !== undefined;
  const drop = useFileDrop(attachments.add, { enabled: editsFiles });
  const cancel = () => {
    // New uploads that were never saved are deleted again.
    attachments.reset(files);
    onCancel();
  };
  // Files still on their way would be left out of the list: wait for them.
  const ready = !!value.trim() && !pending && !attachments.busy;
  return (
    <form
      className={drop.dragging ? `${className} dragging` : className}
      {...(editsFiles ? drop.handlers : {})}
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) onSave(value, attachments.fileIds);
      }}
    >
      <label className="sr-only" htmlFor={id}>
        {label}
      </label>
      <MentionTextarea
        id={id}
        value={value}
        onValueChange={onChange}
        spaceId={spaceId}
        rows={5}
        maxLength={LIMITS.postBody}
        data-testid={testId}
        onKeyDown={(e) => {
          if (e.key === 'Escape') cancel();
        }}
      />
      {editsFiles && <AttachmentsField draft={attachments} onRemoved={() => document.getElementById(id)?.focus()} testId={`${testId}-files`} />}
      <ErrorText error={error} />
      <div className="form-actions">
        <button type="button" className="btn" onClick={cancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={!ready}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}
