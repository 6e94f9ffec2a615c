// The app's life as main runs it in the in-memory Electron: one instance per data folder (a
// second launch hands over), started hidden at login, woken on resume, unlock and the network's
// return, holding the data folder from start to quit, and quitting cleanly on every path (the
// tray, a signal, the OS shutting down or ending the session): pending writes flushed, the token
// service closed, the folder released. Failures nobody catches are logged, not fatal.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { acquireDataLock, LOCK_FILE, lockHolder } from '../../../electron/core/data-lock';
import type { TesseraCore } from '../../../electron/core/tessera-core';
import type { TokenEngine } from '../../../electron/core/tokens/engine';
import { APP_ID } from '../../../electron/main/app-id';
import { eventually } from '../../support/eventually';
import { bootMain, disposeShells, type MainShell } from '../../support/main-shell';
import { tempDir } from '../../support/temp-dir';

afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  await disposeShells();
});

async function spyOnWake(shell: MainShell) {
  const { TokenEngine: Engine } = await shell.mainModule<{ TokenEngine: typeof TokenEngine }>('electron/core/tokens/engine.ts');
  return vi.spyOn(Engine.prototype, 'wake');
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface StoreDoc {
  accessKeys: { id: string; lastUsedAt: number | null }[];
}

const storeOf = (shell: MainShell): StoreDoc => JSON.parse(readFileSync(join(shell.dataDir, 'tessera.json'), 'utf8')) as StoreDoc;

describe('one instance per data folder', () => {
  it('a second launch hands over to the running one and leaves, touching nothing', async () => {
    const shell = await bootMain({ anotherInstanceRunning: true, ready: false });
    expect(await shell.exited()).toBe(0);
    expect(shell.electron.windows).toHaveLength(0);
    expect(shell.electron.trays).toHaveLength(0);
    expect(existsSync(join(shell.dataDir, LOCK_FILE))).toBe(false);
    expect(shell.log()).toContain('another instance holds the data folder; handing over');
  });

  it('the running one brings its hidden window forward, except for a login-item launch', async () => {
    const shell = await bootMain();
    const win = await shell.loadedWindow();
    win.close();
    shell.electron.app.secondInstance([process.execPath, '--hidden']);
    expect(win.isVisible()).toBe(false);
    win.minimize();
    shell.electron.app.secondInstance([process.execPath]);
    expect(win.isVisible()).toBe(true);
    expect(win.isMinimized()).toBe(false);
    expect(win.isFocused()).toBe(true);
  });

  it('a launch while it is still starting (hidden, at login) gets the window once there is one', async () => {
    const shell = await bootMain({ args: ['--hidden'], ready: false });
    shell.electron.app.emitReady();
    // Before main has finished starting: no window to show yet.
    shell.electron.app.secondInstance([process.execPath]);
    await shell.started();
    expect((await shell.loadedWindow()).isVisible()).toBe(true);
  });
});

describe('starting at login', () => {
  it('with --hidden, only the tray; the window is made on first use', async () => {
    const shell = await bootMain({ args: ['--hidden'] });
    expect(shell.electron.windows).toHaveLength(0);
    expect(shell.tray()).toBeDefined();
    expect(shell.log()).toContain('started at login: in the tray only');
    shell.tray()!.clickItem('open');
    const win = await shell.loadedWindow();
    expect(win.contents.getURL()).toBe('app://tessera/index.html');
    expect((await shell.call('getAppInfo')).ok).toBe(true);
  });

  it('on macOS, when the OS opened it at login', async () => {
    const shell = await bootMain({ platform: 'darwin', wasOpenedAtLogin: true });
    expect(shell.electron.windows).toHaveLength(0);
  });

  it('never hidden without a tray to come back from', async () => {
    const shell = await bootMain({ args: ['--hidden'], trayAvailable: false });
    expect(shell.electron.windows).toHaveLength(1);
  });

  it('the login item follows the setting, in an installed app on Windows (with --hidden) and macOS', async () => {
    const windows = await bootMain({ platform: 'win32', isPackaged: true });
    const { app } = windows.electron;
    expect(app.appUserModelId).toBe(APP_ID);
    expect(app.loginItemCalls).toEqual([{ openAtLogin: false, args: ['--hidden'] }]);
    expect((await windows.call('updateSettings', { startAtLogin: true })).ok).toBe(true);
    expect(app.loginItemCalls.at(-1)).toEqual({ openAtLogin: true, args: ['--hidden'] });
    // Another setting changes nothing.
    await windows.call('updateSettings', { language: 'es' });
    expect(app.loginItemCalls).toHaveLength(2);
    await disposeShells();

    const mac = await bootMain({ platform: 'darwin', isPackaged: true });
    expect(mac.electron.app.loginItemCalls).toEqual([{ openAtLogin: false }]);
    await disposeShells();

    // Unpackaged, or on Linux, nothing is registered.
    const dev = await bootMain({ platform: 'win32', isPackaged: false });
    await dev.call('updateSettings', { startAtLogin: true });
    expect(dev.electron.app.loginItemCalls).toEqual([]);
    await disposeShells();
    const linux = await bootMain({ platform: 'linux', isPackaged: true });
    expect(linux.electron.app.loginItemCalls).toEqual([]);
  });
});

describe('waking the token engine', () => {
  it('on resume and on unlocking the screen', async () => {
    const shell = await bootMain();
    const wake = await spyOnWake(shell);
    shell.electron.powerMonitor.fire('resume');
    shell.electron.powerMonitor.fire('unlock-screen');
    expect(wake).toHaveBeenCalledTimes(2);
    expect(shell.log()).toContain('waking the token engine {"reason":"resume"}');
    expect(shell.log()).toContain('waking the token engine {"reason":"unlock-screen"}');
    // Suspending or locking is no reason.
    shell.electron.powerMonitor.fire('suspend');
    shell.electron.powerMonitor.fire('lock-screen');
    expect(wake).toHaveBeenCalledTimes(2);
  });

  it('when the network comes back (polled every 15 s), not while it stays up or down', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const shell = await bootMain();
    const wake = await spyOnWake(shell);
    vi.advanceTimersByTime(15_000);
    shell.electron.online = false;
    vi.advanceTimersByTime(30_000);
    expect(wake).not.toHaveBeenCalled();
    shell.electron.online = true;
    vi.advanceTimersByTime(15_000);
    expect(wake).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(30_000);
    expect(wake).toHaveBeenCalledTimes(1);
    expect(shell.log()).toContain('waking the token engine {"reason":"online"}');

    // Stopped on quit: no more polling.
    await shell.quit();
    shell.electron.online = false;
    vi.advanceTimersByTime(15_000);
    shell.electron.online = true;
    vi.advanceTimersByTime(15_000);
    expect(wake).toHaveBeenCalledTimes(1);
  });
});

