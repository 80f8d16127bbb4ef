import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../lib/api';
import type { Declassification } from '../../lib/types';
import { Empty, ErrorText, Loading } from '../bits';
import { Dialog } from '../Dialog';
import { DeclassificationItem } from './DeclassificationItem';

/** Every request to widen a post's audience through a share, and what was decided. */
export function DeclassificationHistory({ postId, onClose }: { postId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['declassifications', 'post', postId], queryFn: () => get<{ items: Declassification[] }>(`/posts/${postId}/declassifications`) });
  return (
    <Dialog open onClose={onClose} title={t('declassify.historyTitle')} wide>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorText error={q.error} />
      ) : q.data.items.length === 0 ? (
        <Empty>{t('declassify.noHistory')}</Empty>
      ) : (
        <ul className="declass-list">
          {q.data.items.map((d) => (
            <DeclassificationItem key={d.id} d={d} />
          ))}
        </ul>
      )}
    </Dialog>
  );
}
