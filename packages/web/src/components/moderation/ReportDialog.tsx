import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../lib/api';
import type { Report, ReportCategory } from '../../lib/types';
import { ErrorText } from '../bits';
import { Dialog } from '../Dialog';
import { DialogDone } from '../DialogDone';

export const REPORT_CATEGORIES: ReportCategory[] = ['harassment', 'discrimination', 'confidential_leak', 'illegal', 'spam', 'other'];

/** Reports a post, comment, chat message, question, answer or wiki page to its moderators. */
export function ReportDialog({ targetType, targetId, onClose }: { targetType: Report['targetType']; targetId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [category, setCategory] = useState<ReportCategory>('harassment');
  const [note, setNote] = useState('');
  const send = useMutation({ mutationFn: () => post<{ id: number }>('/reports', { targetType, targetId, category, note }) });
  return (
    <Dialog open onClose={onClose} title={t(`report.title.${targetType}`)} testId="report-dialog">
      {send.isSuccess ? (
        <DialogDone message={t('report.thanks')} onClose={onClose} testId="report-thanks" />
      ) : (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            send.mutate();
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-category`}>{t('report.category')}</label>
            <select id={`${id}-category`} value={category} onChange={(e) => setCategory(e.target.value as ReportCategory)} data-testid="report-category">
              {REPORT_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`report.categories.${c}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-note`}>{t('report.note')}</label>
            <textarea id={`${id}-note`} rows={3} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} data-testid="report-note" />
          </div>
          <p className="hint">{t('report.hint')}</p>
          <ErrorText error={send.error} />
          <div className="form-actions">
            <button type="button" className="btn" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="btn btn-primary" disabled={send.isPending} data-testid="report-submit">
              {t('report.submit')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
