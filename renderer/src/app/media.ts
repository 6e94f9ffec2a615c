// A CSS media query as React state (the dashboard's compact rows below 1024 px).
import { useSyncExternalStore } from 'react';

export const COMPACT_QUERY = '(width < 1024px)';

export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
  );
}
