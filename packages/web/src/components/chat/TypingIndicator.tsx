import { useTranslation } from 'react-i18next';
import { useTypingUsers } from '../../lib/chat/typing';
import { useMe } from '../../lib/session';

/** "Ada is typing…" for a few seconds after each typing signal. Not a live region: it would chatter. */
export function TypingIndicator({ conversationId, nameOf }: { conversationId: number; nameOf: (userId: number) => string | null }) {
  const { t } = useTranslation();
  const me = useMe();
  const ids = useTypingUsers(conversationId, me.id);
  const names = ids.map((id) => nameOf(id) ?? t('chat.someone'));
  return (
    <div className="typing muted small" data-testid="typing">
      {names.length > 0 && t('chat.typing', { count: names.length, first: names[0], second: names[1] ?? '' })}
    </div>
  );
}
