// The local token service: POS programs on this machine ask it for a valid token over HTTP on
// the loopback (127.0.0.1 and ::1), the way Vault Agent or aws-vault serve credentials. Access
// keys guard it; browser pages and non-loopback Host headers are refused; connections are
// capped and timed out; every hand-out is recorded (never the token).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { z } from 'zod';

import { type Clock, systemClock } from '../clock';
import { errorCode, errorName } from '../error-facts';
import { type Logger, silentLogger } from '../logger';
import { isWellFormedToken } from '../providers/token-shape';
import { keepListening, parseTarget } from '../server-guard';
import { EngineError, type TokenEngine, type TokenSnapshot } from '../tokens/engine';
import type { AccessKeyRecord } from '../vault/schema';
import type { Vault } from '../vault/vault';
import { findAccessKey, keyAllowsProfile } from './access-keys';
import { ConnectionGuard, type ConnectionLimits, DEFAULT_CONNECTION_LIMITS } from './connection-guard';
import { HELLO_NONCE, HELLO_PATH, helloAnswer } from './hello';
import { type RateLimit, RateLimiter } from './rate-limit';

export interface TokenServiceOptions {
  engine: TokenEngine;
  vault: Vault;
  clock?: Clock;
  logger?: Logger;
  rateLimit?: RateLimit;
  /** Called when a key's last use is stamped (at most once a minute per key). */
  onKeyUsed?: (keyId: string) => void;
  /** Connections held at most, in total and per key. */
  connections?: ConnectionLimits;
  /** The loopback addresses to listen on (tests name one this machine lacks, as if without IPv6). */
  addresses?: readonly string[];
}

/** Both loopbacks, so no other program can sit on the one Tessera left free (issue 10, finding 4). */
export const LOOPBACK_ADDRESSES: readonly string[] = ['127.0.0.1', '::1'];

/** What one listen() achieved on each loopback address. */
export interface ListenOutcome {
  /** The port: the one asked for, or the one picked for port 0. */
  port: number;
  /** Addresses now served. */
  listening: string[];
  /** Addresses on this port another program holds (EADDRINUSE). */
  held: string[];
  /** Addresses this machine does not have (no IPv6): skipped. */
  unavailable: string[];
  /** The error code of any other failure (EACCES...), on the first address that had one. */
  failed?: string;
}

/** A socket is refused at these stages: it sent nothing in time, or not its whole request. */
export const SERVICE_TIMEOUTS = {
  /** From connecting (or from the previous answer) to the end of the request's headers. */
  headersMs: 5_000,
  /** From the start of a request to the end of its body (16 KiB at most). */
  requestMs: 10_000,
  /** An idle keep-alive connection between requests. */
  keepAliveMs: 5_000,
  /** No byte either way for this long, even while an answer is awaited (a sign-in takes 15 s at most). */
  socketMs: 60_000,
} as const;

/** Errors that mean the address does not exist here, rather than that someone holds it. */
const ADDRESS_MISSING = new Set(['EADDRNOTAVAIL', 'EAFNOSUPPORT', 'EPROTONOSUPPORT']);

