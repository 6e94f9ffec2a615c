// The URL rules of the app window: which origin it may show, what its session may load, and
// how app:// URLs map to files of the built renderer without ever leaving that folder.
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  contentTypeOf,
  isAllowedRendererRequest,
  isOnOrigin,
  rendererLocation,
  resolveRendererFile,
} from '../../../electron/main/app-urls';

describe('rendererLocation', () => {
  it('serves app://tessera when there is no dev server', () => {
    expect(rendererLocation(undefined, false)).toEqual({ origin: APP_ORIGIN, entryUrl: APP_ENTRY_URL });
  });

  it('loads the dev server in an unpackaged app', () => {
    expect(rendererLocation('http://localhost:5173/', false)).toEqual({
      origin: 'http://localhost:5173',
      entryUrl: 'http://localhost:5173/',
    });
  });

  it('ignores the dev server variable in a packaged app', () => {
    expect(rendererLocation('https://evil.example/', true)).toEqual({ origin: APP_ORIGIN, entryUrl: APP_ENTRY_URL });
  });

  it('ignores a dev server URL that is not http(s)', () => {
    expect(rendererLocation('file:///etc/passwd', false).origin).toBe(APP_ORIGIN);
    expect(rendererLocation('not a url', false).origin).toBe(APP_ORIGIN);
  });
});

describe('isOnOrigin', () => {
  it('accepts pages of the app origin, whatever their path, query or fragment', () => {
    expect(isOnOrigin('app://tessera/index.html', APP_ORIGIN)).toBe(true);
    expect(isOnOrigin('app://tessera/', APP_ORIGIN)).toBe(true);
    expect(isOnOrigin('app://tessera/index.html?x=1#/profiles', APP_ORIGIN)).toBe(true);
    expect(isOnOrigin('app://TESSERA/index.html', APP_ORIGIN)).toBe(true);
  });

  it('refuses other schemes, hosts and look-alikes', () => {
    for (const url of [
      'https://tessera/index.html',
      'app://tessera.evil/index.html',
      'app://evil/index.html',
      'app:tessera/index.html',
      'file:///app/tessera/index.html',
      'about:blank',
      '',
      'not a url',
    ]) {
      expect(isOnOrigin(url, APP_ORIGIN), url).toBe(false);
    }
  });

  it('compares ports for a dev server origin', () => {
    expect(isOnOrigin('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(true);
    expect(isOnOrigin('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isOnOrigin('https://localhost:5173/', 'http://localhost:5173')).toBe(false);
  });
});

describe('isAllowedRendererRequest', () => {
  it('lets the app origin, DevTools and data: through', () => {
    expect(isAllowedRendererRequest('app://tessera/assets/index.js', APP_ORIGIN)).toBe(true);
    expect(isAllowedRendererRequest('devtools://devtools/bundled/devtools_app.html', APP_ORIGIN)).toBe(true);
    expect(isAllowedRendererRequest('data:image/png;base64,AAAA', APP_ORIGIN)).toBe(true);
  });

  it('cancels remote and local content that is not ours', () => {
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:4780/',
      'ws://127.0.0.1:4780/ws',
      'file:///etc/passwd',
      'app://other/index.html',
      'chrome-extension://abc/script.js',
    ]) {
      expect(isAllowedRendererRequest(url, APP_ORIGIN), url).toBe(false);
    }
  });

  it('allows a dev server and its HMR socket, nothing else', () => {
    const dev = 'http://localhost:5173';
    expect(isAllowedRendererRequest('http://localhost:5173/@vite/client', dev)).toBe(true);
    expect(isAllowedRendererRequest('ws://localhost:5173/?token=x', dev)).toBe(true);
    expect(isAllowedRendererRequest('wss://localhost:5173/', dev)).toBe(false);
    expect(isAllowedRendererRequest('ws://localhost:9999/', dev)).toBe(false);
    expect(isAllowedRendererRequest('app://tessera/index.html', dev)).toBe(false);
  });
});

describe('resolveRendererFile', () => {
  const root = path.resolve('/srv/tessera/out/renderer');

  it('maps paths under the root, and / to index.html', () => {
    expect(resolveRendererFile(root, 'app://tessera/')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererFile(root, 'app://tessera/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererFile(root, 'app://tessera/assets/index-abc.js?v=1#x')).toBe(path.join(root, 'assets/index-abc.js'));
    expect(resolveRendererFile(root, 'app://tessera/assets/a%20b.css')).toBe(path.join(root, 'assets/a b.css'));
    expect(resolveRendererFile(root + '/', 'app://tessera/index.html')).toBe(path.join(root, 'index.html'));
  });

  it('keeps a file whose name merely starts with two dots', () => {
    expect(resolveRendererFile(root, 'app://tessera/..hidden')).toBe(path.join(root, '..hidden'));
  });

  it('refuses every way out of the root', () => {
    for (const url of [
      'app://tessera/..%2f..%2fpackage.json',
      'app://tessera/assets/..%2F..%2F..%2Fpackage.json',
      'app://tessera/%2e%2e%2f%2e%2e%2fpackage.json',
      'app://tessera/%2fetc%2fpasswd',
      'app://tessera/assets/%2e%2e',
      'app://tessera/..%2f',
    ]) {
      const file = resolveRendererFile(root, url);
      expect(file === null || file.startsWith(root + path.sep), `${url} -> ${file}`).toBe(true);
    }
    expect(resolveRendererFile(root, 'app://tessera/..%2f..%2fpackage.json')).toBeNull();
    expect(resolveRendererFile(root, 'app://tessera/..%2f')).toBeNull();
  });

  it('refuses Windows separators and drive paths on Windows', () => {
    const winRoot = 'C:\\Program Files\\Tessera\\resources\\app.asar\\out\\renderer';
    const win = path.win32;
    expect(resolveRendererFile(winRoot, 'app://tessera/assets/index.js', win)).toBe(`${winRoot}\\assets\\index.js`);
    expect(resolveRendererFile(winRoot, 'app://tessera/..%5c..%5cpackage.json', win)).toBeNull();
    expect(resolveRendererFile(winRoot, 'app://tessera/C:%5cWindows%5cwin.ini', win)).toBeNull();
    expect(resolveRendererFile(winRoot, 'app://tessera/%5c%5cserver%5cshare%5cx', win)).toBeNull();
  });

  it('refuses other hosts, schemes, NUL bytes and broken escapes', () => {
    expect(resolveRendererFile(root, 'app://other/index.html')).toBeNull();
    expect(resolveRendererFile(root, 'file:///srv/tessera/out/renderer/index.html')).toBeNull();
    expect(resolveRendererFile(root, 'app://tessera/index.html%00.js')).toBeNull();
    expect(resolveRendererFile(root, 'app://tessera/%E0%A4%A')).toBeNull();
    expect(resolveRendererFile(root, 'not a url')).toBeNull();
  });
});

describe('contentTypeOf', () => {
  it('names the renderer file types and falls back to an inert one', () => {
    expect(contentTypeOf('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('/x/assets/index.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('/x/font.woff2')).toBe('font/woff2');
    expect(contentTypeOf('/x/unknown.bin')).toBe('application/octet-stream');
  });
});
