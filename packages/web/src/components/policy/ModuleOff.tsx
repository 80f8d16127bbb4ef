import type { PolicyModule } from '@foyer/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader, useTitle } from '../bits';

/** Shown instead of a page whose module the works agreement in force switches off. */
export function ModuleOff({ module, version }: { module: PolicyModule; version: number }) {
  const { t } = useTranslation();
  const name = t(`compliance.modules.${module}`);
  useTitle(name);
  return (
    <div className="page page-narrow" data-testid="module-off">
      <PageHeader title={name} />
      <div className="card stack">
        <p>{version > 0 ? t('compliance.moduleOff.body', { module: name, version }) : t('compliance.moduleOff.bodyNoVersion', { module: name })}</p>
        <p className="hint">{t('compliance.moduleOff.hint')}</p>
        <p>
          <Link to="/policy">{t('compliance.moduleOff.read')}</Link>
        </p>
      </div>
    </div>
  );
}
