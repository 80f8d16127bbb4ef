import { LIMITS } from '@foyer/shared';
import { useTranslation } from 'react-i18next';
import { ErrorText } from './bits';
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
  onSave: (value: string) => void;
  onCancel: () => void;
  testId: string;
}

/** Editing a posted text in place (posts, answers): Escape cancels, an empty text cannot be saved. */
export function InlineEditForm({ id, label, className, value, onChange, spaceId, pending, error, onSave, onCancel, testId }: Props) {
  const { t } = useTranslation();
  return (
    <form
      className={className}
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim()) onSave(value);
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
          if (e.key === 'Escape') onCancel();
        }}
      />
      <ErrorText error={error} />
      <div className="form-actions">
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={pending || !value.trim()}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}
