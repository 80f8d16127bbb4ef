/** Aggregate-only analytics: weekly figures over at least k people, never per person. */
import { z } from 'zod';

export const AnalyticsQuery = z.object({
  /** How many complete weeks, newest last. */
  weeks: z.coerce.number().int().min(1).max(26).default(8),
  /** One attribute at a time: cross-tabulations would make small groups. */
  by: z.enum(['none', 'department', 'site', 'country']).default('none'),
});
export const AnalyticsCell = z.object({
  /** The group's attribute value ('' when not specified); '' for the total. */
  name: z.string(),
  /** True when the figures would describe fewer than k people (or allow working that out). */
  suppressed: z.boolean(),
  activeMembers: z.number().nullable(),
  posts: z.number().nullable(),
  comments: z.number().nullable(),
  reactions: z.number().nullable(),
  answers: z.number().nullable(),
});
export const AnalyticsReport = z.object({
  k: z.number(),
  by: z.enum(['none', 'department', 'site', 'country']),
  weeks: z.array(z.object({ start: z.string(), total: AnalyticsCell, groups: z.array(AnalyticsCell) })),
});
export type AnalyticsReport = z.infer<typeof AnalyticsReport>;
