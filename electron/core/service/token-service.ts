// The local token service: POS programs on this machine ask it for a valid token over HTTP on
// 127.0.0.1, the way Vault Agent or aws-vault serve credentials. Access keys guard it; browser
// pages and non-loopback Host headers are refused; every hand-out is recorded (never the token).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { systemClock, type Clock } from '../clock';
import { silentLogger, type Logger } from '../logger';
import { EngineError, type TokenEngine, type TokenSnapshot } from '../tokens/engine';
import type { AccessKeyRecord } from '../vault/schema';
import type { Vault } from '../vault/vault';
import { isWellFormedToken } from '../providers/token-shape';
import { findAccessKey, keyAllowsProfile } from './access-keys';
import { RateLimiter, type RateLimit } from './rate-limit';

export interface TokenServiceOptions {
  engine: TokenEngine;
  vault: Vault;
  clock?: Clock;
  logger?: Logger;
  rateLimit?: RateLimit;
  /** Called when a key's last use is stamped (at most once a minute per key). */
  onKeyUsed?: (keyId: string) => void;
}

/** Stable error codes of the service; POS developers branch on these. */
export type ServiceErrorCode =
  | 'bad_host'
  | 'browser_request'
  | 'unauthorized'
  | 'rate_limited'
  | 'not_found'
  | 'method_not_allowed'
  | 'bad_request'
  | 'profile_not_found'
  | 'needs_attention'
  | 'token_unavailable';

const MESSAGES: Record<ServiceErrorCode, string> = {
  bad_host: 'The Host header must name this machine (127.0.0.1, localhost or [::1]) and this port.',
  browser_request: 'Requests from web pages are refused; this service is for programs on this machine.',
  unauthorized: 'Send a valid access key: Authorization: Bearer <key> (create one in Tessera, Settings, POS connections).',
  rate_limited: 'Too many requests with this access key; wait Retry-After seconds.',
  not_found: 'No such endpoint. See GET /v1/profiles and GET /v1/profiles/{name}/token.',
  method_not_allowed: 'This endpoint does not accept that method.',
  bad_request: 'The request could not be read.',
  profile_not_found: 'No profile with this name can be read with this access key.',
  needs_attention: 'The provider refused the stored credentials; someone must fix the profile in Tessera.',
  token_unavailable: 'No valid token can be had right now; Tessera keeps trying. Ask again after Retry-After seconds.',
};

export const DEFAULT_RATE_LIMIT: RateLimit = { burst: 1000, perSecond: 100 };
const MAX_BODY_BYTES = 16 * 1024;
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: ServiceErrorCode,
    readonly retryAfterSeconds?: number,
    readonly providerCode?: string,
  ) {
    super(code);
  }
}

export class TokenService {
  private server: Server | undefined;
  private listeningPort: number | undefined;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly limiter: RateLimiter;

  constructor(private readonly opts: TokenServiceOptions) {
    this.clock = opts.clock ?? systemClock;
    this.logger = opts.logger ?? silentLogger;
    this.limiter = new RateLimiter(opts.rateLimit ?? DEFAULT_RATE_LIMIT, this.clock);
  }

  get port(): number | undefined {
    return this.listeningPort;
  }

