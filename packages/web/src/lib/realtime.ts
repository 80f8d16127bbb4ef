import type { QueryClient } from '@tanstack/react-query';
import type { ClientMessage, EventName, ServerMessage } from './types';
import { applyChatEvent, applyTyping, chatCatchUp, chatResync } from './chat/events';
import { setClientMessageSender } from './chat/typing';
import { addNewPost, resetNewPosts } from './newPosts';
import { applyKnowledgeEvent, purgeKnowledgeOf } from './knowledgeEvents';
import { isSpaceQuery, refreshPost, removePost } from './queryClient';
import { invalidate } from './invalidate';

export type RealtimeStatus = 'connecting' | 'open' | 'closed';

export interface RealtimeHandlers {
  queryClient: QueryClient;
  meId: () => number | null;
  /** Called when the server says goodbye because the session ended. */
  onSignedOut: (reason: string) => void;
  /** Called after access to a space was revoked and its cache purged. */
  onAccessRevoked: (spaceId: number, slug: string | null) => void;
  /** Called after access to a chat conversation ended and its cache was purged. */
  onConversationRemoved: (conversationId: number) => void;
  onStatus?: (status: RealtimeStatus) => void;
}

type EventData = Record<string, unknown>;
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** One WebSocket per tab. Keeps the last event id and resumes from it after a reconnect. */
export class RealtimeClient {
  private ws: WebSocket | null = null;
  private cursor: number | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private readonly onOnline = () => chatCatchUp(this.h.queryClient);

  constructor(private readonly h: RealtimeHandlers) {}

  start(): void {
    this.stopped = false;
    setClientMessageSender((msg) => this.send(msg));
    window.addEventListener('online', this.onOnline);
    this.connect();
  }

