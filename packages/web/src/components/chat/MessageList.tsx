import { Fragment, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { extendWindow, type MessageWindow } from '../../lib/chat/cache';
import type { PendingMessage } from '../../lib/chat/outbox';
import { useFormat } from '../../lib/format';
import { useMe } from '../../lib/session';
import type { Message } from '../../lib/types';
import { ErrorText } from '../bits';
import type { MessageHandlers } from './messageHandlers';
import { MessageItem } from './MessageItem';
import { PendingItem } from './PendingItem';

const GROUP_MS = 5 * 60_000;
const EDGE_PX = 300;

export type ScrollTarget = { kind: 'bottom' } | { kind: 'message'; id: number } | { kind: 'unread' };

interface Props {
  conversationId: number;
  anchor: number | null;
  window: MessageWindow;
  pending: PendingMessage[];
  /** Read state when the conversation was opened: the "New" divider goes before the first later message by someone else. */
  readUpTo: number;
  /** Unread count when the conversation was opened ("jump to first unread"). */
  unreadAtOpen: number;
  /** Changes when I send: follow the conversation to its end again. */
  followTick: number;
  highlightId: number | null;
  /** Where to scroll once this window has rendered; changes of identity scroll again. */
  target: ScrollTarget;
  handlers: MessageHandlers;
  onNewestVisible: (messageId: number) => void;
  onIncoming: (messages: Message[]) => void;
  /** The first unread message is not loaded: load a window around it. */
  onJumpToUnread: () => void;
  onJumpToLatest: () => void;
  label: string;
}

/** The conversation's main line, oldest first, loading more at either end while scrolling. */
export function MessageList(props: Props) {
  const { conversationId, anchor, window: w, pending, readUpTo, unreadAtOpen, highlightId, target, followTick, handlers } = props;
  const { t } = useTranslation();
  const me = useMe();
  const f = useFormat();
  const scroller = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const atBottom = useRef(true);
  const prepend = useRef<{ height: number; top: number; firstId: number | undefined } | null>(null);
  const pendingTarget = useRef<ScrollTarget | null>(null);
  // New targets and "follow" requests are taken during render so the layout effect below sees them at once.
  const seenTarget = useRef<ScrollTarget | null>(null);
  if (seenTarget.current !== target) {
    seenTarget.current = target;
    pendingTarget.current = target;
  }
  const seenFollow = useRef(followTick);
  if (seenFollow.current !== followTick) {
    seenFollow.current = followTick;
    atBottom.current = true;
  }
  const [loading, setLoading] = useState<'older' | 'newer' | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [unreadSeen, setUnreadSeen] = useState(false);
  const propsRef = useRef(props);
  propsRef.current = props;

  const items = w.items;
  const serverKeys = new Set(items.map((m) => m.clientKey).filter(Boolean));
  const shownPending = w.hasNewer ? [] : pending.filter((p) => !serverKeys.has(p.clientKey));

  // Where the "New" divider goes; unknown while the message before it is not loaded.
  const unreadIndex = items.findIndex((m) => m.id > readUpTo && m.author.id !== me.id);
  const dividerAt = unreadIndex > 0 || (unreadIndex === 0 && !w.hasOlder) ? unreadIndex : -1;
  const hasUnreadAtOpen = unreadAtOpen > 0 && readUpTo > 0;

  const load = useCallback(
    async (direction: 'older' | 'newer') => {
      const el = scroller.current;
      if (loading || !el) return;
      setLoading(direction);
      setLoadError(null);
      if (direction === 'older') prepend.current = { height: el.scrollHeight, top: el.scrollTop, firstId: items[0]?.id };
      try {
        await extendWindow(conversationId, anchor, direction);
      } catch (e) {
        prepend.current = null;
        setLoadError(e);
      } finally {
        setLoading(null);
      }
    },
    [conversationId, anchor, loading, items],
  );

  /** Reports the newest message on screen (read state) and whether the divider has been seen. */
  const survey = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const box = el.getBoundingClientRect();
    const rows = el.querySelectorAll<HTMLElement>('li[data-mid]');
    for (let i = rows.length - 1; i >= 0; i--) {
      const r = rows[i]!.getBoundingClientRect();
      if (r.top < box.bottom - 4 && r.bottom > box.top) {
        propsRef.current.onNewestVisible(Number(rows[i]!.dataset.mid));
        break;
      }
    }
    const divider = el.querySelector('.msg-divider-new');
    if (divider) {
      const r = divider.getBoundingClientRect();
      if (r.top < box.bottom && r.bottom > box.top) setUnreadSeen(true);
    }
  }, []);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
    if (el.scrollTop < EDGE_PX && w.hasOlder && !loading && !loadError) void load('older');
    else if (el.scrollHeight - el.scrollTop - el.clientHeight < EDGE_PX && w.hasNewer && !loading && !loadError) void load('newer');
    survey();
  };

  // After every render that changed the content: keep the reading position, or follow the bottom, or go to a target.
  const lastId = items.at(-1)?.id;
  const firstId = items[0]?.id;
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const goal = pendingTarget.current;
    if (goal) {
      pendingTarget.current = null;
      const node =
        goal.kind === 'message' ? el.querySelector<HTMLElement>(`#msg-${goal.id}`) : goal.kind === 'unread' ? el.querySelector<HTMLElement>('.msg-divider-new') : null;
      if (node) {
        node.scrollIntoView({ block: 'center' });
        if (goal.kind === 'message') node.focus({ preventScroll: true });
        atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
      } else {
        el.scrollTop = el.scrollHeight;
        atBottom.current = true;
      }
    } else if (prepend.current && prepend.current.firstId !== firstId) {
      // Older messages were put above: keep the message that was on screen where it was.
      el.scrollTop = prepend.current.top + (el.scrollHeight - prepend.current.height);
      prepend.current = null;
    } else if (atBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
    survey();
  }, [firstId, lastId, shownPending.length, target, followTick, survey]);

  // Images and reactions change heights after rendering, and a growing composer (quote, long text)
  // shrinks the view: stay at the bottom when we were there.
  useEffect(() => {
    const el = scroller.current;
    const content = list.current;
    if (!el || !content || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => {
      if (atBottom.current) el.scrollTop = el.scrollHeight;
    });
    ro.observe(content);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // A short window does not scroll, so scrolling cannot ask for more: fill the screen first.
  useEffect(() => {
    const el = scroller.current;
    if (el && w.hasOlder && !loading && !loadError && el.scrollHeight <= el.clientHeight + EDGE_PX) void load('older');
  }, [w.hasOlder, firstId, loading, loadError, load]);

  // Re-check read state when the window regains focus (mark read only happens while focused).
  useEffect(() => {
    const again = () => survey();
    window.addEventListener('focus', again);
    document.addEventListener('visibilitychange', again);
    return () => {
      window.removeEventListener('focus', again);
      document.removeEventListener('visibilitychange', again);
    };
  }, [survey]);

  // Messages from others that arrive while this window is shown, for the screen-reader announcer.
  const seenMax = useRef<number | null>(null);
  useEffect(() => {
    if (lastId === undefined) return;
    const prev = seenMax.current;
    seenMax.current = Math.max(prev ?? 0, lastId);
    if (prev === null || lastId <= prev) return;
    const fresh = items.filter((m) => m.id > prev && m.author.id !== me.id && !m.deleted);
    if (fresh.length > 0) propsRef.current.onIncoming(fresh);
  }, [lastId, items, me.id]);

  const showJumpUnread = hasUnreadAtOpen && !unreadSeen;
  const jumpToUnread = () => {
    const node = scroller.current?.querySelector<HTMLElement>('.msg-divider-new');
    setUnreadSeen(true);
    if (node) node.scrollIntoView({ block: 'center', behavior: 'smooth' });
    else props.onJumpToUnread();
  };

  return (
    <div className="msg-timeline">
      {showJumpUnread && (
        <div className="msg-jump msg-jump-top">
          <button type="button" className="new-posts-banner" onClick={jumpToUnread} data-testid="jump-unread">
            <span aria-hidden="true">↑ </span>
            {t('chat.jumpToUnread')}
          </button>
        </div>
      )}
      <div className="msg-scroller" ref={scroller} onScroll={onScroll} tabIndex={0} role="region" aria-label={props.label} data-testid="message-scroller">
        {w.hasOlder && (
          <div className="load-more">
            <button type="button" className="btn btn-small" onClick={() => void load('older')} disabled={loading !== null}>
              {loading === 'older' ? t('common.loading') : t('chat.loadOlder')}
            </button>
          </div>
        )}
        {!w.hasOlder && items.length === 0 && shownPending.length === 0 && <p className="empty">{t('chat.emptyConversation')}</p>}
        <ol className="msg-list" ref={list}>
          {items.map((m, i) => {
            const prev = items[i - 1];
            const newDay = !prev || f.dayKey(prev.createdAt) !== f.dayKey(m.createdAt);
            const divider = i === dividerAt;
            const grouped =
              !!prev && !newDay && !divider && !prev.deleted && !m.deleted && prev.author.id === m.author.id && Date.parse(m.createdAt) - Date.parse(prev.createdAt) < GROUP_MS;
            return (
              <Fragment key={m.id}>
                {newDay && (
                  <li className="msg-divider msg-divider-day">
                    <span>{f.date(m.createdAt)}</span>
                  </li>
                )}
                {divider && (
                  <li className="msg-divider msg-divider-new" data-testid="unread-divider">
                    <span>{t('chat.newDivider')}</span>
                  </li>
                )}
                <MessageItem message={m} handlers={handlers} grouped={grouped} highlighted={m.id === highlightId} />
              </Fragment>
            );
          })}
          {shownPending.map((p) => (
            <PendingItem key={p.clientKey} pending={p} />
          ))}
        </ol>
        <ErrorText error={loadError} />
        {loadError != null && (
          <div className="load-more">
            <button type="button" className="btn btn-small" onClick={() => setLoadError(null)}>
              {t('common.retry')}
            </button>
          </div>
        )}
        {w.hasNewer && (
          <div className="load-more">
            <button type="button" className="btn btn-small" onClick={() => void load('newer')} disabled={loading !== null}>
              {loading === 'newer' ? t('common.loading') : t('chat.loadNewer')}
            </button>
          </div>
        )}
      </div>
      {w.hasNewer && (
        <div className="msg-jump msg-jump-bottom">
          <button type="button" className="new-posts-banner" onClick={props.onJumpToLatest} data-testid="jump-latest">
            <span aria-hidden="true">↓ </span>
            {t('chat.jumpToLatest')}
          </button>
        </div>
      )}
    </div>
  );
}