  /** Starts listening on 127.0.0.1 (port 0 picks a free one); resolves with the port. */
  async listen(port: number): Promise<number> {
    if (this.server) return this.listeningPort!;
    const server = createServer((req, res) => {
      this.handle(req, res).catch(() => sendError(res, new ServiceError(500, 'bad_request')));
    });
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.listeningPort = (server.address() as AddressInfo).port;
    this.logger.info('token service listening', { port: this.listeningPort });
    return this.listeningPort;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.listeningPort = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.logger.info('token service stopped');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const key = this.admit(req);
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/v1/profiles') {
        if (req.method !== 'GET') throw new ServiceError(405, 'method_not_allowed');
        return this.answer(res, key, this.listProfiles(key));
      }
      const match = /^\/v1\/profiles\/([^/]+)\/token(\/invalidate)?$/.exec(url.pathname);
      if (!match) throw new ServiceError(404, 'not_found');
      const profileId = this.profileFor(key, match[1]!);
      if (match[2]) {
        if (req.method !== 'POST') throw new ServiceError(405, 'method_not_allowed');
        const rejected = await readRejectedToken(req);
        return this.answer(res, key, this.present(await this.tokenOr503(() => this.opts.engine.invalidate(profileId, rejected)), key, profileId));
      }
      if (req.method !== 'GET') throw new ServiceError(405, 'method_not_allowed');
      const margin = this.opts.vault.settings().tokenMarginSeconds * 1000;
      return this.answer(res, key, this.present(await this.tokenOr503(() => this.opts.engine.getToken(profileId, margin)), key, profileId));
    } catch (err) {
      if (err instanceof ServiceError) return sendError(res, err);
      this.logger.error('token service: unexpected error', { name: err instanceof Error ? err.name : typeof err });
      return sendError(res, new ServiceError(500, 'bad_request'));
    }
  }

  /** Host, origin, key and rate checks, in that order, before anything is read. */
  private admit(req: IncomingMessage): AccessKeyRecord {
    const host = req.headers.host ?? '';
    if (!LOOPBACK_NAMES.some((name) => host === `${name}:${this.listeningPort}`)) throw new ServiceError(421, 'bad_host');
    // Browsers send Origin with every cross-origin request that could read this one; and the
    // Authorization header forces a CORS preflight this service never grants. (Sec-Fetch-*
    // is not a browser sign: Node's own fetch sends Sec-Fetch-Mode too.)
    if (req.headers.origin !== undefined) throw new ServiceError(403, 'browser_request');
    const auth = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const key = auth ? findAccessKey(this.opts.vault, auth[1]!) : undefined;
    if (!key) throw new ServiceError(401, 'unauthorized');
    const wait = this.limiter.take(key.id);
    if (wait > 0) throw new ServiceError(429, 'rate_limited', Math.ceil(wait / 1000));
    return key;
  }

  /** A served request: the key's last use is the last time it got an answer, not a refusal. */
  private answer(res: ServerResponse, key: AccessKeyRecord, body: unknown): void {
    if (this.opts.vault.touchAccessKey(key.id, this.clock.now())) this.opts.onKeyUsed?.(key.id);
    sendJson(res, 200, body);
  }

  private listProfiles(key: AccessKeyRecord) {
    return {
      profiles: this.opts.vault
        .profiles()
        .filter((p) => keyAllowsProfile(key, p.id))
        .map((p) => {
          const view = this.opts.engine.view(p.id);
          return {
            name: p.name,
            provider: p.provider,
            state: view.state,
            ...(view.expiresAt !== undefined ? { expires_at: new Date(view.expiresAt).toISOString() } : {}),
          };
        }),
    };
  }

  private profileFor(key: AccessKeyRecord, rawName: string): string {
    let name: string;
    try {
      name = decodeURIComponent(rawName);
    } catch {
      throw new ServiceError(400, 'bad_request');
    }
    // A profile this key may not read is answered exactly like one that does not exist, on the
    // same path (no engine, no provider): a key limited to some profiles cannot list the others.
    const record = this.opts.vault.findByName(name);
    if (!record || !keyAllowsProfile(key, record.id)) throw new ServiceError(404, 'profile_not_found');
    return record.id;
  }

  private async tokenOr503(get: () => Promise<TokenSnapshot>): Promise<TokenSnapshot> {
    try {
      return await get();
    } catch (err) {
      if (err instanceof EngineError) {
        if (err.code === 'not_found') throw new ServiceError(404, 'profile_not_found');
        if (err.code === 'needs_attention') throw new ServiceError(503, 'needs_attention', 300, err.failure?.code);
        const seconds = Math.max(1, Math.ceil((err.retryAfterMs ?? 5_000) / 1000));
        throw new ServiceError(503, 'token_unavailable', seconds, err.failure?.code);
      }
      throw err;
    }
  }

  private present(token: TokenSnapshot, key: AccessKeyRecord, profileId: string) {
    // Checked when the provider answered; checked again here, where it leaves Tessera.
    if (!isWellFormedToken(token.accessToken)) throw new ServiceError(503, 'token_unavailable', 5, 'bad_token');
    this.opts.engine.recordServed(profileId, key.name);
    const now = this.clock.now();
    return {
      access_token: token.accessToken,
      token_type: token.tokenType,
      expires_at: new Date(token.expiresAt).toISOString(),
      expires_in: Math.max(0, Math.floor((token.expiresAt - now) / 1000)),
    };
  }
}

const invalidationBody = z.object({ access_token: z.string().min(1).max(MAX_BODY_BYTES).optional() }).strict();

/** The optional JSON body of an invalidation: `{ "access_token": "<the token that got a 401>" }`. */
async function readRejectedToken(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new ServiceError(400, 'bad_request');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ServiceError(400, 'bad_request');
  }
  // Anything but the documented shape is refused, not guessed at: a malformed report must not renew.
  const body = invalidationBody.safeParse(json);
  if (!body.success) throw new ServiceError(400, 'bad_request');
  return body.data.access_token;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

function sendError(res: ServerResponse, err: ServiceError): void {
  if (res.headersSent) return void res.destroy();
  const headers: Record<string, string> = {};
  if (err.retryAfterSeconds !== undefined) headers['Retry-After'] = String(err.retryAfterSeconds);
  if (err.code === 'unauthorized') headers['WWW-Authenticate'] = 'Bearer realm="tessera"';
  sendJson(
    res,
    err.status,
    { error: { code: err.code, message: MESSAGES[err.code], ...(err.providerCode ? { provider_code: err.providerCode } : {}) } },
    headers,
  );
}
