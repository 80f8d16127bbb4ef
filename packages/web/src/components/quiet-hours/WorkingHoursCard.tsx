import type { NotificationType, WorkingHours, WorkingHoursView } from '@foyer/shared';
import { useMutation, useQuery, useQueryClient, type UseMutationResult } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, put } from '../../lib/api';
import { useMe } from '../../lib/session';
import { ErrorText, Loading } from '../bits';

const KEY = ['me', 'working-hours'];
const DAYS = [1, 2, 3, 4, 5, 6, 7];

/** Weekday names in the reader's language; 1 January 2024 was a Monday. */
function weekdayNames(locale: string, style: 'long' | 'short'): string[] {
  const f = new Intl.DateTimeFormat(locale, { weekday: style, timeZone: 'UTC' });
  return DAYS.map((d) => f.format(new Date(Date.UTC(2024, 0, d))));
}

function timeZones(current: string[]): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([...all, ...current.filter(Boolean)])].sort();
}

/** My working hours for quiet hours: the company default or my own. */
export function WorkingHoursCard() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: KEY, queryFn: ({ signal }) => get<WorkingHoursView>('/me/working-hours', undefined, signal) });
  // Lives here, not in the form: the form starts over after a save, the confirmation stays.
  const save = useMutation({
    mutationFn: (own: WorkingHours | null) => put<WorkingHoursView>('/me/working-hours', { own }),
    onSuccess: (v) => qc.setQueryData(KEY, v),
  });
  return (
    <section className="card" aria-labelledby="set-hours">
      <h2 id="set-hours">{t('quietHours.title')}</h2>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorText error={q.error} />
      ) : (
        // Keyed by what the server holds, so the form starts over after each save.
        <WorkingHoursForm key={JSON.stringify(q.data)} view={q.data} save={save} />
      )}
    </section>
  );
}

type SaveMutation = UseMutationResult<WorkingHoursView, Error, WorkingHours | null>;

function WorkingHoursForm({ view, save }: { view: WorkingHoursView; save: SaveMutation }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const id = useId();
  const [mode, setMode] = useState<'default' | 'own'>(view.own ? 'own' : 'default');
  // Own hours start from the default, in my profile's time zone.
  const [draft, setDraft] = useState<WorkingHours>(() => view.own ?? { ...view.policyDefault, timeZone: me.timezone || view.policyDefault.timeZone });
  const zones = useMemo(() => timeZones([draft.timeZone, view.policyDefault.timeZone]), [draft.timeZone, view.policyDefault.timeZone]);
  const longDays = weekdayNames(i18n.language, 'long');
  const shortDays = weekdayNames(i18n.language, 'short');
  const list = (items: string[]) => new Intl.ListFormat(i18n.language, { style: 'narrow', type: 'conjunction' }).format(items);
  const describe = (h: WorkingHours) => t('quietHours.hours', { days: list(h.workdays.map((d) => shortDays[d - 1])), start: h.start, end: h.end, timeZone: h.timeZone });
  const typeName = (type: NotificationType) => t(`settings.notificationTypes.${type}`, { defaultValue: type });

  const own = mode === 'own';
  const noDays = own && draft.workdays.length === 0;
  const sameTime = own && draft.start === draft.end;
  const problem = noDays ? t('quietHours.noDays') : sameTime ? t('quietHours.sameTime') : null;
  const toggleDay = (d: number, on: boolean) => setDraft({ ...draft, workdays: on ? [...draft.workdays, d] : draft.workdays.filter((x) => x !== d) });

  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!problem) save.mutate(own ? { ...draft, workdays: [...draft.workdays].sort((a, b) => a - b) } : null);
      }}
    >
      <p className="hint">{view.enabled ? t('quietHours.intro') : t('quietHours.off')}</p>
      <fieldset>
        <legend>{t('quietHours.choice')}</legend>
        <div className="radio-card">
          <input type="radio" id={`${id}-default`} name={`${id}-mode`} checked={!own} onChange={() => setMode('default')} aria-describedby={`${id}-default-desc`} />
          <label htmlFor={`${id}-default`}>
            <strong>{t('quietHours.useDefault')}</strong>
            <span id={`${id}-default-desc`} className="muted small">
              {describe(view.policyDefault)}
            </span>
          </label>
        </div>
        <div className="radio-card">
          <input type="radio" id={`${id}-own`} name={`${id}-mode`} checked={own} onChange={() => setMode('own')} />
          <label htmlFor={`${id}-own`}>
            <strong>{t('quietHours.useOwn')}</strong>
          </label>
        </div>
      </fieldset>
      {own && (
        <>
          <fieldset className="checkbox-list" aria-describedby={noDays ? `${id}-problem` : undefined}>
            <legend>{t('quietHours.workdays')}</legend>
            <div className="row wrap">
              {DAYS.map((d) => (
                <label key={d} className="checkbox">
                  <input type="checkbox" checked={draft.workdays.includes(d)} onChange={(e) => toggleDay(d, e.target.checked)} />
                  {longDays[d - 1]}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="row wrap">
            <div className="field">
              <label htmlFor={`${id}-start`}>{t('quietHours.start')}</label>
              <input id={`${id}-start`} type="time" step={60} required value={draft.start} onChange={(e) => setDraft({ ...draft, start: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-end`}>{t('quietHours.end')}</label>
              <input
                id={`${id}-end`}
                type="time"
                step={60}
                required
                value={draft.end}
                aria-invalid={sameTime}
                aria-describedby={sameTime ? `${id}-problem` : draft.end < draft.start ? `${id}-overnight` : undefined}
                onChange={(e) => setDraft({ ...draft, end: e.target.value })}
              />
            </div>
            <div className="field grow">
              <label htmlFor={`${id}-tz`}>{t('quietHours.timeZone')}</label>
              <select id={`${id}-tz`} value={draft.timeZone} onChange={(e) => setDraft({ ...draft, timeZone: e.target.value })}>
                {zones.map((z) => (
                  <option key={z} value={z}>
                    {z}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {draft.end < draft.start && !sameTime && (
            <p id={`${id}-overnight`} className="hint">
              {t('quietHours.overnight')}
            </p>
          )}
          {problem && (
            <p id={`${id}-problem`} className="error">
              {problem}
            </p>
          )}
        </>
      )}
      {view.enabled && view.urgentTypes.length > 0 && (
        <div className="hint">
          <p id={`${id}-urgent`}>{t('quietHours.urgent')}</p>
          <ul aria-labelledby={`${id}-urgent`}>
            {view.urgentTypes.map((type) => (
              <li key={type}>{typeName(type)}</li>
            ))}
          </ul>
        </div>
      )}
      <ErrorText error={save.error} />
      <div role="status">{save.isSuccess && <p className="success">{t('quietHours.saved')}</p>}</div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending || problem !== null}>
          {t('quietHours.save')}
        </button>
      </div>
    </form>
  );
}
