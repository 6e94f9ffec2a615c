// Boots the Electron main process (electron/main/index.ts) inside a Vitest worker, against a
// fresh in-memory Electron (tests/support/fake-electron), with real core, store, sandbox and
// token service underneath. Each boot gets its own data folder and module registry; dispose()
// quits the app the way a user would and puts back what main changed in this process
// (listeners on `process`, argv, environment, platform, main's global test hooks).
//
// Only the renderer folder is swapped, for a small fixture, because the built renderer may not
// exist when unit tests run; the preload path and everything else are main's own.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import log from 'electron-log/node';
import { vi } from 'vitest';

import { type AppEvent, channelName, type InputOf, type Method, type Result, type ResultOf } from '#common/contract';

import { logFileIn } from '../../electron/main/logging';
import { type FakeBrowserWindow, FakeElectron, type FakeElectronOptions, type FakeTray } from './fake-electron';
import { removeTempDirs, tempDir } from './temp-dir';

const ROOT = resolve(import.meta.dirname, '../..');
const MAIN_ENTRY = join(ROOT, 'electron/main/index.ts');
const WINDOW_MODULE = join(ROOT, 'electron/main/window.ts');
/** A stand-in for out/renderer: an index.html and one script. */
export const RENDERER_FIXTURE = join(ROOT, 'tests/support/fixtures/renderer');
/** A file beside the renderer folder, which app:// must never serve. */
export const OUTSIDE_RENDERER = join(ROOT, 'tests/support/fixtures/outside-renderer.txt');

/** Variables that would change what main loads or where it keeps data; cleared unless given. */
const MAIN_ENV = ['TESSERA_DATA_DIR', 'ELECTRON_RENDERER_URL', 'TESSERA_TEST_HOOKS'];
const PROCESS_EVENTS = ['uncaughtException', 'unhandledRejection', 'SIGINT', 'SIGTERM', 'exit'] as const;

export interface BootOptions extends Partial<FakeElectronOptions> {
  /** Command-line arguments after the app's path. */
  args?: string[];
  env?: Record<string, string>;
  /** process.platform while main runs (its platform branches read it at run time). */
  platform?: NodeJS.Platform;
  /** Emit `ready` and wait for main to finish starting (default), or leave that to the test. */
  ready?: boolean;
  /**
   * Members of main's own modules replaced for this boot (path from the project root), for a
   * failure the in-memory machine cannot produce, such as a sandbox that cannot start.
   */
  replace?: Record<string, Record<string, unknown>>;
}

type Listener = (...args: unknown[]) => void;

const live: MainShell[] = [];

/** Boots main (see MainShell.boot); disposeShells() in afterEach quits and cleans up every one. */
export function bootMain(options: BootOptions = {}): Promise<MainShell> {
  return MainShell.boot(options);
}

export async function disposeShells(): Promise<void> {
  try {
    for (const shell of live.splice(0).reverse()) await shell.dispose();
  } finally {
    removeTempDirs();
  }
}

export class MainShell {
  readonly electron: FakeElectron;
  readonly dataDir: string;
  /** process.resourcesPath while main runs: the installed app's resources folder. */
  readonly resourcesPath = tempDir('tessera-resources-');
  /** Lines electron-log would have printed to the console (development mode echoes them). */
  readonly console: string[] = [];
  private readonly restore: (() => void)[] = [];
  private readonly processListeners = new Map<string, Set<Listener>>();
  private disposed = false;

  private constructor(options: BootOptions) {
    this.dataDir = options.userData ?? tempDir('tessera-shell-');
    this.electron = new FakeElectron({ ...options, userData: this.dataDir });
  }

  /** Imports main as Electron would run it; with `ready` (the default) waits until it has started. */
  static async boot(options: BootOptions = {}): Promise<MainShell> {
    const shell = new MainShell(options);
    live.push(shell);
    shell.takeOverProcess(options);
    vi.resetModules();
    vi.doMock('electron', () => ({ ...shell.electron.module, default: shell.electron.module }));
    vi.doMock(WINDOW_MODULE, async (importOriginal) => ({ ...(await importOriginal<object>()), RENDERER_DIR: RENDERER_FIXTURE }));
    for (const [path, members] of Object.entries(options.replace ?? {})) {
      vi.doMock(join(ROOT, path), async (importOriginal) => ({ ...(await importOriginal<object>()), ...members }));
      shell.restore.push(() => vi.doUnmock(join(ROOT, path)));
    }
    await import(MAIN_ENTRY);
    if (options.ready !== false) await shell.ready();
    return shell;
  }

  /** Electron becomes ready; resolves once main's onReady has finished (or the app ended). */
  async ready(): Promise<void> {
    this.electron.app.emitReady();
    await this.started();
  }

