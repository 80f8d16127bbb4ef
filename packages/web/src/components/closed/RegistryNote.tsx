import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Space } from '../../lib/types';

/** Tells members what the closed-space registry shows about this space, and who looked. */
export function RegistryNote({ space }: { space: Space }) {
  const { t } = useTranslation();
  if (!space.listedInRegistry) return null;
  return (
    <p className="muted small registry-note" data-testid="registry-note">
      <span aria-hidden="true">ⓘ </span>
      {t('closedSpaces.registryNote')}{' '}
      <Link to="/governance">{t('closedSpaces.registryViewsLink')}</Link>
    </p>
  );
}
