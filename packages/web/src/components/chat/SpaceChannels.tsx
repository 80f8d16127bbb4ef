import { LIMITS } from '@foyer/shared';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { get, post } from '../../lib/api';
import { patchConversation } from '../../lib/chat/cache';
import { chatKeys } from '../../lib/chat/keys';
import { queryClient } from '../../lib/queryClient';
import type { Conversation, Space } from '../../lib/types';
import { ErrorText } from '../bits';
import { Dialog } from '../Dialog';
import { LabelBadge } from '../labels/LabelBadge';
import { LabelError } from '../labels/LabelError';
import { LabelPicker } from '../labels/LabelPicker';
import { UnreadBadge } from './UnreadBadge';

/** The space's chat channels (its members are their audience); admins open new ones. */
export function SpaceChannels({ space }: { space: Space }) {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const q = useQuery({
    queryKey: chatKeys.channels(space.id),
    queryFn: ({ signal }) => get<{ items: Conversation[] }>(`/spaces/${space.id}/channels`, undefined, signal),
    enabled: space.myState === 'member',
  });
  if (space.myState !== 'member') return null;
  const channels = q.data?.items ?? [];
  if (!space.abilities.manage && channels.length === 0) return null;
  return (
    <section className="card channels" aria-labelledby="channels-title" data-testid="space-channels">
      <div className="channels-head">
        <h2 id="channels-title" className="section-title">
          {t('chat.channels')}
        </h2>
        {space.abilities.manage && !space.archived && (
          <button type="button" className="btn btn-small" onClick={() => setCreating(true)} data-testid="new-channel">
            <span aria-hidden="true">+ </span>
            {t('chat.newChannel')}
          </button>
        )}
      </div>
      <ErrorText error={q.error} />
      {channels.length === 0 ? (
        <p className="muted small">{t('chat.noChannels')}</p>
      ) : (
        <ul className="channel-list">
          {channels.map((c) => (
            <li key={c.id}>
              <Link to={`/chat/${c.id}`} className={c.unreadCount > 0 ? 'channel-link unread' : 'channel-link'}>
                <span aria-hidden="true">#</span>
                {c.name}
                <LabelBadge level={c.label} small />
                {c.unreadCount > 0 && <UnreadBadge count={c.unreadCount} muted={c.muted} />}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {creating && <NewChannelDialog space={space} onClose={() => setCreating(false)} />}
    </section>
  );
}

function NewChannelDialog({ space, onClose }: { space: Space; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [label, setLabel] = useState(space.labelDefault);
  const create = useMutation({
    mutationFn: () => post<Conversation>(`/spaces/${space.id}/channels`, { name: name.trim(), label }),
    onSuccess: (c) => {
      patchConversation(c);
      void queryClient.invalidateQueries({ queryKey: chatKeys.channels(space.id) });
      onClose();
      navigate(`/chat/${c.id}`);
    },
  });
  return (
    <Dialog open onClose={onClose} title={t('chat.newChannelTitle', { space: space.name })}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) create.mutate();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('chat.channelName')}</label>
          <input id={`${id}-name`} value={name} maxLength={LIMITS.conversationName} onChange={(e) => setName(e.target.value)} required />
          <p className="hint">{t('chat.channelHint')}</p>
        </div>
        <LabelPicker value={label} onChange={setLabel} ceiling={space.labelCeiling} hint={t('labels.channelHint')} testId="channel-label" />
        <LabelError error={create.error} />
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={!name.trim() || create.isPending} data-testid="create-channel">
            {t('chat.createChannel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
