// The contract on Electron IPC, as main binds it: exactly one channel per contract method (the
// list comes from the contract, so a new method is covered here without editing this file),
// each answering only the app window's main frame on the app origin. Every forged sender gets
// `forbidden` without core running anything; core's events reach the window and nothing else.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, afterEach, beforeAll, describe, expect, it, type MockInstance, vi } from 'vitest';

import { channelName, EVENT_CHANNEL, type Method, METHODS } from '#common/contract';

import { findProvider } from '../../../electron/core/providers';
import type { TesseraCore } from '../../../electron/core/tessera-core';
import { eventually } from '../../support/eventually';
import type { FakeBrowserWindow, FakeWebContents } from '../../support/fake-electron';
import { bootMain, disposeShells, type MainShell } from '../../support/main-shell';

const FORBIDDEN = { ok: false, error: { code: 'forbidden' } };

/** An input each method accepts, so a refusal can only be the sender check's. */
function validInput(method: Method): unknown {
  const inputs: Partial<Record<Method, unknown>> = {
    createProfile: {
      name: 'Till 1',
      provider: 'factus',
      environment: { kind: 'sandbox' },
      credentials: { ...findProvider('factus')!.info.sandboxDemo },
    },
    updateSettings: { language: 'es' },
    createAccessKey: { name: 'Till software', profiles: null },
    setInstallerPin: { newPin: '4071592638' },
    unlock: { pin: '4071592638' },
    resetInstallerPin: { confirm: 'delete-all-secrets' },
    openBundleFile: { kind: 'dialog' },
  };
  return inputs[method] ?? { id: 'p1' };
}

/** Spies on core's dispatch, as main's own module instance has it. */
async function spyOnDispatch(shell: MainShell) {
  const { TesseraCore: Core } = await shell.mainModule<{ TesseraCore: typeof TesseraCore }>('electron/core/tessera-core.ts');
  return vi.spyOn(Core.prototype, 'dispatch');
}

