import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Report } from '../../lib/types';
import { useMe } from '../../lib/session';
import { ReportDialog } from './ReportDialog';

/**
 * The report action for items without a menu of their own (questions, answers, wiki pages):
 * nothing for one's own content, which cannot be reported.
 */
export function ReportButton({ targetType, targetId, authorId }: { targetType: Report['targetType']; targetId: number; authorId: number }) {
  const { t } = useTranslation();
  const me = useMe();
  const [open, setOpen] = useState(false);
  if (authorId === me.id) return null;
  return (
    <>
      <button type="button" className="btn btn-small btn-ghost" onClick={() => setOpen(true)} aria-haspopup="dialog" data-testid={`${targetType}-report`}>
        {t('report.action')}
      </button>
      {open && <ReportDialog targetType={targetType} targetId={targetId} onClose={() => setOpen(false)} />}
    </>
  );
}
