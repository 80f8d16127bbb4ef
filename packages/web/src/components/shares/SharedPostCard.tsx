import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SharedPost } from '../../lib/types';
import { Avatar, PersonLink, Time } from '../bits';
import { LabelBadge } from '../labels/LabelBadge';
import { SafeHtml } from '../SafeHtml';
import { DeclassifyDialog } from './DeclassifyDialog';

/**
 * A post embedded in a share (a post or a chat message). Readers who may not read the original
 * get nothing of it, only the way to ask its author for access for this audience.
 */
export function SharedPostCard({ shared, via }: { shared: SharedPost; via: { kind: 'post' | 'message'; id: number } }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  if (!shared.available || !shared.author || !shared.space) {
    return (
      <div className="shared-post shared-unavailable" data-testid="shared-unavailable">
        <p className="muted">
          <span aria-hidden="true">🔒 </span>
          {t('shares.unavailable')}
        </p>
        <button type="button" className="btn btn-small" onClick={() => setAsking(true)} data-testid="request-access">
          {t('shares.requestAccess')}
        </button>
        {asking && <DeclassifyDialog via={via} onClose={() => setAsking(false)} />}
      </div>
    );
  }
  return (
    <section className="shared-post" aria-label={t('shares.sharedBy', { name: shared.author.name })} data-testid="shared-post">
      <header className="shared-head">
        <Avatar user={shared.author} size={24} />
        <PersonLink user={shared.author} />
        <span className="sep" aria-hidden="true">
          ▸
        </span>
        <Link to={`/spaces/${shared.space.slug}`} className="space-link">
          {shared.space.name}
        </Link>
        {shared.label !== null && <LabelBadge level={shared.label} small />}
      </header>
      <SafeHtml html={shared.html} />
      <Link to={`/posts/${shared.id}`} className="small muted-link" data-testid="shared-original">
        {t('shares.original')}
        {shared.createdAt && (
          <>
            {' · '}
            <Time iso={shared.createdAt} />
          </>
        )}
      </Link>
    </section>
  );
}
