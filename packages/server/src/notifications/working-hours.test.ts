import { describe, it, expect } from 'vitest';
import { isWorkingTime, nextWorkingStart, type Hours } from './working-hours.js';

const at = (iso: string) => new Date(iso);
const next = (iso: string, h: Hours) => nextWorkingStart(at(iso), h)?.toISOString() ?? null;

const OFFICE: Hours = { workdays: [1, 2, 3, 4, 5], start: '08:00', end: '18:00', timeZone: 'Europe/Berlin' };
const NIGHTS: Hours = { workdays: [1, 2, 3, 4, 5], start: '22:00', end: '06:00', timeZone: 'Europe/Berlin' };

describe('working hours', () => {
  it('knows a working day from the evening before and the morning after, to the second', () => {
    // Tuesday 16 June 2026, Berlin summer time (UTC+2).
    expect(isWorkingTime(at('2026-06-16T05:59:30Z'), OFFICE)).toBe(false);
    expect(next('2026-06-16T05:59:30Z', OFFICE)).toBe('2026-06-16T06:00:00.000Z');
    expect(isWorkingTime(at('2026-06-16T06:00:00Z'), OFFICE)).toBe(true);
    expect(next('2026-06-16T06:00:00Z', OFFICE)).toBe('2026-06-16T06:00:00.000Z');
    expect(isWorkingTime(at('2026-06-16T15:59:59Z'), OFFICE)).toBe(true);
    // 18:00 local is the end: the next start is Wednesday morning.
    expect(isWorkingTime(at('2026-06-16T16:00:00Z'), OFFICE)).toBe(false);
    expect(next('2026-06-16T16:00:00Z', OFFICE)).toBe('2026-06-17T06:00:00.000Z');
  });

  it('skips the weekend', () => {
    // Friday evening and Saturday morning both wait for Monday 08:00.
    expect(next('2026-06-12T17:30:00Z', OFFICE)).toBe('2026-06-15T06:00:00.000Z');
    expect(isWorkingTime(at('2026-06-13T08:00:00Z'), OFFICE)).toBe(false);
    expect(next('2026-06-13T08:00:00Z', OFFICE)).toBe('2026-06-15T06:00:00.000Z');
  });

  it('follows the clocks across the spring and autumn changes in Europe/Berlin', () => {
    // Friday 27 March 2026, 19:00 CET; clocks go forward on Sunday 29 March: Monday 08:00 is CEST.
    expect(next('2026-03-27T18:00:00Z', OFFICE)).toBe('2026-03-30T06:00:00.000Z');
    // Friday 23 October 2026, 18:30 CEST; clocks go back on Sunday 25 October: Monday 08:00 is CET.
    expect(next('2026-10-23T16:30:00Z', OFFICE)).toBe('2026-10-26T07:00:00.000Z');
    expect(isWorkingTime(at('2026-10-26T06:30:00Z'), OFFICE)).toBe(false);
    expect(isWorkingTime(at('2026-10-26T07:00:00Z'), OFFICE)).toBe(true);
  });

  it('starts a day inside the spring gap when the clock first shows that time or later, and inside the autumn fold at both readings', () => {
    const sundays = (start: string, end: string): Hours => ({ workdays: [7], start, end, timeZone: 'Europe/Berlin' });
    // 02:30 does not exist on 29 March 2026; the clock jumps from 02:00 CET to 03:00 CEST (01:00Z).
    expect(next('2026-03-28T12:00:00Z', sundays('02:30', '10:00'))).toBe('2026-03-29T01:00:00.000Z');
    expect(isWorkingTime(at('2026-03-29T01:00:00Z'), sundays('02:30', '10:00'))).toBe(true);
    // 02:30 happens twice on 25 October 2026: first in CEST (00:30Z), then in CET (01:30Z).
    const short = sundays('02:30', '02:45');
    expect(next('2026-10-24T12:00:00Z', short)).toBe('2026-10-25T00:30:00.000Z');
    expect(isWorkingTime(at('2026-10-25T00:40:00Z'), short)).toBe(true);
    expect(isWorkingTime(at('2026-10-25T01:00:00Z'), short)).toBe(false);
    expect(next('2026-10-25T01:00:00Z', short)).toBe('2026-10-25T01:30:00.000Z');
  });

  it('handles working days that run past midnight (night shifts)', () => {
    // Friday night's shift ends on Saturday 06:00.
    expect(isWorkingTime(at('2026-06-13T01:00:00Z'), NIGHTS)).toBe(true);
    expect(isWorkingTime(at('2026-06-13T05:00:00Z'), NIGHTS)).toBe(false);
    expect(next('2026-06-13T05:00:00Z', NIGHTS)).toBe('2026-06-15T20:00:00.000Z');
    // Monday 05:00: Sunday is no working day, so no shift runs into Monday morning.
    expect(isWorkingTime(at('2026-06-15T03:00:00Z'), NIGHTS)).toBe(false);
    expect(isWorkingTime(at('2026-06-16T03:00:00Z'), NIGHTS)).toBe(true);
    expect(isWorkingTime(at('2026-06-15T12:00:00Z'), NIGHTS)).toBe(false);
    expect(next('2026-06-15T12:00:00Z', NIGHTS)).toBe('2026-06-15T20:00:00.000Z');
  });

  it('works in other time zones, with their own daylight saving dates or none', () => {
    const ny: Hours = { workdays: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', timeZone: 'America/New_York' };
    // Friday 6 March 2026, 17:00 EST; New York moves to EDT on Sunday 8 March (two weeks before Berlin).
    expect(next('2026-03-06T22:00:00Z', ny)).toBe('2026-03-09T13:00:00.000Z');
    expect(isWorkingTime(at('2026-03-09T13:30:00Z'), ny)).toBe(true);
    expect(isWorkingTime(at('2026-03-09T13:30:00Z'), OFFICE)).toBe(true);
    const kolkata: Hours = { workdays: [1, 2, 3, 4, 5], start: '09:00', end: '17:30', timeZone: 'Asia/Kolkata' };
    // UTC+05:30 all year: 08:00Z is 13:30, 12:00Z is 17:30 (the end).
    expect(isWorkingTime(at('2026-06-15T08:00:00Z'), kolkata)).toBe(true);
    expect(isWorkingTime(at('2026-06-15T12:00:00Z'), kolkata)).toBe(false);
    expect(next('2026-06-15T12:00:00Z', kolkata)).toBe('2026-06-16T03:30:00.000Z');
    // Monday in Kolkata while it is still Sunday in New York.
    expect(isWorkingTime(at('2026-06-14T23:00:00Z'), { ...kolkata, start: '04:00' })).toBe(true);
  });

  it('has no next start when no day is a working day', () => {
    expect(next('2026-06-16T03:00:00Z', { ...OFFICE, workdays: [] })).toBeNull();
    expect(isWorkingTime(at('2026-06-16T08:00:00Z'), { ...OFFICE, workdays: [] })).toBe(false);
  });
});
