/**
 * Optimistic sending. A message shows at once as "sending" and is posted with a clientKey chosen
 * here; on a network failure or an attempt left unanswered the same POST (same key) is retried,
 * and the server answers a repeated key with the first message, so a retry can never create a
 * duplicate.
 */
import { ApiError, api } from '../api';
import { queryClient } from '../queryClient';
import { createSignal, useSignal } from '../signal';
import type { FileRef, Message, MessageSummary, PostImage } from '../types';
import { upsertMessage } from './cache';
import { chatKeys } from './keys';

export interface PendingMessage {
  clientKey: string;
  conversationId: number;
  threadRootId: number | null;
  quote: MessageSummary | null;
  body: string;
  /** Uploaded before sending; the ids go with every attempt, the rest shows the placeholder's thumbnails. */
  images: PostImage[];
  /** Attached files, uploaded before sending (POST /files); the ids go with every attempt. */
  files: FileRef[];
  createdAt: string;
  state: 'sending' | 'failed';
  error: unknown;
}

const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000];
/**
 * An attempt that has not been answered by then is given up and retried: a connection that died
 * without an error (a phone changing networks) would otherwise leave the message "sending" forever.
 */
const ATTEMPT_TIMEOUT_MS = 10_000;
const pending = new Map<string, PendingMessage>();
const signal = createSignal();

/** 32 characters of [0-9a-f]; getRandomValues also works outside secure contexts, unlike randomUUID. */
export function newClientKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function set(p: PendingMessage | null, key: string): void {
  if (p) pending.set(key, p);
  else pending.delete(key);
  signal.emit();
}

/** The server's copy arrived (POST answer, realtime catch-up or a refetch): the placeholder goes. */
export function forgetPendingKeys(messages: Pick<Message, 'clientKey'>[]): void {
  let changed = false;
  for (const m of messages) if (m.clientKey && pending.delete(m.clientKey)) changed = true;
  if (changed) signal.emit();
}

function retryable(e: unknown): boolean {
  return e instanceof ApiError && (e.status === 0 || e.status >= 500 || e.status === 429);
}

/** Waits for the delay, or less if the browser says it is back online. */
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener('online', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    window.addEventListener('online', done);
  });
}

/** One POST of a pending message; unanswered after ATTEMPT_TIMEOUT_MS it fails like a network error. */
async function postOnce(p: PendingMessage): Promise<Message> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), ATTEMPT_TIMEOUT_MS);
  try {
    return await api<Message>(`/conversations/${p.conversationId}/messages`, {
      method: 'POST',
      body: {
        body: p.body,
        clientKey: p.clientKey,
        ...(p.threadRootId !== null ? { threadRootId: p.threadRootId } : {}),
        ...(p.quote ? { quoteId: p.quote.id } : {}),
        ...(p.images.length > 0 ? { imageIds: p.images.map((i) => i.id) } : {}),
        ...(p.files.length > 0 ? { fileIds: p.files.map((f) => f.id) } : {}),
      },
      signal: timeout.signal,
    });
  } catch (e) {
    throw timeout.signal.aborted ? new ApiError(0, 'network', 'No answer in time') : e;
  } finally {
    clearTimeout(timer);
  }
}

async function deliver(key: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const p = pending.get(key);
    if (!p) return; // already arrived through another path
    try {
      upsertMessage(await postOnce(p));
      set(null, key);
      void queryClient.invalidateQueries({ queryKey: chatKeys.conversations });
      return;
    } catch (e) {
      const delay = RETRY_DELAYS_MS[attempt];
      if (!retryable(e) || delay === undefined) {
        const still = pending.get(key);
        if (still) set({ ...still, state: 'failed', error: e }, key);
        return;
      }
      await pause(delay);
    }
  }
}

export function sendMessage(input: { conversationId: number; body: string; threadRootId: number | null; quote: MessageSummary | null; images: PostImage[]; files: FileRef[] }): void {
  const key = newClientKey();
  set({ ...input, clientKey: key, createdAt: new Date().toISOString(), state: 'sending', error: null }, key);
  void deliver(key);
}

export function retryMessage(key: string): void {
  const p = pending.get(key);
  if (!p || p.state !== 'failed') return;
  set({ ...p, state: 'sending', error: null }, key);
  void deliver(key);
}

/** Signed out: nothing of the previous person may be sent with the next person's session. */
export function clearOutbox(): void {
  pending.clear();
  signal.emit();
}

export function discardMessage(key: string): void {
  set(null, key);
}

const memo = new Map<string, { version: number; list: PendingMessage[] }>();

/** Placeholders of one conversation (threadRootId null) or one thread, oldest first. */
export function usePendingMessages(conversationId: number, threadRootId: number | null): PendingMessage[] {
  return useSignal(signal, () => {
    const k = `${conversationId}:${threadRootId ?? ''}`;
    const hit = memo.get(k);
    if (hit && hit.version === signal.version()) return hit.list;
    const list = [...pending.values()].filter((p) => p.conversationId === conversationId && p.threadRootId === threadRootId);
    // Keep the old array when nothing of ours changed, so React does not re-render for other conversations.
    const same = hit && hit.list.length === list.length && hit.list.every((p, i) => p === list[i]);
    const value = same ? hit.list : list;
    memo.set(k, { version: signal.version(), list: value });
    return value;
  });
}
