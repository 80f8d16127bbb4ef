/** Works agreement as configuration and the audit log: the contract. See docs/api.md (Works agreement and audit log). */
import { z } from 'zod';
import { FunctionalRole, NotificationType, UserSummary } from './schemas.js';

/** Modules the works agreement switches on or off. Disabled ones answer 403 `module_disabled`. */
export const POLICY_MODULES = ['chat', 'questions', 'wiki', 'files', 'linkPreviews', 'announcements', 'analytics', 'integrations'] as const;
export const PolicyModule = z.enum(POLICY_MODULES);
export type PolicyModule = z.infer<typeof PolicyModule>;
/** What every signed-in client learns of the active policy with its session: the navigation leaves out what is switched off. */
export const SessionPolicy = z.object({ version: z.number(), modules: z.array(PolicyModule), presence: z.enum(['off', 'on']) });
export type SessionPolicy = z.infer<typeof SessionPolicy>;

/** Content types with a retention period (days; null keeps until someone deletes it). */
export const RETENTION_TYPES = ['chatMessages', 'posts', 'comments', 'questions', 'wikiPages', 'files', 'notifications', 'auditLog'] as const;
/** Types added after version 1 of the schema: a stored document without them keeps content (null). */
const RETENTION_TYPES_ADDED_LATER: ReadonlySet<string> = new Set(['questions']);

/** Who may approve sealed access: the administrators or a functional role. */
export const PolicyRole = z.enum(['admin', 'communications', 'governance', 'moderator']);
export type PolicyRole = z.infer<typeof PolicyRole>;

const Days = z.number().int().min(1).max(36_500).nullable();
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24 hours');
const distinct = (a: readonly string[]) => new Set(a).size === a.length;

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * The organisation policy (the works agreement as data). Unknown keys are refused so a typo never
 * silently keeps a default; rules across sections are checked in `superRefine`.
 */
export const PolicyDocument = z
  .object({
    schemaVersion: z.literal(1),
    modules: z.object(Object.fromEntries(POLICY_MODULES.map((m) => [m, z.boolean()])) as Record<PolicyModule, z.ZodBoolean>).strict(),
    /** `on`: people may set a chosen status (never automatic online/offline tracking). */
    presence: z.object({ mode: z.enum(['off', 'on']) }).strict(),
    /** Whether others may see that someone read a message: nobody, in direct conversations only, everywhere. */
    readReceipts: z.object({ mode: z.enum(['off', 'direct', 'all']) }).strict(),
    quietHours: z
      .object({
        enabled: z.boolean(),
        start: ClockTime,
        end: ClockTime,
        /** ISO weekdays (1 = Monday) that are working days. */
        workdays: z.array(z.number().int().min(1).max(7)).max(7),
        timeZone: z.string().min(1).max(64),
        /** Notifications the policy marks urgent are delivered during quiet hours. */
        urgentBypass: z.boolean(),
        /** Which notification types are urgent. Stored documents from before this key get the default. */
        urgentTypes: z.array(NotificationType).max(NotificationType.options.length).default(['announcement_reminder']),
      })
      .strict(),
    retention: z
      .object(Object.fromEntries(RETENTION_TYPES.map((t) => [t, RETENTION_TYPES_ADDED_LATER.has(t) ? Days.default(null) : Days])) as Record<(typeof RETENTION_TYPES)[number], typeof Days>)
      .strict(),
    /** What erasure does to content a person wrote in shared places: remove it, or keep it as "former employee". */
    erasure: z.object({ mode: z.enum(['remove', 'pseudonymise']) }).strict().default({ mode: 'remove' }),
    analytics: z.object({ k: z.number().int().min(2).max(1000) }).strict(),
    /** Which functional roles exist in this organisation. Holders are granted by administrators and every grant is audited. */
    roles: z.object({ communications: z.boolean(), governance: z.boolean(), moderator: z.boolean() }).strict(),
    /** Co-determination: an administrator proposes; one holder of each listed role approves. */
    coDetermination: z.object({ approverRoles: z.array(FunctionalRole).min(1).max(3) }).strict(),
    sealedAccess: z
      .object({
        approverRoles: z.array(PolicyRole).min(2).max(4),
        maxDays: z.number().int().min(1).max(90),
        notifyDelayDays: z.number().int().min(0).max(365),
        maxNotifyDelayDays: z.number().int().min(0).max(365),
      })
      .strict(),
  })
  .strict()
  .superRefine((doc, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (!distinct(doc.coDetermination.approverRoles)) issue(['coDetermination', 'approverRoles'], 'roles must be distinct');
    for (const [i, r] of doc.coDetermination.approverRoles.entries()) if (!doc.roles[r]) issue(['coDetermination', 'approverRoles', i], `the role ${r} is not enabled`);
    if (!distinct(doc.sealedAccess.approverRoles)) issue(['sealedAccess', 'approverRoles'], 'two distinct roles are required');
    for (const [i, r] of doc.sealedAccess.approverRoles.entries()) if (r !== 'admin' && !doc.roles[r]) issue(['sealedAccess', 'approverRoles', i], `the role ${r} is not enabled`);
    if (doc.sealedAccess.notifyDelayDays > doc.sealedAccess.maxNotifyDelayDays) issue(['sealedAccess', 'notifyDelayDays'], 'must not exceed maxNotifyDelayDays');
    if (doc.quietHours.start === doc.quietHours.end) issue(['quietHours', 'end'], 'must differ from start');
    if (!distinct(doc.quietHours.workdays.map(String))) issue(['quietHours', 'workdays'], 'days must be distinct');
    if (!validTimeZone(doc.quietHours.timeZone)) issue(['quietHours', 'timeZone'], 'unknown time zone');
    if (!distinct(doc.quietHours.urgentTypes)) issue(['quietHours', 'urgentTypes'], 'types must be distinct');
  });
