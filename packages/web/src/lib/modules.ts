import type { PolicyModule } from '@foyer/shared';
import { useQuery } from '@tanstack/react-query';
import { fetchSession } from './session';

/** Pages of the web app that belong to a module the works agreement can switch off. */
const PAGES: [RegExp, PolicyModule][] = [
  [/^\/chat(\/|$)/, 'chat'],
  [/^\/questions(\/|$)/, 'questions'],
  [/^\/(knowledge|pages)(\/|$)/, 'wiki'],
  [/^\/analytics(\/|$)/, 'analytics'],
  [/^\/spaces\/[^/]+\/questions(\/|$)/, 'questions'],
  [/^\/spaces\/[^/]+\/wiki(\/|$)/, 'wiki'],
  [/^\/spaces\/[^/]+\/files(\/|$)/, 'files'],
  [/^\/spaces\/[^/]+\/insights(\/|$)/, 'analytics'],
];

export function moduleOfPath(pathname: string): PolicyModule | null {
  return PAGES.find(([re]) => re.test(pathname))?.[1] ?? null;
}

export interface Modules {
  /** Whether the active works agreement switches the module on. */
  on(module: PolicyModule): boolean;
  presence: boolean;
  /** The version in force (0 before the session says). */
  version: number;
}

/** The active policy as the session reported it (the same cache entry the app signs in with). */
export function useModules(): Modules {
  const session = useQuery({ queryKey: ['session'], queryFn: fetchSession, staleTime: Infinity });
  const policy = session.data?.policy;
  // Without the field (a server from before it), nothing is hidden: the server still refuses.
  return {
    on: (m) => !policy || policy.modules.includes(m),
    presence: !policy || policy.presence === 'on',
    version: policy?.version ?? 0,
  };
}
