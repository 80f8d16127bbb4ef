import type { PolicyVersion } from '@foyer/shared';
import { useTranslation } from 'react-i18next';
import { API_BASE } from '../../lib/api';
import { Decisions } from './Decisions';
import { VersionStatus } from './VersionStatus';

/** Every version, newest first, with what changed and who decided. */
export function VersionHistory({ versions }: { versions: PolicyVersion[] }) {
  const { t } = useTranslation();
  return (
    <ol className="policy-history" reversed>
      {versions.map((v) => (
        <li key={v.id} className="policy-history-item" data-testid={`policy-version-${v.version}`}>
          <div className="policy-history-head">
            <strong>{t('compliance.version', { version: v.version })}</strong>
            <VersionStatus status={v.status} />
            <span className="policy-history-files small">
              {(['yaml', 'json'] as const).map((format) => (
                <a key={format} href={`${API_BASE}/policy/document.${format}?version=${v.version}`} download aria-label={t('compliance.file.downloadVersion', { version: v.version, format: format.toUpperCase() })}>
                  {format.toUpperCase()}
                </a>
              ))}
            </span>
          </div>
          {v.changes.length > 0 && (
            <p className="small muted">{t('compliance.changes', { count: v.changes.length, list: v.changes.join(', ') })}</p>
          )}
          <Decisions version={v} />
        </li>
      ))}
    </ol>
  );
}