describe('the data folder', () => {
  it('is held from start to quit: a command line cannot change it meanwhile', async () => {
    const shell = await bootMain();
    expect(lockHolder(shell.dataDir)).toMatchObject({ host: 'electron', pid: process.pid });
    expect(acquireDataLock(shell.dataDir, 'cli')).toMatchObject({ ok: false, owner: { host: 'electron' } });
    await shell.quit();
    expect(existsSync(join(shell.dataDir, LOCK_FILE))).toBe(false);
  });

  it('held by another Tessera (a browser host), the app says so and does not start', async () => {
    const dir = tempDir('tessera-shell-');
    const held = acquireDataLock(dir, 'browser');
    expect(held.ok).toBe(true);
    try {
      const shell = await bootMain({ userData: dir });
      expect(await shell.exited()).toBe(1);
      expect(shell.electron.dialog.errorBoxes).toEqual([
        {
          title: 'Tessera could not start',
          content: `Another Tessera program (a browser host, pid ${process.pid}) is using the data folder ${dir}. Close it, then start Tessera again.`,
        },
      ]);
      expect(shell.electron.windows).toHaveLength(0);
      expect(shell.electron.ipcMain.channels).toEqual([]);
    } finally {
      if (held.ok) held.lock.release();
    }
  });

  it('honours --data-dir= and TESSERA_DATA_DIR in development only', async () => {
    const chosen = tempDir('tessera-chosen-');
    const dev = await bootMain({ args: [`--data-dir=${join(chosen, 'a')}`] });
    expect(dev.electron.app.getPath('userData')).toBe(join(chosen, 'a'));
    expect(lockHolder(join(chosen, 'a'))).toMatchObject({ host: 'electron' });
    await disposeShells();

    const env = await bootMain({ env: { TESSERA_DATA_DIR: join(chosen, 'b') } });
    expect(env.electron.app.getPath('userData')).toBe(join(chosen, 'b'));
    await disposeShells();

    const installed = await bootMain({ isPackaged: true, args: [`--data-dir=${join(chosen, 'c')}`] });
    expect(installed.electron.app.getPath('userData')).toBe(installed.dataDir);
    expect(existsSync(join(chosen, 'c'))).toBe(false);
    expect(installed.log()).toContain('"dataDirOverride":"argument (ignored: packaged)"');
  });
});

