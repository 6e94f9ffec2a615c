// In the real app: a renderer that dies (a crash, the OS killing it) is started again on the
// app's page, and the page reaches core again; the window is never left blank.
import { electronExecutable, expect, NO_BINARY_REASON, type PageGlobals, test } from './support/electron-app';

test.skip(!electronExecutable(), NO_BINARY_REASON);

test('a crashed renderer is started again on the app page', async ({ app }) => {
  const before = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.getOSProcessId());
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.forcefullyCrashRenderer());
  await expect
    .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.getOSProcessId()), { timeout: 15_000 })
    .not.toBe(before);
  const page = await app.firstWindow();
  await expect(page).toHaveURL(/^app:\/\/tessera\//);
  await page.waitForFunction(() => typeof (globalThis as unknown as PageGlobals).tessera?.getAppInfo === 'function');
  const info = await page.evaluate(() => (globalThis as unknown as PageGlobals).tessera!.getAppInfo());
  expect(info.ok).toBe(true);
});
