// One provider simulator: a loopback node:http server that routes token requests to the
// provider's rules, injects faults, and keeps the log and counters tests read. Prints nothing.
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProviderBehaviour, RefreshBinding, SimulatorRuntime, TokenRequest } from './behaviour';
import { ereceiptBehaviour } from './providers/ereceipt';
import { factusBehaviour } from './providers/factus';
import { invoisysBehaviour } from './providers/invoisys';
import { multinexoBehaviour } from './providers/multinexo';
import { onapiBehaviour } from './providers/onapi';
import { createTokenMint, opaqueToken } from './token-mint';
import type {
  Fault,
  JsonObject,
  SimulatedProviderId,
  Simulator,
  SimulatorAccount,
  SimulatorConfig,
  SimulatorConfigPatch,
  SimulatorLogEntry,
  SimulatorStats,
  StartSimulatorOptions,
} from './types';
import { bearerToken, mediaType, parseForm, parseJsonObject } from './wire';
import { silentLogger } from '../logger';
import { keepListening } from '../server-guard';

const BEHAVIOURS: Record<SimulatedProviderId, () => ProviderBehaviour> = {
  ereceipt: ereceiptBehaviour,
  onapi: onapiBehaviour,
  multinexo: multinexoBehaviour,
  factus: factusBehaviour,
  invoisys: invoisysBehaviour,
};

/** Stands for "the provider's API": 200 for a live access token, 401 otherwise. */
export const PROTECTED_ROUTE = '/__sim/protected';
const MAX_BODY_BYTES = 64 * 1024;
/** Invoisys documents access tokens of about 300 characters. */
const OPAQUE_ACCESS_TOKEN_BYTES = 240;
/** Without rotation refresh tokens pile up; a sandbox that runs for weeks must not grow forever. */
const MAX_LIVE_REFRESH_TOKENS = 10_000;
const TRICKLE_INTERVAL_MS = 100;
const CONFIG_KEYS: readonly (keyof SimulatorConfig)[] = [
  'lifetimeSeconds',
  'jwtExpSeconds',
  'latencyMs',
  'rotateRefreshTokens',
  'lifetimeOverride',
];

/** One request being answered, as a fault needs it. */
interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  entry: SimulatorLogEntry;
  send: (status: number, body: string, contentType: string, extra?: Record<string, string>) => void;
  sendJson: (status: number, body: JsonObject, extra?: Record<string, string>) => void;
}

const zeroStats = (): SimulatorStats => ({
  tokenRequests: 0,
  logins: 0,
  refreshes: 0,
  failedLogins: 0,
  failedRefreshes: 0,
  issued: 0,
});

function copyAccount(account: SimulatorAccount): SimulatorAccount {
  return {
    credentials: { ...account.credentials },
    ...(account.extras ? { extras: structuredClone(account.extras) } : {}),
  };
}

function checkConfig(config: SimulatorConfig): void {
  const finite = (v: number | undefined) => v === undefined || (typeof v === 'number' && Number.isFinite(v));
  if (!finite(config.lifetimeSeconds) || config.lifetimeSeconds <= 0) {
    throw new RangeError('lifetimeSeconds must be a positive number');
  }
  if (!finite(config.jwtExpSeconds)) throw new RangeError('jwtExpSeconds must be a finite number');
  if (!finite(config.latencyMs) || config.latencyMs < 0) throw new RangeError('latencyMs must be zero or more');
  if (typeof config.rotateRefreshTokens !== 'boolean') throw new RangeError('rotateRefreshTokens must be a boolean');
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<{ text: string; tooLarge: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Past the limit the rest is drained and dropped, so the client still reads our 413.
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    const done = () => resolve({ text: Buffer.concat(chunks).toString('utf8'), tooLarge: size > MAX_BODY_BYTES });
    req.on('end', done);
    req.on('close', done);
  });
}

function loggedBody(text: string, contentType: string | undefined): SimulatorLogEntry['body'] {
  if (!text) return null;
  if (contentType === 'application/x-www-form-urlencoded') return parseForm(text).fields;
  if (contentType === 'application/json') return parseJsonObject(text) ?? text;
  return text;
}

function htmlErrorPage(status: number): string {
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  return `<!DOCTYPE html>\n<html>\n<head><title>${title}</title></head>\n<body>\n<center><h1>${title}</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n`;
}

