// Desktop integration in the real app: closing the window leaves Tessera running in the tray,
// the tray, a second launch and a notification bring the window back, the tray's Quit quits,
// the tray follows the language setting, and a profile entering needs-attention shows one OS
// notification.
//
// The tray is read through the test hooks (TESSERA_TEST_HOOKS=1, honoured only unpackaged):
// Electron cannot list trays. Notifications are observed by replacing Notification's `show`
// in the main process, so nothing reaches the desktop and no hook is needed for them.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import type { ElectronApplication } from '@playwright/test';

import type { ProfileDraft } from '#common/contract';

import { findProvider } from '../../electron/core/providers';
import type { TestHooks } from '../../electron/main/test-hooks';
import { electronExecutable, expect, NO_BINARY_REASON, type PageGlobals, ROOT, test } from './support/electron-app';

test.skip(!electronExecutable(), NO_BINARY_REASON);
test.use({ appEnv: { TESSERA_TEST_HOOKS: '1' } });

/**
 * What the specs read on main's global object. (Functions passed to app.evaluate run in the
 * main process: they may use their arguments and globals, never this file's bindings.)
 */
interface MainGlobals {
  __tesseraTest: TestHooks;
  __shown?: { title: string; body: string; emit(event: string): boolean }[];
}

async function windows(app: ElectronApplication) {
  return app.evaluate(({ BrowserWindow }) =>
    BrowserWindow.getAllWindows().map((w) => ({ visible: w.isVisible(), destroyed: w.isDestroyed() })),
  );
}

async function closeWindow(app: ElectronApplication): Promise<void> {
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
  await expect.poll(() => windows(app)).toEqual([{ visible: false, destroyed: false }]);
}

test('closing the window keeps Tessera running in the tray; the tray brings the window back', async ({ app, page }) => {
  const tray = await app.evaluate(() => (globalThis as unknown as MainGlobals).__tesseraTest.tray());
  expect(tray).toMatchObject({ alive: true, level: 'none', tooltip: 'Tessera — No profiles yet' });
  expect(tray!.items.filter((i) => i.type !== 'separator').map((i) => [i.id, i.label])).toEqual([
    ['status', 'Tessera — no profiles yet'],
    ['open', 'Open Tessera'],
    ['refresh-all', 'Refresh all'],
    ['quit', 'Quit Tessera'],
  ]);

  await closeWindow(app);
  // Still running: main answers, the tray is there, and the hidden page still reaches core.
  expect(await app.evaluate(({ app: electronApp }) => electronApp.isReady())).toBe(true);
  expect(await app.evaluate(() => (globalThis as unknown as MainGlobals).__tesseraTest.tray()?.alive)).toBe(true);
  const info = await page.evaluate(() => (globalThis as unknown as PageGlobals).tessera!.getAppInfo());
  expect(info.ok).toBe(true);

  await app.evaluate(() => (globalThis as unknown as MainGlobals).__tesseraTest.clickTray('open'));
  await expect.poll(() => windows(app)).toEqual([{ visible: true, destroyed: false }]);
});

test('a second launch hands over and shows the hidden window', async ({ app, dataDir }) => {
  await closeWindow(app);
  // The second instance finds the lock taken, tells the first one, and leaves.
  await promisify(execFile)(electronExecutable()!, [ROOT, `--data-dir=${dataDir}`], { cwd: ROOT, timeout: 30_000 });
  await expect.poll(() => windows(app)).toEqual([{ visible: true, destroyed: false }]);
});

test("the tray's Quit quits, even with the window hidden", async ({ app }) => {
  await closeWindow(app);
  const closed = app.waitForEvent('close');
  // The quit may end the process before the answer comes back.
  await app.evaluate(() => (globalThis as unknown as MainGlobals).__tesseraTest.clickTray('quit')).catch(() => undefined);
  await closed;
});

test('the tray follows the language setting', async ({ app, page }) => {
  const updated = await page.evaluate(() => (globalThis as unknown as PageGlobals).tessera!.updateSettings({ language: 'es' }));
  expect(updated.ok).toBe(true);
  await expect
    .poll(() =>
      app.evaluate(() =>
        (globalThis as unknown as MainGlobals).__tesseraTest
          .tray()
          ?.items.map((i) => i.label)
          .filter(Boolean),
      ),
    )
    .toEqual(['Tessera — Todavía no hay perfiles', 'Abrir Tessera', 'Renovar todos', 'Salir de Tessera']);
});

test('the tray offers "Lock now" only while the installer lock is open, and it locks', async ({ app, page }) => {
  const items = () => app.evaluate(() => (globalThis as unknown as MainGlobals).__tesseraTest.tray()?.items.map((i) => i.id));
  expect(await items()).not.toContain('lock');
  const set = await page.evaluate(() => (globalThis as unknown as PageGlobals).tessera!.setInstallerPin({ newPin: '4071592638' }));
  expect(set).toMatchObject({ ok: true, value: { pinSet: true, locked: false } });
  await expect.poll(items).toContain('lock');
  await app.evaluate(() => (globalThis as unknown as MainGlobals).__tesseraTest.clickTray('lock'));
  const state = await page.evaluate(() => (globalThis as unknown as PageGlobals).tessera!.getLockState());
  expect(state).toMatchObject({ ok: true, value: { pinSet: true, locked: true } });
  await expect.poll(items).not.toContain('lock');
  // Locked, the window's installer calls are refused by core, whatever main does.
  const refused = await page.evaluate(() => (globalThis as unknown as PageGlobals).tessera!.updateSettings({ startAtLogin: true }));
  expect(refused).toEqual({ ok: false, error: { code: 'locked' } });
});

test('a profile entering needs-attention shows one notification, and clicking it opens the window', async ({ app, page }) => {
  await app.evaluate(({ Notification }) => {
    const shown: MainGlobals['__shown'] = [];
    Notification.isSupported = () => true;
    Notification.prototype.show = function (this: NonNullable<MainGlobals['__shown']>[number]) {
      shown.push(this);
    };
    (globalThis as unknown as MainGlobals).__shown = shown;
  });
  await closeWindow(app);

  const draft: ProfileDraft = {
    name: 'Till 1',
    provider: 'factus',
    environment: { kind: 'sandbox' },
    // The sandbox refuses this password with invalid_grant: a credentials failure.
    credentials: { ...findProvider('factus')!.info.sandboxDemo, password: 'not-the-password' },
  };
  const created = await page.evaluate((d) => (globalThis as unknown as PageGlobals).tessera!.createProfile(d), draft);
  expect(created.ok).toBe(true);

  const shown = () =>
    app.evaluate(() => ((globalThis as unknown as MainGlobals).__shown ?? []).map((n) => ({ title: n.title, body: n.body })));
  await expect
    .poll(shown, { timeout: 15_000 })
    .toEqual([{ title: 'Tessera', body: 'Till 1 needs attention: The username or password was rejected.' }]);
  await expect
    .poll(() => app.evaluate(() => (globalThis as unknown as MainGlobals).__tesseraTest.tray()))
    .toMatchObject({ level: 'needs-attention', tooltip: 'Tessera — 1 of 1 needs attention' });
  // The window's title (from the page) says the same as the tooltip.
  await expect
    .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle()))
    .toBe('Tessera — 1 of 1 needs attention');

  await app.evaluate(() => (globalThis as unknown as MainGlobals).__shown![0]!.emit('click'));
  await expect.poll(() => windows(app)).toEqual([{ visible: true, destroyed: false }]);
});
