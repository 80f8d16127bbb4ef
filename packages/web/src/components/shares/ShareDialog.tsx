import { LIMITS } from '@foyer/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post as apiPost } from '../../lib/api';
import { upsertMessage } from '../../lib/chat/cache';
import { conversationTitle } from '../../lib/chat/names';
import { newClientKey } from '../../lib/chat/outbox';
import { useConversations } from '../../lib/chat/queries';
import { useMe } from '../../lib/session';
import type { Message, Post } from '../../lib/types';
import { ErrorText } from '../bits';
import { Dialog } from '../Dialog';
import { useMySpaces } from '../Layout';
import { DialogDone } from '../DialogDone';
import { PlaceAudience } from '../labels/AudiencePreview';

type Target = 'space' | 'conversation';

/** Shares a post into a space I can post in, or into a conversation, with an optional comment. */
export function ShareDialog({ post, onClose }: { post: Post; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const id = useId();
  const [target, setTarget] = useState<Target>('space');
  const [placeId, setPlaceId] = useState<number | null>(null);
  const [body, setBody] = useState('');
  const spaces = (useMySpaces().data?.items ?? []).filter((s) => s.abilities.post && !s.archived);
  const conversations = (useConversations().data?.items ?? []).filter((c) => c.abilities.post);
  const places =
    target === 'space'
      ? spaces.map((s) => ({ id: s.id, name: s.name }))
      : conversations.map((c) => ({ id: c.id, name: conversationTitle(c, me.id, t, i18n.language) }));
  const chosen = places.find((p) => p.id === placeId)?.id ?? places[0]?.id ?? null;

  const share = useMutation({
    mutationFn: async () => {
      if (chosen === null) return;
      if (target === 'space') {
        const p = await apiPost<Post>('/posts', { spaceId: chosen, body, sharedPostId: post.id });
        void qc.invalidateQueries({ queryKey: ['feed'] });
        void qc.invalidateQueries({ queryKey: ['space', p.space.id, 'posts'] });
      } else {
        upsertMessage(await apiPost<Message>(`/conversations/${chosen}/messages`, { body, clientKey: newClientKey(), sharedPostId: post.id }));
      }
    },
  });

  return (
    <Dialog open onClose={onClose} title={t('shares.title')} testId="share-dialog">
      {share.isSuccess ? (
        <DialogDone message={t('shares.done')} onClose={onClose} />
      ) : (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            if (chosen !== null) share.mutate();
          }}
        >
          <fieldset className="segmented">
            <legend className="sr-only">{t('shares.where')}</legend>
            {(['space', 'conversation'] as const).map((k) => (
              <label key={k} className="checkbox">
                <input
                  type="radio"
                  name={`${id}-target`}
                  checked={target === k}
                  onChange={() => {
                    setTarget(k);
                    setPlaceId(null);
                  }}
                />
                {t(`shares.into.${k}`)}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-place`}>{target === 'space' ? t('shares.space') : t('shares.conversation')}</label>
            {places.length === 0 ? (
              <p className="muted">{t('shares.nowhere')}</p>
            ) : (
              <select id={`${id}-place`} value={chosen ?? ''} onChange={(e) => setPlaceId(Number(e.target.value))} data-testid="share-place">
                {places.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            )}
          </div>
          <div className="field">
            <label htmlFor={`${id}-body`}>{t('shares.comment')}</label>
            <textarea id={`${id}-body`} rows={3} maxLength={LIMITS.postBody} value={body} onChange={(e) => setBody(e.target.value)} data-testid="share-comment" />
          </div>
          {chosen !== null && (
            <PlaceAudience
              path={`/posts/${post.id}/share-audience?${target === 'space' ? 'spaceId' : 'conversationId'}=${chosen}`}
              peoplePath={target === 'space' ? `/spaces/${chosen}/audience` : `/conversations/${chosen}/audience`}
              note={(a) =>
                a.originalReaders !== undefined && (
                  <p className="small muted" data-testid="share-original-readers">
                    {a.originalReaders === a.total ? t('shares.originalReadersAll') : t('shares.originalReaders', { count: a.originalReaders })}
                  </p>
                )
              }
            />
          )}
          <p className="hint">{t('shares.hint')}</p>
          <ErrorText error={share.error} />
          <div className="form-actions">
            <button type="button" className="btn" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="btn btn-primary" disabled={chosen === null || share.isPending} data-testid="share-submit">
              {t('shares.submit')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
