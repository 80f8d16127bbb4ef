import { useQuery } from '@tanstack/react-query';
import { get } from '../../lib/api';
import type { Conversation, Space } from '../../lib/types';
import { LabelChangeDialog } from '../labels/ChangeLabelDialog';
import { useConversationUpdate } from './conversationMutations';

/** Relabels a conversation: a channel within its space's ceiling, a direct or group one freely. */
export function ConversationLabelDialog({ conversation: c, onClose }: { conversation: Conversation; onClose: () => void }) {
  const update = useConversationUpdate(c.id);
  const spaceId = c.kind === 'channel' ? (c.space?.id ?? null) : null;
  const space = useQuery({
    queryKey: ['space', spaceId],
    queryFn: ({ signal }) => get<Space>(`/spaces/${spaceId}`, undefined, signal),
    enabled: spaceId !== null,
  });
  return (
    <LabelChangeDialog
      current={c.label}
      ceiling={space.data?.labelCeiling}
      loading={spaceId !== null && space.isPending}
      loadError={space.error}
      audiencePath={`/conversations/${c.id}/audience`}
      submit={async (label, confirmAudience) => {
        await update.mutateAsync({ kind: 'label', label, confirmAudience });
      }}
      onClose={onClose}
    />
  );
}
