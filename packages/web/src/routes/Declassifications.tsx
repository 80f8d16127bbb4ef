import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Empty, ErrorText, Loading, PageHeader, useTitle } from '../components/bits';
import { DeclassificationItem } from '../components/shares/DeclassificationItem';
import { get } from '../lib/api';
import type { Declassification } from '../lib/types';

/** Pending requests I may decide: authors of originals and owners of their spaces. */
export function DeclassificationsPage() {
  const { t } = useTranslation();
  useTitle(t('declassify.title'));
  const q = useQuery({ queryKey: ['declassifications', 'pending'], queryFn: () => get<{ items: Declassification[] }>('/declassifications') });
  const items = q.data?.items ?? [];
  return (
    <div className="page page-narrow">
      <PageHeader title={t('declassify.title')} sub={t('declassify.intro')} />
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorText error={q.error} />
      ) : items.length === 0 ? (
        <Empty>{t('declassify.empty')}</Empty>
      ) : (
        <ul className="card declass-list">
          {items.map((d) => (
            <DeclassificationItem key={d.id} d={d} showPost />
          ))}
        </ul>
      )}
    </div>
  );
}
