/**
 * Working hours as pure time arithmetic: is a moment inside someone's working day, and when does
 * the next one start. Local times come from Intl in the person's time zone, so daylight saving and
 * weekends follow the zone's own rules. Nothing here reads the clock; callers pass `now`.
 */

export interface Hours {
  /** ISO weekdays (1 = Monday) on which a working day starts. */
  workdays: readonly number[];
  /** "HH:MM" local. An end before the start runs past midnight into the next day. */
  start: string;
  end: string;
  timeZone: string;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

interface Wall {
  year: number;
  month: number;
  day: number;
  /** Minutes since local midnight. */
  minutes: number;
  /** The wall-clock reading as if it were UTC, in ms (compares local readings). */
  asUtc: number;
}

function wallAt(ms: number, timeZone: string): Wall {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return { year: p.year, month: p.month, day: p.day, minutes: p.hour * 60 + p.minute, asUtc };
}

const offsetAt = (ms: number, timeZone: string) => wallAt(ms, timeZone).asUtc - Math.floor(ms / 1000) * 1000;

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
function isoWeekday(year: number, month: number, day: number): number {
  return ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7) + 1;
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The instants at which the local clock first shows the given time on that date, earliest first:
 * one normally, two when clocks go back (the time happens twice), and the end of the gap when
 * clocks go forward past it (the first moment the clock shows that time or later).
 */
export function instantsOf(year: number, month: number, day: number, minutes: number, timeZone: string): number[] {
  const wall = Date.UTC(year, month - 1, day, 0, minutes);
  const before = offsetAt(wall - DAY, timeZone);
  const after = offsetAt(wall + DAY, timeZone);
  const valid = [...new Set([wall - before, wall - after])].filter((t) => wallAt(t, timeZone).asUtc === wall).sort((a, b) => a - b);
  if (valid.length) return valid;
  // In the gap: search between the last instant before it and the first after it.
  let lo = Math.min(wall - before, wall - after);
  let hi = Math.max(wall - before, wall - after);
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (wallAt(mid, timeZone).asUtc >= wall) hi = mid;
    else lo = mid;
  }
  return [hi];
}

/** Whether `now` falls inside a working day (start inclusive, end exclusive). */
export function isWorkingTime(now: Date, hours: Hours): boolean {
  const w = wallAt(now.getTime(), hours.timeZone);
  const day = isoWeekday(w.year, w.month, w.day);
  const start = toMinutes(hours.start);
  const end = toMinutes(hours.end);
  const works = (d: number) => hours.workdays.includes(d);
  if (start < end) return works(day) && w.minutes >= start && w.minutes < end;
  // Overnight: the evening part belongs to today's working day, the morning part to yesterday's.
  return (works(day) && w.minutes >= start) || (works(day === 1 ? 7 : day - 1) && w.minutes < end);
}

/** `now` when it is working time, else the next start of a working day; null when no day is a working day. */
export function nextWorkingStart(now: Date, hours: Hours): Date | null {
  if (!hours.workdays.length) return null;
  if (isWorkingTime(now, hours)) return now;
  const today = wallAt(now.getTime(), hours.timeZone);
  const start = toMinutes(hours.start);
  // Eight days reach the same weekday again even when today's start has passed.
  for (let i = 0; i <= 7; i++) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + i));
    const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    if (!hours.workdays.includes(isoWeekday(y, m, d))) continue;
    const next = instantsOf(y, m, d, start, hours.timeZone).find((t) => t > now.getTime());
    if (next !== undefined) return new Date(next);
  }
  return null;
}
