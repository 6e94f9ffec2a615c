// The contract on Electron IPC, and the only file that touches ipcMain (lint-enforced). Every
// method is bound through one wrapper that refuses callers other than our window's main frame
// on our origin, then hands the raw input to core, which parses it with the contract's schema.
// Main sends the window one thing only: core's events, on EVENT_CHANNEL.
import { type BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';

import { type AppEvent, channelName, EVENT_CHANNEL, type Method, METHODS, type Result } from '#common/contract';

import { errorName } from '../core/error-facts';
import type { Logger } from '../core/logger';
import type { TesseraCore } from '../core/tessera-core';
import { isOnOrigin } from './app-urls';
import { isTrustedSender } from './ipc-sender';

const FORBIDDEN: Result<never> = { ok: false, error: { code: 'forbidden' } };
const INTERNAL: Result<never> = { ok: false, error: { code: 'internal' } };

/** electron-store answers this synchronous message with the data folder's path; we never use it. */
const ELECTRON_STORE_CHANNEL = 'electron-store-get-data';

export interface IpcOptions {
  core: TesseraCore;
  /** The main window when there is one; calls arriving before or after it are refused. */
  mainWindow: () => BrowserWindow | undefined;
  origin: string;
  logger: Logger;
}

export interface IpcBinding {
  close(): void;
}

export function setupIpc(opts: IpcOptions): IpcBinding {
  const { core, logger } = opts;
  const isOurs = (url: string) => isOnOrigin(url, opts.origin);

  const fromOurWindow = (event: IpcMainInvokeEvent): boolean => {
    const win = opts.mainWindow();
    if (!win || win.isDestroyed() || event.sender.id !== win.webContents.id) return false;
    return isTrustedSender(event.senderFrame, win.webContents.mainFrame, isOurs);
  };

  for (const method of METHODS) {
    handleFromWindow(method, fromOurWindow, (input) => core.dispatch(method, input), logger);
  }
  const unsubscribe = core.onEvent((event) => sendEvent(opts.mainWindow(), event, isOurs));

  // Libraries may register IPC channels of their own when they load; the window's surface is
  // the contract and nothing else. (Called after core has opened the store, which is when
  // electron-store registers its channel, once per process.)
  ipcMain.removeAllListeners(ELECTRON_STORE_CHANNEL);

  return {
    close: () => {
      unsubscribe();
      for (const method of METHODS) ipcMain.removeHandler(channelName(method));
    },
  };
}

/**
 * The typed wrapper every channel goes through: sender first, then core. Inputs are passed on
 * untouched and never logged; a throw (core's dispatch does not throw, but a bug might) becomes
 * `internal` rather than an Error whose message Electron would serialise to the page.
 */
function handleFromWindow(
  method: Method,
  isTrusted: (event: IpcMainInvokeEvent) => boolean,
  run: (input: unknown) => Promise<Result<unknown>>,
  logger: Logger,
): void {
  ipcMain.handle(channelName(method), async (event: IpcMainInvokeEvent, input: unknown): Promise<Result<unknown>> => {
    if (!isTrusted(event)) {
      logger.warn('ipc call refused: not from the app window', { method });
      return FORBIDDEN;
    }
    try {
      return await run(input);
    } catch (err) {
      logger.error('ipc handler failed', { method, name: errorName(err) });
      return INTERNAL;
    }
  });
}

/** Core's events reach the window only while it shows our page. */
function sendEvent(win: BrowserWindow | undefined, event: AppEvent, isOurs: (url: string) => boolean): void {
  if (!win || win.isDestroyed()) return;
  const contents = win.webContents;
  if (contents.isDestroyed() || !isOurs(contents.getURL())) return;
  contents.send(EVENT_CHANNEL, event);
}
