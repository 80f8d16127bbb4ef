import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { post } from '../../lib/api';
import type { Declassification } from '../../lib/types';
import { ErrorText, PersonLink, Time } from '../bits';

/** One request to let a share's audience read an original: who, why, where, and its decision. */
export function DeclassificationItem({ d, showPost = false }: { d: Declassification; showPost?: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const decide = useMutation({
    mutationFn: (verdict: 'approve' | 'deny') => post<Declassification>(`/declassifications/${d.id}/${verdict}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['declassifications'] }),
  });
  const where = d.space ? (
    <Link to={`/spaces/${d.space.slug}`}>{d.space.name}</Link>
  ) : d.conversationId !== null ? (
    <Link to={`/chat/${d.conversationId}`}>{t('declassify.aConversation')}</Link>
  ) : null;
  return (
    <li className="declass" data-testid={`declassification-${d.id}`}>
      <p>
        <PersonLink user={d.requestedBy} /> <span className="muted">{t('declassify.asksFor')}</span> {where}
        {' · '}
        <span className="muted small">
          <Time iso={d.createdAt} />
        </span>
      </p>
      <blockquote className="declass-reason">{d.reason}</blockquote>
      {showPost && (
        <p className="small">
          <Link to={`/posts/${d.postId}`}>{t('declassify.viewPost')}</Link>
        </p>
      )}
      {d.status === 'pending' && d.canDecide ? (
        <div className="form-actions start">
          <button type="button" className="btn btn-primary btn-small" onClick={() => decide.mutate('approve')} disabled={decide.isPending} data-testid="declassify-approve">
            {t('declassify.approve')}
          </button>
          <button type="button" className="btn btn-small" onClick={() => decide.mutate('deny')} disabled={decide.isPending} data-testid="declassify-deny">
            {t('declassify.deny')}
          </button>
        </div>
      ) : (
        <p className="small">
          <span className={`badge declass-${d.status}`}>{t(`declassify.status.${d.status}`)}</span>
          {d.decidedBy && <span className="muted"> {t('declassify.decidedBy', { name: d.decidedBy.name })}</span>}
        </p>
      )}
      <ErrorText error={decide.error} />
    </li>
  );
}
