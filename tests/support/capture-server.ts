// A loopback HTTP server that records every request it receives, standing in for an address a
// profile could be pointed at (an attacker's server in the secret-binding tests). By default it
// answers like an OAuth token endpoint, so a sign-in that is allowed to reach it succeeds.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface CaptureServer {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly requests: readonly CapturedRequest[];
  close(): Promise<void>;
}

export type CaptureReply = (req: CapturedRequest, res: ServerResponse) => void;

/** A token response any of the OAuth-style adapters accepts. */
export const tokenReply: CaptureReply = (_req, res) => {
  const body = JSON.stringify({
    access_token: `captured-${randomBytes(12).toString('hex')}`,
    token_type: 'Bearer',
    expires_in: 3600,
    refresh_token: `captured-refresh-${randomBytes(12).toString('hex')}`,
  });
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
};

export async function startCaptureServer(reply: CaptureReply = tokenReply): Promise<CaptureServer> {
  const requests: CapturedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const captured = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(captured);
      reply(captured, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
