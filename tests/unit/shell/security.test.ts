// Deny by default, as main wires it into the in-memory Electron: navigation off the app origin,
// window.open, <webview>, permissions and remote requests are refused, for the app window and
// for any other web contents that might ever be created; the dev server is an origin only in
// an unpackaged app.
import { afterEach, describe, expect, it } from 'vitest';

import { bootMain, disposeShells } from '../../support/main-shell';

afterEach(disposeShells);

describe('navigation', () => {
  it('is refused off the app origin, for the main frame, subframes and redirects', async () => {
    const shell = await bootMain();
    const win = await shell.loadedWindow();
    const contents = win.contents;

    expect(await contents.navigate('https://example.com/')).toBe(false);
    expect(await contents.navigate('file:///etc/passwd')).toBe(false);
    expect(await contents.navigate('app://elsewhere/index.html')).toBe(false);
    expect(contents.getURL()).toBe('app://tessera/index.html');

    const frame = contents.addSubframe('app://tessera/index.html');
    expect(await contents.navigate('https://example.com/frame', frame)).toBe(false);
    expect(frame.url).toBe('app://tessera/index.html');

    expect(contents.redirect('https://example.com/elsewhere')).toBe(false);
    expect(shell.log().match(/navigation refused \{"kind":"(navigate|frame-navigate|redirect)"\}/g)).toHaveLength(5);

    // Within the app, the page goes where it likes.
    expect(await contents.navigate('app://tessera/')).toBe(true);
    expect(contents.redirect('app://tessera/index.html')).toBe(true);
  });

  it('is refused for any web contents, not only the app window', async () => {
    const shell = await bootMain();
    const other = new shell.electron.module.BrowserWindow({ show: false });
    const contents = shell.electron.windows.find((w) => w.id === other.id)!.contents;
    expect(await contents.navigate('https://example.com/')).toBe(false);
    expect(contents.windowOpen('https://example.com/')).toBeNull();
    expect(contents.attachWebview({ src: 'https://example.com/' })).toBe(false);
  });
});

describe('new windows and webviews', () => {
  it('window.open and target=_blank open nothing: the page gets null', async () => {
    const shell = await bootMain();
    const win = await shell.loadedWindow();
    expect(win.contents.windowOpen('https://example.com/')).toBeNull();
    expect(win.contents.windowOpen('app://tessera/index.html')).toBeNull();
    expect(shell.electron.windows).toHaveLength(1);
    expect(shell.log()).toMatch(/window open refused/);
  });

  it('no <webview> can attach', async () => {
    const shell = await bootMain();
    const win = await shell.loadedWindow();
    expect(win.contents.attachWebview({ src: 'app://tessera/index.html' })).toBe(false);
    expect(shell.log()).toMatch(/webview refused/);
  });
});

describe('permissions', () => {
  it('only writing text to the clipboard, and only for the app page itself', async () => {
    const shell = await bootMain();
    const contents = (await shell.loadedWindow()).contents;
    const page = { requestingUrl: 'app://tessera/index.html', isMainFrame: true };

    expect(await contents.requestPermission('clipboard-sanitized-write', page)).toBe(true);
    for (const permission of ['notifications', 'media', 'geolocation', 'clipboard-read', 'hid', 'openExternal', 'fullscreen']) {
      expect(await contents.requestPermission(permission, page), permission).toBe(false);
    }
    expect(await contents.requestPermission('clipboard-sanitized-write', { ...page, isMainFrame: false })).toBe(false);
    expect(
      await contents.requestPermission('clipboard-sanitized-write', { requestingUrl: 'https://example.com/', isMainFrame: true }),
    ).toBe(false);
    expect(shell.log()).toMatch(/permission request denied \{"permission":"notifications"\}/);

    // The check handler (navigator.permissions, Notification.permission) answers the same.
    expect(
      contents.checkPermission('clipboard-sanitized-write', 'app://tessera', {
        requestingUrl: 'app://tessera/index.html',
        isMainFrame: true,
      }),
    ).toBe(true);
    expect(contents.checkPermission('clipboard-sanitized-write', 'app://tessera', { isMainFrame: true })).toBe(true);
    expect(
      contents.checkPermission('notifications', 'app://tessera', { requestingUrl: 'app://tessera/index.html', isMainFrame: true }),
    ).toBe(false);
    expect(contents.checkPermission('clipboard-sanitized-write', 'https://example.com', { isMainFrame: true })).toBe(false);

    const session = shell.electron.defaultSession;
    expect(
      session.checkDevicePermission({
        deviceType: 'hid',
        origin: 'app://tessera',
        device: { deviceId: '1', name: 'Scanner' },
      } as Electron.DevicePermissionHandlerHandlerDetails),
    ).toBe(false);
    expect(session.isSpellCheckerEnabled()).toBe(false);
  });
});

describe('remote content', () => {
  it("the window's session cancels every request off the app origin, before it leaves", async () => {
    const shell = await bootMain();
    const session = shell.electron.defaultSession;
    const allowed = (url: string) => session.filter({ url, method: 'GET', resourceType: 'script' });
    expect(await allowed('app://tessera/assets/app.js')).toBe(true);
    expect(await allowed('data:image/png;base64,AAAA')).toBe(true);
    expect(await allowed('devtools://devtools/bundled/inspector.html')).toBe(true);
    for (const url of ['https://example.com/x.js', 'http://127.0.0.1:7478/v1/hello', 'file:///etc/passwd', 'ws://localhost:5173/']) {
      expect(await allowed(url), url).toBe(false);
    }
    expect(shell.log()).toMatch(/remote request cancelled \{"resourceType":"script"\}/);

    // Main itself cannot load a remote page into the window either.
    const win = await shell.loadedWindow();
    await expect(win.loadURL('https://example.com/')).rejects.toThrow(/ERR_BLOCKED_BY_CLIENT/);
    expect(win.contents.getURL()).toBe('app://tessera/index.html');
  });

  it("core's own HTTP session speaks http(s) only", async () => {
    const shell = await bootMain();
    // http.ts's session, created when core starts.
    expect(shell.electron.hasPartition('tessera-http')).toBe(true);
    const http = shell.electron.partition('tessera-http', undefined);
    expect(http.options).toEqual({ cache: false });
    expect(await http.filter({ url: 'https://provider.example/token', method: 'POST', resourceType: 'other' })).toBe(true);
    expect(await http.filter({ url: 'http://127.0.0.1:9/token', method: 'POST', resourceType: 'other' })).toBe(true);
    for (const url of ['file:///etc/passwd', 'app://tessera/index.html', 'ftp://example.com/']) {
      expect(await http.filter({ url, method: 'GET', resourceType: 'other' }), url).toBe(false);
    }
  });

  it('a dev server is an origin only in an unpackaged app', async () => {
    const dev = await bootMain({ env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/' } });
    const devWin = await dev.loadedWindow();
    expect(devWin.contents.getURL()).toBe('http://localhost:5173/');
    expect(await dev.electron.defaultSession.filter({ url: 'ws://localhost:5173/', method: 'GET', resourceType: 'webSocket' })).toBe(true);
    expect((await dev.call('getAppInfo')).ok).toBe(true);
    await disposeShells();

    const packaged = await bootMain({ isPackaged: true, env: { ELECTRON_RENDERER_URL: 'https://remote.example/' } });
    expect((await packaged.loadedWindow()).contents.getURL()).toBe('app://tessera/index.html');
    expect(
      await packaged.electron.defaultSession.filter({ url: 'https://remote.example/', method: 'GET', resourceType: 'mainFrame' }),
    ).toBe(false);
  });
});
