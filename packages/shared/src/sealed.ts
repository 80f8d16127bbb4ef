/** Sealed access: lawful access with two approvals. The contract; see docs/api.md (Sealed access). */
import { z } from 'zod';
import { PolicyRole } from './compliance.js';
import { UserSummary } from './schemas.js';

export const SEALED_SCOPES = ['person', 'space', 'conversation'] as const;
export const SealedScope = z.enum(SEALED_SCOPES);
export type SealedScope = z.infer<typeof SealedScope>;

export const LEGAL_BASES = ['court_order', 'internal_investigation', 'gdpr_request', 'other'] as const;
export const LegalBasis = z.enum(LEGAL_BASES);
export type LegalBasis = z.infer<typeof LegalBasis>;

/** expired and revoked requests answer 404 on the viewer; void ones were replaced by an edit. */
export const SealedStatus = z.enum(['pending', 'approved', 'denied', 'void', 'revoked', 'expired']);
export type SealedStatus = z.infer<typeof SealedStatus>;

const IsoTime = z.string().datetime({ offset: true });

export const SealedRequestInput = z
  .object({
    scopeType: SealedScope,
    scopeId: z.number().int().positive(),
    from: IsoTime,
    to: IsoTime,
    reason: z.string().trim().min(10).max(2000),
    legalBasis: LegalBasis,
    legalBasisText: z.string().trim().min(1).max(500),
    /** Days before the affected people are told; policy default when absent, never above the policy's maximum. */
    notifyDelayDays: z.number().int().min(0).max(365).optional(),
  })
  .strict()
  .refine((r) => Date.parse(r.from) < Date.parse(r.to), { path: ['to'], message: 'must be after from' });
export type SealedRequestInput = z.infer<typeof SealedRequestInput>;

/** An edit: the fields to change. It replaces the request with a new one (approvals never carry over). */
export const SealedRequestEdit = z
  .object({
    scopeType: SealedScope.optional(),
    scopeId: z.number().int().positive().optional(),
    from: IsoTime.optional(),
    to: IsoTime.optional(),
    reason: z.string().trim().min(10).max(2000).optional(),
    legalBasis: LegalBasis.optional(),
    legalBasisText: z.string().trim().min(1).max(500).optional(),
    notifyDelayDays: z.number().int().min(0).max(365).optional(),
  })
  .strict();

export const SealedDecisionInput = z.object({ reason: z.string().trim().max(2000).default('') }).strict();
export const SealedDenialInput = z.object({ reason: z.string().trim().min(1).max(2000) }).strict();

export const SealedDecision = z.object({
  by: UserSummary,
  role: PolicyRole,
  decision: z.enum(['approve', 'deny']),
  reason: z.string(),
  at: z.string(),
});

export const SealedRequest = z.object({
  id: z.number(),
  requester: UserSummary,
  scopeType: SealedScope,
  scopeId: z.number(),
  /** A name for the scope: the person's or space's name, or the conversation's members. */
  scopeLabel: z.string(),
  from: z.string(),
  to: z.string(),
  reason: z.string(),
  legalBasis: LegalBasis,
  legalBasisText: z.string(),
  status: SealedStatus,
  approverRoles: z.array(PolicyRole),
  /** Roles that could still approve (pending only). */
  awaiting: z.array(PolicyRole),
  days: z.number(),
  notifyDelayDays: z.number(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  /** Pending: approvals must arrive before this; approved: end of the time box. */
  expiresAt: z.string(),
  replacedBy: z.number().nullable(),
  decisions: z.array(SealedDecision),
  abilities: z.object({ approve: z.boolean(), deny: z.boolean(), edit: z.boolean(), revoke: z.boolean(), read: z.boolean() }),
});
export type SealedRequest = z.infer<typeof SealedRequest>;

export const SealedWatermark = z.object({ requester: z.string(), requestId: z.number(), at: z.string(), text: z.string() });
export type SealedWatermark = z.infer<typeof SealedWatermark>;

export const SealedItem = z.object({
  kind: z.enum(['message', 'post', 'comment']),
  id: z.number(),
  author: UserSummary.nullable(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  body: z.string(),
  conversationId: z.number().nullable(),
  spaceId: z.number().nullable(),
  postId: z.number().nullable(),
});
export type SealedItem = z.infer<typeof SealedItem>;

export const SealedItemPage = z.object({ items: z.array(SealedItem), nextCursor: z.string().nullable(), watermark: SealedWatermark });
export type SealedItemPage = z.infer<typeof SealedItemPage>;