/** Stable error codes of the service; POS developers branch on these. */
export type ServiceErrorCode =
  | 'bad_host'
  | 'browser_request'
  | 'unauthorized'
  | 'rate_limited'
  | 'too_many_connections'
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
  too_many_connections: 'This access key holds too many connections at once; reuse connections, or wait Retry-After seconds.',
  not_found: 'No such endpoint. See GET /v1/hello, GET /v1/profiles and GET /v1/profiles/{name}/token.',
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
  /** One server per loopback address it listens on. */
  private readonly servers = new Map<string, Server>();
  private listeningPort: number | undefined;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly limiter: RateLimiter;
  private readonly guard: ConnectionGuard;
  private readonly addresses: readonly string[];

  constructor(private readonly opts: TokenServiceOptions) {
    this.clock = opts.clock ?? systemClock;
    this.logger = opts.logger ?? silentLogger;
    this.limiter = new RateLimiter(opts.rateLimit ?? DEFAULT_RATE_LIMIT, this.clock);
    this.guard = new ConnectionGuard(opts.connections ?? DEFAULT_CONNECTION_LIMITS);
    this.addresses = opts.addresses ?? LOOPBACK_ADDRESSES;
  }

  /** The port while it listens on at least one address. */
  get port(): number | undefined {
    return this.listeningPort;
  }

  /** Open connections, for tests and diagnostics. */
  connections() {
    return this.guard.counts();
  }

  /**
   * Listens on every loopback address at `port` (0 picks a free one, the same on each). Called
   * again while listening, it tries the addresses still missing on the same port. Never throws:
   * what each address did is in the outcome.
   */
  async listen(port: number): Promise<ListenOutcome> {
    if (this.listeningPort !== undefined) return this.listenMissing(this.listeningPort);
    // Port 0: the port picked on the first address may be taken on another; a few tries.
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.listenMissing(port);
      const clash = port === 0 && outcome.listening.length > 0 && outcome.held.length > 0;
      if (!clash || attempt >= 4) return outcome;
      await this.close();
    }
  }

  private async listenMissing(port: number): Promise<ListenOutcome> {
    const outcome: ListenOutcome = { port, listening: [], held: [], unavailable: [] };
    for (const address of this.addresses) {
      if (this.servers.has(address)) {
        outcome.listening.push(address);
        continue;
      }
      const server = this.newServer();
      const code = await bind(server, address, outcome.port, this.logger);
      if (code === undefined) {
        this.servers.set(address, server);
        outcome.port = (server.address() as AddressInfo).port;
        this.listeningPort = outcome.port;
        outcome.listening.push(address);
        this.logger.info('token service listening', { address, port: outcome.port });
      } else if (code === 'EADDRINUSE') outcome.held.push(address);
      else if (ADDRESS_MISSING.has(code)) outcome.unavailable.push(address);
      else outcome.failed ??= code;
    }
    return outcome;
  }

  private newServer(): Server {
    const server = createServer(
      {
        headersTimeout: SERVICE_TIMEOUTS.headersMs,
        requestTimeout: SERVICE_TIMEOUTS.requestMs,
        keepAliveTimeout: SERVICE_TIMEOUTS.keepAliveMs,
        // Node checks the two timeouts above on this interval (30 s by default).
        connectionsCheckingInterval: 1_000,
      },
      (req, res) => {
        // A request may wait for a sign-in (15 s at most): from now on only silence this long ends it.
        req.socket.setTimeout(SERVICE_TIMEOUTS.socketMs);
        this.guard.requestStarted(req.socket);
        res.once('close', () => this.guard.requestEnded(req.socket));
        this.handle(req, res).catch(() => sendError(res, new ServiceError(500, 'bad_request')));
      },
    );
    server.timeout = SERVICE_TIMEOUTS.socketMs;
    server.on('connection', (socket) => {
      if (!this.guard.accept(socket)) return;
      // Node's headers timeout only starts with the first byte: a socket that sends nothing
      // at all is closed after the same time by this inactivity timeout.
      socket.setTimeout(SERVICE_TIMEOUTS.headersMs);
    });
    return server;
  }

  /** A revoked key's connections no longer count against it. */
  forgetKey(keyId: string): void {
    this.guard.forgetKey(keyId);
    this.limiter.forget(keyId);
  }

  async close(): Promise<void> {
    const servers = [...this.servers.values()];
    if (servers.length === 0) return;
    this.servers.clear();
    this.listeningPort = undefined;
    await Promise.all(
      servers.map((server) => {
        server.closeAllConnections();
        return new Promise<void>((resolve) => server.close(() => resolve()));
      }),
    );
    this.logger.info('token service stopped');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      this.checkCaller(req);
      const url = parseTarget(req.url);
      if (!url) throw new ServiceError(400, 'bad_request');
      if (url.pathname === HELLO_PATH) {
        if (req.method !== 'GET') throw new ServiceError(405, 'method_not_allowed');
        return sendJson(res, 200, this.hello(req, url));
      }
      const key = this.authenticate(req);
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
        return this.answer(
          res,
          key,
          this.present(await this.tokenOr503(() => this.opts.engine.invalidate(profileId, rejected)), key, profileId),
        );
      }
      if (req.method !== 'GET') throw new ServiceError(405, 'method_not_allowed');
      const margin = this.opts.vault.settings().tokenMarginSeconds * 1000;
      return this.answer(res, key, this.present(await this.tokenOr503(() => this.opts.engine.getToken(profileId, margin)), key, profileId));
    } catch (err) {
      if (err instanceof ServiceError) return sendError(res, err);
      this.logger.error('token service: unexpected error', { name: errorName(err) });
      return sendError(res, new ServiceError(500, 'bad_request'));
    }
  }

  /** Host and origin checks, before anything else is read, for every endpoint. */
  private checkCaller(req: IncomingMessage): void {
    const host = req.headers.host ?? '';
    if (!LOOPBACK_NAMES.some((name) => host === `${name}:${this.listeningPort}`)) throw new ServiceError(421, 'bad_host');
    // Browsers send Origin with every cross-origin request that could read this one; and the
    // Authorization header forces a CORS preflight this service never grants. (Sec-Fetch-*
    // is not a browser sign: Node's own fetch sends Sec-Fetch-Mode too.)
    if (req.headers.origin !== undefined) throw new ServiceError(403, 'browser_request');
  }

  /** Key, connection share and rate checks, in that order. */
  private authenticate(req: IncomingMessage): AccessKeyRecord {
    const auth = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const key = auth ? findAccessKey(this.opts.vault, auth[1]!) : undefined;
    if (!key) throw new ServiceError(401, 'unauthorized');
    if (!this.guard.claim(req.socket, key.id)) throw new ServiceError(429, 'too_many_connections', 1);
    const wait = this.limiter.take(key.id);
    if (wait > 0) throw new ServiceError(429, 'rate_limited', Math.ceil(wait / 1000));
    return key;
  }

  /** Proof for every stored key that this is Tessera, bound to the nonce and where it was asked (hello.ts). */
  private hello(req: IncomingMessage, url: URL) {
    const nonce = url.searchParams.get('nonce') ?? '';
    if (!HELLO_NONCE.test(nonce)) throw new ServiceError(400, 'bad_request');
    const hashes = this.opts.vault
      .accessKeys()
      .filter((k) => /^[0-9a-f]{64}$/.test(k.hash))
      .map((k) => Buffer.from(k.hash, 'hex'));
    return helloAnswer(hashes, nonce, req.socket.localAddress ?? '', req.socket.localPort ?? this.listeningPort ?? 0);
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
  // The caller holds too many sockets: this one goes once answered.
  if (err.code === 'too_many_connections') headers.Connection = 'close';
  sendJson(
    res,
    err.status,
    { error: { code: err.code, message: MESSAGES[err.code], ...(err.providerCode ? { provider_code: err.providerCode } : {}) } },
    headers,
  );
}

/** Listens on one address; resolves with the error code when it cannot, undefined when it does. */
function bind(server: Server, address: string, port: number, logger: Logger): Promise<string | undefined> {
  return new Promise((resolve) => {
    const failed = (err: unknown) => resolve(errorCode(err) ?? 'EUNKNOWN');
    server.once('error', failed);
    server.listen({ port, host: address, ipv6Only: address.includes(':') }, () => {
      server.off('error', failed);
      // From now on errors are accept failures (EMFILE): logged, never the end of the process.
      keepListening(server, 'token service', logger);
      resolve(undefined);
    });
  });
}
