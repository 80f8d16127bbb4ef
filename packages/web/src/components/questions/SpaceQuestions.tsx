// Placeholder wired into the router; the feature fills it in.
import { useTranslation } from 'react-i18next';
import type { Space } from '../../lib/types';
export function SpaceQuestions({ space }: { space: Space }) {
  const { t } = useTranslation();
  return <section aria-label={space.name}><h2>{t('spaces.tabQuestions')}</h2></section>;
}
