import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MessageSummary } from '../../lib/types';

/** A quoted message: its author and a plain excerpt; in a message it links to the original in context. */
export function QuoteBlock({ quote, conversationId }: { quote: MessageSummary; conversationId?: number }) {
  const { t } = useTranslation();
  // An empty excerpt means the quoted message was images only.
  const text = quote.deleted ? <em>{t('chat.quoteDeleted')}</em> : quote.excerpt || <em>{t('chat.imageOnly')}</em>;
  const inner = (
    <>
      <span className="quote-author">{quote.author.name}</span>
      <span className="quote-text">{text}</span>
    </>
  );
  return (
    <blockquote className="msg-quote" aria-label={t('chat.quoteOf', { name: quote.author.name })}>
      {conversationId !== undefined && !quote.deleted ? (
        <Link to={`/chat/${conversationId}?message=${quote.id}`} className="quote-link">
          {inner}
        </Link>
      ) : (
        inner
      )}
    </blockquote>
  );
}
