import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../lib/api';
import type { ModerationAction, Report } from '../../lib/types';
import { ErrorText } from '../bits';

const ACTIONS: ModerationAction[] = ['hide', 'restore', 'delete', 'warn', 'mute', 'dismiss'];

/** A moderator's decision on a report: an action and a reason (the reporter and author read it). */
export function DecisionForm({ report }: { report: Report }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = useId();
  const [action, setAction] = useState<ModerationAction>(report.item.hidden ? 'restore' : 'hide');
  const [reason, setReason] = useState('');
  const [days, setDays] = useState(7);
  const decide = useMutation({
    mutationFn: () => post<Report>(`/moderation/reports/${report.id}/decide`, { action, reason, ...(action === 'mute' ? { muteDays: days } : {}) }),
    onSuccess: () => {
      setReason('');
      void qc.invalidateQueries({ queryKey: ['moderation'] });
      // Hidden or restored items change what feeds show.
      void qc.invalidateQueries({ queryKey: ['space'] });
      void qc.invalidateQueries({ queryKey: ['feed'] });
    },
  });
  return (
    <form
      className="form decision-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim()) decide.mutate();
      }}
    >
      <fieldset className="decision-actions">
        <legend>{t('moderation.decide')}</legend>
        {ACTIONS.map((a) => (
          <label key={a} className="checkbox">
            <input type="radio" name={`${id}-action`} value={a} checked={action === a} onChange={() => setAction(a)} data-testid={`decision-${a}`} />
            {t(`moderation.actions.${a}`)}
          </label>
        ))}
      </fieldset>
      {action === 'mute' && (
        <div className="field field-inline">
          <label htmlFor={`${id}-days`}>{t('moderation.muteDays')}</label>
          <input id={`${id}-days`} type="number" min={1} max={90} value={days} onChange={(e) => setDays(Math.min(90, Math.max(1, Number(e.target.value) || 1)))} />
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('moderation.reason')}</label>
        <textarea id={`${id}-reason`} rows={2} maxLength={1000} required value={reason} onChange={(e) => setReason(e.target.value)} data-testid="decision-reason" />
      </div>
      <ErrorText error={decide.error} />
      <div className="form-actions">
        <button type="submit" className={action === 'delete' ? 'btn btn-danger' : 'btn btn-primary'} disabled={!reason.trim() || decide.isPending} data-testid="decision-submit">
          {t(`moderation.apply.${action}`)}
        </button>
      </div>
    </form>
  );
}
