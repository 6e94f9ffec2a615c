// One provider simulator: a loopback node:http server that routes token requests to the
// provider's rules, injects faults, and keeps the log and counters tests read. Prints nothing.
import { createServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';

import { silentLogger } from '../logger';
import { keepListening } from '../server-guard';
import type { ProviderBehaviour, RefreshBinding, SimulatorRuntime, TokenRequest } from './behaviour';
import { ereceiptBehaviour } from './providers/ereceipt';
import { factusBehaviour } from './providers/factus';
import { invoisysBehaviour } from './providers/invoisys';
import { multinexoBehaviour } from './providers/multinexo';
import { onapiBehaviour } from './providers/onapi';
import { createTokenMint, opaqueToken } from './token-mint';
import {
  type Fault,
  type JsonObject,
  LIFETIME_UNITS,
  PROVIDER_SWITCHES,
  type SimulatedProviderId,
  type Simulator,
  type SimulatorAccount,
  type SimulatorConfig,
  type SimulatorConfigPatch,
  type SimulatorLogEntry,
  type SimulatorStats,
  type StartSimulatorOptions,
} from './types';
import { bearerToken, mediaType, parseForm, parseJsonObject } from './wire';

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
  'lifetimeUnit',
  'tokenFormat',
  'unusableSuccess',
  'optionalPosHeaders',
  'invalidClient',
  'tagsClaim',
  'tokenApi',
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

function checkConfig(config: SimulatorConfig, providerId: SimulatedProviderId): void {
  const finite = (v: number | undefined) => v === undefined || (typeof v === 'number' && Number.isFinite(v));
  if (!finite(config.lifetimeSeconds) || config.lifetimeSeconds <= 0) {
    throw new RangeError('lifetimeSeconds must be a positive number');
  }
  if (!finite(config.jwtExpSeconds)) throw new RangeError('jwtExpSeconds must be a finite number');
  if (!finite(config.latencyMs) || config.latencyMs < 0) throw new RangeError('latencyMs must be zero or more');
  if (typeof config.rotateRefreshTokens !== 'boolean') throw new RangeError('rotateRefreshTokens must be a boolean');
  const oneOf = (key: keyof SimulatorConfig, values: readonly unknown[]) => {
    if (config[key] !== undefined && !values.includes(config[key])) throw new RangeError(`${key} must be one of ${values.join(', ')}`);
  };
  oneOf('lifetimeUnit', LIFETIME_UNITS);
  oneOf('tokenFormat', ['jwt', 'opaque']);
  oneOf('unusableSuccess', ['html', 'no-token']);
  oneOf('optionalPosHeaders', [true, false]);
  oneOf('invalidClient', [true, false]);
  oneOf('tokenApi', ['2.0', '3.0']);
  if (config.tagsClaim !== undefined && config.tagsClaim !== null && !/^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/.test(config.tagsClaim)) {
    throw new RangeError('tagsClaim must be a claim name or null');
  }
  for (const [key, providers] of Object.entries(PROVIDER_SWITCHES)) {
    if (config[key as keyof SimulatorConfig] !== undefined && !(providers as readonly string[]).includes(providerId)) {
      throw new RangeError(`${key} applies to ${providers.join(', ')} only`);
    }
  }
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

/** What a captive portal or a misrouted proxy answers with 200 in place of the token. */
const PORTAL_PAGE =
  '<!DOCTYPE html>\n<html>\n<head><title>Welcome</title></head>\n<body><h1>Welcome</h1><p>You are signed in.</p></body>\n</html>\n';

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
    checkConfig(config, providerId);
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
  /** Opaque access tokens: when each expires (epoch ms) and its claims; JWTs carry their own. */
  const opaqueAccessTokens = new Map<string, { expiresAt: number; claims: Record<string, unknown> }>();
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
    // Both kinds may be live at once: the token format can be switched while tokens are out.
    const opaque = opaqueAccessTokens.get(token);
    if (opaque) return allowExpired || opaque.expiresAt > now ? { ...opaque.claims } : null;
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
      if ((config.tokenFormat ?? behaviour.tokenFormat) === 'opaque') {
        for (const [token, { expiresAt }] of opaqueAccessTokens) if (expiresAt <= now) opaqueAccessTokens.delete(token);
        const token = opaqueToken(OPAQUE_ACCESS_TOKEN_BYTES);
        opaqueAccessTokens.set(token, { expiresAt: now + config.lifetimeSeconds * 1000, claims: { ...claims, sub: subject } });
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
    lifetimeValue: () => {
      if (config.lifetimeOverride !== undefined) return config.lifetimeOverride;
      // `missing` is taken out of the answer in serve(); here it reads like `seconds`.
      if (config.lifetimeUnit === 'milliseconds') return config.lifetimeSeconds * 1000;
      if (config.lifetimeUnit === 'zero') return 0;
      return config.lifetimeSeconds;
    },
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
    const noStore = { 'Cache-Control': 'no-store', Pragma: 'no-cache', ...reply.headers };
    if (ok && config.unusableSuccess === 'html') return send(200, PORTAL_PAGE, 'text/html; charset=utf-8', noStore);
    const body = { ...reply.body };
    if (ok && config.unusableSuccess === 'no-token') delete body[behaviour.responseFields.accessToken];
    if (ok && config.lifetimeUnit === 'missing' && config.lifetimeOverride === undefined) delete body[behaviour.responseFields.lifetime];
    sendJson(reply.status, body, noStore);
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
