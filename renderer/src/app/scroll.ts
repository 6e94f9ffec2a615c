// The element the screens scroll in (below the one-row header): the dashboard's list measures
// against it, and navigation scrolls it back to the top.
import { createContext, type RefObject, useContext } from 'react';

export const ScrollContainerContext = createContext<RefObject<HTMLDivElement | null>>({ current: null });

export function useScrollContainer(): RefObject<HTMLDivElement | null> {
  return useContext(ScrollContainerContext);
}