describe('quitting', () => {
  /** A running token service whose key was just used (its last use is written lazily). */
  async function serviceInUse(shell: MainShell): Promise<{ port: number; keyId: string }> {
    const port = await freePort();
    expect((await shell.call('updateSettings', { servicePort: port })).ok).toBe(true);
    const created = await shell.call('createAccessKey', { name: 'Till software', profiles: null });
    if (!created.ok) throw new Error(created.error.code);
    await eventually(async () => expect(await shell.call('getServiceStatus')).toMatchObject({ ok: true, value: { running: true, port } }));
    const answer = await fetch(`http://127.0.0.1:${port}/v1/profiles`, { headers: { Authorization: `Bearer ${created.value.key}` } });
    expect(answer.status).toBe(200);
    // Not on disk yet: a last use is bookkeeping, written within 10 s.
    expect(storeOf(shell).accessKeys[0]!.lastUsedAt).toBeNull();
    return { port, keyId: created.value.accessKey.id };
  }

  async function expectCleanQuit(shell: MainShell, port: number): Promise<void> {
    expect(await shell.exited()).toBe(0);
    expect(storeOf(shell).accessKeys[0]!.lastUsedAt).toEqual(expect.any(Number));
    await expect(fetch(`http://127.0.0.1:${port}/v1/hello`)).rejects.toThrow();
    expect(existsSync(join(shell.dataDir, LOCK_FILE))).toBe(false);
    expect(shell.tray()!.isDestroyed()).toBe(true);
    expect(shell.log()).toMatch(/\[info\]\s+stopped/);
  }

  it('app.quit() flushes pending writes, closes the token service and releases the folder', async () => {
    const shell = await bootMain();
    const { port } = await serviceInUse(shell);
    shell.electron.app.quit();
    await expectCleanQuit(shell, port);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('%s quits the same clean way', async (signal) => {
    const shell = await bootMain();
    const { port } = await serviceInUse(shell);
    const [handler] = shell.mainListeners(signal);
    expect(handler).toBeDefined();
    handler!(signal);
    await expectCleanQuit(shell, port);
  });

  it('the OS shutting down (Linux, macOS) is asked to wait, and the app quits cleanly meanwhile', async () => {
    const shell = await bootMain();
    const { port } = await serviceInUse(shell);
    // Electron delays the shutdown only for a listener that calls preventDefault().
    expect(shell.electron.powerMonitor.shutdown()).toBe(true);
    expect(shell.log()).toContain('system shutting down');
    await expectCleanQuit(shell, port);
  });

  it('Windows ending the session lets the window close and quits cleanly', async () => {
    const shell = await bootMain({ platform: 'win32' });
    const { port } = await serviceInUse(shell);
    const win = await shell.loadedWindow();
    win.endSession(['shutdown']);
    expect(shell.log()).toContain('session ending');
    await expectCleanQuit(shell, port);
    expect(win.isDestroyed()).toBe(true);
  });

  it('on macOS, closing the last window neither quits nor closes it', async () => {
    const shell = await bootMain({ platform: 'darwin', trayAvailable: false });
    const win = await shell.loadedWindow();
    win.close();
    expect(win.isDestroyed()).toBe(false);
    await new Promise((resolve) => setImmediate(resolve));
    expect(shell.electron.app.hasExited).toBe(false);
    shell.electron.app.activate();
    expect(win.isVisible()).toBe(true);
  });

  it('does not hang on a core that never finishes closing', async () => {
    const shell = await bootMain();
    const { TesseraCore: Core } = await shell.mainModule<{ TesseraCore: typeof TesseraCore }>('electron/core/tessera-core.ts');
    let release!: () => void;
    const close = vi.spyOn(Core.prototype, 'close');
    close.mockImplementation(function (this: TesseraCore) {
      close.mockRestore();
      // Hangs until released, then closes for real (so nothing outlives the test).
      return new Promise<void>((resolve) => (release = () => void this.close().then(resolve)));
    });
    const started = Date.now();
    expect(await shell.quit()).toBe(0);
    // SHUTDOWN_TIMEOUT_MS in index.ts.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
    release();
  });
});

describe('failures', () => {
  it('the last resort logs a failure nobody caught, redacted, and puts the engine back on its feet', async () => {
    const shell = await bootMain();
    const wake = await spyOnWake(shell);
    const [onException] = shell.mainListeners('uncaughtException');
    const [onRejection] = shell.mainListeners('unhandledRejection');
    expect(onException).toBeDefined();
    expect(onRejection).toBeDefined();
    onException!(new RangeError('secret-in-a-main-process-error-7731'));
    expect(shell.log()).toContain('caught by the last resort; Tessera keeps running {"kind":"uncaughtException","name":"RangeError"');
    expect(shell.log()).not.toContain('secret-in-a-main-process-error-7731');
    expect(wake).toHaveBeenCalledTimes(1);
    expect(shell.electron.dialog.errorBoxes).toEqual([]);
    expect((await shell.call('getAppInfo')).ok).toBe(true);
  });

  it('a built-in sandbox that cannot start does not stop the app', async () => {
    const shell = await bootMain({
      replace: {
        'electron/core/simulator/index.ts': {
          startSandbox: () => Promise.reject(Object.assign(new Error('listen EACCES'), { code: 'EACCES' })),
        },
      },
    });
    expect(await shell.call('getAppInfo')).toMatchObject({ ok: true, value: { sandboxRunning: false, sandboxProviders: [] } });
    expect(shell.log()).toContain('built-in sandbox could not start {"name":"Error","code":"EACCES"}');
    expect(shell.log()).toContain('"sandbox":false');
  });

  it('a core that fails to close is logged, and the app still quits', async () => {
    const shell = await bootMain();
    const { TesseraCore: Core } = await shell.mainModule<{ TesseraCore: typeof TesseraCore }>('electron/core/tessera-core.ts');
    const close = vi.spyOn(Core.prototype, 'close');
    close.mockImplementation(async function (this: TesseraCore) {
      // Closes for real (the sandbox and service go), then reports a failure.
      close.mockRestore();
      await this.close();
      throw new RangeError('token service said no');
    });
    expect(await shell.quit()).toBe(0);
    expect(shell.log()).toContain('shutdown failed {"name":"RangeError"}');
    expect(shell.log()).not.toContain('token service said no');
  });

  it('a start-up failure says where the details are, and exits', async () => {
    const shell = await bootMain({ ready: false });
    const { TesseraCore: Core } = await shell.mainModule<{ TesseraCore: typeof TesseraCore }>('electron/core/tessera-core.ts');
    vi.spyOn(Core, 'create').mockRejectedValue(new SyntaxError('an unreadable value secret-5518'));
    shell.electron.app.emitReady();
    expect(await shell.exited()).toBe(1);
    expect(shell.electron.dialog.errorBoxes).toEqual([
      { title: 'Tessera could not start', content: `Details were written to ${join(shell.dataDir, 'logs', 'main.log')}.` },
    ]);
    expect(shell.log()).toContain('startup failed {"name":"SyntaxError"}');
    expect(shell.log()).not.toContain('secret-5518');
  });
});
