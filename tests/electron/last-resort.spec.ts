// Issue 10, finding 3, in the real app: an exception nobody catches in the main process, or a
// rejection nobody handles, is logged without its message (no error dialog quoting it), and
// the app keeps answering its window.
import { readFileSync } from 'node:fs';

import { logFileIn } from '../../electron/main/logging';
import { electronExecutable, expect, NO_BINARY_REASON, type PageGlobals, test } from './support/electron-app';

test.skip(!electronExecutable(), NO_BINARY_REASON);

test('a failure nobody catches in main is logged redacted, and Tessera keeps running', async ({ app, page, dataDir }) => {
  const secret = 'secret-in-a-main-process-error-7731';
  await app.evaluate(({ dialog }, text) => {
    // Electron's own handler would show this box with the message in it.
    (globalThis as unknown as { __boxes: number }).__boxes = 0;
    dialog.showErrorBox = () => {
      (globalThis as unknown as { __boxes: number }).__boxes += 1;
    };
    setTimeout(() => {
      throw new Error(text);
    }, 0);
    void Promise.reject(new Error(text));
  }, secret);
  const log = () => readFileSync(logFileIn(dataDir), 'utf8');
  await expect.poll(() => (log().match(/caught by the last resort/g) ?? []).length).toBe(2);
  expect(log()).not.toContain(secret);
  expect(await app.evaluate(() => (globalThis as unknown as { __boxes: number }).__boxes)).toBe(0);
  const info = await page.evaluate(() => (globalThis as unknown as PageGlobals).tessera!.getAppInfo());
  expect(info.ok).toBe(true);
});
