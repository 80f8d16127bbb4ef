import { useMutation } from '@tanstack/react-query';
import { del, patch, post, put } from '../../lib/api';
import { dropConversation, patchConversation } from '../../lib/chat/cache';
import type { Conversation, NotifyLevel } from '../../lib/types';

/** Writes on a conversation that answer with the new conversation: one place patches the caches. */
export function useConversationUpdate(conversationId: number) {
  return useMutation({
    mutationFn: (
      op:
        | { kind: 'settings'; muted?: boolean; notify?: NotifyLevel }
        | { kind: 'rename'; name: string }
        | { kind: 'label'; label: number; confirmAudience?: boolean }
        | { kind: 'add'; userIds: number[]; confirmAudience?: boolean }
        | { kind: 'remove'; userId: number },
    ): Promise<Conversation> => {
      const base = `/conversations/${conversationId}`;
      switch (op.kind) {
        case 'settings':
          return put<Conversation>(`${base}/settings`, { muted: op.muted, notify: op.notify });
        case 'rename':
          return patch<Conversation>(base, { name: op.name });
        case 'label':
          return patch<Conversation>(base, { label: op.label, ...(op.confirmAudience ? { confirmAudience: true } : {}) });
        case 'add':
          return post<Conversation>(`${base}/members`, { userIds: op.userIds, ...(op.confirmAudience ? { confirmAudience: true } : {}) });
        case 'remove':
          return del<Conversation>(`${base}/members/${op.userId}`);
      }
    },
    onSuccess: patchConversation,
  });
}

export function useLeaveConversation(conversationId: number, onLeft: () => void) {
  return useMutation({
    mutationFn: () => post<void>(`/conversations/${conversationId}/leave`),
    onSuccess: () => {
      dropConversation(conversationId);
      onLeft();
    },
  });
}
