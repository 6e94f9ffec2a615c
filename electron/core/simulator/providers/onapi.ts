// factura-core's OnAPI integrator: JSON login on /integrator/authenticate, refresh on
// /integrator/refresh-token behind the caller's Bearer token, Spring-style `{"message"}`
// errors, and the "temporary blocking" its docs warn of after repeated failed logins.
import { onapi } from '../../providers/onapi';
import { fieldMax, isFieldValue, type ProviderBehaviour, type SimulatorRuntime, type TokenReply, type TokenRequest } from '../behaviour';
import { bearerToken, parseJsonObject } from '../wire';

const info = onapi.info;

/** Failed logins in a row that block a username, and for how long. */
export const ONAPI_LOCKOUT_ATTEMPTS = 5;
export const ONAPI_LOCKOUT_MS = 15 * 60_000;
const REFRESH_TOKEN_MAX = 4096;

const LOGIN_FIELDS = [
  ['clientId', fieldMax(info, 'clientId')],
  ['username', fieldMax(info, 'username')],
  ['password', fieldMax(info, 'password')],
  ['grantType', 20],
] as const;

export function onapiBehaviour(): ProviderBehaviour {
  const failures = new Map<string, { inARow: number; blockedUntil: number }>();

  /** The JSON object body, or the refusal a Spring controller would give instead. */
  function jsonBody(request: TokenRequest, kind: TokenReply['kind']): { body: Record<string, unknown> } | { refusal: TokenReply } {
    if (request.contentType !== 'application/json') {
      return { refusal: { kind, status: 415, body: { message: 'Content-Type must be application/json.' } } };
    }
    const body = parseJsonObject(request.body);
    return body ? { body } : { refusal: { kind, status: 400, body: { message: 'Malformed JSON request body.' } } };
  }

  function login(request: TokenRequest, runtime: SimulatorRuntime): TokenReply {
    const parsed = jsonBody(request, 'login');
    if ('refusal' in parsed) return parsed.refusal;
    const { body } = parsed;
    for (const [field, max] of LOGIN_FIELDS) {
      if (!isFieldValue(body[field], max)) {
        return { kind: 'login', status: 400, body: { message: `${field} is required and must be at most ${max} characters.` } };
      }
    }
    const { clientId, username, password, grantType } = body as Record<(typeof LOGIN_FIELDS)[number][0], string>;
    if (grantType !== 'password') return { kind: 'login', status: 400, body: { message: 'Unsupported grantType.' } };

    const record = failures.get(username) ?? { inARow: 0, blockedUntil: 0 };
    if (record.blockedUntil > runtime.now()) {
      return {
        kind: 'login',
        status: 423,
        body: { message: 'Too many failed login attempts: the user is temporarily blocked. Try again later.' },
      };
    }
    const account = runtime.accounts.find(
      (a) => a.credentials.clientId === clientId && a.credentials.username === username && a.credentials.password === password,
    );
    if (!account) {
      record.inARow += 1;
      if (record.inARow >= ONAPI_LOCKOUT_ATTEMPTS) {
        record.inARow = 0;
        record.blockedUntil = runtime.now() + ONAPI_LOCKOUT_MS;
      }
      failures.set(username, record);
      return { kind: 'login', status: 401, body: { message: 'Invalid credentials.' } };
    }
    failures.delete(username);
    return {
      kind: 'login',
      status: 200,
      body: {
        token: runtime.issueAccessToken(username, { clientId }),
        refresh_token: runtime.issueRefreshToken({ accountKey: username, clientId }),
        expiresIn: runtime.lifetimeValue(),
      },
    };
  }

  function refresh(request: TokenRequest, runtime: SimulatorRuntime): TokenReply {
    // The Bearer filter runs before the controller reads the body, as in any Spring API.
    const bearer = bearerToken(request.headers.authorization);
    const claims = bearer ? runtime.verifyAccessToken(bearer, { allowExpired: true }) : null;
    if (!claims) return { kind: 'refresh', status: 401, body: { message: 'Missing or invalid access token.' } };
    const parsed = jsonBody(request, 'refresh');
    if ('refusal' in parsed) return parsed.refusal;
    const presented = parsed.body.refreshToken;
    if (!isFieldValue(presented, REFRESH_TOKEN_MAX)) {
      return { kind: 'refresh', status: 400, body: { message: 'refreshToken is required.' } };
    }
    const binding = runtime.findRefreshToken(presented);
    const stillRegistered = runtime.accounts.some(
      (a) => a.credentials.username === binding?.accountKey && a.credentials.clientId === binding?.clientId,
    );
    // The access token must belong to the same user as the refresh token.
    if (!binding || !stillRegistered || claims.sub !== binding.accountKey) {
      return { kind: 'refresh', status: 401, body: { message: 'Invalid or expired refresh token.' } };
    }
    const token = runtime.issueAccessToken(binding.accountKey, { clientId: binding.clientId ?? '' });
    const next = runtime.rotateRefreshToken(presented);
    return {
      kind: 'refresh',
      status: 200,
      body: { token, ...(next ? { refresh_token: next } : {}), expiresIn: runtime.lifetimeValue() },
    };
  }

  return {
    info,
    basePath: '/integrator/api/v1',
    tokenRoutes: ['/integrator/authenticate', '/integrator/refresh-token'],
    tokenFormat: 'jwt',
    defaults: { lifetimeSeconds: 3600, rotateRefreshTokens: true },
    responseFields: { accessToken: 'token', lifetime: 'expiresIn' },
    handle: (request, runtime) => (request.route === '/integrator/authenticate' ? login : refresh)(request, runtime),
    reset: () => failures.clear(),
  };
}
