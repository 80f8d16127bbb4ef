import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { conversationTitle } from '../../lib/chat/names';
import { useConversations } from '../../lib/chat/queries';
import { useFormat } from '../../lib/format';
import { useMe } from '../../lib/session';
import type { Conversation } from '../../lib/types';
import { Empty, ErrorText, Loading } from '../bits';
import { LabelBadge } from '../labels/LabelBadge';
import { ConversationAvatar } from './ConversationAvatar';
import { NewConversationDialog } from './NewConversationDialog';
import { UnreadBadge } from './UnreadBadge';

/** The left pane of /chat: every conversation, latest activity first. */
export function ConversationList() {
  const { t } = useTranslation();
  const q = useConversations();
  const [creating, setCreating] = useState(false);
  return (
    <section className="chat-list" aria-labelledby="chat-list-title">
      <div className="chat-list-head">
        <h1 id="chat-list-title">{t('chat.title')}</h1>
        <button type="button" className="btn btn-small btn-primary" onClick={() => setCreating(true)} data-testid="new-conversation">
          <span aria-hidden="true">+ </span>
          {t('chat.new')}
        </button>
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorText error={q.error} />
      ) : q.data.items.length === 0 ? (
        <Empty>{t('chat.noConversations')}</Empty>
      ) : (
        <ul className="conv-list" data-testid="conversation-list">
          {q.data.items.map((c) => (
            <ConversationRow key={c.id} conversation={c} />
          ))}
        </ul>
      )}
      <NewConversationDialog open={creating} onClose={() => setCreating(false)} />
    </section>
  );
}

function ConversationRow({ conversation: c }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const me = useMe();
  const f = useFormat();
  const title = conversationTitle(c, me.id, t, f.locale);
  const last = c.lastMessage;
  // Only an images-only message has an empty excerpt.
  const text = last?.excerpt || t('chat.imageOnly');
  const preview = !last
    ? t('chat.noMessagesYet')
    : last.deleted
      ? t('chat.deletedPreview')
      : last.author.id === me.id
        ? t('chat.previewMine', { text })
        : c.kind === 'direct'
          ? text
          : t('chat.preview', { name: last.author.name, text });
  const unread = c.unreadCount > 0;
  return (
    <li>
      <NavLink to={`/chat/${c.id}`} className={unread ? 'conv-row unread' : 'conv-row'} data-testid={`conversation-${c.id}`}>
        <ConversationAvatar conversation={c} />
        <span className="conv-text">
          <span className="conv-name-row">
            <span className="conv-name">{title}</span>
            {c.kind === 'channel' && <LabelBadge level={c.label} small />}
          </span>
          <span className="conv-preview">{preview}</span>
        </span>
        <span className="conv-meta">
          {last && (
            <time className="conv-time" dateTime={last.createdAt}>
              {f.short(last.createdAt)}
            </time>
          )}
          <span className="conv-badges">
            {c.muted && (
              <span className="conv-muted" role="img" aria-label={t('chat.muted')} title={t('chat.muted')}>
                🔕
              </span>
            )}
            {c.mentionCount > 0 && (
              <span className="mention-badge" title={t('chat.mentions', { count: c.mentionCount })}>
                <span aria-hidden="true">@</span>
                <span className="sr-only">{t('chat.mentions', { count: c.mentionCount })}</span>
              </span>
            )}
            {unread && <UnreadBadge count={c.unreadCount} muted={c.muted} />}
          </span>
        </span>
      </NavLink>
    </li>
  );
}
