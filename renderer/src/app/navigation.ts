// Which screen is showing. Three screens need no router: a small context is enough. A screen
// holding unsaved work (the wizard) registers a leave guard, and every way out (its Cancel,
// Escape, the top navigation) asks before discarding it.
import { createContext, useContext, useEffect } from 'react';

export type Route = { name: 'dashboard' } | { name: 'wizard'; editId?: string } | { name: 'settings' };

export const NavigationContext = createContext<(route: Route) => void>(() => undefined);

export function useNavigate(): (route: Route) => void {
  return useContext(NavigationContext);
}

/** Registers "is there unsaved work?"; navigation asks before leaving while it says yes. */
export const LeaveGuardContext = createContext<(guard: (() => boolean) | undefined) => void>(() => undefined);

export function useLeaveGuard(hasChanges: () => boolean): void {
  const register = useContext(LeaveGuardContext);
  useEffect(() => {
    register(hasChanges);
    return () => register(undefined);
  }, [register, hasChanges]);
}
