import { LIMITS } from '@foyer/shared';
import { useTranslation } from 'react-i18next';

/** A count with a spoken label; counts stop at the server's cap and show as "99+". */
export function UnreadBadge({ count, muted = false, testId }: { count: number; muted?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const shown = count >= LIMITS.unreadCap ? '99+' : String(count);
  return (
    <span className={muted ? 'nav-count nav-count-muted' : 'nav-count'} data-testid={testId}>
      <span aria-hidden="true">{shown}</span>
      <span className="sr-only">{t('chat.unread', { count, shown })}</span>
    </span>
  );
}