  /** Ephemeral messages to the server (typing); dropped while the socket is not open. */
  send(msg: ClientMessage): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(msg));
  }

  stop(): void {
    this.stopped = true;
    setClientMessageSender(null);
    window.removeEventListener('online', this.onOnline);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onclose = null;
      ws.close(1000);
    }
  }

  private url(): string {
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const q = this.cursor !== null ? `?cursor=${this.cursor}` : '';
    return `${proto}//${location.host}/api/v1/realtime${q}`;
  }

  private connect(): void {
    if (this.stopped) return;
    this.h.onStatus?.('connecting');
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.url());
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      this.attempt = 0;
      this.h.onStatus?.('open');
    };
    ws.onmessage = (ev) => {
      let msg: ServerMessage;
      try {
        msg = JSON.parse(String(ev.data)) as ServerMessage;
      } catch {
        return;
      }
      this.handle(msg);
    };
    ws.onclose = () => {
      this.ws = null;
      this.h.onStatus?.('closed');
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const base = Math.min(30_000, 1000 * 2 ** this.attempt);
    const delay = base / 2 + Math.random() * (base / 2);
    this.attempt++;
    this.timer = setTimeout(() => this.connect(), delay);
  }

  private handle(msg: ServerMessage): void {
    switch (msg.kind) {
      case 'hello':
        if (this.cursor === null) this.cursor = msg.cursor;
        // Chat state fetched before the socket was subscribed (first hello) or while it was down
        // (reconnect) may have missed events: catch up now; open conversations fetch their newest messages.
        chatCatchUp(this.h.queryClient);
        return;
      case 'typing':
        applyTyping(msg.conversationId, msg.userId, this.h.meId());
        return;
      case 'resync':
        this.cursor = msg.cursor;
        resetNewPosts();
        chatResync(this.h.queryClient);
        void invalidate(this.h.queryClient, {});
        return;
      case 'bye':
        if (msg.reason === 'shutdown') return; // the socket closes; we reconnect with backoff
        this.stop();
        this.h.onSignedOut(msg.reason);
        return;
      case 'event':
        this.cursor = msg.id;
        this.apply(msg.type, msg.data ?? {});
        return;
    }
  }

  /** Turn an event (ids only) into cache invalidations; content is refetched over REST. */
  apply(type: EventName, data: EventData): void {
    const qc = this.h.queryClient;
    const spaceId = num(data.spaceId);
    const postId = num(data.postId);
    const me = this.h.meId();
    switch (type) {
      case 'post.created': {
        const own = num(data.authorId) === me;
        this.newPostIn(['feed'], 'home', own);
        if (spaceId !== null) this.newPostIn(['space', spaceId, 'posts'], `space:${spaceId}`, own);
        void invalidate(qc, { queryKey: ['person'], refetchType: 'none' });
        void invalidate(qc, { queryKey: ['tag'], refetchType: 'none' });
        void invalidate(qc, { queryKey: ['spaces'] });
        void invalidate(qc, { queryKey: ['myspaces'] });
        return;
      }
      case 'post.updated':
        if (postId !== null) {
          void refreshPost(postId);
          void invalidate(qc, { queryKey: ['post', postId, 'revisions'] });
        }
        if (spaceId !== null) void invalidate(qc, { queryKey: ['space', spaceId, 'pinned'] });
        return;
      case 'post.deleted':
        if (postId !== null) removePost(postId);
        if (spaceId !== null) void invalidate(qc, { queryKey: ['space', spaceId, 'pinned'] });
        return;
      case 'comment.created':
      case 'comment.updated':
      case 'comment.deleted':
        if (postId !== null) {
          void invalidate(qc, { queryKey: ['post', postId, 'comments'] });
          if (type !== 'comment.updated') void refreshPost(postId);
        }
        return;
      case 'reaction.changed':
        if (postId !== null) {
          if (num(data.commentId) !== null) void invalidate(qc, { queryKey: ['post', postId, 'comments'] });
          else {
            void refreshPost(postId);
            void invalidate(qc, { queryKey: ['post', postId, 'reactions'] });
          }
        }
        return;
      case 'space.updated':
      case 'membership.changed':
        if (spaceId !== null) void invalidate(qc, { predicate: isSpaceQuery(spaceId) });
        void invalidate(qc, { queryKey: ['spaces'] });
        if (type === 'membership.changed' && num(data.userId) === me) {
          void invalidate(qc, { queryKey: ['feed'] });
          void invalidate(qc, { queryKey: ['myspaces'] });
        }
        return;
      case 'access.revoked': {
        if (spaceId === null) return;
        const bySlug = qc
          .getQueryCache()
          .findAll({ predicate: isSpaceQuery(spaceId) })
          .find((q) => q.queryKey[1] === 'by-slug');
        const slug = bySlug ? String(bySlug.queryKey[2]) : null;
        qc.removeQueries({ predicate: isSpaceQuery(spaceId) });
        qc.removeQueries({
          predicate: (q) =>
            q.queryKey[0] === 'post' && (q.state.data as { space?: { id: number } } | undefined)?.space?.id === spaceId,
        });
        resetNewPosts(`space:${spaceId}`);
        purgeKnowledgeOf(qc, spaceId);
        void invalidate(qc, { queryKey: ['feed'] });
        void invalidate(qc, { queryKey: ['spaces'] });
        void invalidate(qc, { queryKey: ['myspaces'] });
        void invalidate(qc, { queryKey: ['saved'] });
        void invalidate(qc, { queryKey: ['person'] });
        void invalidate(qc, { queryKey: ['tag'] });
        void invalidate(qc, { queryKey: ['notifications'] });
        this.h.onAccessRevoked(spaceId, slug);
        return;
      }
      case 'notification.created':
      case 'notification.read':
        void invalidate(qc, { queryKey: ['notifications'] });
        return;
      default:
        if (applyKnowledgeEvent(qc, type, data)) return;
        applyChatEvent(qc, type, data, { meId: this.h.meId, onConversationRemoved: this.h.onConversationRemoved });
    }
  }

  /** A new post: mounted lists show a banner instead of jumping; unmounted ones just go stale. */
  private newPostIn(queryKey: unknown[], feed: string, own: boolean): void {
    const qc = this.h.queryClient;
    const query = qc.getQueryCache().find({ queryKey, exact: true });
    if (!query) return;
    if (own || query.getObserversCount() === 0) {
      void invalidate(qc, { queryKey, exact: true });
      if (own) return;
      resetNewPosts(feed);
      return;
    }
    addNewPost(feed);
  }
}
