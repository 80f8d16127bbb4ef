import type { PolicyVersion } from '@foyer/shared';
import { useTranslation } from 'react-i18next';

export function VersionStatus({ status }: { status: PolicyVersion['status'] }) {
  const { t } = useTranslation();
  return <span className={`badge policy-status policy-status-${status}`}>{t(`compliance.status.${status}`)}</span>;
}
