// Placeholder wired into the router; the feature fills it in.
import { useTranslation } from 'react-i18next';

export function SearchPage() {
  const { t } = useTranslation();
  return <div className="page"><h1>{t('nav.search')}</h1></div>;
}
