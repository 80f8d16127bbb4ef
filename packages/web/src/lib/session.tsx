import { createContext, useContext, type ReactNode } from 'react';
import { clearOutbox } from './chat/outbox';
import { queryClient } from './queryClient';
import { ApiError, get, setCsrfToken } from './api';
import type { Me, Organisation, SessionResponse } from './types';

export interface SessionState {
  org: Organisation | null;
  me: Me | null;
}

const SessionContext = createContext<SessionState>({ org: null, me: null });

export function SessionProvider({ value, children }: { value: SessionState; children: ReactNode }) {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  return useContext(SessionContext);
}

/** The signed-in person; only use below the signed-in layout. */
export function useMe(): Me {
  const me = useContext(SessionContext).me;
  if (!me) throw new Error('useMe outside a signed-in area');
  return me;
}

export async function fetchSession(): Promise<SessionResponse | null> {
  try {
    const s = await get<SessionResponse>('/session');
    setCsrfToken(s.csrfToken);
    return s;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

/** Store a fresh session (after sign-in, sign-up, set-up). */
export function setSession(s: SessionResponse | null): void {
  setCsrfToken(s?.csrfToken ?? null);
  queryClient.setQueryData(['session'], s);
}

export function setMe(me: Me): void {
  queryClient.setQueryData<SessionResponse | null>(['session'], (s) => (s ? { ...s, me } : s));
}

/** Forget everything cached for the previous person. */
export function clearSession(): void {
  setCsrfToken(null);
  clearOutbox();
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'organisation' && q.queryKey[0] !== 'session' });
  queryClient.setQueryData(['session'], null);
}
