import { useTranslation } from 'react-i18next';
import { discardMessage, retryMessage, type PendingMessage } from '../../lib/chat/outbox';
import { useMe } from '../../lib/session';
import { Avatar, errorMessage } from '../bits';
import { MessageImages } from './MessageImages';
import { AttachmentList } from '../files/AttachmentList';
import { QuoteBlock } from './QuoteBlock';

/** My message before the server confirmed it: "sending", or "not sent" with retry. */
export function PendingItem({ pending }: { pending: PendingMessage }) {
  const { t } = useTranslation();
  const me = useMe();
  const failed = pending.state === 'failed';
  return (
    <li className={failed ? 'msg msg-pending msg-failed' : 'msg msg-pending'} data-testid="pending-message" data-state={pending.state}>
      <div className="msg-gutter">
        <Avatar user={me} size={36} />
      </div>
      <div className="msg-main">
        <div className="msg-head">
          <span className="msg-author">{me.name}</span>
          <span className="muted small">{failed ? t('chat.notSent') : t('chat.sending')}</span>
        </div>
        {pending.quote && <QuoteBlock quote={pending.quote} />}
        {pending.body && <p className="msg-body pre-line">{pending.body}</p>}
        <MessageImages images={pending.images} />
        <AttachmentList files={pending.files} />
        {failed && (
          <div className="row wrap">
            <p className="error small" role="alert">
              {t('chat.notSentReason', { reason: errorMessage(t, pending.error) })}
            </p>
            <button type="button" className="btn btn-small btn-primary" onClick={() => retryMessage(pending.clientKey)} data-testid="retry-send">
              {t('chat.retrySend')}
            </button>
            <button type="button" className="btn btn-small" onClick={() => discardMessage(pending.clientKey)}>
              {t('chat.discard')}
            </button>
          </div>
        )}
      </div>
    </li>
  );
}
