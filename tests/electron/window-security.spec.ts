// The window's security defaults, checked in the running app: its web preferences as Electron
// holds them, what the page can reach, and that navigation, popups, permissions and remote
// content are refused while app:// serves the renderer under the CSP.
import type { WebContents, WebPreferences } from 'electron';

import { METHODS } from '#common/contract';

import { CONTENT_SECURITY_POLICY } from '../../electron/core/content-security-policy';
import { electronExecutable, expect, NO_BINARY_REASON, type PageGlobals, test } from './support/electron-app';

test.skip(!electronExecutable(), NO_BINARY_REASON);

test('the window is sandboxed and context-isolated, without Node', async ({ app, page }) => {
  const prefs = await app.evaluate(({ BrowserWindow }) => {
    // Undocumented (absent from the typings) but long-standing: the preferences in force.
    const contents = BrowserWindow.getAllWindows()[0]!.webContents as WebContents & {
      getLastWebPreferences?: () => WebPreferences | null;
    };
    return contents.getLastWebPreferences?.() ?? null;
  });
  expect(prefs, 'webContents.getLastWebPreferences() returned nothing').not.toBeNull();
  expect(prefs).toMatchObject({
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  });

  // What the page itself can see: no Node, and a bridge with exactly the contract's methods.
  const surface = await page.evaluate(() => {
    const g = globalThis as unknown as Record<string, unknown> & PageGlobals;
    return { require: typeof g.require, process: typeof g.process, tessera: Object.keys(g.tessera ?? {}).sort() };
  });
  expect(surface).toEqual({ require: 'undefined', process: 'undefined', tessera: [...METHODS, 'onEvent'].sort() });
});

test('window.open opens nothing', async ({ app, page }) => {
  const opened = await page.evaluate(() => (globalThis as unknown as PageGlobals).open('https://example.com/') === null);
  expect(opened).toBe(true);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
});

test('navigating away from the app is refused', async ({ app, page }) => {
  // Record, in main, whether each navigation attempt was prevented. Our handler was attached
  // when the window was created, so it runs before this one.
  await app.evaluate(({ BrowserWindow }) => {
    const seen: boolean[] = [];
    (globalThis as Record<string, unknown>).__tesseraNavigations = seen;
    BrowserWindow.getAllWindows()[0]!.webContents.on('will-navigate', (event) => {
      seen.push(event.defaultPrevented);
    });
  });
  const before = page.url();
  expect(before).toMatch(/^app:\/\/tessera\//);

  await page.evaluate(() => {
    (globalThis as unknown as PageGlobals).location.href = 'https://example.com/';
  });

  await expect.poll(() => app.evaluate(() => (globalThis as Record<string, unknown>).__tesseraNavigations)).toEqual([true]);
  expect(page.url()).toBe(before);
});

test('permission requests are denied', async ({ page }) => {
  const answer = await page.evaluate(() => (globalThis as unknown as PageGlobals).Notification.requestPermission());
  expect(answer).toBe('denied');
});

test('app:// serves the renderer with the CSP, and nothing outside it', async ({ app, page }) => {
  const index = await app.evaluate(async ({ net }) => {
    const response = await net.fetch('app://tessera/index.html');
    return {
      status: response.status,
      csp: response.headers.get('content-security-policy'),
      type: response.headers.get('content-type'),
      nosniff: response.headers.get('x-content-type-options'),
    };
  });
  expect(index).toEqual({ status: 200, csp: CONTENT_SECURITY_POLICY, type: 'text/html; charset=utf-8', nosniff: 'nosniff' });

  const escapes = await app.evaluate(async ({ net }) =>
    Promise.all(
      ['app://tessera/..%2f..%2fpackage.json', 'app://tessera/..%2f..%2fout%2fmain%2findex.js', 'app://elsewhere/index.html'].map(
        async (url) => (await net.fetch(url)).status,
      ),
    ),
  );
  expect(escapes).toEqual([404, 404, 404]);

  // The policy is in force in the page: no eval (script-src has no 'unsafe-eval').
  const evalResult = await page.evaluate('(() => { try { return eval("\\"ran\\""); } catch (e) { return e.name; } })()');
  expect(evalResult).toBe('EvalError');
});

test("remote content is cancelled in the window's session", async ({ app }) => {
  const outcome = await app.evaluate(({ session }) =>
    session.defaultSession.fetch('https://remote-content.invalid/').then(
      () => 'loaded',
      (err: unknown) => {
        // The net error is in the message or, for a fetch-style TypeError, in its cause.
        const cause = (err as { cause?: unknown } | null)?.cause;
        return [err, cause].map((e) => (e instanceof Error ? e.message : typeof e === 'string' ? e : '')).join(' ');
      },
    ),
  );
  // Cancelled by our filter, not merely failed to resolve (this name does not exist anywhere).
  expect(outcome).toContain('ERR_BLOCKED_BY_CLIENT');
});
