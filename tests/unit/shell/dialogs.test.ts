// The native dialogs main opens for the page: the token file's save dialog and the bundles'
// save and open dialogs, modal to the window, in the app's language; what the user picks goes
// to core, and the page never names a path itself.
import { dirname, join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import type { ProfileDraft } from '#common/contract';

import { findProvider } from '../../../electron/core/providers';
import { bootMain, disposeShells, type MainShell, OUTSIDE_RENDERER } from '../../support/main-shell';
import { tempDir } from '../../support/temp-dir';

afterEach(disposeShells);

const draft: ProfileDraft = {
  name: 'Till 1 (front)',
  provider: 'factus',
  environment: { kind: 'sandbox' },
  credentials: { ...findProvider('factus')!.info.sandboxDemo },
};

async function profile(shell: MainShell): Promise<string> {
  const created = await shell.call('createProfile', draft);
  if (!created.ok) throw new Error(created.error.code);
  return created.value.id;
}

describe('the token file dialog', () => {
  it('asks where, modal to the window, and the chosen file becomes the token file', async () => {
    const shell = await bootMain();
    const id = await profile(shell);
    const target = join(tempDir('tessera-token-'), 'till.token');
    shell.electron.dialog.answerSave = () => ({ canceled: false, filePath: target });

    const chosen = await shell.call('chooseTokenFile', { id });
    expect(chosen).toMatchObject({ ok: true, value: { id, fileSink: { path: target } } });
    const [dialog] = shell.electron.dialog.shown;
    expect(dialog!.parent).toBe(await shell.loadedWindow());
    expect(dialog!.options).toEqual({
      title: 'Token file for “Till 1 (front)”',
      buttonLabel: 'Use this file',
      defaultPath: join(shell.electron.app.getPath('documents'), 'till-1-front.token'),
      properties: ['createDirectory'],
    });
    // The page cannot name a file itself in the app.
    expect(await shell.call('setFileSink', { id, path: join(tempDir('tessera-token-'), 'x.token') })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it("refuses a file inside Tessera's own folders: its data, its code, the Electron runtime", async () => {
    const shell = await bootMain();
    const id = await profile(shell);
    for (const folder of [shell.dataDir, shell.electron.app.getAppPath(), shell.resourcesPath, dirname(process.execPath)]) {
      shell.electron.dialog.answerSave = () => ({ canceled: false, filePath: join(folder, 'till.token') });
      expect(await shell.call('chooseTokenFile', { id }), folder).toEqual({
        ok: false,
        error: { code: 'validation', issues: [{ path: 'path', message: 'tokenFileRules.protectedFolder' }] },
      });
    }
  });

  it('cancelled, nothing changes; a second request while it is open opens no second dialog', async () => {
    const shell = await bootMain();
    const id = await profile(shell);
    let answer!: (value: Electron.SaveDialogReturnValue) => void;
    shell.electron.dialog.answerSave = () => new Promise((resolve) => (answer = resolve));

    const first = shell.call('chooseTokenFile', { id });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await shell.call('chooseTokenFile', { id })).toEqual({ ok: true, value: null });
    expect(shell.electron.dialog.shown).toHaveLength(1);
    answer({ canceled: true, filePath: '' });
    expect(await first).toEqual({ ok: true, value: null });
    expect(await shell.call('listProfiles')).toMatchObject({ ok: true, value: [{ fileSink: null }] });
  });

  it('a dialog that fails is logged and counts as cancelled', async () => {
    const shell = await bootMain();
    const id = await profile(shell);
    shell.electron.dialog.answerSave = () => Promise.reject(new TypeError('no portal'));
    expect(await shell.call('chooseTokenFile', { id })).toEqual({ ok: true, value: null });
    expect(shell.log()).toContain('the token file dialog failed {"name":"TypeError"}');
  });

  it("speaks the app's language", async () => {
    const shell = await bootMain();
    const id = await profile(shell);
    await shell.call('updateSettings', { language: 'es' });
    await shell.call('chooseTokenFile', { id });
    expect(shell.electron.dialog.shown[0]!.options).toMatchObject({ title: 'Archivo del token de «Till 1 (front)»' });
  });
});

describe('the bundle dialogs', () => {
  it('export asks where to save a .tessera file, suggesting a dated name in Documents', async () => {
    const shell = await bootMain();
    const id = await profile(shell);
    expect(await shell.call('exportProfiles', { ids: [id], withSecrets: false, passphrase: 'correct horse battery' })).toEqual({
      ok: true,
      value: { kind: 'cancelled' },
    });
    const [dialog] = shell.electron.dialog.shown;
    expect(dialog).toMatchObject({
      kind: 'save',
      options: {
        title: 'Export profiles',
        buttonLabel: 'Export',
        filters: [{ name: 'Tessera profile bundles', extensions: ['tessera'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      },
    });
    expect((dialog!.options as Electron.SaveDialogOptions).defaultPath).toMatch(
      new RegExp(
        `^${shell.electron.app.getPath('documents').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/tessera-profiles-\\d{4}-\\d{2}-\\d{2}\\.tessera$`,
      ),
    );
    expect(dialog!.parent).toBe(await shell.loadedWindow());
  });

  it('import opens the chosen file for core to read (here, one that is no bundle)', async () => {
    const shell = await bootMain();
    shell.electron.dialog.answerOpen = () => ({ canceled: false, filePaths: [OUTSIDE_RENDERER] });
    const opened = await shell.call('openBundleFile', { kind: 'dialog' });
    expect(opened).toMatchObject({ ok: false, error: { code: 'bundle', bundle: { reason: 'not_bundle' } } });
    expect(shell.electron.dialog.shown[0]).toMatchObject({
      kind: 'open',
      options: {
        title: 'Import profiles',
        buttonLabel: 'Open',
        filters: [{ name: 'Tessera profile bundles', extensions: ['tessera'] }],
        properties: ['openFile'],
      },
    });

    shell.electron.dialog.answerOpen = () => ({ canceled: true, filePaths: [] });
    expect(await shell.call('openBundleFile', { kind: 'dialog' })).toEqual({ ok: true, value: null });
  });
});
