import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, post } from '../../lib/api';
import { ErrorText } from '../bits';
import { Dialog } from '../Dialog';
import { DialogDone } from '../DialogDone';

/** Asks the original's author (or its space's owners) to let the share's audience read it. */
export function DeclassifyDialog({ via, onClose }: { via: { kind: 'post' | 'message'; id: number }; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  const send = useMutation({ mutationFn: () => post<unknown>(`/${via.kind === 'post' ? 'posts' : 'messages'}/${via.id}/declassify`, { reason }) });
  // One open request per original and place: a 409 means someone already asked.
  const already = send.error instanceof ApiError && send.error.status === 409;
  const done = send.isSuccess || already;
  return (
    <Dialog open onClose={onClose} title={t('shares.requestTitle')} testId="declassify-dialog">
      {done ? (
        <DialogDone message={already ? t('shares.requestExists') : t('shares.requestSent')} onClose={onClose} />
      ) : (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim()) send.mutate();
          }}
        >
          <p className="hint">{t('shares.requestHint')}</p>
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t('shares.reason')}</label>
            <textarea id={`${id}-reason`} rows={3} maxLength={500} required value={reason} onChange={(e) => setReason(e.target.value)} data-testid="declassify-reason" />
          </div>
          <ErrorText error={send.error} />
          <div className="form-actions">
            <button type="button" className="btn" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="btn btn-primary" disabled={!reason.trim() || send.isPending} data-testid="declassify-send">
              {t('shares.requestSend')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
