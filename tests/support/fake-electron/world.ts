// One in-memory Electron: its `app`, windows, sessions, protocol, IPC, tray, notifications and
// the OS around them, and `module`, the `electron` module main imports (what vi.doMock hands
// over). Each boot of main gets a fresh one.
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type * as electron from 'electron';

import { FakeApp } from './app';
import { asElectron, modelled } from './events';
import { FakeIpcMain } from './ipc';
import { FakeProtocol, FakeSession } from './session';
import { FakeMenu, fakeNativeImage, FakeNotification, FakeTray } from './shell-ui';
import { FakeDialog, FakeNet, FakePowerMonitor, FakeSafeStorage, type StorageBackend } from './system';
import { FakeBrowserWindow, type FakeWebContents } from './windows';

/** The part of the `electron` module the fake provides: every name main imports. */
export type ElectronModule = Pick<
  typeof electron,
  | 'app'
  | 'BrowserWindow'
  | 'dialog'
  | 'ipcMain'
  | 'Menu'
  | 'nativeImage'
  | 'net'
  | 'Notification'
  | 'powerMonitor'
  | 'protocol'
  | 'safeStorage'
  | 'session'
  | 'Tray'
>;

export interface FakeElectronOptions {
  /** app.getPath('userData') until main sets another. */
  userData: string;
  documents?: string;
  temp?: string;
  home?: string;
  appPath?: string;
  name?: string;
  version?: string;
  isPackaged?: boolean;
  locale?: string;
  preferredSystemLanguages?: string[];
  /** Another instance holds the single-instance lock: requestSingleInstanceLock() says false. */
  anotherInstanceRunning?: boolean;
  /** macOS: whether the OS opened the app at login. */
  wasOpenedAtLogin?: boolean;
  trayAvailable?: boolean;
  notificationsSupported?: boolean;
  online?: boolean;
  safeStorage?: { available?: boolean; backend?: StorageBackend; keyring?: Buffer };
}

export class FakeWorld {
  readonly options: Required<Omit<FakeElectronOptions, 'safeStorage'>>;
  readonly windows: FakeBrowserWindow[] = [];
  readonly trays: FakeTray[] = [];
  readonly notifications: FakeNotification[] = [];
  readonly app: FakeApp;
  readonly ipcMain = new FakeIpcMain();
  readonly protocol: FakeProtocol;
  readonly dialog = new FakeDialog();
  readonly powerMonitor = new FakePowerMonitor();
  readonly net: FakeNet;
  readonly safeStorage: FakeSafeStorage;
  online: boolean;
  notificationsSupported: boolean;
  readonly module: ElectronModule;
  private readonly sessions = new Map<string, FakeSession>();
  private lastId = 0;

  constructor(options: FakeElectronOptions) {
    this.options = {
      documents: join(options.userData, '..', 'Documents'),
      temp: tmpdir(),
      home: join(options.userData, '..'),
      appPath: process.cwd(),
      name: 'tessera',
      version: '0.1.0',
      isPackaged: false,
      locale: 'en-US',
      preferredSystemLanguages: ['en-US'],
      anotherInstanceRunning: false,
      wasOpenedAtLogin: false,
      trayAvailable: true,
      notificationsSupported: true,
      online: true,
      ...options,
    };
    this.online = this.options.online;
    this.notificationsSupported = this.options.notificationsSupported;
    this.app = new FakeApp(this);
    this.protocol = new FakeProtocol(this);
    this.net = new FakeNet(this);
    this.safeStorage = new FakeSafeStorage(this, {
      available: options.safeStorage?.available ?? true,
      backend: options.safeStorage?.backend ?? 'gnome_libsecret',
      ...(options.safeStorage?.keyring ? { keyring: options.safeStorage.keyring } : {}),
    });
    this.module = this.buildModule();
  }

  nextId(): number {
    this.lastId += 1;
    return this.lastId;
  }

  /** Electron: "Session can only be received when app is ready". */
  get defaultSession(): FakeSession {
    if (!this.app.isReady()) throw new Error('Session can only be received when app is ready');
    return this.partition('', undefined);
  }

  /** The same partition name gives the same session, as in Electron. */
  partition(name: string, options: Electron.FromPartitionOptions | undefined): FakeSession {
    let session = this.sessions.get(name);
    if (!session) {
      session = new FakeSession(name, options);
      this.sessions.set(name, session);
    }
    return session;
  }

  hasPartition(name: string): boolean {
    return this.sessions.has(name);
  }

  /** A page finished loading: its window paints (ready-to-show, once). */
  loaded(contents: FakeWebContents): void {
    this.windows.find((w) => w.contents === contents)?.painted();
  }

  private buildModule(): ElectronModule {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the classes below are Electron's, constructed by main without a world.
    const world = this;

    class BrowserWindow extends FakeBrowserWindow {
      constructor(options?: Electron.BrowserWindowConstructorOptions) {
        super(world, options);
      }

      static getAllWindows(): Electron.BrowserWindow[] {
        return world.windows.map((w) => asElectron<Electron.BrowserWindow>(w));
      }
    }
    BrowserWindow satisfies Pick<typeof Electron.BrowserWindow, 'getAllWindows'> &
      (new (...args: ConstructorParameters<typeof Electron.BrowserWindow>) => unknown);

    class Tray extends FakeTray {
      constructor(image: Electron.NativeImage | string, guid?: string) {
        super(world, image, guid);
      }
    }
    Tray satisfies new (...args: ConstructorParameters<typeof Electron.Tray>) => unknown;

    class Notification extends FakeNotification {
      constructor(options?: Electron.NotificationConstructorOptions) {
        super(world, options);
      }

      static isSupported(): boolean {
        return world.notificationsSupported;
      }
    }
    Notification satisfies Pick<typeof Electron.Notification, 'isSupported'> &
      (new (...args: ConstructorParameters<typeof Electron.Notification>) => unknown);

    const session = modelled(
      {
        get defaultSession(): Electron.Session {
          return asElectron<Electron.Session>(world.defaultSession);
        },
        fromPartition: (partition: string, options?: Electron.FromPartitionOptions) =>
          asElectron<Electron.Session>(world.partition(partition, options)),
      } satisfies Pick<typeof Electron.Session, 'defaultSession' | 'fromPartition'>,
      'session',
    );

    return {
      app: asElectron<Electron.App>(this.app),
      BrowserWindow: asElectron<typeof Electron.BrowserWindow>(BrowserWindow),
      dialog: asElectron<Electron.Dialog>(this.dialog),
      ipcMain: asElectron<Electron.IpcMain>(this.ipcMain),
      Menu: asElectron<typeof Electron.Menu>(FakeMenu),
      nativeImage: asElectron<typeof Electron.NativeImage>(fakeNativeImage),
      net: asElectron<Electron.Net>(this.net),
      Notification: asElectron<typeof Electron.Notification>(Notification),
      powerMonitor: asElectron<Electron.PowerMonitor>(this.powerMonitor),
      protocol: asElectron<Electron.Protocol>(this.protocol),
      safeStorage: asElectron<Electron.SafeStorage>(this.safeStorage),
      session: asElectron<typeof Electron.Session>(session),
      Tray: asElectron<typeof Electron.Tray>(Tray),
    };
  }
}
