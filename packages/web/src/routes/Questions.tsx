// Placeholder wired into the router; the feature fills it in.
import { useTranslation } from 'react-i18next';

export function QuestionsPage() {
  const { t } = useTranslation();
  return <div className="page"><h1>{t('nav.questions')}</h1></div>;
}
