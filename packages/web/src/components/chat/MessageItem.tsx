import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { del, put } from '../../lib/api';
import { upsertMessage } from '../../lib/chat/cache';
import { useFormat } from '../../lib/format';
import type { Message, Reaction } from '../../lib/types';
import { Avatar, PersonLink } from '../bits';
import { Reactions } from '../Reactions';
import { SafeHtml } from '../SafeHtml';
import { LinkPreviewCard } from '../previews/LinkPreviewCard';
import { SharedPostCard } from '../shares/SharedPostCard';
import { MessageImages } from './MessageImages';
import { AttachmentList } from '../files/AttachmentList';
import type { MessageHandlers } from './messageHandlers';
import { MessageToolbar } from './MessageToolbar';
import { PresenceDot } from './PresenceDot';
import { QuoteBlock } from './QuoteBlock';

interface Props {
  message: Message;
  handlers: MessageHandlers;
  /** Follows a message of the same author a moment earlier: name and photo are not repeated. */
  grouped?: boolean;
  highlighted?: boolean;
}

export function MessageItem({ message: m, handlers, grouped = false, highlighted = false }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const react = useMutation({
    mutationFn: ({ reaction, on }: { reaction: Reaction; on: boolean }) => (on ? put : del)<Message>(`/messages/${m.id}/reactions/${reaction}`),
    onSuccess: upsertMessage,
  });
  const onReact = (reaction: Reaction, on: boolean) => react.mutate({ reaction, on });
  const classes = ['msg', grouped ? 'msg-grouped' : '', highlighted ? 'msg-highlight' : '', m.deleted ? 'msg-deleted' : ''].filter(Boolean).join(' ');
  const time = (
    <time dateTime={m.createdAt} title={f.dateTime(m.createdAt)}>
      {f.time(m.createdAt)}
    </time>
  );
  return (
    <li className={classes} id={`msg-${m.id}`} data-mid={m.id} data-testid={`message-${m.id}`} tabIndex={-1}>
      <div className="msg-gutter">{grouped ? <span className="msg-gutter-time muted">{time}</span> : <Avatar user={m.author} size={36} />}</div>
      <div className="msg-main">
        <div className={grouped ? 'msg-head sr-only' : 'msg-head'}>
          <span className="msg-author">
            <PersonLink user={m.author} />
          </span>
          <PresenceDot userId={m.author.id} />
          <span className="muted small">{time}</span>
          {m.editedAt && !m.deleted && (
            <span className="muted small" title={f.dateTime(m.editedAt)}>
              {t('chat.edited')}
            </span>
          )}
        </div>
        {m.deleted ? (
          <p className="muted msg-deleted-text">{t('chat.deletedMessage')}</p>
        ) : (
          <>
            {m.quote && <QuoteBlock quote={m.quote} conversationId={m.conversationId} />}
            {/* An images-only message has no text: no empty paragraph for it. */}
            {m.html && <SafeHtml html={m.html} className="prose msg-body" />}
            <LinkPreviewCard html={m.html} />
            <MessageImages images={m.images} />
            <AttachmentList files={m.files} />
            {m.shared && <SharedPostCard shared={m.shared} via={{ kind: 'message', id: m.id }} />}
            {grouped && m.editedAt && <span className="muted small">{t('chat.edited')}</span>}
            {Object.values(m.reactions.counts).some((n) => n > 0) && <Reactions summary={m.reactions} canReact={m.abilities.react} busy={react.isPending} onToggle={onReact} picker={false} />}
          </>
        )}
        {m.replyCount > 0 && handlers.onReplyInThread && (
          <button type="button" className="link-btn small msg-replies" onClick={() => handlers.onReplyInThread?.(m)} data-testid="thread-replies">
            {t('chat.replies', { count: m.replyCount })}
            {m.lastReplyAt && (
              <span className="muted">
                {' · '}
                {t('chat.lastReply', { time: f.relative(m.lastReplyAt) })}
              </span>
            )}
          </button>
        )}
      </div>
      {!m.deleted && <MessageToolbar message={m} handlers={handlers} onReact={onReact} />}
    </li>
  );
}
