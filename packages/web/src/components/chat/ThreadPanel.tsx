import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { usePendingMessages } from '../../lib/chat/outbox';
import { useThread } from '../../lib/chat/queries';
import { useMe } from '../../lib/session';
import type { Conversation } from '../../lib/types';
import { ErrorText, Loading } from '../bits';
import { ChatComposer, useComposerControl } from './ChatComposer';
import type { MessageHandlers } from './messageHandlers';
import { MessageItem } from './MessageItem';
import { PendingItem } from './PendingItem';
import { SidePanel } from './SidePanel';

/** A thread beside the conversation: the root, its replies, and a composer that replies to it. */
export function ThreadPanel({ conversation, rootId, onClose }: { conversation: Conversation; rootId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const q = useThread(rootId);
  const pending = usePendingMessages(conversation.id, rootId);
  const control = useComposerControl();
  const handlers: MessageHandlers = useMemo(() => ({ onQuote: control.quote, onEdit: control.edit }), [control.quote, control.edit]);
  const end = useRef<HTMLDivElement>(null);
  const replies = q.data?.replies ?? [];
  const keys = new Set(replies.map((m) => m.clientKey).filter(Boolean));
  const shownPending = pending.filter((p) => !keys.has(p.clientKey));

  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [replies.length, shownPending.length]);
  const { focus } = control;
  const loaded = q.data !== undefined;
  useEffect(() => {
    if (loaded) focus();
  }, [loaded, focus]);

  return (
    <SidePanel title={t('chat.thread')} onClose={onClose} testId="thread-panel">
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorText error={q.error} />
      ) : (
        <>
          <div className="side-scroll">
            <ol className="msg-list">
              <MessageItem message={q.data.root} handlers={handlers} />
              <li className="msg-divider">
                <span>{t('chat.replies', { count: q.data.replies.length })}</span>
              </li>
              {replies.map((m) => (
                <MessageItem key={m.id} message={m} handlers={handlers} />
              ))}
              {shownPending.map((p) => (
                <PendingItem key={p.clientKey} pending={p} />
              ))}
            </ol>
            <div ref={end} />
          </div>
          {!q.data.root.deleted && q.data.root.abilities.reply && (
            <ChatComposer
              conversation={conversation}
              threadRootId={rootId}
              control={control}
              label={t('chat.replyPlaceholder')}
              lastOwnMessage={() => [...replies].reverse().find((m) => m.author.id === me.id && m.abilities.edit && !m.deleted)}
            />
          )}
        </>
      )}
    </SidePanel>
  );
}
