import type { AuditEntry } from '@foyer/shared';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';

interface NoticeDetails {
  requestId?: number;
  requesterName?: string;
  approvers?: { id: number; name: string; role: string }[];
  reason?: string;
  legalBasis?: string;
  legalBasisText?: string;
  scope?: { type: string; label: string };
  from?: string;
  to?: string;
}

/** A transparency notice about sealed access: who read what, when, why, and who approved it. */
export function SealedNotice({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const f = useFormat();
  const d = entry.details as NoticeDetails;
  const approvers = (d.approvers ?? []).map((a) => `${a.name} (${t(`compliance.roles.${a.role}`, { defaultValue: a.role })})`);
  return (
    <div className="sealed-notice small" data-testid="sealed-notice">
      <p>
        {t('sealed.notice.summary', {
          requester: d.requesterName ?? '',
          scope: `${t(`sealed.scope.${d.scope?.type ?? 'person'}`)}: ${d.scope?.label ?? ''}`,
          from: d.from ? f.dateTime(d.from) : '',
          to: d.to ? f.dateTime(d.to) : '',
        })}
      </p>
      <p>{t('sealed.notice.reason', { reason: d.reason ?? '' })}</p>
      <p>{t('sealed.notice.basis', { basis: t(`sealed.basis.${d.legalBasis ?? 'other'}`), text: d.legalBasisText ?? '' })}</p>
      <p>{t('sealed.notice.approvers', { names: approvers.join(', ') })}</p>
    </div>
  );
}
