import { useEffect } from 'react';
import { useMemoryState } from '../../memory-state.ts';

/** The id of a tracing request just filed, shown once on the next page. */
export function useFlash(): string | null {
  const [flash, setFlash] = useMemoryState<string | null>('flash:request-created', null);
  useEffect(() => {
    if (flash) {
      const timer = setTimeout(() => setFlash(null), 15_000);
      return () => clearTimeout(timer);
    }
  }, [flash, setFlash]);
  return flash;
}

export function useSetFlash() {
  return useMemoryState<string | null>('flash:request-created', null)[1];
}
