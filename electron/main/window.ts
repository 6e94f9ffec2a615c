// Tessera's one window: sandboxed, context-isolated, no Node, showing only the renderer from
// app://tessera (or the dev server in development). The page reaches main through the preload's
// window.tessera alone. Navigation, popups and webviews are refused in security.ts.
import { join } from 'node:path';
import { BrowserWindow } from 'electron';
import type { Logger } from '../core/logger';

export interface WindowOptions {
  preload: string;
  entryUrl: string;
  logger: Logger;
}

/** Built files, relative to out/main/index.js. */
export const PRELOAD_FILE = join(import.meta.dirname, '../preload/index.cjs');
export const RENDERER_DIR = join(import.meta.dirname, '../renderer');

export function createMainWindow(opts: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 720,
    minHeight: 520,
    title: 'Tessera',
    // Shown once painted, so the user never sees a blank frame.
    show: false,
    webPreferences: {
      preload: opts.preload, // eng-disable PRELOAD_JS_CHECK: the preload exposes one method per contract channel through contextBridge and no Node or Electron API
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // A file dropped on the window must not replace the page.
      navigateOnDragDrop: false,
      safeDialogs: true,
      // A middle click must not open anything either (window.open is denied as well).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.on('render-process-gone', (_event, details) => {
    opts.logger.error('renderer process gone', { reason: details.reason, exitCode: details.exitCode });
  });
  win.loadURL(opts.entryUrl).catch((err: unknown) => {
    opts.logger.error('window failed to load the renderer', { name: err instanceof Error ? err.name : typeof err });
  });
  return win;
}

/**
 * Closing the window hides it: Tessera keeps renewing tokens in the tray. Only when
 * `mayClose()` says so (the app is quitting, or there is no tray to come back from) does the
 * window really close.
 */
export function hideOnClose(win: BrowserWindow, mayClose: () => boolean): void {
  win.on('close', (event) => {
    if (mayClose()) return;
    event.preventDefault();
    // A macOS full-screen window hidden as it is leaves a black space behind.
    if (process.platform === 'darwin' && win.isFullScreen()) {
      win.once('leave-full-screen', () => win.hide());
      win.setFullScreen(false);
      return;
    }
    win.hide();
  });
}

/** A second launch, the tray, a notification or the dock: bring the window forward. */
export function revealWindow(win: BrowserWindow): void {
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}
