// app://tessera as main registers and serves it: a privileged standard scheme, registered
// before ready; the renderer folder's files with the renderer's CSP and hardening headers; and
// nothing else: not a file beside the folder, however the path is spelt, not another host, not
// a write.
import { readFileSync } from 'node:fs';

import { afterEach, describe, expect, it } from 'vitest';

import { CONTENT_SECURITY_POLICY } from '../../../electron/core/content-security-policy';
import { bootMain, disposeShells, type MainShell, OUTSIDE_RENDERER, RENDERER_FIXTURE } from '../../support/main-shell';

afterEach(disposeShells);

const HARDENING = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

function headersOf(response: Response): Record<string, string> {
  return Object.fromEntries(response.headers.entries());
}

async function get(shell: MainShell, url: string, init?: RequestInit): Promise<Response> {
  return shell.electron.protocol.fetch(url, init);
}

describe('the app:// scheme', () => {
  it('is registered before ready as standard, secure and fetch-capable, then handled', async () => {
    const shell = await bootMain({ ready: false });
    expect(shell.electron.protocol.privilegesOf('app')).toEqual({ standard: true, secure: true, supportFetchAPI: true });
    expect(shell.electron.protocol.isProtocolHandled('app')).toBe(false);
    await shell.ready();
    expect(shell.electron.protocol.isProtocolHandled('app')).toBe(true);
  });

  it('serves the renderer folder with the CSP and the hardening headers', async () => {
    const shell = await bootMain();
    const index = await get(shell, 'app://tessera/index.html');
    expect(index.status).toBe(200);
    expect(headersOf(index)).toMatchObject({ ...HARDENING, 'content-type': 'text/html; charset=utf-8' });
    expect(await index.text()).toBe(readFileSync(`${RENDERER_FIXTURE}/index.html`, 'utf8'));

    // The root is the index; scripts are typed as scripts (nosniff is on).
    expect(await (await get(shell, 'app://tessera/')).text()).toBe(readFileSync(`${RENDERER_FIXTURE}/index.html`, 'utf8'));
    const script = await get(shell, 'app://tessera/assets/app.js');
    expect(headersOf(script)).toMatchObject({ ...HARDENING, 'content-type': 'text/javascript; charset=utf-8' });

    const head = await get(shell, 'app://tessera/index.html', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('serves nothing outside the renderer folder, however the path is spelt', async () => {
    const shell = await bootMain();
    const outside = readFileSync(OUTSIDE_RENDERER, 'utf8');
    const attempts = [
      'app://tessera/../outside-renderer.txt',
      'app://tessera/%2e%2e/outside-renderer.txt',
      'app://tessera/..%2foutside-renderer.txt',
      'app://tessera/..%2Foutside-renderer.txt',
      'app://tessera/assets/..%2f..%2foutside-renderer.txt',
      'app://tessera/..%5coutside-renderer.txt',
      `app://tessera/${encodeURIComponent(OUTSIDE_RENDERER)}`,
      'app://tessera/%2fetc%2fpasswd',
      'app://tessera/index.html%00.txt',
      'app://tessera/%E0%A4%A',
      'app://tessera/missing.js',
      'app://other/index.html',
      'app://tessera.evil/index.html',
    ];
    for (const url of attempts) {
      const response = await get(shell, url);
      expect(response.status, url).toBe(404);
      expect(headersOf(response), url).toMatchObject(HARDENING);
      expect(await response.text(), url).not.toContain(outside.trim());
    }
  });

  it('refuses anything but GET and HEAD', async () => {
    const shell = await bootMain();
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      const response = await get(shell, 'app://tessera/index.html', {
        method,
        ...(method === 'POST' || method === 'PUT' ? { body: 'x' } : {}),
      });
      expect(response.status, method).toBe(405);
      expect(headersOf(response)).toMatchObject(HARDENING);
    }
  });
});
