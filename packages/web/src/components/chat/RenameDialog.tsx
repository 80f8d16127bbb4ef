import { LIMITS } from '@foyer/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conversation } from '../../lib/types';
import { ErrorText } from '../bits';
import { Dialog } from '../Dialog';
import { useConversationUpdate } from './conversationMutations';

export function RenameDialog({ conversation, open, onClose }: { conversation: Conversation; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState(conversation.name ?? '');
  const update = useConversationUpdate(conversation.id);
  return (
    <Dialog open={open} onClose={onClose} title={t('chat.renameTitle')}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate({ kind: 'rename', name: name.trim() }, { onSuccess: onClose });
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('chat.groupName')}</label>
          <input id={`${id}-name`} value={name} maxLength={LIMITS.conversationName} onChange={(e) => setName(e.target.value)} />
          {conversation.kind === 'group' && <p className="hint">{t('chat.groupNameHint')}</p>}
        </div>
        <ErrorText error={update.error} />
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={update.isPending || (conversation.kind === 'channel' && !name.trim())}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
