import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conversation, NotifyLevel } from '../../lib/types';
import { ErrorText } from '../bits';
import { Dialog } from '../Dialog';
import { useConversationUpdate } from './conversationMutations';

const LEVELS: NotifyLevel[] = ['all', 'mentions', 'none'];

/** Mute and notification level of one conversation; each change is saved at once. */
export function NotifyDialog({ conversation, open, onClose }: { conversation: Conversation; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const update = useConversationUpdate(conversation.id);
  // Shown at once; the server's answer (or a failure) brings the conversation's own values back.
  const [muted, setMuted] = useState(conversation.muted);
  const [notify, setNotify] = useState(conversation.notify);
  useEffect(() => {
    setMuted(conversation.muted);
    setNotify(conversation.notify);
  }, [conversation.muted, conversation.notify, update.isError]);
  const save = (change: { muted?: boolean; notify?: NotifyLevel }) => {
    if (change.muted !== undefined) setMuted(change.muted);
    if (change.notify !== undefined) setNotify(change.notify);
    update.mutate({ kind: 'settings', ...change });
  };
  return (
    <Dialog open={open} onClose={onClose} title={t('chat.notifyTitle')}>
      <div className="form">
        <label className="checkbox" htmlFor={`${id}-mute`}>
          <input id={`${id}-mute`} type="checkbox" checked={muted} onChange={(e) => save({ muted: e.target.checked })} />
          <span>
            {t('chat.muteLabel')}
            <span className="hint">{t('chat.muteHint')}</span>
          </span>
        </label>
        <fieldset className="checkbox-list">
          <legend>{t('chat.notifyLabel')}</legend>
          {LEVELS.map((level) => (
            <label key={level} className="checkbox" htmlFor={`${id}-${level}`}>
              <input
                id={`${id}-${level}`}
                type="radio"
                name={`${id}-notify`}
                checked={notify === level}
                onChange={() => save({ notify: level })}
              />
              <span>{t(`chat.notify.${level}`)}</span>
            </label>
          ))}
        </fieldset>
        <ErrorText error={update.error} />
        <div role="status" className="sr-only">
          {update.isSuccess ? t('common.saved') : ''}
        </div>
        <div className="form-actions">
          <button type="button" className="btn btn-primary" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
