import { LIMITS } from '@foyer/shared';
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { post } from '../../lib/api';
import { patchConversation } from '../../lib/chat/cache';
import { useMe } from '../../lib/session';
import type { Conversation, ConversationCreate, UserSummary } from '../../lib/types';
import { ErrorText } from '../bits';
import { Dialog } from '../Dialog';
import { PeoplePicker } from './PeoplePicker';

/** Opens (or creates) a direct conversation with a person. */
export function useOpenDirect() {
  const navigate = useNavigate();
  return useMutation({
    mutationFn: (userId: number) => post<Conversation>('/conversations', { kind: 'direct', userId } satisfies ConversationCreate),
    onSuccess: (c) => {
      patchConversation(c);
      navigate(`/chat/${c.id}`);
    },
  });
}

/** One person: a direct conversation (the existing one if any); several: a group with an optional name. */
export function NewConversationDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const id = useId();
  const navigate = useNavigate();
  const [people, setPeople] = useState<UserSummary[]>([]);
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: (input: ConversationCreate) => post<Conversation>('/conversations', input),
    onSuccess: (c) => {
      patchConversation(c);
      close();
      navigate(`/chat/${c.id}`);
    },
  });
  const close = () => {
    setPeople([]);
    setName('');
    create.reset();
    onClose();
  };
  const group = people.length > 1;
  return (
    <Dialog open={open} onClose={close} title={t('chat.newTitle')} testId="new-conversation-dialog">
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          const [first] = people;
          if (!first) return;
          create.mutate(
            group ? { kind: 'group', userIds: people.map((p) => p.id), ...(name.trim() ? { name: name.trim() } : {}) } : { kind: 'direct', userId: first.id },
          );
        }}
      >
        <PeoplePicker selected={people} onChange={setPeople} exclude={[me.id]} label={t('chat.addPeople')} max={LIMITS.groupMembers - 1} />
        {group && (
          <div className="field">
            <label htmlFor={`${id}-name`}>{t('chat.groupName')}</label>
            <input id={`${id}-name`} value={name} maxLength={LIMITS.conversationName} onChange={(e) => setName(e.target.value)} />
            <p className="hint">{t('chat.groupNameHint')}</p>
          </div>
        )}
        <ErrorText error={create.error} />
        <div className="form-actions">
          <button type="button" className="btn" onClick={close}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={people.length === 0 || create.isPending} data-testid="start-conversation">
            {group ? t('chat.startGroup') : t('chat.startDirect')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
