// The app window as main builds it, in the in-memory Electron: its web preferences, its page
// from app://, shown once painted, hidden (not closed) by the close button while the tray
// holds the app, brought back by the tray, and closed for real when there is nowhere to come
// back from.
import { isAbsolute, join, relative } from 'node:path';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { bootMain, disposeShells } from '../../support/main-shell';

afterEach(disposeShells);

const MAIN_DIR = join(import.meta.dirname, '../../../electron/main');

describe('the window', () => {
  it('is sandboxed and context-isolated, without Node, with the bundled preload', async () => {
    const shell = await bootMain();
    expect(shell.electron.app.sandboxed).toBe(true);
    const win = await shell.loadedWindow();
    const prefs = win.options.webPreferences!;
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    });
    // Electron needs an absolute preload path; electron.vite.config.ts emits the preload as
    // out/preload/index.cjs beside out/main, where main's bundle runs.
    expect(isAbsolute(prefs.preload!)).toBe(true);
    expect(relative(MAIN_DIR, prefs.preload!)).toBe(join('..', 'preload', 'index.cjs'));
    // The page has no other way in: no experimental or extra Blink features.
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('experimentalFeatures');
  });

  it('shows app://tessera/index.html from the renderer folder, once painted', async () => {
    const shell = await bootMain({ ready: false });
    const { app } = shell.electron;
    await shell.ready();
    const win = await shell.loadedWindow();
    expect(win.options.show).toBe(false);
    expect(win.contents.getURL()).toBe('app://tessera/index.html');
    expect(await win.contents.lastResponse!.clone().text()).toContain('<title>Tessera</title>');
    expect(win.isVisible()).toBe(true);
    expect(win.isFocused()).toBe(true);
    expect(app.isReady()).toBe(true);
  });

  it('closing it hides it: the app keeps running in the tray, and the page still reaches core', async () => {
    const shell = await bootMain();
    const win = await shell.loadedWindow();
    win.close();
    expect(win.isDestroyed()).toBe(false);
    expect(win.isVisible()).toBe(false);
    expect(shell.electron.app.hasExited).toBe(false);
    expect((await shell.call('getAppInfo')).ok).toBe(true);

    // The tray brings it back, restored and focused.
    win.minimize();
    shell.tray()!.clickItem('open');
    expect(win.isVisible()).toBe(true);
    expect(win.isMinimized()).toBe(false);
    expect(win.isFocused()).toBe(true);
    expect(shell.electron.windows).toHaveLength(1);
  });

  it('without a tray, closing the window quits the app cleanly', async () => {
    const shell = await bootMain({ trayAvailable: false });
    expect(shell.tray()).toBeUndefined();
    expect(shell.log()).toContain('no tray icon: the desktop offers none');
    const win = await shell.loadedWindow();
    win.close();
    expect(win.isDestroyed()).toBe(true);
    expect(await shell.exited()).toBe(0);
    expect(shell.log()).toMatch(/\[info\]\s+stopped/);
  });

  it('on macOS, a full-screen window leaves full screen before hiding; the dock brings it back', async () => {
    const shell = await bootMain({ platform: 'darwin' });
    const win = await shell.loadedWindow();
    win.setFullScreen(true);
    await new Promise((resolve) => setImmediate(resolve));
    win.close();
    expect(win.isFullScreen()).toBe(false);
    // Hidden only once out of full screen (a black space otherwise).
    expect(win.isVisible()).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(win.isVisible()).toBe(false);

    shell.electron.app.activate();
    expect(win.isVisible()).toBe(true);
  });

  it('a renderer that died is started again: at once, then at most once a minute', async () => {
    const shell = await bootMain();
    const { RENDERER_RESTART_GAP_MS } = await shell.mainModule<{ RENDERER_RESTART_GAP_MS: number }>('electron/main/window.ts');
    const win = await shell.loadedWindow();
    const firstProcess = win.contents.fakeMainFrame.processId;
    win.contents.renderProcessGone({ reason: 'crashed', exitCode: 139 });
    expect(shell.log()).toMatch(/\[error\]\s+renderer process gone \{"reason":"crashed","exitCode":139\}/);
    // A new renderer on the app's page, which reaches core again.
    const reloaded = await shell.loadedWindow();
    expect(reloaded.contents.getURL()).toBe('app://tessera/index.html');
    expect(reloaded.contents.fakeMainFrame.processId).not.toBe(firstProcess);
    expect((await shell.call('getAppInfo')).ok).toBe(true);

    // Dying again within the minute: started again only once the minute is over.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      win.contents.renderProcessGone({ reason: 'oom', exitCode: 0 });
      win.contents.renderProcessGone({ reason: 'oom', exitCode: 0 });
      vi.advanceTimersByTime(RENDERER_RESTART_GAP_MS - 1_000);
      expect(win.contents.getURL()).toBe('');
      vi.advanceTimersByTime(1_000);
    } finally {
      vi.useRealTimers();
    }
    expect((await shell.loadedWindow()).contents.getURL()).toBe('app://tessera/index.html');
    expect(shell.log().match(/restarting the renderer/g)).toHaveLength(2);
  });

  it('a renderer that exited cleanly (the window closing) is not started again', async () => {
    const shell = await bootMain();
    const win = await shell.loadedWindow();
    win.contents.renderProcessGone({ reason: 'clean-exit', exitCode: 0 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(win.contents.getURL()).toBe('');
    expect(shell.log()).not.toContain('restarting the renderer');
  });
});
