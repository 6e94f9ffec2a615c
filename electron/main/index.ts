// Tessera's main process: one instance, one window, a tray icon, every area set up in order
// from one onReady (one file per area, Electron Fiddle style). What must happen before `ready`
// happens first: the data folder (the single-instance lock and every session derive from
// userData), logging into it, the lock itself, and the app:// scheme's privileges.
//
// Tessera keeps tokens fresh for POS software, so it lives in the tray: closing the window
// hides it, and only quitting (the tray's Quit, Cmd+Q, app.quit(), the OS shutting down, a
// signal) ends the process.
import { app, type BrowserWindow, dialog, powerMonitor } from 'electron';

import { pickLanguage } from '#common/language';

import { errorName } from '../core/error-facts';
import { installLastResort } from '../core/last-resort';
import { APP_ID } from './app-id';
import { rendererLocation } from './app-urls';
import { createBundleDialogs } from './bundle-dialogs';
import { cliArguments, runAppCli } from './cli';
import { type AppComposition, setupCore, systemLocale } from './composition';
import { setupDataFolder } from './data-folder';
import { DataFolderInUse, holdDataFolder } from './data-lock';
import { MainI18n } from './i18n';
import { setupIpc } from './ipc';
import { setupLogging } from './logging';
import { setupLoginItem } from './login-item';
import { setupNotifications } from './notifications';
import { setupPower } from './power';
import { registerAppScheme, setupProtocol } from './protocol';
import { setupSecurity } from './security';
import { launchedHidden, shouldStartHidden } from './start-hidden';
import { exposeTestHooks, testHooksEnabled } from './test-hooks';
import { tokenFileChooser } from './token-file-dialog';
import { type DesktopTray, setupTray } from './tray';
import { createMainWindow, hideOnClose, PRELOAD_FILE, RENDERER_DIR, revealWindow } from './window';

/** How long quitting waits for core and the sandbox to close before giving up on them. */
const SHUTDOWN_TIMEOUT_MS = 3_000;

const dataFolder = setupDataFolder();
const logger = setupLogging({ dataDir: dataFolder.dir, appName: app.getName(), development: !app.isPackaged });
// An exception nobody caught, or a rejection nobody handled, is logged redacted and Tessera
// keeps running (instead of Electron's dialog quoting the error, or the process ending).
const lastResort = installLastResort({ logger });

let mainWindow: BrowserWindow | undefined;
let openWindow: (() => void) | undefined;
/** A launch or click asked for the window before it could be made: do not start hidden. */
let windowWanted = false;
let tray: DesktopTray | undefined;
let shutdown: (() => Promise<void>) | undefined;
/** Set as soon as the app is on its way out, so closing the window no longer just hides it. */
let quitting = false;
let quitState: 'running' | 'closing' | 'closed' = 'running';

// Windows ties notifications and the taskbar to this id; it is electron-builder.yml's appId.
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

const cliArgs = cliArguments(process.argv);
if (cliArgs) {
  // `Tessera --cli …`: a command, no window (electron/main/cli.ts).
  runAppCli(cliArgs, { dataDir: dataFolder.dir });
} else if (!app.requestSingleInstanceLock()) {
  // The running instance receives `second-instance` and comes forward; this one just leaves.
  logger.info('another instance holds the data folder; handing over');
  app.quit();
} else {
  // Every renderer sandboxed, whatever a future window's options say.
  app.enableSandbox();
  registerAppScheme();
  app.on('second-instance', (_event, argv) => {
    // A login item firing while Tessera already runs must not pop the window up.
    if (!launchedHidden(argv)) showWindow();
  });
  app.whenReady().then(onReady).catch(failToStart);
}

/** Shows and focuses the window, recreating it if it was destroyed. */
function showWindow(): void {
  if (mainWindow && !mainWindow.isDestroyed()) revealWindow(mainWindow);
  else if (openWindow) openWindow();
  else windowWanted = true;
}

