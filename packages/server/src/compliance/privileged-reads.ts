/**
 * Every privileged read path, classified in one place: a GET route in the privileged part of the
 * API (below) either records a transparency entry, or says here why it reveals nothing personal.
 * routes/privileged-reads.test.ts fails for a route in that part of the route table that is not
 * listed, for a listed route that no longer exists, and for an 'emits' route whose entry does not
 * reach the people it concerns.
 */
import type { AuditAction } from '@foyer/shared';

export type PrivilegedRead =
  /** The entry targets each person whose data was read: it is in their transparency centre (GET /me/audit). */
  | { transparency: 'emits'; event: AuditAction; told: 'person' }
  /**
   * The entry targets the sealed-access request; every person in its scope was told with `notice`
   * when it was approved (or after the delay the policy allows), so a view does not undo the delay.
   */
  | { transparency: 'emits'; event: AuditAction; told: 'notice'; notice: AuditAction }
  /** The look goes into a record that every employee can read at `listedAt`. */
  | { transparency: 'emits'; event: AuditAction; told: 'everyone'; listedAt: string }
  | { transparency: 'none'; reason: string };

/**
 * The privileged part of the API: administration, the works agreement and audit log, sealed
 * access, governance, moderation, analytics, retention and legal holds, declassification, the
 * progress of announcements, and a person's own privacy data. Patterns as registered (":id").
 */
export const PRIVILEGED_SCOPE: readonly RegExp[] = [
  /^\/admin\//,
  /^\/policy(\/|$)/,
  /^\/audit(\/|$)/,
  /^\/sealed(\/|$)/,
  /^\/governance\//,
  /^\/moderation\//,
  /(^|\/)analytics$/,
  /^\/legal-holds(\/|$)/,
  /\/retention$/,
  /(^|\/)declassifications$/,
  /\/acknowledgements$/,
  /^\/me\/(data|sessions|audit|exports|legal-hold)(\/|$)/,
];

const POLICY_TEXT = 'the works agreement itself (policy text, its versions and who approved them): public to every employee by design';
const OWN = 'the caller’s own data only; there is no variant for someone else';

export const PRIVILEGED_READS: Record<string, PrivilegedRead> = {
  // Administration
  '/admin/people': {
    transparency: 'none',
    reason: 'the account directory administrators manage (name, e-mail, role, status, profile fields the person shares with everyone); no content and no activity',
  },
  '/admin/invitations': { transparency: 'none', reason: 'invitations the administrators sent: e-mail addresses of people who have no account yet' },
  '/admin/nudges': { transparency: 'none', reason: 'configuration (the patterns that suggest a label); matches are never stored or reported' },

  // The works agreement and the audit log
  '/policy': { transparency: 'none', reason: POLICY_TEXT },
  '/policy/versions': { transparency: 'none', reason: POLICY_TEXT },
  '/policy/versions/:id': { transparency: 'none', reason: POLICY_TEXT },
  '/policy/annex.html': { transparency: 'none', reason: POLICY_TEXT },
  '/policy/annex.pdf': { transparency: 'none', reason: POLICY_TEXT },
  '/policy/document.yaml': { transparency: 'none', reason: POLICY_TEXT },
  '/policy/document.json': { transparency: 'none', reason: POLICY_TEXT },
  '/audit': {
    transparency: 'none',
    reason: 'the record of privileged actions, for the administrators and the works council who oversee them: metadata and counts, never content; recording each reading in the log itself would only feed on itself',
  },
  '/audit/verify': { transparency: 'none', reason: 'checks hashes and answers with counts and a hash; it is logged as audit.verified all the same' },

  // Sealed access: the only way to read what one is not entitled to read
  '/sealed': { transparency: 'none', reason: 'the requests themselves (scope, reason, legal basis, decisions) for the administrators and approvers deciding on them; no content of the scope' },
  '/sealed/:id': { transparency: 'none', reason: 'one request (as /sealed), for the people deciding on it; no content of the scope' },
  '/sealed/:id/items': { transparency: 'emits', event: 'sealed_access.viewed', told: 'notice', notice: 'sealed_access.notified' },
  '/sealed/:id/export': { transparency: 'emits', event: 'sealed_access.exported', told: 'notice', notice: 'sealed_access.notified' },

  // Governance and moderation
  '/governance/registry': { transparency: 'emits', event: 'registry.viewed', told: 'everyone', listedAt: '/governance/registry/views' },
  '/governance/registry/views': { transparency: 'none', reason: 'who looked at the closed-space registry: the open record of those looks, readable by every employee' },
  '/moderation/reports': { transparency: 'emits', event: 'moderation.viewed', told: 'person' },
  '/moderation/reports/:id': { transparency: 'emits', event: 'moderation.viewed', told: 'person' },

  // Analytics, retention, holds, declassification, announcements
  '/analytics': { transparency: 'none', reason: 'aggregates over at least k people (the policy’s analytics threshold); smaller figures are suppressed' },
  '/spaces/:id/analytics': { transparency: 'none', reason: 'aggregates over at least k people for the space’s managers; smaller figures are suppressed' },
  '/spaces/:id/retention': { transparency: 'none', reason: 'retention periods of a space, shown to its readers: configuration, nothing about a person' },
  '/legal-holds': { transparency: 'none', reason: 'the holds themselves (scope, reason, who placed them) for the people who place and lift them; each held person sees that a hold is in place; no content' },
  '/declassifications': { transparency: 'none', reason: 'requests addressed to the caller as the author of the post or owner of its space, asked of them by the requester' },
  '/posts/:id/declassifications': { transparency: 'none', reason: 'requests on a post the caller may read, as the author or a space owner deciding on them' },
  '/posts/:id/acknowledgements': {
    transparency: 'none',
    reason: 'the progress of an announcement that asks for acknowledgement, for its author and the space managers: a declared part of the announcements module the works agreement enables; names only of readers still to acknowledge, no reading times',
  },

  // A person's own privacy data (the transparency centre)
  '/me/data': { transparency: 'none', reason: OWN },
  '/me/sessions': { transparency: 'none', reason: OWN },
  '/me/audit': { transparency: 'none', reason: OWN },
  '/me/exports': { transparency: 'none', reason: OWN },
  '/me/exports/:id/download': { transparency: 'emits', event: 'data_export.downloaded', told: 'person' },
  '/me/legal-hold': { transparency: 'none', reason: `${OWN}: whether a hold covers me, never why` },
};

export const inPrivilegedScope = (route: string): boolean => PRIVILEGED_SCOPE.some((re) => re.test(route));
