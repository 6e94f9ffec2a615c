// What keeps a loopback HTTP server of Tessera (token service, browser host, sandbox) from
// taking its whole process down: errors after listen (EMFILE on accept) are logged, not thrown,
// and request handlers that throw answer 500 instead of ending the process.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

import { errorCode, errorName } from './error-facts';
import type { Logger } from './logger';

/** The least time between two log lines about the same server's accept errors. */
const ERROR_LOG_GAP_MS = 10_000;

/**
 * Keeps `server` alive through errors it emits once listening. Node emits `error` on a
 * listening server when accepting a connection fails (EMFILE when file handles run out); with
 * no listener that ends the process. Logged at most once per 10 s, with a count.
 */
export function keepListening(server: Server, name: string, logger: Logger): void {
  let lastLog = -Infinity;
  let unlogged = 0;
  server.on('error', (err: unknown) => {
    unlogged += 1;
    const now = Date.now();
    if (now - lastLog < ERROR_LOG_GAP_MS) return;
    lastLog = now;
    logger.warn(`${name}: connection refused by the system`, { code: errorCode(err), count: unlogged });
    unlogged = 0;
  });
}

/** Runs a request handler; a throw answers 500 (or drops the connection mid-answer) and is logged. */
export function guardRequest(
  name: string,
  logger: Logger,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    try {
      handler(req, res);
    } catch (err) {
      logger.error(`${name}: request handler failed`, { name: errorName(err) });
      if (res.headersSent) return void res.destroy();
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end('internal error');
    }
  };
}

/** The path of a request target, percent-decoded; undefined when it is not a valid URL or encoding. */
export function decodedPath(target: string | undefined): string | undefined {
  try {
    return decodeURIComponent(new URL(target ?? '/', 'http://localhost').pathname);
  } catch {
    return undefined;
  }
}

/** The URL of a request target against a placeholder origin; undefined when it cannot be parsed. */
export function parseTarget(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}
