import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { conversationTitle, directPartner } from '../../lib/chat/names';
import { useFormat } from '../../lib/format';
import { useMe } from '../../lib/session';
import type { Conversation } from '../../lib/types';
import { LabelBadge } from '../labels/LabelBadge';
import { Menu } from '../Menu';
import { useConversationUpdate } from './conversationMutations';
import { ConversationAvatar } from './ConversationAvatar';
import { ConversationLabelDialog } from './ConversationLabelDialog';
import { MembersDialog } from './MembersDialog';
import { NotifyDialog } from './NotifyDialog';
import { PresenceDot } from './PresenceDot';
import { RenameDialog } from './RenameDialog';

export function ConversationHeader({ conversation: c, onSearch }: { conversation: Conversation; onSearch: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const f = useFormat();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<null | 'members' | 'rename' | 'notify' | 'label'>(null);
  const update = useConversationUpdate(c.id);
  const title = conversationTitle(c, me.id, t, f.locale);
  const partner = directPartner(c, me.id);
  const close = () => setDialog(null);

  return (
    <header className="chat-head">
      <Link to="/chat" className="icon-btn chat-back" aria-label={t('chat.backToList')}>
        <span aria-hidden="true">←</span>
      </Link>
      <ConversationAvatar conversation={c} size={36} />
      <div className="chat-head-text">
        <h2 data-testid="conversation-title">{title}</h2>
        <div className="muted small chat-head-sub">
          {partner ? (
            <>
              <PresenceDot userId={partner.id} withText />
              {partner.title && <span className="chat-head-title">{partner.title}</span>}
            </>
          ) : c.kind === 'channel' && c.space ? (
            <>
              <Link to={`/spaces/${c.space.slug}`} className="muted-link">
                {c.space.name}
              </Link>
              <LabelBadge level={c.label} small />
            </>
          ) : (
            <button type="button" className="link-btn muted" onClick={() => setDialog('members')}>
              {t('chat.memberCount', { count: c.memberCount })}
            </button>
          )}
          {c.kind !== 'channel' && <LabelBadge level={c.label} small />}
          {c.muted && <span> · {t('chat.muted')}</span>}
        </div>
      </div>
      <button type="button" className="icon-btn" onClick={onSearch} aria-label={t('chat.searchIn')} title={t('chat.searchIn')} data-testid="conversation-search">
        <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          <circle cx="11" cy="11" r="7" />
          <path d="m20 20-3.5-3.5" />
        </svg>
      </button>
      <Menu label={t('chat.conversationMenu')} icon={<span aria-hidden="true">⋯</span>}>
        {(closeMenu) => (
          <>
            <button
              type="button"
              aria-pressed={c.muted}
              onClick={() => {
                closeMenu();
                update.mutate({ kind: 'settings', muted: !c.muted });
              }}
            >
              {c.muted ? t('chat.unmute') : t('chat.mute')}
            </button>
            <button
              type="button"
              onClick={() => {
                closeMenu();
                setDialog('notify');
              }}
            >
              {t('chat.notifyMenu')}
            </button>
            {c.kind !== 'direct' && (
              <button
                type="button"
                onClick={() => {
                  closeMenu();
                  setDialog('members');
                }}
              >
                {t('chat.membersMenu')}
              </button>
            )}
            {c.abilities.rename && (
              <button
                type="button"
                onClick={() => {
                  closeMenu();
                  setDialog('rename');
                }}
              >
                {t('chat.rename')}
              </button>
            )}
            {c.abilities.relabel && (
              <button
                type="button"
                data-testid="conversation-label"
                onClick={() => {
                  closeMenu();
                  setDialog('label');
                }}
              >
                {t('chat.changeLabel')}
              </button>
            )}
          </>
        )}
      </Menu>
      <NotifyDialog conversation={c} open={dialog === 'notify'} onClose={close} />
      {dialog === 'rename' && <RenameDialog conversation={c} open onClose={close} />}
      {dialog === 'label' && <ConversationLabelDialog conversation={c} onClose={close} />}
      <MembersDialog conversation={c} open={dialog === 'members'} onClose={close} onLeft={() => navigate('/chat', { replace: true })} />
    </header>
  );
}
