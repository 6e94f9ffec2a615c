// The operating system's side in memory: power events, the network's state, the keyring behind
// safeStorage, and native dialogs (answered by the test, recorded with their options).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

import { electronEvent, FakeEmitter, modelled } from './events';
import type { FakeWorld } from './world';

// ---- power -----------------------------------------------------------------------------------

/**
 * `shutdown`'s listener is typed `() => void` in electron.d.ts, but Electron's docs (and its
 * implementation) pass an event whose preventDefault() asks the OS to wait for the app to quit:
 * the optional argument keeps both true.
 */
export type PowerMonitorEvents = {
  suspend: [];
  resume: [];
  'lock-screen': [];
  'unlock-screen': [];
  shutdown: [event?: Electron.Event];
};

export class FakePowerMonitor extends FakeEmitter<PowerMonitorEvents> {
  constructor() {
    super();
    return modelled(this, 'powerMonitor');
  }

  /** Linux and macOS announcing a shutdown; true when a listener asked the OS to wait. */
  shutdown(): boolean {
    const event = electronEvent();
    this.fire('shutdown', event);
    return event.defaultPrevented;
  }
}

export class FakeNet implements Pick<Electron.Net, 'isOnline'> {
  constructor(private readonly world: FakeWorld) {
    return modelled(this, 'net');
  }

  isOnline(): boolean {
    return this.world.online;
  }
}

// ---- safeStorage -------------------------------------------------------------------------------

type SafeStorageMembers = 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend';
export type StorageBackend = ReturnType<Electron.SafeStorage['getSelectedStorageBackend']>;

/**
 * A keyring of this world's own: AES-256-GCM under a random key, so sealed values are opaque,
 * open only here, and a changed byte fails to open. Without encryption available, encrypting
 * fails, as Electron's does.
 */
export class FakeSafeStorage implements Pick<Electron.SafeStorage, SafeStorageMembers> {
  /** The OS's key for this user: pass it to another world to model a restart on the same account. */
  readonly keyring: Buffer;
  available: boolean;
  backend: StorageBackend;
  /** Set to make the next decryptions report that the OS key was rotated. */
  keyRotated = false;

  constructor(
    private readonly world: FakeWorld,
    options: { available: boolean; backend: StorageBackend; keyring?: Buffer },
  ) {
    this.keyring = options.keyring ?? randomBytes(32);
    this.available = options.available;
    this.backend = options.backend;
    return modelled(this, 'safeStorage');
  }

  isAsyncEncryptionAvailable(): Promise<boolean> {
    return Promise.resolve(this.available);
  }

  /** Electron: `unknown` before the app is ready. */
  getSelectedStorageBackend(): StorageBackend {
    return this.world.app.isReady() ? this.backend : 'unknown';
  }

  encryptStringAsync(plainText: string): Promise<Buffer> {
    if (!this.available)
      return Promise.reject(
        new Error('Error while encrypting the text provided to safeStorage.encryptStringAsync. Encryption is not available.'),
      );
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keyring, iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Promise.resolve(Buffer.concat([iv, cipher.getAuthTag(), body]));
  }

  decryptStringAsync(encrypted: Buffer): Promise<Electron.DecryptStringAsyncReturnValue> {
    try {
      if (!this.available) throw new Error('Encryption is not available.');
      const decipher = createDecipheriv('aes-256-gcm', this.keyring, encrypted.subarray(0, 12));
      decipher.setAuthTag(encrypted.subarray(12, 28));
      const result = Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8');
      return Promise.resolve({ result, shouldReEncrypt: this.keyRotated });
    } catch {
      return Promise.reject(new Error('Error while decrypting the ciphertext provided to safeStorage.decryptStringAsync.'));
    }
  }
}

// ---- dialogs -----------------------------------------------------------------------------------

export interface DialogRecord {
  kind: 'save' | 'open' | 'error';
  /** The window the dialog is modal to, if any. */
  parent: Electron.BaseWindow | undefined;
  options: Electron.SaveDialogOptions | Electron.OpenDialogOptions | { title: string; content: string };
}

type DialogMembers = 'showErrorBox' | 'showSaveDialog' | 'showOpenDialog';

export class FakeDialog implements Pick<Electron.Dialog, DialogMembers> {
  readonly shown: DialogRecord[] = [];
  /** What the user picks in the next save dialog (default: cancel). */
  answerSave: (options: Electron.SaveDialogOptions) => Electron.SaveDialogReturnValue | Promise<Electron.SaveDialogReturnValue> = () => ({
    canceled: true,
    filePath: '',
  });
  answerOpen: (options: Electron.OpenDialogOptions) => Electron.OpenDialogReturnValue | Promise<Electron.OpenDialogReturnValue> = () => ({
    canceled: true,
    filePaths: [],
  });

  constructor() {
    return modelled(this, 'dialog');
  }

  /** Safe before `ready` (Electron says so); recorded instead of shown. */
  showErrorBox(title: string, content: string): void {
    this.shown.push({ kind: 'error', parent: undefined, options: { title, content } });
  }

  showSaveDialog(window: Electron.BaseWindow, options: Electron.SaveDialogOptions): Promise<Electron.SaveDialogReturnValue>;
  showSaveDialog(options: Electron.SaveDialogOptions): Promise<Electron.SaveDialogReturnValue>;
  async showSaveDialog(
    a: Electron.BaseWindow | Electron.SaveDialogOptions,
    b?: Electron.SaveDialogOptions,
  ): Promise<Electron.SaveDialogReturnValue> {
    const [parent, options] = b ? [a as Electron.BaseWindow, b] : [undefined, a as Electron.SaveDialogOptions];
    this.shown.push({ kind: 'save', parent, options });
    return this.answerSave(options);
  }

  showOpenDialog(window: Electron.BaseWindow, options: Electron.OpenDialogOptions): Promise<Electron.OpenDialogReturnValue>;
  showOpenDialog(options: Electron.OpenDialogOptions): Promise<Electron.OpenDialogReturnValue>;
  async showOpenDialog(
    a: Electron.BaseWindow | Electron.OpenDialogOptions,
    b?: Electron.OpenDialogOptions,
  ): Promise<Electron.OpenDialogReturnValue> {
    const [parent, options] = b ? [a as Electron.BaseWindow, b] : [undefined, a as Electron.OpenDialogOptions];
    this.shown.push({ kind: 'open', parent, options });
    return this.answerOpen(options);
  }

  /** The error boxes shown, as the user read them. */
  get errorBoxes(): { title: string; content: string }[] {
    return this.shown.filter((d) => d.kind === 'error').map((d) => d.options as { title: string; content: string });
  }
}
