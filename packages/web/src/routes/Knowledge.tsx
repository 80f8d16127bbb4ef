// Placeholder wired into the router; the feature fills it in.
import { useTranslation } from 'react-i18next';

export function KnowledgePage() {
  const { t } = useTranslation();
  return <div className="page"><h1>{t('nav.knowledge')}</h1></div>;
}
