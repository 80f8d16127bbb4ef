import { useTranslation } from 'react-i18next';
import { useSession } from './session';

function validTz(tz: string | undefined): string | undefined {
  if (!tz) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz;
  } catch {
    return undefined;
  }
}

/** Date formatting in the user's locale and time zone (Me.timezone). */
export function useFormat() {
  const { i18n } = useTranslation();
  const session = useSession();
  const locale = i18n.language || 'en';
  const timeZone = validTz(session.me?.timezone);
  const time = (iso: string): string => new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(new Date(iso));
  const dayKey = (iso: string): string =>
    new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(new Date(iso));
  return {
    locale,
    timeZone,
    dateTime(iso: string): string {
      return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
    },
    date(iso: string): string {
      return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone }).format(new Date(iso));
    },
    relative(iso: string, now = Date.now()): string {
      const diff = (new Date(iso).getTime() - now) / 1000;
      const abs = Math.abs(diff);
      const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
      if (abs < 45) return rtf.format(0, 'second');
      if (abs < 3600) return rtf.format(Math.round(diff / 60), 'minute');
      if (abs < 86400) return rtf.format(Math.round(diff / 3600), 'hour');
      if (abs < 7 * 86400) return rtf.format(Math.round(diff / 86400), 'day');
      return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(new Date(iso));
    },
    /** Clock time only (chat messages; the day is shown by a divider). */
    time,
    /** A calendar day key in the user's time zone, to tell where a new day starts. */
    dayKey,
    /** Today: the time; this week: the weekday; older: the date (conversation list). */
    short(iso: string, now = Date.now()): string {
      const d = new Date(iso);
      const days = (now - d.getTime()) / 86_400_000;
      if (dayKey(iso) === dayKey(new Date(now).toISOString())) return time(iso);
      if (days < 6) return new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone }).format(d);
      return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeZone }).format(d);
    },
    number(n: number): string {
      return new Intl.NumberFormat(locale).format(n);
    },
  };
}
