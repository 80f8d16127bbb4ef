import { useTranslation } from 'react-i18next';
import { usePresence } from '../../lib/chat/presence';
import type { Presence } from '../../lib/types';

/** A chosen status as a small dot with its own shape per status and a text alternative (never colour alone). */
export function PresenceDot({ userId, withText = false }: { userId: number; withText?: boolean }) {
  const presence = usePresence(userId);
  return presence ? <PresenceMark presence={presence} withText={withText} /> : null;
}

export function PresenceMark({ presence, withText }: { presence: Presence; withText?: boolean }) {
  const { t } = useTranslation();
  if (!presence.status) return null;
  const label = t(`presence.status.${presence.status}`);
  const full = presence.text ? t('presence.withText', { status: label, text: presence.text }) : label;
  return (
    <span className="presence" data-testid="presence">
      <span className={`presence-dot presence-${presence.status}`} role="img" aria-label={full} title={full} />
      {withText && (
        <span className="presence-text muted small" aria-hidden="true">
          {full}
        </span>
      )}
    </span>
  );
}
