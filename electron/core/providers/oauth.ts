// The shared half of every adapter: send a token request (form or JSON), turn whatever comes
// back into either a validated body or a classified, secret-free ProviderError, and compute
// when the token expires. Adapters only describe their fields.
import { type AxiosResponse, isAxiosError } from 'axios';
import { z } from 'zod';

import type { ErrorClass, ProviderInfo } from '#common/profile-schema';

import { ProviderError } from '../errors';
import { decodeJwt, jwtExpiry } from '../jwt';
import { excerpt, maskTokenShaped, redact } from '../redact';
import { isWellFormedToken } from './token-shape';
import type { Identity, RequestContext, TokenGrant } from './types';

export const MAX_LIFETIME_SECONDS = 30 * 24 * 3600;
const MAX_RETRY_AFTER_MS = 3600_000;

export interface TokenCall {
  phase: 'login' | 'refresh';
  url: string;
  encoding: 'form' | 'json';
  /** Headers whose value is undefined, empty or blank are left out: a header is never sent empty. */
  headers?: Record<string, string | undefined>;
  /** Fields whose value is undefined or empty are left out of the body. */
  body: Record<string, string | undefined>;
  /** Every secret in this request, scrubbed from anything the response echoes back. */
  secrets: readonly (string | undefined)[];
}

export interface TokenResponse {
  body: Record<string, unknown>;
  /** When the request was sent: the start of the token's lifetime. */
  sentAt: number;
}

function presentHeaders(headers: TokenCall['headers']): Record<string, string> {
  // HTTP drops a header value's surrounding spaces, so a blank value would arrive empty too.
  return Object.fromEntries(Object.entries(headers ?? {}).filter((e): e is [string, string] => !!e[1]?.trim()));
}

function encodeBody(call: TokenCall): string {
  const entries = Object.entries(call.body).filter((e): e is [string, string] => !!e[1]);
  return call.encoding === 'form' ? new URLSearchParams(entries).toString() : JSON.stringify(Object.fromEntries(entries));
}

/** Sends one token request and returns the parsed JSON body of a 2xx answer, or throws. */
export async function callTokenEndpoint(ctx: RequestContext, info: ProviderInfo, call: TokenCall): Promise<TokenResponse> {
  const sentAt = ctx.clock.now();
  let res: AxiosResponse<string>;
  // axios's timeout only notices an idle socket: a body that trickles in would outlive it.
  const deadline = new AbortController();
  const timer = ctx.clock.setTimeout(() => deadline.abort(), ctx.timeoutMs);
  try {
    res = await ctx.http.request<string>({
      method: 'POST',
      url: call.url,
      data: encodeBody(call),
      headers: {
        'Content-Type': call.encoding === 'form' ? 'application/x-www-form-urlencoded' : 'application/json',
        Accept: 'application/json',
        ...presentHeaders(call.headers),
      },
      timeout: ctx.timeoutMs,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      maxRedirects: 0,
      // A token response is a few kilobytes; anything near this is not one.
      maxContentLength: 1024 * 1024,
      signal: deadline.signal,
    });
  } catch (err) {
    throw deadline.signal.aborted ? new ProviderError({ errorClass: 'transient', code: 'timeout' }) : networkFailure(err);
  } finally {
    ctx.clock.clearTimeout(timer);
  }
  const text = typeof res.data === 'string' ? res.data : '';
  if (res.status >= 200 && res.status < 300) {
    const body = parseJsonObject(text);
    if (!body) {
      throw new ProviderError({
        errorClass: 'protocol',
        code: 'not_json',
        status: res.status,
        excerpt: excerpt(maskTokenShaped(text), call.secrets) || '(empty body)',
      });
    }
    return { body, sentAt };
  }
  throw httpFailure(info, call, res.status, text, headerValue(res.headers, 'retry-after'), ctx.clock.now());
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const h = headers as { get?: (n: string) => unknown } & Record<string, unknown>;
  const v = typeof h.get === 'function' ? h.get(name) : h[name];
  return typeof v === 'string' ? v : undefined;
}

function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Retry-After as delta-seconds or an HTTP date, in ms from now; capped at an hour. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  let ms: number;
  if (/^\d+$/.test(trimmed)) ms = Number(trimmed) * 1000;
  else {
    // Every HTTP-date form starts with a day name; Date.parse alone reads "-5" or "1.5" as 2001.
    if (!/^[A-Za-z]{3}/.test(trimmed)) return undefined;
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return undefined;
    ms = at - now;
  }
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

function networkFailure(err: unknown): ProviderError {
  const code = isAxiosError(err) ? (err.code ?? '') : '';
  const message = err instanceof Error ? err.message : '';
  let ours = 'network';
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(message)) ours = 'timeout';
  else if (code === 'ECONNREFUSED') ours = 'connection_refused';
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') ours = 'dns';
  else if (/CERT|TLS|SSL|SELF_SIGNED/i.test(code + message)) ours = 'tls';
  // The axios error itself is dropped here: its config holds the request body.
  return new ProviderError({ errorClass: 'transient', code: ours });
}

// On a refresh only a failed client authentication is a credentials stop: a login would fail the
// same way. `unauthorized_client` there means "this client may not use the refresh grant"
// (RFC 6749 §5.2), which a full login with the password grant may still pass.
const CLIENT_CREDENTIAL_CODES = new Set(['invalid_client', 'invalid_clientsecret']);

