import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { del } from '../../lib/api';
import { markMessageDeleted } from '../../lib/chat/cache';
import type { Message, Reaction } from '../../lib/types';
import { ConfirmDialog } from '../Dialog';
import { Menu, MenuAction } from '../Menu';
import { ReportDialog } from '../moderation/ReportDialog';
import { useMe } from '../../lib/session';
import { ReactionPicker } from '../Reactions';
import type { MessageHandlers } from './messageHandlers';

/** The actions of one message: react, reply in thread, and a menu for quote, edit, delete, mark unread. */
export function MessageToolbar({ message, handlers, onReact }: { message: Message; handlers: MessageHandlers; onReact: (r: Reaction, on: boolean) => void }) {
  const { t } = useTranslation();
  const [confirm, setConfirm] = useState(false);
  const [reporting, setReporting] = useState(false);
  const me = useMe();
  const remove = useMutation({
    mutationFn: () => del<void>(`/messages/${message.id}`),
    onSuccess: () => {
      setConfirm(false);
      markMessageDeleted(message.id);
    },
  });
  const a = message.abilities;
  const { onReplyInThread, onMarkUnread } = handlers;
  return (
    <>
      <div className="msg-tools" role="group" aria-label={t('chat.messageActions')}>
        {a.react && <ReactionPicker mine={message.reactions.mine} onToggle={onReact} />}
        {a.reply && onReplyInThread && (
          <button type="button" className="icon-btn" aria-label={t('chat.replyInThread')} title={t('chat.replyInThread')} onClick={() => onReplyInThread(message)} data-testid="reply-in-thread">
            <span aria-hidden="true">↪</span>
          </button>
        )}
        <Menu label={t('chat.moreActions')} icon={<span aria-hidden="true">⋯</span>}>
          {(close) => (
            <>
              {a.reply && (
                <button
                  type="button"
                  onClick={() => {
                    close();
                    handlers.onQuote(message);
                  }}
                >
                  {t('chat.quote')}
                </button>
              )}
              {a.edit && (
                <button
                  type="button"
                  onClick={() => {
                    close();
                    handlers.onEdit(message);
                  }}
                >
                  {t('chat.edit')}
                </button>
              )}
              {onMarkUnread && (
                <button
                  type="button"
                  onClick={() => {
                    close();
                    onMarkUnread(message);
                  }}
                >
                  {t('chat.markUnread')}
                </button>
              )}
              {message.author.id !== me.id && (
                <MenuAction
                  label={t('report.action')}
                  onClick={() => {
                    close();
                    setReporting(true);
                  }}
                />
              )}
              {a.delete && (
                <button
                  type="button"
                  className="danger"
                  onClick={() => {
                    close();
                    setConfirm(true);
                  }}
                >
                  {t('chat.delete')}
                </button>
              )}
            </>
          )}
        </Menu>
      </div>
      {/* Outside the toolbar: it is see-through and click-through while the pointer is elsewhere. */}
      {reporting && <ReportDialog targetType="message" targetId={message.id} onClose={() => setReporting(false)} />}
      {confirm && (
        <ConfirmDialog
          open
          title={t('chat.deleteTitle')}
          message={t('chat.deleteConfirm')}
          confirmLabel={t('chat.delete')}
          danger
          busy={remove.isPending}
          onConfirm={() => remove.mutate()}
          onClose={() => setConfirm(false)}
        />
      )}
    </>
  );
}
