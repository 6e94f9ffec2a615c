// The browser host: serves the built renderer on 127.0.0.1 and carries the IPC contract over a
// WebSocket to the real core. Only pages from this very origin holding the per-run access key
// may connect; Host headers other than loopback are refused (DNS rebinding). Development and
// tests only: it is not part of any installer.
import { timingSafeEqual, randomBytes } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { TesseraCore } from '../core/app-core';
import { ACCESS_KEY_FRAGMENT, WEB_SOCKET_PATH, type AppEvent, type WireMessage, type WireRequest } from '../core/contract';
import { CONTENT_SECURITY_POLICY } from '../core/content-security-policy';
import type { Logger } from '../core/logger';
import { handleSandboxControl } from '../core/simulator/controls-http';
import type { Sandbox } from '../core/simulator';

export interface WebHostOptions {
  core: TesseraCore;
  rendererDir: string;
  port: number;
  logger: Logger;
  /** Mount the sandbox's test controls (end-to-end tests only). */
  sandboxControls?: Sandbox;
  /** Fixed access key (tests); a random one otherwise. */
  accessKey?: string;
}

export interface WebHost {
  port: number;
  accessKey: string;
  /** The URL to open, access key included. */
  url: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

/** The same policy the Electron window enforces (one source: core/content-security-policy.ts). */
export { CONTENT_SECURITY_POLICY };

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

/** A profile bundle uploaded by the page (at most 4 MiB, sent as base64) must fit in one message. */
const MAX_MESSAGE_BYTES = 6 * 1024 * 1024;

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const accessKey = opts.accessKey ?? randomBytes(24).toString('base64url');
  const keyBytes = Buffer.from(accessKey);
  let port = opts.port;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  const keyMatches = (candidate: string | null | undefined) => {
    const bytes = Buffer.from(candidate ?? '');
    return bytes.length === keyBytes.length && timingSafeEqual(bytes, keyBytes);
  };

  const server: Server = createServer((req, res) => {
    if (!allowedHosts().has(req.headers.host ?? '')) return refuse(res, 421, 'misdirected request');
    if (opts.sandboxControls && req.url?.startsWith('/__sandbox/')) {
      const auth = req.headers.authorization ?? '';
      if (!keyMatches(auth.replace(/^Bearer /, ''))) return refuse(res, 401, 'access key required');
      if (handleSandboxControl(opts.sandboxControls, req, res)) return;
    }
    serveStatic(opts.rendererDir, req, res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const ok =
      url.pathname === WEB_SOCKET_PATH &&
      allowedHosts().has(req.headers.host ?? '') &&
      allowedOrigins().has(req.headers.origin ?? '') &&
      keyMatches(url.searchParams.get(ACCESS_KEY_FRAGMENT));
    if (!ok) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveClient(ws, opts.core, opts.logger));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    accessKey,
    url: `http://127.0.0.1:${port}/#${ACCESS_KEY_FRAGMENT}=${accessKey}`,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function serveClient(ws: WebSocket, core: TesseraCore, logger: Logger): void {
  const send = (message: WireMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const unsubscribe = core.onEvent((event: AppEvent) => send({ event }));
  ws.on('close', unsubscribe);
  ws.on('message', (data, isBinary) => {
    const request = isBinary ? undefined : parseRequest(Buffer.isBuffer(data) ? data.toString('utf8') : '');
    if (!request) {
      logger.warn('browser host: malformed message ignored');
      return;
    }
    core
      .dispatch(request.method, request.input)
      .then((result) => send({ id: request.id, result }))
      .catch(() => send({ id: request.id, result: { ok: false, error: { code: 'internal' } } }));
  });
}

function parseRequest(text: string): WireRequest | undefined {
  try {
    const value = JSON.parse(text) as Partial<WireRequest>;
    if (typeof value.id === 'number' && Number.isSafeInteger(value.id) && typeof value.method === 'string') {
      return { id: value.id, method: value.method, input: value.input };
    }
  } catch {
    // Not JSON: ignored like any other malformed message.
  }
  return undefined;
}

function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method not allowed');
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  const relative = pathname === '/' ? 'index.html' : pathname.slice(1);
  const file = normalize(join(root, relative));
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) return refuse(res, 404, 'not found');
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return refuse(res, 404, 'not found');
    size = stat.size;
  } catch {
    return refuse(res, 404, 'not found');
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': size,
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).pipe(res);
}

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(message);
}
