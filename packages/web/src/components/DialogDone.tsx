import { useTranslation } from 'react-i18next';

/** The last step of a small form dialog: what happened, announced, and a way out. */
export function DialogDone({ message, onClose, testId }: { message: string; onClose: () => void; testId?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <p role="status" data-testid={testId}>
        {message}
      </p>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </>
  );
}
