// Tessera's one window: sandboxed, context-isolated, no Node, showing only the renderer from
// app://tessera (or the dev server in development). The page reaches main through the preload's
// window.tessera alone. Navigation, popups and webviews are refused in security.ts.
import { join } from 'node:path';

import { BrowserWindow } from 'electron';

import { errorName } from '../core/error-facts';
import type { Logger } from '../core/logger';

export interface WindowOptions {
  preload: string;
  entryUrl: string;
  logger: Logger;
}

/** Built files, relative to out/main/index.js. */
export const PRELOAD_FILE = join(import.meta.dirname, '../preload/index.cjs');
export const RENDERER_DIR = join(import.meta.dirname, '../renderer');

/** A renderer that keeps dying is started again at most this often. */
export const RENDERER_RESTART_GAP_MS = 60_000;

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
  const load = () =>
    win.loadURL(opts.entryUrl).catch((err: unknown) => {
      opts.logger.error('window failed to load the renderer', { name: errorName(err) });
    });
  // Without its renderer the window stays blank, and the tray would bring back a blank window
  // for as long as Tessera runs: the page is started again, at once the first time and at most
  // once per RENDERER_RESTART_GAP_MS after that, so a page that crashes on load is no busy loop.
  let lastRestart = -Infinity;
  let restart: ReturnType<typeof setTimeout> | undefined;
  win.webContents.on('render-process-gone', (_event, details) => {
    opts.logger.error('renderer process gone', { reason: details.reason, exitCode: details.exitCode });
    if (details.reason === 'clean-exit' || restart) return;
    const wait = Math.max(0, lastRestart + RENDERER_RESTART_GAP_MS - Date.now());
    restart = setTimeout(() => {
      restart = undefined;
      if (win.isDestroyed()) return;
      lastRestart = Date.now();
      opts.logger.info('restarting the renderer');
      void load();
    }, wait);
    restart.unref();
  });
  win.on('closed', () => clearTimeout(restart));
  void load();
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
