// The "start at login" setting, applied to the OS: once at startup and whenever it changes.
// Started at login, Tessera opens as a tray icon only (start-hidden.ts): Windows passes the
// login item HIDDEN_ARG; macOS reports `wasOpenedAtLogin` instead (its login items take no
// arguments, and `openAsHidden` no longer exists).
import { app } from 'electron';

import type { Logger } from '../core/logger';
import type { TesseraCore } from '../core/tessera-core';
import { HIDDEN_ARG } from './start-hidden';

export function setupLoginItem(core: TesseraCore, logger: Logger): () => void {
  const apply = (openAtLogin: boolean) => {
    // Only an installed app registers itself: unpackaged, the entry would start a bare Electron
    // binary at every login. Linux has no login-item API in Electron (autostart files are the
    // installer's business).
    if (!app.isPackaged || (process.platform !== 'darwin' && process.platform !== 'win32')) {
      logger.debug('login item not applied here', { openAtLogin, packaged: app.isPackaged, platform: process.platform });
      return;
    }
    app.setLoginItemSettings(process.platform === 'win32' ? { openAtLogin, args: [HIDDEN_ARG] } : { openAtLogin });
    logger.info('login item applied', { openAtLogin });
  };
  const current = core.settings().startAtLogin;
  apply(current);
  let last = current;
  return core.onEvent((event) => {
    if (event.type !== 'settings' || event.settings.startAtLogin === last) return;
    last = event.settings.startAtLogin;
    apply(last);
  });
}
