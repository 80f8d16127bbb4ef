/** Who is asking. `null` is anonymous. Tokens narrow what a session could do (`scope`). */
export interface Actor {
  id: number;
  role: 'admin' | 'member' | 'guest';
  scope: 'session' | 'read' | 'write';
  sessionId?: string;
}
export const isEmployee = (actor: Actor | null): actor is Actor => !!actor && actor.role !== 'guest';
export const isOrgAdmin = (actor: Actor | null): boolean => !!actor && actor.role === 'admin';