export async function startSimulator(providerId: SimulatedProviderId, options: StartSimulatorOptions = {}): Promise<Simulator> {
  const makeBehaviour = BEHAVIOURS[providerId];
  if (!makeBehaviour) throw new Error(`No simulator for provider "${String(providerId)}"`);
  const behaviour = makeBehaviour();
  const { info, basePath } = behaviour;

  const defaults: SimulatorConfig = {
    lifetimeSeconds: behaviour.defaults.lifetimeSeconds,
    latencyMs: 0,
    rotateRefreshTokens: behaviour.defaults.rotateRefreshTokens,
  };
  const withPatch = (base: SimulatorConfig, patch: SimulatorConfigPatch): SimulatorConfig => {
    const next: Record<string, unknown> = { ...base };
    for (const key of CONFIG_KEYS) {
      if (!(key in patch)) continue;
      const value = patch[key];
      if (value === undefined) {
        if (key in defaults) next[key] = defaults[key];
        else delete next[key];
      } else next[key] = value;
    }
    const config = next as unknown as SimulatorConfig;
    checkConfig(config);
    return config;
  };
  const initialConfig = withPatch(defaults, options.config ?? {});
  const initialAccounts = (options.accounts ?? [{ credentials: info.sandboxDemo }]).map(copyAccount);

  let config = initialConfig;
  let accounts = initialAccounts.map(copyAccount);
  let stats = zeroStats();
  let mint = createTokenMint();
  const faults: Fault[] = [];
  const log: SimulatorLogEntry[] = [];
  const refreshTokens = new Map<string, RefreshBinding>();
  /** Opaque access tokens and when each expires (epoch ms); JWTs carry their own expiry. */
  const opaqueAccessTokens = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const intervals = new Set<NodeJS.Timeout>();
  let closed = false;
  let baseUrl = '';

  function issueRefreshToken(binding: RefreshBinding): string {
    if (refreshTokens.size >= MAX_LIVE_REFRESH_TOKENS) {
      const oldest = refreshTokens.keys().next();
      if (!oldest.done) refreshTokens.delete(oldest.value);
    }
    const token = opaqueToken();
    refreshTokens.set(token, { ...binding });
    return token;
  }

  function verifyAccessToken(token: string, { allowExpired }: { allowExpired: boolean }): Record<string, unknown> | null {
    const now = Date.now();
    if (behaviour.tokenFormat === 'opaque') {
      const expiresAt = opaqueAccessTokens.get(token);
      return expiresAt !== undefined && (allowExpired || expiresAt > now) ? {} : null;
    }
    const claims = mint.verifyJwt(token);
    if (!claims || claims.iss !== baseUrl) return null;
    const exp = claims.exp;
    if (!allowExpired && !(typeof exp === 'number' && exp * 1000 > now)) return null;
    return claims;
  }

  const runtime: SimulatorRuntime = {
    get config() {
      return config;
    },
    get accounts() {
      return accounts;
    },
    issueAccessToken(subject, claims: JsonObject = {}) {
      stats.issued += 1;
      const now = Date.now();
      if (behaviour.tokenFormat === 'opaque') {
        for (const [token, expiresAt] of opaqueAccessTokens) if (expiresAt <= now) opaqueAccessTokens.delete(token);
        const token = opaqueToken(OPAQUE_ACCESS_TOKEN_BYTES);
        opaqueAccessTokens.set(token, now + config.lifetimeSeconds * 1000);
        return token;
      }
      const iat = Math.floor(now / 1000);
      return mint.signJwt({
        ...claims,
        iss: baseUrl,
        sub: subject,
        iat,
        exp: iat + (config.jwtExpSeconds ?? config.lifetimeSeconds),
        jti: opaqueToken(16),
      });
    },
    lifetimeValue: () => (config.lifetimeOverride !== undefined ? config.lifetimeOverride : config.lifetimeSeconds),
    issueRefreshToken,
    findRefreshToken: (token) => refreshTokens.get(token),
    rotateRefreshToken(token) {
      if (!config.rotateRefreshTokens) return undefined;
      const binding = refreshTokens.get(token);
      refreshTokens.delete(token);
      return binding ? issueRefreshToken(binding) : undefined;
    },
    verifyAccessToken,
    now: () => Date.now(),
  };

  function delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const { text, tooLarge } = await readBody(req);
    const target = req.url ?? '/';
    const pathname = target.split('?')[0] ?? '/';
    const headers = flatHeaders(req);
    const contentType = mediaType(headers['content-type']);
    const entry: SimulatorLogEntry = {
      at,
      method: req.method ?? '',
      path: target,
      headers,
      body: loggedBody(text, contentType),
      status: null,
    };
    log.push(entry);

    const send = (status: number, body: string, contentTypeOut: string, extra: Record<string, string> = {}) => {
      if (closed || res.destroyed) return;
      entry.status = status;
      res.writeHead(status, { ...extra, 'Content-Type': contentTypeOut, 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    };
    const sendJson = (status: number, body: JsonObject, extra: Record<string, string> = {}) =>
      send(status, JSON.stringify(body), 'application/json; charset=utf-8', extra);
    const sendPlain = (status: number, extra: Record<string, string> = {}) =>
      send(status, STATUS_CODES[status] ?? '', 'text/plain; charset=utf-8', extra);

    const route = pathname.startsWith(`${basePath}/`) ? pathname.slice(basePath.length) : undefined;
    if (route === PROTECTED_ROUTE) {
      if (req.method !== 'GET') return sendPlain(405, { Allow: 'GET' });
      const token = bearerToken(headers.authorization);
      if (token && verifyAccessToken(token, { allowExpired: false })) return sendJson(200, { ok: true });
      return sendJson(401, { message: 'Unauthorized' }, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
    }
    if (route === undefined || !behaviour.tokenRoutes.includes(route)) return sendPlain(404);
    if (req.method !== 'POST') return sendPlain(405, { Allow: 'POST' });

    stats.tokenRequests += 1;
    // A fault belongs to the request in arrival order, whatever the latency does afterwards.
    const fault = faults.shift();
    if (config.latencyMs > 0) await delay(config.latencyMs);
    if (closed) return;
    if (fault) return applyFault(fault, { req, res, entry, send, sendJson });
    if (tooLarge) return sendPlain(413);

    const request: TokenRequest = { route, headers, contentType, body: text };
    const reply = behaviour.handle(request, runtime);
    const ok = reply.status >= 200 && reply.status < 300;
    if (reply.kind === 'login') stats[ok ? 'logins' : 'failedLogins'] += 1;
    else stats[ok ? 'refreshes' : 'failedRefreshes'] += 1;
    // Token answers must never be cached (RFC 6749 §5.1), errors included.
    sendJson(reply.status, reply.body, { 'Cache-Control': 'no-store', Pragma: 'no-cache', ...reply.headers });
  }

  function applyFault(fault: Fault, { req, res, entry, send, sendJson }: Exchange): void {
    switch (fault.kind) {
      case 'error':
        return sendJson(fault.status, fault.body ?? { message: STATUS_CODES[fault.status] ?? 'Error' }, fault.headers);
      case 'html':
        return send(fault.status, htmlErrorPage(fault.status), 'text/html');
      case 'hang':
        // Left unanswered on purpose; close() destroys the socket.
        return;
      case 'trickle': {
        // A stalled proxy: the socket never goes idle, so only a total deadline ends the wait.
        if (closed || res.destroyed) return;
        entry.status = 200;
        res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
        const drip = setInterval(() => {
          if (closed || res.destroyed) return clearInterval(drip);
          res.write(' ');
        }, TRICKLE_INTERVAL_MS);
        intervals.add(drip);
        res.on('close', () => {
          clearInterval(drip);
          intervals.delete(drip);
        });
        return;
      }
      case 'reset':
        req.socket.destroy();
        return;
      case 'truncated': {
        const { accessToken, lifetime } = behaviour.responseFields;
        const whole = JSON.stringify({ [accessToken]: opaqueToken(48), token_type: 'Bearer', [lifetime]: config.lifetimeSeconds });
        return send(200, whole.slice(0, Math.floor(whole.length / 2)), 'application/json; charset=utf-8');
      }
      case 'raw':
        return send(fault.status, fault.body, fault.contentType);
    }
  }

  const server = createServer((req, res) => {
    serve(req, res).catch(() => {
      // A bug in a provider's rules answers 500 like a real server would; there is no console here.
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Internal Server Error');
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // The sandbox runs inside the app: an accept failure (EMFILE) on its port must not end it.
  keepListening(server, 'sandbox', silentLogger);
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}${basePath}`;
  let closing: Promise<void> | undefined;

  return {
    providerId,
    info,
    baseUrl,
    port,
    log,
    get config() {
      return { ...config };
    },
    configure(patch) {
      config = withPatch(config, patch);
    },
    failNext(count, fault) {
      if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a whole number');
      for (let i = 0; i < count; i++) faults.push(structuredClone(fault));
    },
    revokeRefreshTokens() {
      refreshTokens.clear();
    },
    setAccounts(next) {
      accounts = next.map(copyAccount);
    },
    addAccount(credentials, extras) {
      accounts.push(copyAccount({ credentials, ...(extras ? { extras } : {}) }));
    },
    stats: () => ({ ...stats }),
    clearLog() {
      log.length = 0;
    },
    isValidAccessToken: (token) => verifyAccessToken(token, { allowExpired: false }) !== null,
    reset() {
      config = initialConfig;
      accounts = initialAccounts.map(copyAccount);
      stats = zeroStats();
      // A new key makes every JWT issued so far foreign, as a freshly started provider would.
      mint = createTokenMint();
      faults.length = 0;
      log.length = 0;
      refreshTokens.clear();
      opaqueAccessTokens.clear();
      behaviour.reset();
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        closed = true;
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        for (const interval of intervals) clearInterval(interval);
        intervals.clear();
        server.close(() => resolve());
        // Keep-alive and hanging sockets would otherwise hold close() open.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
