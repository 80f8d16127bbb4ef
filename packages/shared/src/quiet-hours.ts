/** Quiet hours: a person's working hours and the contract of /me/working-hours. See docs/api.md (Quiet hours). */
import { z } from 'zod';
import { NotificationType, TimeZone } from './schemas.js';

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24 hours');

const WorkingHoursFields = z
  .object({
    /** ISO weekdays (1 = Monday) on which a working day starts. */
    workdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    /** Start and end of the working day, local time. An end before the start runs past midnight (night shifts). */
    start: ClockTime,
    end: ClockTime,
    /** IANA time zone the times are in, e.g. Europe/Berlin. */
    timeZone: z.string().max(64),
  })
  .strict();

/** When a person works. Outside these hours, notifications wait for the next start (if the works agreement enables quiet hours). */
export const WorkingHours = WorkingHoursFields.extend({ timeZone: TimeZone }).superRefine((h, ctx) => {
  if (h.start === h.end) ctx.addIssue({ code: 'custom', path: ['end'], message: 'must differ from start' });
  if (new Set(h.workdays).size !== h.workdays.length) ctx.addIssue({ code: 'custom', path: ['workdays'], message: 'days must be distinct' });
});
export type WorkingHours = z.infer<typeof WorkingHours>;

/** `own: null` follows the works agreement's default again. */
export const WorkingHoursUpdate = z.object({ own: WorkingHours.nullable() }).strict();
export type WorkingHoursUpdate = z.infer<typeof WorkingHoursUpdate>;

export const WorkingHoursView = z.object({
  /** Whether the active works agreement enables quiet hours; when false nothing is held. */
  enabled: z.boolean(),
  /** The works agreement's default: the working day between the end and the start of its quiet period. */
  policyDefault: WorkingHoursFields,
  /** My own hours, or null when I follow the default. */
  own: WorkingHoursFields.nullable(),
  /** What applies to me: own ?? policyDefault. */
  effective: WorkingHoursFields,
  /** Types delivered at once even outside working hours (empty when the agreement allows no exception). */
  urgentTypes: z.array(NotificationType),
});
export type WorkingHoursView = z.infer<typeof WorkingHoursView>;
