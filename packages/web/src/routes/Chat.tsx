import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { useTitle } from '../components/bits';
import { ConversationList } from '../components/chat/ConversationList';
import { ConversationView } from '../components/chat/ConversationView';
import { NotFoundPage } from './NotFound';

/** /chat and /chat/:id. Desktop: list, conversation and panel side by side; phone: one at a time. */
export function ChatPage() {
  const raw = useParams().id;
  const [params] = useSearchParams();
  if (raw !== undefined && !/^\d+$/.test(raw)) return <NotFoundPage />;
  const id = raw === undefined ? null : Number(raw);
  const side = id !== null && (params.has('thread') || params.get('panel') === 'search');
  const classes = ['chat', id === null ? 'chat-at-list' : 'chat-at-conversation', side ? 'chat-has-side' : ''].filter(Boolean).join(' ');
  return (
    <div className={classes}>
      <ConversationList />
      {id === null ? (
        <NoConversation />
      ) : (
        <ConversationView key={id} id={id} />
      )}
    </div>
  );
}

function NoConversation() {
  const { t } = useTranslation();
  // Titled here, not in ChatPage: a parent's effect would run after the open conversation's and win.
  useTitle(t('chat.title'));
  return (
    <section className="chat-main chat-empty" aria-label={t('chat.conversation')}>
      <p className="empty">{t('chat.selectConversation')}</p>
    </section>
  );
}
