import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../lib/types';

const EVERY_MS = 4000;

/**
 * New incoming messages for screen readers, through a polite live region that speaks at most
 * once every few seconds: a single message is read with its author, a burst is summarised.
 */
export function useMessageAnnouncer() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const queue = useRef<Message[]>([]);
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const tRef = useRef(t);
  tRef.current = t;

  const flush = useCallback(() => {
    timer.current = null;
    const batch = queue.current;
    queue.current = [];
    const [first] = batch;
    if (!first) return;
    last.current = Date.now();
    setText(
      batch.length === 1
        ? tRef.current('chat.announceOne', { name: first.author.name, text: first.body.slice(0, 160) })
        : tRef.current('chat.announceMany', { count: batch.length }),
    );
  }, []);

  const announce = useCallback(
    (messages: Message[]) => {
      if (messages.length === 0) return;
      queue.current.push(...messages);
      if (timer.current) return;
      const wait = Math.max(0, last.current + EVERY_MS - Date.now());
      timer.current = setTimeout(flush, wait);
    },
    [flush],
  );

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return { text, announce };
}
