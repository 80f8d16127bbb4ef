import { useSyncExternalStore } from 'react';

/** A change counter for module-level stores read through useSyncExternalStore. */
export function createSignal() {
  const listeners = new Set<() => void>();
  let version = 0;
  return {
    emit(): void {
      version++;
      for (const l of listeners) l();
    },
    subscribe(cb: () => void): () => void {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    version: () => version,
  };
}

/** Reads a store through a selector that must return a stable value for an unchanged version. */
export function useSignal<T>(signal: ReturnType<typeof createSignal>, select: () => T): T {
  return useSyncExternalStore(signal.subscribe, select);
}
