// Where a profile's token file goes, in the app: a native save dialog opened by main, so the
// renderer never names a file main writes (core refuses typed paths from the Electron host).
// Core gets this as its `choosePath` capability; it still checks the chosen path like any other.
import { join } from 'node:path';

import { app, type BrowserWindow, dialog } from 'electron';

import { errorName } from '../core/error-facts';
import type { Logger } from '../core/logger';
import type { MainI18n } from './i18n';

export interface TokenFileDialogOptions {
  /** The window the dialog belongs to (modal to it); none, no dialog. */
  window: () => BrowserWindow | undefined;
  texts: () => MainI18n;
  logger: Logger;
}

/** A file name suggested from a profile name: its letters and digits, the rest as dashes. */
export function suggestedFileName(profileName: string): string {
  const stem = profileName
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  return `${stem || 'tessera'}.token`;
}

export function tokenFileChooser(opts: TokenFileDialogOptions): (request: { profileName: string }) => Promise<string | null> {
  let open = false;
  return async ({ profileName }) => {
    const win = opts.window();
    // One dialog at a time: a second click while it is open changes nothing.
    if (!win || win.isDestroyed() || open) return null;
    open = true;
    try {
      const texts = opts.texts();
      const { canceled, filePath } = await dialog.showSaveDialog(win, {
        title: texts.t('tokenFile.dialogTitle', { profile: profileName }),
        buttonLabel: texts.t('tokenFile.dialogButton'),
        defaultPath: join(app.getPath('documents'), suggestedFileName(profileName)),
        // No overwrite question where the platform lets us skip it (Linux): core refuses a file
        // that exists anyway, with its own explanation next to the button.
        properties: ['createDirectory'],
      });
      return canceled || !filePath ? null : filePath;
    } catch (err) {
      opts.logger.error('the token file dialog failed', { name: errorName(err) });
      return null;
    } finally {
      open = false;
    }
  };
}
