import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get } from '../../lib/api';
import { chatKeys } from '../../lib/chat/keys';
import { useFormat } from '../../lib/format';
import type { Message } from '../../lib/types';
import { Empty, ErrorText, Loading } from '../bits';
import { SafeHtml } from '../SafeHtml';
import { SidePanel } from './SidePanel';

/** Search inside one conversation; every hit links to the message in context. */
export function SearchPanel({ conversationId, onClose }: { conversationId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  const [q, setQ] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setDebounced(q.trim()), 250);
    return () => clearTimeout(h);
  }, [q]);
  const results = useQuery({
    queryKey: chatKeys.search(conversationId, debounced),
    queryFn: ({ signal }) => get<{ items: Message[] }>(`/conversations/${conversationId}/search`, { q: debounced }, signal),
    enabled: debounced.length > 0,
  });
  const link = (m: Message) =>
    m.threadRootId ? `/chat/${conversationId}?message=${m.threadRootId}&thread=${m.threadRootId}` : `/chat/${conversationId}?message=${m.id}`;
  return (
    <SidePanel title={t('chat.search')} onClose={onClose} testId="search-panel">
      <form role="search" className="side-search" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor={`${id}-q`} className="sr-only">
          {t('chat.searchLabel')}
        </label>
        <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('chat.searchLabel')} autoFocus />
      </form>
      <div className="side-scroll" aria-live="polite">
        {!debounced ? null : results.isPending ? (
          <Loading />
        ) : results.error ? (
          <ErrorText error={results.error} />
        ) : results.data.items.length === 0 ? (
          <Empty>{t('chat.noResults')}</Empty>
        ) : (
          <>
            <p className="sr-only">{t('chat.resultCount', { count: results.data.items.length })}</p>
            <ul className="search-results">
              {results.data.items.map((m) => (
                <li key={m.id}>
                  <Link to={link(m)} className="search-hit">
                    <span className="search-hit-head">
                      <strong>{m.author.name}</strong> <span className="muted small">{f.dateTime(m.createdAt)}</span>
                    </span>
                  </Link>
                  <SafeHtml html={m.html} className="prose small" />
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </SidePanel>
  );
}