function httpFailure(
  info: ProviderInfo,
  call: TokenCall,
  status: number,
  text: string,
  retryAfter: string | undefined,
  now: number,
): ProviderError {
  const body = parseJsonObject(text);
  const read = readErrorBody(body);
  // A code goes to logs, history and POS programs as it is: one that echoes a secret is dropped.
  const providerCode = read.code !== undefined && redact(read.code, call.secrets) === read.code ? read.code : undefined;
  const message = read.message;
  const providerMessage = message ? excerpt(message, call.secrets, 300) : undefined;
  const retryAfterMs = parseRetryAfter(retryAfter, now);
  const common = { status, providerMessage, retryAfterMs };

  if (status === 408 || status === 429 || status >= 500) {
    return new ProviderError({
      ...common,
      errorClass: 'transient',
      code: providerCode ?? `http_${status}`,
      ...(body ? {} : { excerpt: excerpt(text, call.secrets) }),
    });
  }
  if (status >= 400 && !body && /<\s*(html|!doctype)/i.test(text)) {
    // An HTML error page (a proxy, a captive portal): nothing the user's credentials caused.
    return new ProviderError({ ...common, errorClass: 'protocol', code: `http_${status}`, excerpt: excerpt(text, call.secrets) });
  }
  let errorClass: ErrorClass;
  if (call.phase === 'refresh') {
    // A refresh call that fails for any reason but bad client credentials falls back to a login.
    errorClass = providerCode && CLIENT_CREDENTIAL_CODES.has(providerCode) ? 'credentials' : 'refresh-rejected';
    if (status >= 300 && status < 400) errorClass = 'protocol';
  } else if (providerCode && info.errors[providerCode]) {
    errorClass = info.errors[providerCode].errorClass;
  } else if (status === 400 || status === 401 || status === 403 || status === 423) {
    // Undocumented refusals of a login are treated as credential problems: retrying could lock the account.
    errorClass = 'credentials';
  } else {
    errorClass = 'protocol';
  }
  return new ProviderError({ ...common, errorClass, code: providerCode ?? `http_${status}` });
}

/** The error code and human message of an error body, in the shapes providers use. */
function readErrorBody(body: Record<string, unknown> | null): { code?: string; message?: string } {
  if (!body) return {};
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  let code = str(body.error) ?? str(body.code);
  // `mensagem`: Invoisys' token API 3.0 answers errors as {"mensagem": "...", "token": null}.
  let message = str(body.error_description) ?? str(body.message) ?? str(body.errorMessage) ?? str(body.mensagem);
  if (body.error && typeof body.error === 'object') {
    const nested = body.error as Record<string, unknown>;
    code ??= str(nested.code);
    message ??= str(nested.message);
  }
  // Codes are identifiers; anything else is not a code we can explain.
  if (code && !/^[A-Za-z0-9_.-]{1,64}$/.test(code)) code = undefined;
  return { code, message };
}

// ---------------------------------------------------------------------------------------------
// Response validation.

/** A lifetime in seconds: a number or a numeric string, positive, at most 30 days. */
export const lifetimeSchema = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^\s*\d+(\.\d+)?\s*$/)
      .transform(Number),
  ])
  .pipe(z.number().finite().positive().max(MAX_LIFETIME_SECONDS));

/** Parses a 2xx body with the adapter's schema; a mismatch is a protocol error naming the field. */
export function parseBody<T extends z.ZodType>(schema: T, body: Record<string, unknown>, lifetimeField: string): z.infer<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = String(issue?.path[0] ?? '');
  const missing = body[field] === undefined;
  throw new ProviderError({
    errorClass: 'protocol',
    code: field === lifetimeField && !missing ? 'bad_lifetime' : 'missing_field',
    excerpt: missing ? `missing "${field}"` : `"${field}" is not valid`,
  });
}

/**
 * Builds the grant. expiresAt is sentAt + lifetime, or the JWT's `exp` when that is earlier;
 * a token whose own `exp` is already past points at a wrong system clock. Every adapter ends
 * here, so this is where a malformed token is stopped, before it is stored, served or written
 * (the excerpt stays empty: the token is a secret however it looks).
 */
export function makeGrant(input: {
  accessToken: string;
  tokenType?: string;
  refreshToken?: string;
  lifetimeSeconds: number;
  sentAt: number;
  scope?: string;
  identity?: Identity;
  lifetimeSource?: TokenGrant['lifetimeSource'];
}): TokenGrant {
  if (
    !isWellFormedToken(input.accessToken) ||
    (input.refreshToken !== undefined && input.refreshToken !== '' && !isWellFormedToken(input.refreshToken))
  ) {
    throw new ProviderError({ errorClass: 'protocol', code: 'bad_token' });
  }
  const byLifetime = input.sentAt + Math.round(input.lifetimeSeconds * 1000);
  const byJwt = jwtExpiry(decodeJwt(input.accessToken));
  const expiresAt = byJwt === null ? byLifetime : Math.min(byLifetime, byJwt);
  if (expiresAt <= input.sentAt) {
    throw new ProviderError({ errorClass: 'protocol', code: 'token_already_expired' });
  }
  const type = input.tokenType?.trim() || 'Bearer';
  return {
    accessToken: input.accessToken,
    tokenType: type.toLowerCase() === 'bearer' ? 'Bearer' : type,
    ...(input.refreshToken ? { refreshToken: input.refreshToken } : {}),
    issuedAt: input.sentAt,
    expiresAt,
    ...(input.scope ? { scope: input.scope } : {}),
    ...(input.identity ? { identity: input.identity } : {}),
    ...(input.lifetimeSource ? { lifetimeSource: input.lifetimeSource } : {}),
  };
}

/** The standard OAuth 2.0 token response (RFC 6749 §5.1). */
export const oauthTokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: lifetimeSchema,
  refresh_token: z.string().min(1).optional(),
  scope: z.string().optional(),
});
