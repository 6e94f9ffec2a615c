// Records a provider adapter's token requests without the adapter knowing: it runs with an HTTP
// client that notes each exchange, and once the adapter returns or throws, each exchange is
// redacted with every secret known by then (the credentials, the tokens it renewed, the tokens
// it received) and only then handed on. A raw response body lives no longer than the call.
import { type AxiosInstance, type AxiosRequestConfig, isAxiosError } from 'axios';

import { DIAGNOSTIC_HEADERS, type DiagnosticHeader, type ExchangeView } from '#common/diagnostics-view';
import type { FailureView } from '#common/failure';
import { type CredentialValues, FIELD_ORDER, SECRET_FIELDS } from '#common/profile-schema';

import type { Clock } from '../clock';
import { toFailure } from '../errors';
import type { ProviderAdapter, RequestContext, SignInTarget, TokenGrant } from '../providers/types';
import { maskTokenShaped, redactor } from '../redact';

/** A body is shown up to this many characters: a token answer or error page fits, a dump does not. */
export const MAX_BODY_CHARS = 2000;
const MAX_HEADER_CHARS = 300;

/**
 * Keys under which a JSON answer carries something secret (`access_token`, `token`,
 * `refresh_token`, `id_token`, `client_secret`, `password`...). Their values are redacted wherever
 * they appear, whether or not Tessera could read the answer. `token_type` only says "Bearer".
 */
const SECRET_KEY = /token|secret|passw|senha|contrase|pre_?shared|key|jwt|assertion|session|cookie|credential|signature|authori[sz]ation/i;
const HARMLESS_KEY = /^token_?type$/i;

interface RawExchange {
  at: number;
  method: string;
  url: string;
  ms: number;
  response?: { status: number; headers: unknown; body: string };
}

/** An HTTP client that passes every `request` through and notes what went and came back. */
function observingHttp(http: AxiosInstance, clock: Clock, seen: RawExchange[]): AxiosInstance {
  const request = async (config: AxiosRequestConfig) => {
    const raw: RawExchange = { at: clock.now(), method: (config.method ?? 'GET').toUpperCase(), url: config.url ?? '', ms: 0 };
    seen.push(raw);
    const started = clock.monotonic();
    try {
      const res = await http.request(config);
      raw.response = { status: res.status, headers: res.headers, body: typeof res.data === 'string' ? res.data : '' };
      return res;
    } catch (err) {
      if (isAxiosError(err) && err.response) {
        const data: unknown = err.response.data;
        raw.response = { status: err.response.status, headers: err.response.headers, body: typeof data === 'string' ? data : '' };
      }
      throw err;
    } finally {
      raw.ms = Math.max(0, Math.round(clock.monotonic() - started));
    }
  };
  // Adapters send through `request` (callTokenEndpoint); anything else reaches the real client.
  return new Proxy(http, {
    get: (target, prop, receiver): unknown => (prop === 'request' ? request : Reflect.get(target, prop, receiver)),
  });
}

/** Every secret a sign-in involves: the stored secrets, the tokens it used, the tokens it got. */
export function secretsOf(credentials: CredentialValues, ...grants: (TokenGrant | undefined)[]): string[] {
  const values: (string | undefined)[] = SECRET_FIELDS.map((f) => credentials[f]);
  for (const g of grants) values.push(g?.accessToken, g?.refreshToken);
  return values.filter((v): v is string => !!v);
}

