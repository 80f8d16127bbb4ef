import { useId } from 'react';
import { useTranslation } from 'react-i18next';

export interface AnnouncementDraft {
  on: boolean;
  ackRequired: boolean;
  /** datetime-local value ("2025-05-01T09:00"), empty for none. */
  deadline: string;
}

export const NO_ANNOUNCEMENT: AnnouncementDraft = { on: false, ackRequired: false, deadline: '' };

/** The announcement part of a post create body; the deadline is sent as an ISO instant. */
export function announcementInput(d: AnnouncementDraft) {
  if (!d.on) return {};
  const deadline = d.ackRequired && d.deadline ? new Date(d.deadline).toISOString() : undefined;
  return { announcement: { ackRequired: d.ackRequired, ...(deadline ? { deadline } : {}) } };
}

/** "Post as announcement", with acknowledgement and an optional deadline. */
export function AnnouncementFields({ value, onChange }: { value: AnnouncementDraft; onChange: (d: AnnouncementDraft) => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset className="announcement-fields">
      <legend className="sr-only">{t('announcement.label')}</legend>
      <label className="checkbox">
        <input type="checkbox" checked={value.on} onChange={(e) => onChange({ ...value, on: e.target.checked })} data-testid="composer-announcement" />
        {t('announcement.postAs')}
      </label>
      {value.on && (
        <>
          <label className="checkbox">
            <input type="checkbox" checked={value.ackRequired} onChange={(e) => onChange({ ...value, ackRequired: e.target.checked })} data-testid="composer-ack" />
            {t('announcement.askAck')}
          </label>
          {value.ackRequired && (
            <div className="field field-inline">
              <label htmlFor={`${id}-deadline`}>{t('announcement.deadlineOptional')}</label>
              <input id={`${id}-deadline`} type="datetime-local" value={value.deadline} onChange={(e) => onChange({ ...value, deadline: e.target.value })} />
            </div>
          )}
        </>
      )}
    </fieldset>
  );
}