export type PolicyDocument = z.infer<typeof PolicyDocument>;

/** Version 1 on a fresh install: everything Foyer has built so far is enabled, as before the policy existed. */
export const DEFAULT_POLICY: PolicyDocument = {
  schemaVersion: 1,
  modules: { chat: true, questions: true, wiki: true, files: true, linkPreviews: true, announcements: true, analytics: false, integrations: false },
  presence: { mode: 'on' },
  readReceipts: { mode: 'off' },
  quietHours: { enabled: false, start: '18:00', end: '08:00', workdays: [1, 2, 3, 4, 5], timeZone: 'Europe/Berlin', urgentBypass: true, urgentTypes: ['announcement_reminder'] },
  retention: { chatMessages: null, posts: null, comments: null, questions: null, wikiPages: null, files: null, notifications: 365, auditLog: null },
  erasure: { mode: 'remove' },
  analytics: { k: 5 },
  roles: { communications: true, governance: true, moderator: true },
  coDetermination: { approverRoles: ['governance'] },
  sealedAccess: { approverRoles: ['admin', 'governance'], maxDays: 7, notifyDelayDays: 0, maxNotifyDelayDays: 30 },
};

export const PolicyStatus = z.enum(['pending', 'active', 'retired', 'superseded', 'rejected']);
export const PolicyDecision = z.object({
  by: UserSummary,
  /** The role in which the person decided. */
  role: FunctionalRole,
  decision: z.enum(['approve', 'reject']),
  reason: z.string(),
  at: z.string(),
});
/** A plain-language section of the policy, rendered on the server in the reader's language. */
export const PolicySection = z.object({ id: z.string(), title: z.string(), sentences: z.array(z.string()) });
export type PolicySection = z.infer<typeof PolicySection>;
export const PolicyVersion = z.object({
  id: z.number(),
  version: z.number(),
  status: PolicyStatus,
  document: PolicyDocument,
  note: z.string(),
  /** null: created by Foyer itself (version 1). */
  proposedBy: UserSummary.nullable(),
  proposedAt: z.string(),
  decidedAt: z.string().nullable(),
  activatedAt: z.string().nullable(),
  decisions: z.array(PolicyDecision),
  /** Dotted paths that differ from the version active when this one was proposed. */
  changes: z.array(z.string()),
  /** Roles still to approve (pending versions). */
  awaiting: z.array(FunctionalRole),
  abilities: z.object({ approve: z.boolean(), reject: z.boolean() }),
});
export type PolicyVersion = z.infer<typeof PolicyVersion>;
export const PolicyView = PolicyVersion.extend({
  sections: z.array(PolicySection),
  /** Current holders of each enabled functional role. */
  holders: z.record(z.string(), z.array(UserSummary)),
});
export type PolicyView = z.infer<typeof PolicyView>;
export const PolicyProposal = z.object({ document: PolicyDocument, note: z.string().trim().max(2000).default('') });
export const PolicyApproval = z.object({ reason: z.string().trim().max(2000).default('') });
export const PolicyRejection = z.object({ reason: z.string().trim().min(1).max(2000) });

export const AUDIT_ACTIONS = [
  'policy.activated',
  'policy.proposed',
  'policy.approved',
  'policy.rejected',
  'policy.superseded',
  'registry.viewed',
  'moderation.viewed',
  'moderation.decided',
  'role.granted',
  'role.revoked',
  'org_role.changed',
  'audit.verified',
  'audit.pruned',
  'data_export.requested',
  'data_export.downloaded',
  'account.erasure_requested',
  'account.erased',
  'retention.ran',
  'retention.space_changed',
  'legal_hold.placed',
  'legal_hold.lifted',
  'sealed_access.requested',
  'sealed_access.approved',
  'sealed_access.denied',
  'sealed_access.voided',
  'sealed_access.revoked',
  'sealed_access.refused',
  'sealed_access.viewed',
  'sealed_access.exported',
  'sealed_access.expired',
  'sealed_access.notified',
] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;
export const AuditEntry = z.object({
  seq: z.number(),
  at: z.string(),
  /** null: Foyer itself. */
  actor: UserSummary.nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditProblem = z.object({
  seq: z.number(),
  /** altered: the entry's content no longer matches its hash; missing: a sequence number is absent;
   *  relinked: the entry does not point at its predecessor's hash; truncated: entries after the last are gone. */
  kind: z.enum(['altered', 'missing', 'relinked', 'truncated']),
  message: z.string(),
});
export const AuditVerification = z.object({
  ok: z.boolean(),
  entries: z.number(),
  lastSeq: z.number(),
  /** Hash of the last entry checked: keep a copy outside the database to notice a rewritten chain. */
  lastHash: z.string(),
  /** Entries up to this sequence number were removed by audit-log retention (0: none); checking starts after them. */
  prunedThrough: z.number(),
  problem: AuditProblem.nullable(),
  checkedAt: z.string(),
});
export type AuditVerification = z.infer<typeof AuditVerification>;
