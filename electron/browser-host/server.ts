// The browser host: serves the built renderer on 127.0.0.1 and carries the IPC contract over a
// WebSocket to the real core. Only pages from this very origin holding the per-run access key
// may connect; Host headers other than loopback are refused (DNS rebinding). Development and
// tests only: it is not part of any installer.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

import { type WebSocket, WebSocketServer } from 'ws';

import { ACCESS_KEY_FRAGMENT, type AppEvent, WEB_SOCKET_PATH, type WireMessage, type WireRequest } from '#common/contract';

import { CONTENT_SECURITY_POLICY } from '../core/content-security-policy';
import { errorCode } from '../core/error-facts';
import type { Logger } from '../core/logger';
import { decodedPath, guardRequest, keepListening, parseTarget } from '../core/server-guard';
import type { Sandbox } from '../core/simulator';
import { handleSandboxControl } from '../core/simulator/controls-http';
import type { TesseraCore } from '../core/tessera-core';

export interface BrowserHostOptions {
  core: TesseraCore;
  rendererDir: string;
  port: number;
  logger: Logger;
  /** Mount the sandbox's test controls (end-to-end tests only). */
  sandboxControls?: Sandbox;
  /** Fixed access key (tests); a random one otherwise. */
  accessKey?: string;
}

export interface BrowserHost {
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
/** A page that stops reading its socket is dropped once this much waits to be sent to it. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export async function startBrowserHost(opts: BrowserHostOptions): Promise<BrowserHost> {
  const accessKey = opts.accessKey ?? randomBytes(24).toString('base64url');
  const keyBytes = Buffer.from(accessKey);
  let port = opts.port;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  const keyMatches = (candidate: string | null | undefined) => {
    const bytes = Buffer.from(candidate ?? '');
    return bytes.length === keyBytes.length && timingSafeEqual(bytes, keyBytes);
  };

  // Whatever a request holds (a malformed URL or encoding, a vanished file), it gets an answer
  // and the host keeps running: a throw becomes a 500, never the end of the process.
  const server: Server = createServer(
    { headersTimeout: 10_000, requestTimeout: 30_000 },
    guardRequest('browser host', opts.logger, (req, res) => {
      if (!allowedHosts().has(req.headers.host ?? '')) return refuse(res, 421, 'misdirected request');
      if (opts.sandboxControls && req.url?.startsWith('/__sandbox/')) {
        const auth = req.headers.authorization ?? '';
        if (!keyMatches(auth.replace(/^Bearer /, ''))) return refuse(res, 401, 'access key required');
        if (handleSandboxControl(opts.sandboxControls, req, res)) return;
      }
      serveStatic(opts.rendererDir, req, res);
    }),
  );
  keepListening(server, 'browser host', opts.logger);

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    // Node hands the raw socket over without an error listener: a peer resetting it mid-way
    // would otherwise end the process.
    socket.on('error', () => socket.destroy());
    const url = parseTarget(req.url);
    const ok =
      url !== undefined &&
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
    if (ws.readyState !== ws.OPEN) return;
    // A page that does not read (or reads slower than events come) is cut off rather than
    // letting its backlog grow without bound in this process.
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      logger.warn('browser host: a page stopped reading; its connection was closed');
      return void ws.terminate();
    }
    ws.send(JSON.stringify(message));
  };
  const unsubscribe = core.onEvent((event: AppEvent) => send({ event }));
  ws.on('close', unsubscribe);
  // A malformed frame (invalid UTF-8, over 1 MiB, a bad opcode) or a reset: ws closes this
  // socket itself (1007, 1009, 1002...); the error must only be heard, or it ends the process.
  ws.on('error', (err) => logger.warn('browser host: a page connection failed and was closed', { code: errorCode(err) }));
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
  const pathname = decodedPath(req.url);
  if (pathname === undefined) return refuse(res, 400, 'bad request');
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
  // The file may vanish or fail between stat and read (a rebuild): drop this answer, not the host.
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(message);
}
