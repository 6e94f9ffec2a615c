// The tray as main wires it to core, read the way the user sees it: the icon's colour and the
// tooltip follow the profiles, the menu opens the window, renews everything, offers "Lock now"
// exactly while the installer lock is open, follows the language, and quits cleanly.
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { ProfileDraft } from '#common/contract';

import { findProvider } from '../../../electron/core/providers';
import type { TokenEngine } from '../../../electron/core/tokens/engine';
import type { TestHooks } from '../../../electron/main/test-hooks';
import { eventually } from '../../support/eventually';
import type { FakeNativeImage } from '../../support/fake-electron';
import { bootMain, disposeShells, type MainShell } from '../../support/main-shell';

afterEach(async () => {
  vi.restoreAllMocks();
  await disposeShells();
});

const demo = findProvider('factus')!.info.sandboxDemo;
const draft: ProfileDraft = { name: 'Till 1', provider: 'factus', environment: { kind: 'sandbox' }, credentials: { ...demo } };

/** Waits for the tray to catch up (it updates at most every 500 ms). */
function until(check: () => void): Promise<void> {
  return eventually(check);
}

function imageOf(shell: MainShell): FakeNativeImage {
  return shell.tray()!.image as FakeNativeImage;
}

describe('the tray', () => {
  it('starts with a grey dot, the summary as tooltip and first menu line, and nothing to renew', async () => {
    const shell = await bootMain();
    const tray = shell.tray()!;
    expect(tray.tooltip).toBe('Tessera — No profiles yet');
    expect(tray.labels).toEqual(['Tessera — No profiles yet', '---', 'Open Tessera', 'Refresh all', '---', 'Quit Tessera']);
    expect(tray.item('status')!.enabled).toBe(false);
    expect(tray.item('refresh-all')!.enabled).toBe(false);
    // A 16 px icon with a 32 px one for HiDPI screens.
    const image = imageOf(shell);
    expect(image.isEmpty()).toBe(false);
    expect(image.getSize()).toEqual({ width: 16, height: 16 });
    expect(image.representations.map((r) => [r.scaleFactor, r.width])).toEqual([
      [1, 16],
      [2, 32],
    ]);
  });

  it('follows the profiles: a new profile changes the colour and the summary, and can be renewed from the menu', async () => {
    const shell = await bootMain();
    const tray = shell.tray()!;
    const grey = imageOf(shell).toPNG();
    expect((await shell.call('createProfile', draft)).ok).toBe(true);
    await until(() => expect(tray.tooltip).toBe('Tessera — The profile can get a token'));
    expect(imageOf(shell).toPNG().equals(grey)).toBe(false);
    expect(tray.item('refresh-all')!.enabled).toBe(true);

    tray.clickItem('refresh-all');
    expect(shell.log()).toContain('refresh all from the tray');
  });

  it('touches the OS only when what it shows changed', async () => {
    const shell = await bootMain();
    const tray = shell.tray()!;
    const before = { ...tray.updates };
    // A setting the tray does not show, then one it does.
    expect((await shell.call('updateSettings', { startAtLogin: true })).ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(tray.updates).toEqual(before);
    expect((await shell.call('updateSettings', { language: 'pt' })).ok).toBe(true);
    await until(() => expect(tray.updates.menu).toBe(before.menu + 1));
  });

  it('offers "Lock now" only while the installer lock is open, and it locks', async () => {
    const shell = await bootMain();
    const tray = shell.tray()!;
    expect(tray.item('lock')!.visible).toBe(false);
    expect((await shell.call('setInstallerPin', { newPin: '4071592638' })).ok).toBe(true);
    await until(() => expect(tray.labels).toContain('Lock now'));

    tray.clickItem('lock');
    expect(await shell.call('getLockState')).toMatchObject({ ok: true, value: { pinSet: true, locked: true } });
    await until(() => expect(tray.labels).not.toContain('Lock now'));
    // Locked, the window's installer calls are refused by core, whatever main does.
    expect(await shell.call('updateSettings', { startAtLogin: true })).toEqual({ ok: false, error: { code: 'locked' } });
  });

  it('follows the language setting', async () => {
    const shell = await bootMain();
    const tray = shell.tray()!;
    expect((await shell.call('updateSettings', { language: 'es' })).ok).toBe(true);
    await until(() =>
      expect(tray.labels).toEqual([
        'Tessera — Todavía no hay perfiles',
        '---',
        'Abrir Tessera',
        'Renovar todos',
        '---',
        'Salir de Tessera',
      ]),
    );
    expect(tray.tooltip).toBe('Tessera — Todavía no hay perfiles');
  });

  it('"Open" brings the hidden window back; "Quit" quits, cleanly, and removes the icon', async () => {
    const shell = await bootMain();
    const tray = shell.tray()!;
    const win = await shell.loadedWindow();
    win.close();
    expect(win.isVisible()).toBe(false);
    tray.clickItem('open');
    expect(win.isVisible()).toBe(true);

    tray.clickItem('quit');
    expect(await shell.exited()).toBe(0);
    expect(tray.isDestroyed()).toBe(true);
    expect(shell.log()).toMatch(/\[info\]\s+stopped/);
  });

  it('a failed "Refresh all" is logged by name', async () => {
    const shell = await bootMain();
    expect((await shell.call('createProfile', draft)).ok).toBe(true);
    await until(() => expect(shell.tray()!.item('refresh-all')!.enabled).toBe(true));
    const { TokenEngine: Engine } = await shell.mainModule<{ TokenEngine: typeof TokenEngine }>('electron/core/tokens/engine.ts');
    vi.spyOn(Engine.prototype, 'refreshAll').mockRejectedValueOnce(new TypeError('boom'));
    shell.tray()!.clickItem('refresh-all');
    await until(() => expect(shell.log()).toContain('refresh all failed {"name":"TypeError"}'));
  });

  it('the Electron specs can read and click it through the test hooks, only unpackaged and when asked', async () => {
    const dev = await bootMain({ env: { TESSERA_TEST_HOOKS: '1' } });
    const hooks = (globalThis as unknown as Record<string, TestHooks | undefined>).__tesseraTest!;
    expect(hooks.tray()).toMatchObject({ alive: true, level: 'none', tooltip: 'Tessera — No profiles yet' });
    expect(hooks.tray()!.items.map((i) => i.id)).toEqual(['status', '', 'open', 'refresh-all', '', 'quit']);
    (await dev.loadedWindow()).close();
    hooks.clickTray('open');
    expect(dev.window()!.isVisible()).toBe(true);
    expect(dev.log()).toContain('test hooks exposed');
    await disposeShells();
    expect(globalThis).not.toHaveProperty('__tesseraTest');

    await bootMain({ isPackaged: true, env: { TESSERA_TEST_HOOKS: '1' } });
    expect(globalThis).not.toHaveProperty('__tesseraTest');
  });

  it('on Windows a click on the icon opens the window; elsewhere it opens the menu only', async () => {
    const windows = await bootMain({ platform: 'win32' });
    const win = await windows.loadedWindow();
    win.close();
    windows.tray()!.clickIcon();
    expect(win.isVisible()).toBe(true);
    await disposeShells();

    const linux = await bootMain({ platform: 'linux' });
    const linuxWin = await linux.loadedWindow();
    linuxWin.close();
    linux.tray()!.clickIcon();
    expect(linuxWin.isVisible()).toBe(false);
  });
});
