// What the Electron specs may read in the main process beyond Electron's own API: the tray,
// which Electron cannot list. Only in an unpackaged app started with TESSERA_TEST_HOOKS=1;
// it lives on main's global object, which no renderer can reach.
import type { DesktopTray, TrayItemId, TraySnapshot } from './tray';

export const TEST_HOOKS_ENV = 'TESSERA_TEST_HOOKS';
export const TEST_HOOKS_GLOBAL = '__tesseraTest';

export interface TestHooks {
  /** The tray as shown, or null when there is none. */
  tray(): TraySnapshot | null;
  clickTray(id: TrayItemId): void;
}

export function testHooksEnabled(isPackaged: boolean, env: NodeJS.ProcessEnv): boolean {
  return !isPackaged && env[TEST_HOOKS_ENV] === '1';
}

export function exposeTestHooks(tray: () => DesktopTray | undefined): void {
  const hooks: TestHooks = {
    tray: () => tray()?.snapshot() ?? null,
    clickTray: (id) => tray()?.click(id),
  };
  Object.defineProperty(globalThis, TEST_HOOKS_GLOBAL, { value: hooks, configurable: true });
}
