// Which URLs belong to Tessera's window, and how an app:// URL maps to a file of the built
// renderer. Plain Node on purpose (no `electron` import), so tests/unit/main can prove it.
import nodePath, { type PlatformPath } from 'node:path';

/** The privileged scheme the renderer is served from, so it never runs on file:// or http://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'tessera';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The one origin the window may show, and the URL it starts at. */
export interface RendererLocation {
  /** `app://tessera`, or the dev server's origin under `electron-vite dev`. */
  origin: string;
  entryUrl: string;
}

/**
 * The dev server URL is honoured only in an unpackaged app: in an installed one, an environment
 * variable must never be able to load remote content into the window that holds the bridge.
 */
export function rendererLocation(devServerUrl: string | undefined, isPackaged: boolean): RendererLocation {
  if (!isPackaged && devServerUrl) {
    const url = parse(devServerUrl);
    if (url && (url.protocol === 'http:' || url.protocol === 'https:')) return { origin: url.origin, entryUrl: url.href };
  }
  return { origin: APP_ORIGIN, entryUrl: APP_ENTRY_URL };
}

/**
 * Whether `url` is on `origin`. Compared by scheme and host because Node's URL reports the
 * origin of a custom scheme such as app:// as "null", where Chromium says `app://tessera`.
 */
export function isOnOrigin(url: string, origin: string): boolean {
  const a = parse(url);
  const b = parse(origin);
  if (!a || !b) return false;
  return a.protocol === b.protocol && a.host.toLowerCase() === b.host.toLowerCase() && a.host !== '';
}

/**
 * The no-remote-content rule of the window's session: our origin (and, for a dev server, its
 * HMR WebSocket) and DevTools; everything else is cancelled before it leaves the machine.
 */
export function isAllowedRendererRequest(url: string, origin: string): boolean {
  const target = parse(url);
  if (!target) return false;
  // data: never leaves the machine (the CSP decides where it may be used).
  if (target.protocol === 'devtools:' || target.protocol === 'data:') return true;
  if (isOnOrigin(url, origin)) return true;
  const home = parse(origin);
  if (!home || (home.protocol !== 'http:' && home.protocol !== 'https:')) return false;
  const socket = home.protocol === 'https:' ? 'wss:' : 'ws:';
  return target.protocol === socket && target.host === home.host;
}

/**
 * The file under `root` an app:// URL names, or null when it names none: another host, a
 * malformed escape, a NUL byte, or a path that would leave `root` (`..%2f`, `..%5c` on Windows).
 * `/` is the renderer's index.html. `path` is injectable so tests can check Windows rules.
 */
export function resolveRendererFile(root: string, url: string, path: PlatformPath = nodePath): string | null {
  const parsed = parse(url);
  if (!parsed || parsed.protocol !== `${APP_SCHEME}:` || parsed.host.toLowerCase() !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const base = path.resolve(root);
  const file = path.resolve(base, relative);
  const inside = path.relative(base, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) return null;
  return file;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** With `X-Content-Type-Options: nosniff`, an unknown type must not pass as script or HTML. */
export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[nodePath.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
