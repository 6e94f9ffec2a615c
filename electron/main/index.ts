// Tessera's main process: one instance, one window, every area set up in order from one
// onReady (one file per area, Electron Fiddle style). What must happen before `ready` happens
// first: the data folder (the single-instance lock and every session derive from userData),
// logging into it, the lock itself, and the app:// scheme's privileges.
import { app, dialog, type BrowserWindow } from 'electron';
import { rendererLocation } from './app-urls';
import { setupCore, type AppCore } from './core';
import { setupDataFolder } from './data-folder';
import { setupIpc } from './ipc';
import { setupLoginItem } from './login-item';
import { setupLogging } from './logging';
import { setupPower } from './power';
import { registerAppScheme, setupProtocol } from './protocol';
import { setupSecurity } from './security';
import { createMainWindow, PRELOAD_FILE, RENDERER_DIR, revealWindow } from './window';

/** How long quitting waits for core and the sandbox to close before giving up on them. */
const SHUTDOWN_TIMEOUT_MS = 3_000;

const dataFolder = setupDataFolder();
const logger = setupLogging({ dataDir: dataFolder.dir, appName: app.getName(), development: !app.isPackaged });

let mainWindow: BrowserWindow | undefined;
let openWindow: (() => void) | undefined;
let shutdown: (() => Promise<void>) | undefined;
let quitState: 'running' | 'closing' | 'closed' = 'running';

if (!app.requestSingleInstanceLock()) {
  // The running instance receives `second-instance` and comes forward; this one just leaves.
  logger.info('another instance holds the data folder; handing over');
  app.quit();
} else {
  // Every renderer sandboxed, whatever a future window's options say.
  app.enableSandbox();
  registerAppScheme();
  app.on('second-instance', () => {
    if (mainWindow && !mainWindow.isDestroyed()) revealWindow(mainWindow);
  });
  app.whenReady().then(onReady).catch(failToStart);
}

async function onReady(): Promise<void> {
  logger.info('starting', {
    version: app.getVersion(),
    electron: process.versions.electron,
    platform: process.platform,
    packaged: app.isPackaged,
    dataDirOverride: dataFolder.override ? `${dataFolder.override.source}${dataFolder.override.honoured ? '' : ' (ignored: packaged)'}` : null,
  });
  const renderer = rendererLocation(process.env.ELECTRON_RENDERER_URL, app.isPackaged);

  setupProtocol(RENDERER_DIR, logger);
  setupSecurity(renderer.origin, logger);
  const appCore: AppCore = await setupCore({ dataDir: dataFolder.dir, logger });
  const { core } = appCore;
  const ipc = setupIpc({ core, mainWindow: () => mainWindow, origin: renderer.origin, logger });

  openWindow = () => {
    const win = createMainWindow({ preload: PRELOAD_FILE, entryUrl: renderer.entryUrl, logger });
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = undefined;
    });
    mainWindow = win;
  };
  openWindow();

  const power = setupPower(core, logger);
  const stopLoginItem = setupLoginItem(core, logger);

  shutdown = async () => {
    power.stop();
    stopLoginItem();
    ipc.close();
    await appCore.close();
    logger.info('stopped');
  };
}

function failToStart(err: unknown): void {
  // The name only: a message could quote a path or a value.
  logger.error('startup failed', { name: err instanceof Error ? err.name : typeof err });
  dialog.showErrorBox('Tessera could not start', `Details were written to ${logger.file}.`);
  app.exit(1);
}

// Until the tray arrives, closing the window quits, except on macOS where apps stay in the dock.
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('activate', () => {
  if (!mainWindow) openWindow?.();
});

// Quit cleanly: stop the token engine (it flushes the store) and close the sandbox's servers
// before the process ends, but never hang the quit on them.
app.on('will-quit', (event) => {
  if (!shutdown || quitState === 'closed') return;
  event.preventDefault();
  if (quitState === 'closing') return;
  quitState = 'closing';
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_TIMEOUT_MS).unref());
  void Promise.race([shutdown(), timeout])
    .catch((err: unknown) => logger.error('shutdown failed', { name: err instanceof Error ? err.name : typeof err }))
    .finally(() => {
      quitState = 'closed';
      app.quit();
    });
});

// A terminal's Ctrl+C or a service manager's stop goes through the same clean quit.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
