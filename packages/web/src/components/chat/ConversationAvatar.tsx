import { directPartner, otherMembers } from '../../lib/chat/names';
import { useMe } from '../../lib/session';
import type { Conversation } from '../../lib/types';
import { Avatar } from '../bits';
import { PresenceDot } from './PresenceDot';

/** Direct: the other person with their status; group: two faces; channel: a # tile. Decorative (the name is text). */
export function ConversationAvatar({ conversation, size = 40 }: { conversation: Conversation; size?: number }) {
  const me = useMe();
  if (conversation.kind === 'channel') {
    return (
      <span className="conv-avatar conv-avatar-channel" aria-hidden="true" style={{ width: size, height: size }}>
        #
      </span>
    );
  }
  const partner = directPartner(conversation, me.id);
  if (partner) {
    return (
      <span className="conv-avatar">
        <Avatar user={partner} size={size} />
        <span className="conv-avatar-dot">
          <PresenceDot userId={partner.id} />
        </span>
      </span>
    );
  }
  const [a, b] = otherMembers(conversation, me.id);
  return (
    <span className="conv-avatar conv-avatar-group" aria-hidden="true" style={{ width: size, height: size }}>
      {a && <Avatar user={a} size={Math.round(size * 0.7)} />}
      {b && <Avatar user={b} size={Math.round(size * 0.7)} />}
    </span>
  );
}
