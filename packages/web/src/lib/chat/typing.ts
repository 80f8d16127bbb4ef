/**
 * Who is typing where. Typing messages are ephemeral (never stored or replayed): each one
 * keeps a person "typing" for a few seconds, and sending is throttled on the client as well.
 */
import { createSignal, useSignal } from '../signal';
import type { ClientMessage } from '../types';

export const TYPING_SHOW_MS = 5000;
export const TYPING_SEND_EVERY_MS = 2000;

const typing = new Map<number, Map<number, number>>(); // conversationId -> userId -> expires at
const signal = createSignal();
const timers = new Map<string, ReturnType<typeof setTimeout>>();

export function noteTyping(conversationId: number, userId: number): void {
  let people = typing.get(conversationId);
  if (!people) typing.set(conversationId, (people = new Map()));
  people.set(userId, Date.now() + TYPING_SHOW_MS);
  const key = `${conversationId}:${userId}`;
  clearTimeout(timers.get(key));
  timers.set(
    key,
    setTimeout(() => {
      timers.delete(key);
      people.delete(userId);
      signal.emit();
    }, TYPING_SHOW_MS),
  );
  signal.emit();
}

/** A message from someone ends their "typing" at once. */
export function stopTyping(conversationId: number, userId: number): void {
  if (typing.get(conversationId)?.delete(userId)) signal.emit();
}

const memo = new Map<number, { version: number; ids: number[] }>();
export function useTypingUsers(conversationId: number, exceptUserId: number): number[] {
  return useSignal(signal, () => {
    const hit = memo.get(conversationId);
    if (hit && hit.version === signal.version()) return hit.ids;
    const ids = [...(typing.get(conversationId)?.keys() ?? [])].filter((id) => id !== exceptUserId);
    const value = hit && hit.ids.length === ids.length && hit.ids.every((id, i) => id === ids[i]) ? hit.ids : ids;
    memo.set(conversationId, { version: signal.version(), ids: value });
    return value;
  });
}

/** The socket sender, installed by the realtime client while it runs. */
let sender: ((msg: ClientMessage) => void) | null = null;
export function setClientMessageSender(fn: ((msg: ClientMessage) => void) | null): void {
  sender = fn;
}

const lastSent = new Map<number, number>();
/** Call on every keystroke; sends at most one typing message per conversation every 2 s. */
export function announceTyping(conversationId: number): void {
  const now = Date.now();
  if (now - (lastSent.get(conversationId) ?? 0) < TYPING_SEND_EVERY_MS) return;
  lastSent.set(conversationId, now);
  sender?.({ kind: 'typing', conversationId });
}
