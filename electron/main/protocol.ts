// Serves the built renderer on app://tessera, a standard secure scheme, so the page gets a real
// origin (not file://) that the CSP, the navigation rules and the IPC sender check can name.
// Only files under out/renderer are served, each with the renderer's Content-Security-Policy.
import { readFile } from 'node:fs/promises';

import { protocol } from 'electron';

import { CONTENT_SECURITY_POLICY } from '../core/content-security-policy';
import type { Logger } from '../core/logger';
import { APP_SCHEME, contentTypeOf, resolveRendererFile } from './app-urls';

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/** Before `ready` (Electron's rule): privileges can only be granted while the app starts. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export function setupProtocol(rendererDir: string, logger: Logger): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
    const file = resolveRendererFile(rendererDir, request.url);
    if (!file) return refuse(404);
    // What readFile returns: a Buffer over a plain ArrayBuffer, which a Response accepts.
    let body: Buffer<ArrayBuffer>;
    try {
      body = await readFile(file);
    } catch {
      return refuse(404);
    }
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeOf(file) },
    });
  });
  logger.info('renderer served on the app scheme');
}

function refuse(status: number): Response {
  return new Response(null, { status, headers: SECURITY_HEADERS });
}
