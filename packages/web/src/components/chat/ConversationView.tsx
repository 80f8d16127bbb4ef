import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isApiError, post } from '../../lib/api';
import { patchConversation } from '../../lib/chat/cache';
import { chatKeys } from '../../lib/chat/keys';
import { conversationTitle } from '../../lib/chat/names';
import { usePendingMessages } from '../../lib/chat/outbox';
import { useConversation, useMessageWindow } from '../../lib/chat/queries';
import { useFormat } from '../../lib/format';
import { useMe } from '../../lib/session';
import type { Conversation, Message } from '../../lib/types';
import { ErrorText, Loading, useTitle } from '../bits';
import { ChatComposer, useComposerControl } from './ChatComposer';
import { ConversationHeader } from './ConversationHeader';
import type { MessageHandlers } from './messageHandlers';
import { MessageList, type ScrollTarget } from './MessageList';
import { SearchPanel } from './SearchPanel';
import { ThreadPanel } from './ThreadPanel';
import { TypingIndicator } from './TypingIndicator';
import { useMessageAnnouncer } from './useAnnouncer';

const numParam = (v: string | null): number | null => (v && /^\d+$/.test(v) ? Number(v) : null);
const focused = () => document.visibilityState === 'visible' && document.hasFocus();

/** One open conversation: header, timeline, composer, and the thread or search panel beside it. */
export function ConversationView({ id }: { id: number }) {
  const { t } = useTranslation();
  const q = useConversation(id);
  if (q.data) return <OpenConversation conversation={q.data} />;
  return (
    <section className="chat-main" aria-label={t('chat.conversation')}>
      {isApiError(q.error, 'not_found') ? <p className="empty">{t('chat.notFound')}</p> : q.error ? <ErrorText error={q.error} /> : <Loading />}
    </section>
  );
}

function OpenConversation({ conversation: c }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const me = useMe();
  const f = useFormat();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const highlightId = numParam(params.get('message'));
  const threadId = numParam(params.get('thread'));
  const searching = params.get('panel') === 'search';
  const [jumpAnchor, setJumpAnchor] = useState<number | null>(null);
  const anchor = highlightId ?? jumpAnchor;
  const win = useMessageWindow(c.id, anchor);
  const pending = usePendingMessages(c.id, null);
  const control = useComposerControl();
  const { text: announcement, announce } = useMessageAnnouncer();
  const [followTick, setFollowTick] = useState(0);
  const title = conversationTitle(c, me.id, t, f.locale);
  useTitle(title);

  // Read state as it was on opening: the "New" divider and "jump to first unread" stay put while reading.
  const [opened, setOpened] = useState(() => ({ readUpTo: c.lastReadId, unread: c.unreadCount }));

  const target: ScrollTarget = useMemo(
    () => (highlightId !== null ? { kind: 'message', id: highlightId } : jumpAnchor !== null ? { kind: 'unread' } : { kind: 'bottom' }),
    [highlightId, jumpAnchor],
  );

  const setParam = useCallback(
    (changes: Record<string, string | null>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) {
            if (v === null) next.delete(k);
            else next.set(k, v);
          }
          return next;
        },
        { replace: false },
      );
    },
    [setParams],
  );

  // Mark read: the newest message on screen, only while this window has focus, never after "mark unread".
  const newestVisible = useRef(0);
  const lastMarked = useRef(0);
  const suppressRead = useRef(false);
  const markRead = useCallback(() => {
    const current = qc.getQueryData<Conversation>(chatKeys.conversation(c.id)) ?? c;
    const upTo = newestVisible.current;
    if (suppressRead.current || !upTo || !focused()) return;
    if (current.unreadCount === 0 && current.mentionCount === 0) return;
    if (upTo <= Math.max(current.lastReadId, lastMarked.current)) return;
    lastMarked.current = upTo;
    post<Conversation>(`/conversations/${c.id}/read`, { messageId: upTo })
      .then(patchConversation)
      .catch(() => {
        lastMarked.current = 0;
      });
  }, [qc, c]);
  useEffect(markRead, [markRead, c.unreadCount, c.lastReadId]);

  const onNewestVisible = useCallback(
    (messageId: number) => {
      newestVisible.current = Math.max(newestVisible.current, messageId);
      markRead();
    },
    [markRead],
  );

  const items = win.data?.items;
  const handlers: MessageHandlers = useMemo(
    () => ({
      onReplyInThread: (m: Message) => setParam({ thread: String(m.id), panel: null }),
      onQuote: control.quote,
      onEdit: control.edit,
      onMarkUnread: (m: Message) => {
        suppressRead.current = true;
        setOpened({ readUpTo: m.id - 1, unread: 1 });
        post<Conversation>(`/conversations/${c.id}/unread`, { messageId: m.id })
          .then(patchConversation)
          .catch(() => undefined);
      },
    }),
    [setParam, control.quote, control.edit, c.id],
  );

  const nameOf = (userId: number): string | null =>
    c.members.find((m) => m.id === userId)?.name ?? items?.find((m) => m.author.id === userId)?.author.name ?? null;
  const lastOwnMessage = () => (items ? [...items].reverse().find((m) => m.author.id === me.id && m.abilities.edit && !m.deleted) : undefined);
  const toLatest = () => {
    setJumpAnchor(null);
    if (highlightId !== null) setParam({ message: null });
  };

  return (
    <>
      <section className="chat-main" aria-labelledby="conversation-heading" data-testid="conversation">
        <span id="conversation-heading" className="sr-only">
          {title}
        </span>
        <ConversationHeader conversation={c} onSearch={() => setParam({ panel: searching ? null : 'search', thread: null })} />
        {win.data ? (
          <MessageList
            key={`${c.id}:${anchor ?? 'latest'}`}
            conversationId={c.id}
            anchor={anchor}
            window={win.data}
            pending={pending}
            readUpTo={opened.readUpTo}
            unreadAtOpen={opened.unread}
            highlightId={highlightId}
            target={target}
            followTick={followTick}
            handlers={handlers}
            onNewestVisible={onNewestVisible}
            onIncoming={announce}
            onJumpToUnread={() => setJumpAnchor(opened.readUpTo)}
            onJumpToLatest={toLatest}
            label={t('chat.messagesIn', { title })}
          />
        ) : win.error ? (
          <ErrorText error={win.error} />
        ) : (
          <Loading />
        )}
        <TypingIndicator conversationId={c.id} nameOf={nameOf} />
        <ChatComposer
          conversation={c}
          threadRootId={null}
          control={control}
          lastOwnMessage={lastOwnMessage}
          label={t('chat.messageTo', { title })}
          onSent={() => {
            suppressRead.current = false;
            if (win.data?.hasNewer) toLatest();
            setFollowTick((n) => n + 1);
          }}
        />
        <div className="sr-only" role="status" aria-live="polite" data-testid="chat-announcer">
          {announcement}
        </div>
      </section>
      {threadId !== null ? (
        <ThreadPanel key={threadId} conversation={c} rootId={threadId} onClose={() => setParam({ thread: null })} />
      ) : searching ? (
        <SearchPanel conversationId={c.id} onClose={() => setParam({ panel: null })} />
      ) : null}
    </>
  );
}
