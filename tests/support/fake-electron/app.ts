// Electron's `app` in memory: readiness, the single-instance lock, paths, login items and the
// quit sequence as Electron documents them (before-quit, windows closed, will-quit, quit; exit()
// skips all of it). Calls Electron allows only before `ready` throw after it.
import { existsSync } from 'node:fs';

import { asElectron, electronEvent, FakeEmitter, modelled } from './events';
import type { FakeWorld } from './world';

/** What Electron passes to `app`'s listeners, per event (checked in witnesses.ts). */
export type AppEvents = {
  ready: [event: Electron.Event, launchInfo: Record<string, unknown> | Electron.NotificationResponse];
  'second-instance': [event: Electron.Event, argv: string[], workingDirectory: string, additionalData: unknown];
  'web-contents-created': [event: Electron.Event, webContents: Electron.WebContents];
  'browser-window-created': [event: Electron.Event, window: Electron.BrowserWindow];
  'before-quit': [event: Electron.Event];
  'will-quit': [event: Electron.Event];
  quit: [event: Electron.Event, exitCode: number];
  'window-all-closed': [];
  activate: [event: Electron.Event, hasVisibleWindows: boolean];
};

type AppMembers =
  | 'quit'
  | 'exit'
  | 'whenReady'
  | 'isReady'
  | 'requestSingleInstanceLock'
  | 'enableSandbox'
  | 'setAppUserModelId'
  | 'getName'
  | 'getVersion'
  | 'getPath'
  | 'setPath'
  | 'getAppPath'
  | 'getLocale'
  | 'getPreferredSystemLanguages'
  | 'getLoginItemSettings'
  | 'setLoginItemSettings'
  | 'disableHardwareAcceleration'
  | 'isPackaged'
  | 'dock';

type PathName = Parameters<Electron.App['getPath']>[0];

export class FakeApp extends FakeEmitter<AppEvents> implements Pick<Electron.App, AppMembers> {
  private ready = false;
  private readonly readyWaiters: (() => void)[] = [];
  private readonly paths = new Map<string, string>();
  /** `quitting`: between an accepted before-quit and the end (or a cancel). */
  private phase: 'running' | 'quitting' | 'exited' = 'running';
  private resolveExit!: (code: number) => void;

  /** Resolves with the exit code when the app has quit (will-quit not prevented) or exited. */
  readonly exited: Promise<number>;
  exitCode: number | undefined;
  sandboxed = false;
  hardwareAcceleration = true;
  appUserModelId: string | undefined;
  readonly loginItemCalls: Electron.Settings[] = [];
  singleInstanceRequested = false;
  readonly dockHidden = { value: false };

  constructor(private readonly world: FakeWorld) {
    super();
    this.exited = new Promise((resolve) => (this.resolveExit = resolve));
    const o = world.options;
    this.paths.set('userData', o.userData);
    this.paths.set('documents', o.documents);
    this.paths.set('temp', o.temp);
    this.paths.set('home', o.home);
    return modelled(this, 'app');
  }

  // ---- Electron's members ----------------------------------------------------------------

  get isPackaged(): boolean {
    return this.world.options.isPackaged;
  }

  /** macOS only, like Electron (`undefined` elsewhere). */
  get dock(): Electron.Dock | undefined {
    if (process.platform !== 'darwin') return undefined;
    const hidden = this.dockHidden;
    return asElectron<Electron.Dock>(
      modelled(
        {
          hide: () => {
            hidden.value = true;
          },
        } satisfies Pick<Electron.Dock, 'hide'>,
        'app.dock',
      ),
    );
  }

  whenReady(): Promise<void> {
    return this.ready ? Promise.resolve() : new Promise<void>((resolve) => this.readyWaiters.push(resolve));
  }

  isReady(): boolean {
    return this.ready;
  }

  requestSingleInstanceLock(_additionalData?: Record<string, unknown>): boolean {
    this.singleInstanceRequested = true;
    return !this.world.options.anotherInstanceRunning;
  }

  enableSandbox(): void {
    this.beforeReadyOnly('app.enableSandbox()');
    this.sandboxed = true;
  }

