// Which screen is showing. Three screens need no router: a small context is enough.
import { createContext, useContext } from 'react';

export type Route = { name: 'dashboard' } | { name: 'wizard'; editId?: string } | { name: 'settings' };

export const NavigationContext = createContext<(route: Route) => void>(() => undefined);

export function useNavigate(): (route: Route) => void {
  return useContext(NavigationContext);
}
