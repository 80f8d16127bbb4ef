import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../lib/api';
import type { UserSummary } from '../../lib/types';
import { Avatar, Empty, ErrorText, Loading, PersonLink, Time } from '../bits';

export interface RegistryView {
  viewer: UserSummary;
  viewedAt: string;
}

/** Who looked at the closed-space registry and when: open to every employee. */
export function RegistryViews({ enabled = true }: { enabled?: boolean }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['governance', 'views'],
    queryFn: () => get<{ items: RegistryView[] }>('/governance/registry/views'),
    enabled,
    // The log changes with every look (including mine a moment ago): never show an old one.
    staleTime: 0,
  });
  return (
    <section className="card" aria-labelledby="registry-views-title">
      <h2 id="registry-views-title">{t('governance.viewsTitle')}</h2>
      <p className="hint">{t('governance.viewsIntro')}</p>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorText error={q.error} />
      ) : q.data.items.length === 0 ? (
        <Empty>{t('governance.viewsEmpty')}</Empty>
      ) : (
        <ul className="member-list" data-testid="registry-views">
          {q.data.items.map((v, i) => (
            <li key={`${v.viewer.id}-${v.viewedAt}-${i}`}>
              <Avatar user={v.viewer} size={28} />
              <span className="grow">
                <PersonLink user={v.viewer} />
              </span>
              <Time iso={v.viewedAt} relative={false} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
