import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../bits';
import { Dialog } from '../Dialog';

interface Props {
  title: string;
  label: string;
  initial?: string;
  maxLength: number;
  submitLabel: string;
  /** The write; the dialog closes when it succeeds and shows the server's error when it does not. */
  save: (name: string) => Promise<unknown>;
  onDone: () => void;
  onClose: () => void;
  testId?: string;
}

/** Asks for one name: a new folder, or renaming a folder or a file. */
export function NameDialog({ title, label, initial = '', maxLength, submitLabel, save, onDone, onClose, testId }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState(initial);
  const write = useMutation({ mutationFn: () => save(name.trim()), onSuccess: onDone });
  const unchanged = name.trim() === '' || name.trim() === initial;
  return (
    <Dialog open onClose={onClose} title={title} testId={testId}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!unchanged && !write.isPending) write.mutate();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-name`}>{label}</label>
          <input
            id={`${id}-name`}
            value={name}
            maxLength={maxLength}
            onChange={(e) => {
              setName(e.target.value);
              write.reset();
            }}
            autoFocus
            data-testid="name-input"
          />
        </div>
        <ErrorText error={write.error} />
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={unchanged || write.isPending} data-testid="name-submit">
            {submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
