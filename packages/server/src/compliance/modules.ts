/**
 * Enforcement of the works agreement: one table maps each switchable feature to its route
 * prefixes and realtime event types. A disabled feature answers 403 `module_disabled` on every
 * route before anything runs, and its events are not delivered.
 */
import type { FastifyRequest } from 'fastify';
import type { FoyerApp } from '../app.js';
import { POLICY_MODULES, type PolicyDocument, type PolicyModule, type SessionPolicy } from '@foyer/shared';
import type { Services } from '../services.js';
import { AppError } from '../errors.js';
import { activePolicy } from './active.js';

/** A module of the policy, or presence (which the policy sets as a mode). */
export type Gate = PolicyModule | 'presence';

interface GateRule {
  /** Route patterns below /api/v1 (as registered, with :params); a prefix covers its sub-paths. */
  prefixes: string[];
  /** Event type prefixes ('message.' covers every message event). */
  events: string[];
  /** Requests to other routes that use the feature through their body (e.g. an announcement is a post). */
  uses?: (method: string, route: string, body: unknown) => boolean;
}

const hasKey = (body: unknown, key: string) => !!body && typeof body === 'object' && (body as Record<string, unknown>)[key] != null;

export const GATES: Record<Gate, GateRule> = {
  chat: { prefixes: ['/conversations', '/messages', '/chat', '/spaces/:id/channels'], events: ['message.', 'conversation.'] },
  presence: { prefixes: ['/presence', '/me/presence'], events: ['presence.'] },
  questions: { prefixes: ['/questions', '/answers', '/spaces/:id/questions'], events: ['question.', 'answer.'] },
  wiki: { prefixes: ['/pages', '/spaces/:id/pages'], events: ['page.'] },
  files: { prefixes: ['/files', '/spaces/:id/files'], events: ['file.'] },
  linkPreviews: { prefixes: ['/previews'], events: [] },
  announcements: {
    prefixes: ['/posts/:id/acknowledge', '/posts/:id/acknowledgements'],
    events: ['announcement.'],
    uses: (method, route, body) => ((method === 'POST' && route === '/posts') || (method === 'PATCH' && route === '/posts/:id')) && hasKey(body, 'announcement'),
  },
  analytics: { prefixes: ['/analytics', '/spaces/:id/analytics'], events: [] },
  integrations: { prefixes: ['/integrations', '/webhooks'], events: [] },
};

export function isEnabled(doc: PolicyDocument, gate: Gate): boolean {
  return gate === 'presence' ? doc.presence.mode === 'on' : doc.modules[gate];
}

const under = (route: string, prefix: string) => route === prefix || route.startsWith(`${prefix}/`);

/** Which gate a request passes through, if any. */
export function gateOfRequest(method: string, route: string, body: unknown): Gate | null {
  for (const [gate, rule] of Object.entries(GATES) as [Gate, GateRule][]) {
    if (rule.prefixes.some((p) => under(route, p))) return gate;
    if (rule.uses?.(method, route, body)) return gate;
  }
  return null;
}

export function gateOfEvent(type: string): Gate | null {
  for (const [gate, rule] of Object.entries(GATES) as [Gate, GateRule][]) if (rule.events.some((p) => type.startsWith(p))) return gate;
  return null;
}

export class ModuleDisabled extends AppError {
  constructor(gate: Gate, version: number) {
    super(403, 'module_disabled', `the works agreement (version ${version}) does not enable ${gate}`, { module: gate, policyVersion: version });
  }
}

const API = '/api/v1';

/** Refuses requests to disabled features. Runs before validation, so nothing is parsed into a command. */
export function enforcePolicy(app: FoyerApp, svc: Services): void {
  app.addHook('preValidation', async (req: FastifyRequest) => {
    const pattern = req.routeOptions.url;
    if (!pattern?.startsWith(`${API}/`)) return;
    const gate = gateOfRequest(req.method, pattern.slice(API.length), req.body);
    if (!gate) return;
    const policy = await activePolicy(svc.db, svc.dialect);
    if (!isEnabled(policy.document, gate)) throw new ModuleDisabled(gate, policy.version);
  });
}

/** For the realtime gateway: a predicate over event types under the active policy. */
export async function eventAllowed(svc: Services): Promise<(type: string) => boolean> {
  const { document } = await activePolicy(svc.db, svc.dialect);
  return (type) => {
    const gate = gateOfEvent(type);
    return !gate || isEnabled(document, gate);
  };
}

/** Sent with every session: the web app leaves switched-off modules out of its navigation. */
export async function sessionPolicy(svc: Services): Promise<SessionPolicy> {
  const { version, document } = await activePolicy(svc.db, svc.dialect);
  return { version, modules: POLICY_MODULES.filter((m) => document.modules[m]), presence: document.presence.mode };
}
