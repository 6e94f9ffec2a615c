// Where profile bundles are saved and read from in the app: the native save and open dialogs,
// opened by main over the window when the page asks. Core gets the chosen path only (it reads and
// writes the file itself); the page never sees a path it did not let the user pick, nor the bytes.
import { join } from 'node:path';

import { app, type BrowserWindow, dialog, type OpenDialogOptions, type SaveDialogOptions } from 'electron';

import { BUNDLE_EXTENSION } from '#common/bundle-view';

import type { BundleFileHost } from '../core/bundle/transfers';
import { MainI18n } from './i18n';
import type { MainKey } from './i18n/types';

export function createBundleDialogs(opts: { window: () => BrowserWindow | undefined; texts: () => MainI18n | undefined }): BundleFileHost {
  const t = (key: MainKey) => (opts.texts() ?? new MainI18n('en')).t(key);
  const filters = () => [{ name: t('bundles.fileType'), extensions: [BUNDLE_EXTENSION.slice(1)] }];
  const parent = () => {
    const win = opts.window();
    return win && !win.isDestroyed() ? win : undefined;
  };
  return {
    chooseExportFile: async (suggestedName) => {
      const options: SaveDialogOptions = {
        title: t('bundles.exportTitle'),
        buttonLabel: t('bundles.save'),
        defaultPath: join(app.getPath('documents'), suggestedName),
        filters: filters(),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const win = parent();
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    chooseImportFile: async () => {
      const options: OpenDialogOptions = {
        title: t('bundles.importTitle'),
        buttonLabel: t('bundles.open'),
        defaultPath: app.getPath('documents'),
        filters: filters(),
        properties: ['openFile'],
      };
      const win = parent();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}