/** String values under secret-looking keys anywhere in a JSON body. */
function secretValuesIn(body: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [];
  }
  const found: string[] = [];
  const walk = (value: unknown, key: string | undefined) => {
    if (typeof value === 'string') {
      if (key !== undefined && SECRET_KEY.test(key) && !HARMLESS_KEY.test(key)) found.push(value);
    } else if (Array.isArray(value)) value.forEach((v) => walk(v, key));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  walk(parsed, undefined);
  return found;
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const h = headers as { get?: (n: string) => unknown } & Record<string, unknown>;
  const v = typeof h.get === 'function' ? h.get(name) : h[name];
  if (Array.isArray(v)) return v.join(', ');
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

/** The address without query string, fragment or user info. */
function addressOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url.split(/[?#]/)[0] ?? '';
  }
}

// Control characters other than tab and line breaks would garble a pasted report.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** A raw exchange made safe to keep: redacted, shortened, and with only the chosen headers. */
function settle(raw: RawExchange, phase: 'login' | 'refresh', failure: FailureView | undefined, secrets: readonly string[]): ExchangeView {
  const res = raw.response;
  // The forms of every secret are worked out once for the whole exchange.
  const scrub = redactor(res ? [...secrets, ...secretValuesIn(res.body)] : secrets);
  const headers: Partial<Record<DiagnosticHeader, string>> = {};
  let body: string | undefined;
  let bodyLength: number | undefined;
  if (res) {
    for (const name of DIAGNOSTIC_HEADERS) {
      const value = headerValue(res.headers, name);
      if (value !== undefined) headers[name] = scrub(value.slice(0, MAX_HEADER_CHARS)).replace(CONTROL_CHARS, '\uFFFD');
    }
    let clean = scrub(res.body);
    // A successful answer may carry a token no list of secrets knows (one Tessera could not read).
    if (res.status >= 200 && res.status < 300) clean = maskTokenShaped(clean);
    clean = clean.replace(CONTROL_CHARS, '\uFFFD');
    if (clean.length > MAX_BODY_CHARS) {
      bodyLength = clean.length;
      clean = clean.slice(0, MAX_BODY_CHARS);
    }
    body = clean;
  }
  return {
    at: raw.at,
    phase,
    method: raw.method,
    url: scrub(addressOf(raw.url)),
    ...(res ? { status: res.status } : {}),
    ms: raw.ms,
    headers,
    ...(body !== undefined ? { body } : {}),
    ...(bodyLength !== undefined ? { bodyLength } : {}),
    ...(failure ? { failure } : {}),
  };
}

/**
 * The same adapter, with every exchange of its logins and refreshes handed to `sink` once the
 * call is over. Each exchange is marked with the call's outcome (an adapter call makes one
 * request): no failure when it yielded a token, else the classified, secret-free failure.
 */
export function observedAdapter(adapter: ProviderAdapter, clock: Clock, sink: (exchange: ExchangeView) => void): ProviderAdapter {
  const observe = async (
    phase: 'login' | 'refresh',
    ctx: RequestContext,
    target: SignInTarget,
    current: TokenGrant | undefined,
    run: (ctx: RequestContext) => Promise<TokenGrant>,
  ): Promise<TokenGrant> => {
    const seen: RawExchange[] = [];
    let grant: TokenGrant;
    try {
      grant = await run({ ...ctx, http: observingHttp(ctx.http, clock, seen) });
    } catch (err) {
      const failure = toFailure(err).toView();
      for (const raw of seen) sink(settle(raw, phase, failure, secretsOf(target.credentials, current)));
      throw err;
    }
    for (const raw of seen) sink(settle(raw, phase, undefined, secretsOf(target.credentials, current, grant)));
    return grant;
  };
  const refresh = adapter.refresh?.bind(adapter);
  return {
    // Whatever else an adapter offers passes through unchanged.
    ...adapter,
    login: (ctx, target) => observe('login', ctx, target, undefined, (c) => adapter.login(c, target)),
    ...(refresh ? { refresh: (ctx, target, current) => observe('refresh', ctx, target, current, (c) => refresh(c, target, current)) } : {}),
  };
}

const PLACEHOLDER_GRANT: TokenGrant = {
  accessToken: 'placeholder',
  tokenType: 'Bearer',
  refreshToken: 'placeholder',
  issuedAt: 0,
  expiresAt: 0,
};

/**
 * Where an adapter sends a login and a refresh from `baseUrl`, learnt by letting it prepare each
 * request (with placeholder credentials) and stopping it before anything is sent: the adapters
 * own their paths, and this way the report cannot drift from them.
 */
export async function tokenUrls(
  adapter: ProviderAdapter,
  baseUrl: string,
  clock: Clock,
): Promise<{ tokenUrl?: string; refreshUrl?: string }> {
  const urlOf = async (run: (ctx: RequestContext) => Promise<unknown>) => {
    let url: string | undefined;
    const http = {
      request: (config: AxiosRequestConfig) => {
        url = config.url;
        return Promise.reject(new Error('prepared only, never sent'));
      },
    } as unknown as AxiosInstance;
    await run({ http, clock, timeoutMs: 1000 }).catch(() => undefined);
    return url === undefined ? undefined : addressOf(url);
  };
  // Placeholders in every field, in case an adapter checks a field before it builds the request.
  const target: SignInTarget = { baseUrl, credentials: Object.fromEntries(FIELD_ORDER.map((f) => [f, 'placeholder'])) };
  const tokenUrl = await urlOf((ctx) => adapter.login(ctx, target));
  const refreshUrl = adapter.refresh ? await urlOf((ctx) => adapter.refresh!(ctx, target, PLACEHOLDER_GRANT)) : undefined;
  return { ...(tokenUrl ? { tokenUrl } : {}), ...(refreshUrl ? { refreshUrl } : {}) };
}