  disableHardwareAcceleration(): void {
    this.beforeReadyOnly('app.disableHardwareAcceleration()');
    this.hardwareAcceleration = false;
  }

  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }

  getName(): string {
    return this.world.options.name;
  }

  getVersion(): string {
    return this.world.options.version;
  }

  getPath(name: PathName): string {
    const path = this.paths.get(name);
    // Electron throws for a path it cannot determine; the fake knows only these.
    if (path === undefined) throw new Error(`The in-memory Electron has no '${name}' path.`);
    return path;
  }

  /** Electron: "If the path specifies a directory that does not exist, an Error is thrown". */
  setPath(name: string, path: string): void {
    if (!existsSync(path)) throw new Error(`Failed to set path: ${path} does not exist`);
    this.paths.set(name, path);
  }

  getAppPath(): string {
    return this.world.options.appPath;
  }

  getLocale(): string {
    return this.world.options.locale;
  }

  getPreferredSystemLanguages(): string[] {
    return [...this.world.options.preferredSystemLanguages];
  }

  getLoginItemSettings(_options?: Electron.LoginItemSettingsOptions): Electron.LoginItemSettings {
    const last = this.loginItemCalls.at(-1);
    return {
      openAtLogin: last?.openAtLogin ?? false,
      wasOpenedAtLogin: this.world.options.wasOpenedAtLogin,
      status: last?.openAtLogin ? 'enabled' : 'not-registered',
      executableWillLaunchAtLogin: last?.openAtLogin ?? false,
      launchItems: [],
    };
  }

  setLoginItemSettings(settings: Electron.Settings): void {
    this.loginItemCalls.push(settings);
  }

  /**
   * before-quit (preventable) now; then, as in Electron, asynchronously: every window is
   * asked to close (one that refuses cancels the quit), will-quit (preventable), quit, the
   * end. `window-all-closed` is not emitted on this path.
   */
  quit(): void {
    if (this.phase === 'exited') return;
    const before = electronEvent();
    this.fire('before-quit', before);
    if (before.defaultPrevented) return;
    this.phase = 'quitting';
    setImmediate(() => this.closeAllThenQuit());
  }

  /** Electron: windows closed at once, no before-quit or will-quit. */
  exit(exitCode = 0): void {
    if (this.phase === 'exited') return;
    this.phase = 'exited';
    for (const win of this.world.windows.slice()) win.destroy();
    this.end(exitCode);
  }

  // ---- the fake's side: what the OS and Electron do ------------------------------------

  /** Electron finishing its start-up: `ready`, then whenReady() resolves. */
  emitReady(): void {
    if (this.ready) throw new Error('ready is emitted once');
    this.ready = true;
    this.fire('ready', electronEvent(), {});
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }

  /** Another launch on the same user data (Electron: "guaranteed to be emitted after ready"). */
  secondInstance(argv: string[], workingDirectory = process.cwd()): void {
    if (!this.ready) throw new Error('second-instance is only emitted after ready');
    this.fire('second-instance', electronEvent(), argv, workingDirectory, {});
  }

  /** macOS: the dock icon clicked. */
  activate(): void {
    this.fire(
      'activate',
      electronEvent(),
      this.world.windows.some((w) => w.isVisible()),
    );
  }

  get quitting(): boolean {
    return this.phase === 'quitting';
  }

  get hasExited(): boolean {
    return this.phase === 'exited';
  }

  /** A window went away: with none left and no quit under way, Electron's default is to quit. */
  lastWindowClosed(): void {
    if (this.phase !== 'running') return;
    if (this.listenerCount('window-all-closed') > 0) this.fire('window-all-closed');
    else this.quit();
  }

  private closeAllThenQuit(): void {
    if (this.phase !== 'quitting') return;
    for (const win of this.world.windows.slice()) win.close();
    if (this.world.windows.length > 0) {
      // A window refused to close: the quit is cancelled.
      this.phase = 'running';
      return;
    }
    const willQuit = electronEvent();
    this.fire('will-quit', willQuit);
    if (willQuit.defaultPrevented) {
      this.phase = 'running';
      return;
    }
    this.fire('quit', electronEvent(), 0);
    this.phase = 'exited';
    this.end(0);
  }

  private end(code: number): void {
    this.exitCode = code;
    this.resolveExit(code);
  }

  private beforeReadyOnly(what: string): void {
    // Electron: "This method can only be called before app is ready."
    if (this.ready) throw new Error(`${what} can only be called before app is ready`);
  }
}
