import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader, useTitle } from '../components/bits';
import { Composer } from '../components/Composer';
import { useMySpaces } from '../components/Layout';
import { PostList } from '../components/PostList';
import { useMe } from '../lib/session';

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  useTitle(t('home.title'));
  const spaces = useMySpaces();
  const postable = spaces.data?.items.filter((s) => s.abilities.post && !s.archived) ?? [];
  return (
    <div className="page page-feed">
      <PageHeader title={t('home.title')} sub={t('home.greeting', { name: me.name.split(' ')[0] ?? me.name })} />
      {postable.length > 0 ? (
        <Composer spaces={postable} />
      ) : (
        spaces.data && (
          <p className="card notice">
            {t('home.noSpaces')} <Link to="/spaces">{t('home.findSpaces')}</Link>
          </p>
        )
      )}
      <PostList queryKey={['feed']} path="/feed" feed="home" label={t('home.feed')} empty={t('home.empty')} />
    </div>
  );
}