async function onReady(): Promise<void> {
  logger.info('starting', {
    version: app.getVersion(),
    electron: process.versions.electron,
    platform: process.platform,
    packaged: app.isPackaged,
    dataDirOverride: dataFolder.override
      ? `${dataFolder.override.source}${dataFolder.override.honoured ? '' : ' (ignored: packaged)'}`
      : null,
  });
  const renderer = rendererLocation(process.env.ELECTRON_RENDERER_URL, app.isPackaged);
  // Before the store is opened: the command line must not change it while the app runs.
  const dataLock = await holdDataFolder(dataFolder.dir, logger);

  setupProtocol(RENDERER_DIR, logger);
  setupSecurity(renderer.origin, logger);
  // Main's texts follow the language setting (known once core is up), else the OS's.
  const locale = systemLocale();
  const texts = new MainI18n(pickLanguage(null, locale));
  const composition: AppComposition = await setupCore({
    dataDir: dataFolder.dir,
    logger,
    chooseTokenFile: tokenFileChooser({ window: () => mainWindow, texts: () => texts, logger }),
    bundleFiles: createBundleDialogs({ window: () => mainWindow, texts: () => texts }),
  });
  const { core } = composition;
  // After such a failure, every profile's renewal is planned again.
  lastResort.setRecover(() => core.wake());
  const ipc = setupIpc({ core, mainWindow: () => mainWindow, origin: renderer.origin, logger });

  texts.setLanguage(pickLanguage(core.settings().language, locale));
  const stopLanguage = core.onEvent((event) => {
    if (event.type === 'settings') texts.setLanguage(pickLanguage(event.settings.language, locale));
  });

  tray = setupTray({ core, texts, open: showWindow, quit: () => app.quit(), logger });
  const notifications = setupNotifications({ core, texts, open: showWindow, logger });
  if (testHooksEnabled(app.isPackaged, process.env)) {
    exposeTestHooks(() => tray);
    logger.warn('test hooks exposed (unpackaged, TESSERA_TEST_HOOKS=1)');
  }

  openWindow = () => {
    const win = createMainWindow({ preload: PRELOAD_FILE, entryUrl: renderer.entryUrl, logger });
    // Without a tray there is nothing to come back from, so closing quits (but on macOS,
    // where the dock brings it back).
    hideOnClose(win, () => quitting || (!tray && process.platform !== 'darwin'));
    // Windows ends the session without `before-quit`: let the window close, save, and go.
    win.on('session-end', () => {
      logger.info('session ending');
      quitting = true;
      core.flush();
      app.quit();
    });
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = undefined;
    });
    mainWindow = win;
  };
  const startHidden =
    !windowWanted &&
    shouldStartHidden({
      argv: process.argv,
      platform: process.platform,
      wasOpenedAtLogin: process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin,
      hasTray: !!tray,
    });
  if (startHidden) logger.info('started at login: in the tray only');
  else openWindow();

  const power = setupPower(core, logger);
  const stopLoginItem = setupLoginItem(core, logger);
  // Linux and macOS announce a shutdown. Electron asks the OS to wait only when the listener
  // calls preventDefault() (its docs; the typings leave the event out), and the clean quit then
  // runs while it waits.
  powerMonitor.on('shutdown', (event?: Electron.Event) => {
    event?.preventDefault();
    logger.info('system shutting down');
    quitting = true;
    core.flush();
    app.quit();
  });

  shutdown = async () => {
    power.stop();
    stopLoginItem();
    notifications.close();
    tray?.destroy();
    stopLanguage();
    ipc.close();
    // Closes the token service and stops the engine (which flushes the store).
    await composition.close();
    dataLock.release();
    logger.info('stopped');
  };
}

function failToStart(err: unknown): void {
  // The name only: a message could quote a path or a value.
  logger.error('startup failed', { name: errorName(err) });
  // The saved language may be what failed to load: the OS's language it is.
  const texts = new MainI18n(pickLanguage(null, app.isReady() ? systemLocale() : Intl.DateTimeFormat().resolvedOptions().locale));
  const body =
    err instanceof DataFolderInUse
      ? texts.t('dataFolder.inUse', {
          owner: texts.t(`dataFolder.owners.${err.owner?.host ?? 'unknown'}`),
          pid: err.owner?.pid ?? '?',
          dir: err.dir,
        })
      : texts.t('startup.body', { file: logger.file });
  dialog.showErrorBox(texts.t('startup.title'), body);
  app.exit(1);
}

// Every quit passes here first (app.quit(), the tray's Quit, Cmd+Q, the signals below), before
// Electron closes the windows.
app.on('before-quit', () => {
  quitting = true;
});

// The window only closes for real while quitting, or when there is no tray; stay in the
// tray otherwise (a handler here is what keeps Electron from quitting on its own).
app.on('window-all-closed', () => {
  if (!tray && process.platform !== 'darwin') app.quit();
});
app.on('activate', () => {
  // macOS: a click on the dock icon brings the window back. (Not before onReady: macOS may
  // activate a freshly launched app, which must not undo starting hidden at login.)
  if (openWindow) showWindow();
});

// Quit cleanly: stop the token engine (it flushes the store) and close the token service and
// the sandbox's servers before the process ends, but never hang the quit on them.
app.on('will-quit', (event) => {
  if (!shutdown || quitState === 'closed') return;
  event.preventDefault();
  if (quitState === 'closing') return;
  quitState = 'closing';
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_TIMEOUT_MS).unref());
  void Promise.race([shutdown(), timeout])
    .catch((err: unknown) => logger.error('shutdown failed', { name: errorName(err) }))
    .finally(() => {
      quitState = 'closed';
      app.quit();
    });
});

// A terminal's Ctrl+C or a service manager's stop goes through the same clean quit.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