  /** main's onReady ends by listening for the OS's shutdown: its last step. */
  started(): Promise<void> {
    return vi.waitFor(
      () => {
        if (!this.electron.app.hasExited && this.electron.powerMonitor.listenerCount('shutdown') === 0)
          throw new Error('main is still starting');
      },
      { timeout: 15_000, interval: 10 },
    );
  }

  /** The app's window, if it has one. */
  window(): FakeBrowserWindow | undefined {
    return this.electron.windows[0];
  }

  /** The window once its page has loaded (the earliest the page can call main). */
  async loadedWindow(): Promise<FakeBrowserWindow> {
    return vi.waitFor(
      () => {
        const win = this.window();
        if (!win?.contents.getURL()) throw new Error('no window with a loaded page');
        return win;
      },
      { timeout: 10_000, interval: 10 },
    );
  }

  /** What main added to `process` for `event` (the last resort, signals, the data lock's exit hook). */
  mainListeners(event: (typeof PROCESS_EVENTS)[number]): Listener[] {
    const before = this.processListeners.get(event) ?? new Set();
    return (process.listeners(event as 'exit') as Listener[]).filter((l) => !before.has(l));
  }

  /** A module of main's, as main itself loaded it (the same instance, e.g. to spy on it). */
  mainModule<T>(pathFromRoot: string): Promise<T> {
    return import(join(ROOT, pathFromRoot)) as Promise<T>;
  }

  tray(): FakeTray | undefined {
    return this.electron.trays.at(-1);
  }

  /** A contract call as the page's window.tessera makes it: ipcRenderer.invoke from the main frame. */
  async call<M extends Method>(method: M, ...input: InputOf<M> extends undefined ? [] : [InputOf<M>]): Promise<Result<ResultOf<M>>> {
    const win = await this.loadedWindow();
    return (await win.contents.invoke(channelName(method), [input[0]])) as Result<ResultOf<M>>;
  }

  /** Core's events as the page received them. */
  eventsSent(): AppEvent[] {
    const sent = this.window()?.contents.sent ?? [];
    return sent.filter((s) => s.channel === 'tessera:event').map((s) => s.args[0] as AppEvent);
  }

  log(): string {
    try {
      return readFileSync(logFileIn(this.dataDir), 'utf8');
    } catch {
      return '';
    }
  }

  /** app.quit(), as the tray's Quit or Cmd+Q; resolves with the exit code once the app has quit. */
  async quit(): Promise<number> {
    this.electron.app.quit();
    return this.exited();
  }

  exited(): Promise<number> {
    return Promise.race([
      this.electron.app.exited,
      new Promise<number>((_, reject) => setTimeout(() => reject(new Error('the app did not quit within 10 s')), 10_000).unref()),
    ]);
  }

  /** Quits if still running, then gives the process back as it was. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    try {
      if (!this.electron.app.hasExited && this.electron.app.isReady()) await this.quit();
    } finally {
      for (const undo of this.restore.splice(0).reverse()) undo();
      vi.doUnmock('electron');
      vi.doUnmock(WINDOW_MODULE);
    }
  }

  private takeOverProcess(options: BootOptions): void {
    const argv = process.argv;
    process.argv = [process.execPath, ROOT, ...(options.args ?? [])];
    this.restore.push(() => (process.argv = argv));

    for (const name of new Set([...MAIN_ENV, ...Object.keys(options.env ?? {})])) {
      const before = process.env[name];
      const value = options.env?.[name];
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
      this.restore.push(() => {
        if (before === undefined) delete process.env[name];
        else process.env[name] = before;
      });
    }

    // Electron's addition to `process`: where the installed app's resources are.
    const resources = Object.getOwnPropertyDescriptor(process, 'resourcesPath');
    Object.defineProperty(process, 'resourcesPath', { value: this.resourcesPath, configurable: true, writable: true, enumerable: true });
    this.restore.push(() => {
      if (resources) Object.defineProperty(process, 'resourcesPath', resources);
      else Reflect.deleteProperty(process, 'resourcesPath');
    });

    if (options.platform && options.platform !== process.platform) {
      const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
      Object.defineProperty(process, 'platform', { ...platform, value: options.platform });
      this.restore.push(() => Object.defineProperty(process, 'platform', platform));
    }

    for (const event of PROCESS_EVENTS) this.processListeners.set(event, new Set(process.listeners(event as 'exit') as Listener[]));
    this.restore.push(() => {
      for (const [event, before] of this.processListeners) {
        for (const listener of process.listeners(event as 'exit') as Listener[]) if (!before.has(listener)) process.off(event, listener);
      }
    });

    // The development console echo, kept here rather than printed among the test results.
    const console = log.transports.console;
    const writeFn = Object.getOwnPropertyDescriptor(console, 'writeFn')!;
    console.writeFn = ({ message }) => void this.console.push(message.data.map(String).join(' '));
    this.restore.push(() => Object.defineProperty(console, 'writeFn', writeFn));

    this.restore.push(() => void Reflect.deleteProperty(globalThis, '__tesseraTest'));
  }
}
