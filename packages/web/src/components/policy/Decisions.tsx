import type { PolicyVersion } from '@foyer/shared';
import { useTranslation } from 'react-i18next';
import { PersonLink, Time } from '../bits';

/** Who proposed a version and who approved or rejected it, with reasons. */
export function Decisions({ version }: { version: PolicyVersion }) {
  const { t } = useTranslation();
  return (
    <ul className="plain-list policy-decisions">
      <li>
        {version.proposedBy ? (
          <>
            {t('compliance.proposedBy')} <PersonLink user={version.proposedBy} /> · <Time iso={version.proposedAt} relative={false} />
          </>
        ) : (
          t('compliance.initialVersion')
        )}
      </li>
      {version.note && <li className="pre-line">{t('compliance.note', { note: version.note })}</li>}
      {version.decisions.map((d, i) => (
        <li key={i} className={`policy-decision policy-decision-${d.decision}`}>
          <span aria-hidden="true">{d.decision === 'approve' ? '✓ ' : '✕ '}</span>
          {t(`compliance.decision.${d.decision}`, { role: t(`compliance.roles.${d.role}`) })} <PersonLink user={d.by} /> ·{' '}
          <Time iso={d.at} relative={false} />
          {d.reason && <span className="policy-reason pre-line">{t('compliance.reason', { reason: d.reason })}</span>}
        </li>
      ))}
    </ul>
  );
}
