import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The right-hand panel of a conversation (thread, search); full screen on phones. */
export function SidePanel({ title, onClose, children, testId }: { title: string; onClose: () => void; children: ReactNode; testId?: string }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <aside className="chat-side" aria-labelledby={id} data-testid={testId}>
      <div className="chat-side-head">
        <h2 id={id}>{title}</h2>
        <button type="button" className="icon-btn" onClick={onClose} aria-label={t('chat.closePanel', { title })}>
          <span aria-hidden="true">✕</span>
        </button>
      </div>
      {children}
    </aside>
  );
}
