/** Retention and legal hold: the contract. See docs/api.md (Retention and legal hold). */
import { z } from 'zod';
import { UserSummary } from './schemas.js';

/**
 * Content types a space may keep for a shorter time than the policy. Notifications belong to a
 * person and the audit log to the organisation, so only the policy sets those.
 */
export const SPACE_RETENTION_TYPES = ['chatMessages', 'posts', 'comments', 'questions', 'wikiPages', 'files'] as const;
export const SpaceRetentionType = z.enum(SPACE_RETENTION_TYPES);
export type SpaceRetentionType = z.infer<typeof SpaceRetentionType>;

const Days = z.number().int().min(1).max(36_500);

export const SpaceRetentionEntry = z.object({
  type: SpaceRetentionType,
  /** The works agreement's period in days; null keeps until someone deletes it. */
  policyDays: z.number().nullable(),
  /** The space's shorter period, if its managers set one. */
  spaceDays: z.number().nullable(),
  /** What the daily retention run applies: the shorter of the two. */
  effectiveDays: z.number().nullable(),
});
export const SpaceRetention = z.object({
  spaceId: z.number(),
  types: z.array(SpaceRetentionEntry),
  /** A legal hold covers this space: nothing in it is deleted by retention. Shown to members only; never the reason. */
  legalHold: z.boolean(),
  abilities: z.object({ manage: z.boolean() }),
});
export type SpaceRetention = z.infer<typeof SpaceRetention>;

/** Sets the space's periods: a number of days (never longer than the policy's), or null to follow the policy. Types left out stay as they are. */
export const SpaceRetentionUpdate = z
  .object({ overrides: z.object(Object.fromEntries(SPACE_RETENTION_TYPES.map((t) => [t, Days.nullable().optional()])) as Record<SpaceRetentionType, z.ZodOptional<z.ZodNullable<typeof Days>>>).strict() })
  .strict();
export type SpaceRetentionUpdate = z.infer<typeof SpaceRetentionUpdate>;

export const LegalHoldTarget = z.enum(['space', 'user']);
export const LegalHold = z.object({
  id: z.number(),
  targetType: LegalHoldTarget,
  targetId: z.number(),
  /** The space's or the person's name, for the administrators' list. */
  targetName: z.string(),
  reason: z.string(),
  placedBy: UserSummary.nullable(),
  placedAt: z.string(),
  liftedBy: UserSummary.nullable(),
  liftedAt: z.string().nullable(),
});
export type LegalHold = z.infer<typeof LegalHold>;
export const LegalHoldInput = z.object({ targetType: LegalHoldTarget, targetId: z.number().int().positive(), reason: z.string().trim().min(1).max(500) }).strict();
export type LegalHoldInput = z.infer<typeof LegalHoldInput>;

/** Whether a hold covers the signed-in person (never the reason or who placed it). */
export const MyLegalHold = z.object({ held: z.boolean(), since: z.string().nullable() });
export type MyLegalHold = z.infer<typeof MyLegalHold>;
