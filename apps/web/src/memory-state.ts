import { useCallback, useSyncExternalStore } from 'react';

/**
 * State that survives moving between pages but not a reload, and is never written to the URL or
 * to browser storage: search terms are children's names.
 */
const values = new Map<string, unknown>();
const listeners = new Set<() => void>();

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useMemoryState<T>(key: string, initial: T): [T, (next: T | ((prev: T) => T)) => void] {
  const value = useSyncExternalStore(subscribe, () => (values.has(key) ? (values.get(key) as T) : initial));
  const set = useCallback(
    (next: T | ((prev: T) => T)) => {
      const prev = values.has(key) ? (values.get(key) as T) : initial;
      values.set(key, typeof next === 'function' ? (next as (p: T) => T)(prev) : next);
      listeners.forEach((l) => l());
    },
    // `initial` is only the first value; later changes to it are ignored on purpose.
    [key],
  );
  return [value, set];
}

/** Forget everything (on sign-out). */
export function clearMemoryState() {
  values.clear();
  listeners.forEach((l) => l());
}
