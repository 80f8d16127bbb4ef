import { useTranslation } from 'react-i18next';
import { PageHeader, useTitle } from '../components/bits';
import { PostList } from '../components/PostList';

export function SavedPage() {
  const { t } = useTranslation();
  useTitle(t('saved.title'));
  return (
    <div className="page page-feed">
      <PageHeader title={t('saved.title')} sub={t('saved.intro')} />
      <PostList queryKey={['saved']} path="/saved" label={t('saved.title')} empty={t('saved.empty')} />
    </div>
  );
}
