// Whether Tessera starts as a tray icon only, its window created on first use: when the OS
// starts it at login. Windows runs the login item with HIDDEN_ARG (login-item.ts registers it
// so); macOS says whether it opened us at login. Plain Node, tested in tests/unit/main.

export const HIDDEN_ARG = '--hidden';

export interface StartContext {
  argv: readonly string[];
  platform: NodeJS.Platform;
  /** macOS's `app.getLoginItemSettings().wasOpenedAtLogin`. */
  wasOpenedAtLogin: boolean;
  /** Without a tray icon a hidden app could not be reached but by launching it again. */
  hasTray: boolean;
}

export function launchedHidden(argv: readonly string[]): boolean {
  return argv.includes(HIDDEN_ARG);
}

export function shouldStartHidden(ctx: StartContext): boolean {
  if (!ctx.hasTray) return false;
  return launchedHidden(ctx.argv) || (ctx.platform === 'darwin' && ctx.wasOpenedAtLogin);
}
