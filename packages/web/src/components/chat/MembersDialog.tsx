import { LIMITS } from '@foyer/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { audienceConflict } from '../../lib/audience';
import { useMe } from '../../lib/session';
import type { Conversation, UserSummary } from '../../lib/types';
import { Avatar, ErrorText, PersonLink } from '../bits';
import { ConfirmDialog, Dialog } from '../Dialog';
import { useConversationUpdate, useLeaveConversation } from './conversationMutations';
import { PeoplePicker } from './PeoplePicker';
import { PresenceDot } from './PresenceDot';

/** Who is in a group (or, for a channel, which space's members), with add, remove and leave. */
export function MembersDialog({ conversation: c, open, onClose, onLeft }: { conversation: Conversation; open: boolean; onClose: () => void; onLeft: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const update = useConversationUpdate(c.id);
  const leave = useLeaveConversation(c.id, onLeft);
  const [adding, setAdding] = useState<UserSummary[]>([]);
  const [removing, setRemoving] = useState<UserSummary | null>(null);
  const [confirmLeave, setConfirmLeave] = useState(false);
  const room = LIMITS.groupMembers - c.memberCount;
  // The server answers 409 with how many people would newly read the history until that is confirmed.
  const newReaders = audienceConflict(update.error);
  const add = (confirmAudience: boolean) =>
    update.mutate({ kind: 'add', userIds: adding.map((p) => p.id), confirmAudience }, { onSuccess: () => setAdding([]) });
  return (
    <Dialog open={open} onClose={onClose} title={t('chat.membersTitle', { count: c.memberCount })} testId="members-dialog">
      {c.kind === 'channel' && c.space ? (
        <p>
          {t('chat.channelMembers')} <Link to={`/spaces/${c.space.slug}/members`}>{c.space.name}</Link>
        </p>
      ) : (
        <ul className="member-list">
          {c.members.map((m) => (
            <li key={m.id}>
              <Avatar user={m} size={32} />
              <span className="grow">
                <PersonLink user={m} /> <PresenceDot userId={m.id} withText />
                {m.id === me.id && <span className="muted"> {t('chat.you')}</span>}
              </span>
              {c.abilities.removeMembers && m.id !== me.id && (
                <button type="button" className="btn btn-small" onClick={() => setRemoving(m)} aria-label={t('chat.removeName', { name: m.name })}>
                  {t('chat.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {c.abilities.addMembers && room > 0 && (
        <form
          className="form add-members"
          onSubmit={(e) => {
            e.preventDefault();
            if (adding.length) add(false);
          }}
        >
          <PeoplePicker
            selected={adding}
            onChange={(people) => {
              setAdding(people);
              update.reset();
            }}
            exclude={c.members.map((m) => m.id)}
            label={t('chat.addPeople')}
            max={room}
          />
          {newReaders !== null ? (
            <div className="warning" role="alert" data-testid="history-readers">
              <p>{t('chat.historyReaders', { count: newReaders })}</p>
              <div className="form-actions">
                <button type="button" className="btn" onClick={() => update.reset()}>
                  {t('common.cancel')}
                </button>
                <button type="button" className="btn btn-primary" onClick={() => add(true)} disabled={update.isPending} data-testid="confirm-history-readers">
                  {t('chat.historyConfirm', { count: adding.length })}
                </button>
              </div>
            </div>
          ) : (
            <div className="form-actions">
              <button type="submit" className="btn btn-primary" disabled={adding.length === 0 || update.isPending}>
                {t('chat.addCount', { count: adding.length })}
              </button>
            </div>
          )}
        </form>
      )}
      <ErrorText error={newReaders === null ? (update.error ?? leave.error) : leave.error} />
      <div className="form-actions">
        {c.abilities.leave && (
          <button type="button" className="btn btn-danger" onClick={() => setConfirmLeave(true)}>
            {t('chat.leave')}
          </button>
        )}
        <button type="button" className="btn" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <ConfirmDialog
        open={removing !== null}
        title={t('chat.removeTitle')}
        message={t('chat.removeConfirm', { name: removing?.name ?? '' })}
        confirmLabel={t('chat.remove')}
        danger
        busy={update.isPending}
        onConfirm={() => removing && update.mutate({ kind: 'remove', userId: removing.id }, { onSettled: () => setRemoving(null) })}
        onClose={() => setRemoving(null)}
      />
      <ConfirmDialog
        open={confirmLeave}
        title={t('chat.leaveTitle')}
        message={t('chat.leaveConfirm')}
        confirmLabel={t('chat.leave')}
        danger
        busy={leave.isPending}
        onConfirm={() => leave.mutate(undefined, { onSettled: () => setConfirmLeave(false) })}
        onClose={() => setConfirmLeave(false)}
      />
    </Dialog>
  );
}