describe('the contract on IPC', () => {
  afterEach(disposeShells);

  it('binds exactly one channel per contract method, and removes them on quit', async () => {
    const shell = await bootMain();
    expect(shell.electron.ipcMain.channels.sort()).toEqual(METHODS.map(channelName).sort());
    await shell.quit();
    expect(shell.electron.ipcMain.channels).toEqual([]);
  });

  it("answers the window's main frame, passing the input to core untouched", async () => {
    const shell = await bootMain();
    const dispatch = await spyOnDispatch(shell);
    const info = await shell.call('getAppInfo');
    expect(info).toMatchObject({ ok: true, value: { host: 'electron', secretBox: { available: true } } });
    expect(dispatch).toHaveBeenLastCalledWith('getAppInfo', undefined);
    // Core parses: a malformed input is core's bad_request, not a crash in main.
    const win = await shell.loadedWindow();
    expect(await win.contents.invoke(channelName('removeProfile'), [{ id: 42, extra: true }])).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
  });

  it('a disposed main frame is refused (reading it throws)', async () => {
    const shell = await bootMain();
    const win = await shell.loadedWindow();
    win.contents.fakeMainFrame.dispose();
    expect(await win.contents.invoke(channelName('getAppInfo'), [undefined])).toEqual(FORBIDDEN);
  });

  it('a forged call changes nothing: no profile is created', async () => {
    const shell = await bootMain();
    const win = await shell.loadedWindow();
    const subframe = win.contents.addSubframe('app://tessera/index.html');
    expect(await win.contents.invoke(channelName('createProfile'), [validInput('createProfile')], subframe)).toEqual(FORBIDDEN);
    expect(await shell.call('listProfiles')).toEqual({ ok: true, value: [] });
  });

  it('a throw inside core becomes `internal`, logged by name only', async () => {
    const shell = await bootMain();
    const dispatch = await spyOnDispatch(shell);
    dispatch.mockRejectedValueOnce(new TypeError('password-7731 leaked into a message'));
    expect(await shell.call('listProfiles')).toEqual({ ok: false, error: { code: 'internal' } });
    expect(shell.log()).toContain('ipc handler failed {"method":"listProfiles","name":"TypeError"}');
    expect(shell.log()).not.toContain('password-7731');
  });

  it("sends core's events to the window on one channel, only while it shows the app", async () => {
    const shell = await bootMain();
    const win = await shell.loadedWindow();
    expect((await shell.call('updateSettings', { language: 'pt' })).ok).toBe(true);
    const settings = shell.eventsSent().find((e) => e.type === 'settings');
    expect(settings).toMatchObject({ type: 'settings', settings: { language: 'pt' } });
    expect(new Set(win.contents.sent.map((s) => s.channel))).toEqual(new Set([EVENT_CHANNEL]));

    // A window that shows another page (by a way main does not allow) hears nothing.
    expect((await shell.call('setInstallerPin', { newPin: '4071592638' })).ok).toBe(true);
    // The tray offers Lock now once it has caught up with the lock's state.
    await eventually(() => expect(shell.tray()!.item('lock')?.visible).toBe(true));
    const before = win.contents.sent.length;
    win.contents.showElsewhere('https://example.com/');
    shell.tray()!.clickItem('lock');
    win.contents.showElsewhere('app://tessera/index.html');
    expect(win.contents.sent.length).toBe(before);
    expect(await shell.call('getLockState')).toMatchObject({ ok: true, value: { locked: true } });
  });

  it("leaves no library's IPC channel open: electron-store's is removed once the store is open", async () => {
    const shell = await bootMain({ ready: false });
    await shell.ready();
    expect(shell.electron.ipcMain.listenerCount('electron-store-get-data')).toBe(0);
    // The store really is electron-store, on this data folder.
    await shell.call('updateSettings', { language: 'es' });
    await shell.quit();
    expect(JSON.parse(readFileSync(join(shell.dataDir, 'tessera.json'), 'utf8'))).toMatchObject({ settings: { language: 'es' } });
  });
});

describe('forged senders', () => {
  // One app for every method: a refused call changes nothing, so the cases cannot disturb
  // each other.
  let shell: MainShell;
  let win: FakeBrowserWindow;
  let otherContents: FakeWebContents;
  let dispatch: MockInstance<TesseraCore['dispatch']>;

  beforeAll(async () => {
    shell = await bootMain();
    win = await shell.loadedWindow();
    dispatch = await spyOnDispatch(shell);
    // Another window, even one showing the app's own page.
    const other = new shell.electron.module.BrowserWindow({ show: false });
    otherContents = shell.electron.windows.find((w) => w.id === other.id)!.contents;
    await otherContents.loadURL('app://tessera/index.html');
  });
  afterAll(disposeShells);

  it.each(METHODS)('%s refuses every sender but the app window main frame, before core runs', async (method) => {
    dispatch.mockClear();
    const channel = channelName(method);
    const input = [validInput(method)];

    expect(await otherContents.invoke(channel, input), 'another window').toEqual(FORBIDDEN);

    // A frame inside the app page, on the app origin.
    const subframe = win.contents.addSubframe('app://tessera/index.html');
    expect(await win.contents.invoke(channel, input, subframe), 'a subframe').toEqual(FORBIDDEN);

    // The main frame once it shows something else (the sender check reads it at each call).
    win.contents.fakeMainFrame.setUrl('https://example.com/');
    expect(await win.contents.invoke(channel, input), 'the main frame off origin').toEqual(FORBIDDEN);
    win.contents.fakeMainFrame.setUrl('app://tessera/index.html');

    // A frame Electron no longer knows (null).
    expect(await win.contents.invoke(channel, input, null), 'no frame').toEqual(FORBIDDEN);

    expect(dispatch).not.toHaveBeenCalled();
    expect(shell.log()).toContain(`ipc call refused: not from the app window {"method":"${method}"}`);
  });
});
