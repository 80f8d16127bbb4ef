import type { Message } from '../../lib/types';

/** What a message's actions do; the conversation and the thread panel wire them to their own composer. */
export interface MessageHandlers {
  /** Absent inside the thread panel (no threads within threads). */
  onReplyInThread?: (m: Message) => void;
  onQuote: (m: Message) => void;
  onEdit: (m: Message) => void;
  /** Top-level messages only: read state counts the conversation's main line. */
  onMarkUnread?: (m: Message) => void;
}
