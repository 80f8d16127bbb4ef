import type { MyLegalHold, SpaceRetention } from '@foyer/shared';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../lib/api';
import { useFormat } from '../../lib/format';

/** In the transparency centre: shown only while a legal hold covers me. Never the reason (the server does not send it). */
export function LegalHoldCard() {
  const { t } = useTranslation();
  const f = useFormat();
  const q = useQuery({ queryKey: ['me', 'legal-hold'], queryFn: ({ signal }) => get<MyLegalHold>('/me/legal-hold', undefined, signal) });
  if (!q.data?.held) return null;
  return (
    <section className="card notice" aria-labelledby="privacy-legal-hold" data-testid="legal-hold-card">
      <h2 id="privacy-legal-hold">{t('retention.hold.cardTitle')}</h2>
      <p>{t('retention.hold.cardText')}</p>
      {q.data.since && <p className="muted small">{t('retention.hold.cardSince', { when: f.date(q.data.since) })}</p>}
      <p className="muted small">{t('retention.hold.cardWhy')}</p>
    </section>
  );
}

/** On a space page: members see that a legal hold keeps the space's content (the server tells members only). */
export function SpaceLegalHoldNotice({ spaceId, enabled }: { spaceId: number; enabled: boolean }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['space', spaceId, 'retention'],
    queryFn: ({ signal }) => get<SpaceRetention>(`/spaces/${spaceId}/retention`, undefined, signal),
    enabled,
  });
  if (!q.data?.legalHold) return null;
  return (
    <p className="notice small" role="note" data-testid="legal-hold-notice">
      {t('retention.hold.spaceNotice')}
    </p>
  );
}
