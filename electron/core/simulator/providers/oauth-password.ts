// The standard OAuth 2.0 password + refresh grants on one form-encoded endpoint (RFC 6749
// §4.3, §6, errors per §5.2), shared by Multinexo and Factus, which differ only in details.
import type { ProviderInfo } from '#common/profile-schema';

import { fieldMax, type ProviderBehaviour, type SimulatorRuntime, type TokenReply, type TokenRequest } from '../behaviour';
import type { JsonObject, SimulatorAccount } from '../types';
import { accepts, parseForm } from '../wire';

/** The provider's own wording of each refusal (its `error_description`). */
export interface PasswordGrantMessages {
  contentType: string;
  accept: string;
  repeated(field: string): string;
  missing(field: string): string;
  tooLong(field: string): string;
  unsupportedGrant: string;
  clientAuthentication: string;
  unauthorizedClient: string;
  badCredentials: string;
  badScope: string;
  badRefreshToken: string;
}

export interface PasswordGrantOptions {
  info: ProviderInfo;
  tokenRoute: string;
  lifetimeSeconds: number;
  rotateRefreshTokens: boolean;
  /** Factus answers only clients that say they accept JSON. */
  requireJsonAccept: boolean;
  /** Scopes an account may request when its extras name none. */
  defaultScopes: readonly string[];
  messages: PasswordGrantMessages;
  /** The JWT `sub` for an account. */
  subjectOf(account: SimulatorAccount): string;
  /** Claims beyond iss/sub/iat/exp/jti. */
  claimsOf(account: SimulatorAccount, clientId: string, scopes: readonly string[]): JsonObject;
  /** Fields added to every successful answer (Multinexo: who signed in). */
  answerFieldsOf?(account: SimulatorAccount): JsonObject;
}

const GRANT_TYPES = ['password', 'refresh_token'];

export function passwordGrantBehaviour(options: PasswordGrantOptions): ProviderBehaviour {
  const { info, messages: say } = options;
  const limits = {
    client_id: fieldMax(info, 'clientId'),
    client_secret: fieldMax(info, 'clientSecret'),
    username: fieldMax(info, 'username'),
    password: fieldMax(info, 'password'),
    // Refresh tokens and scopes have no documented limit; these only stop absurd input.
    refresh_token: 4096,
    scope: info.fields.scope?.max ?? 1000,
  };

  function handle(request: TokenRequest, runtime: SimulatorRuntime): TokenReply {
    const form = request.contentType === 'application/x-www-form-urlencoded' ? parseForm(request.body) : undefined;
    const fields = form?.fields ?? {};
    const grantType = fields.grant_type;
    const kind = grantType === 'refresh_token' ? 'refresh' : 'login';
    const refuse = (status: number, error: string, description: string): TokenReply => ({
      kind,
      status,
      body: { error, error_description: description },
    });

    if (!form) return refuse(400, 'invalid_request', say.contentType);
    if (options.requireJsonAccept && !accepts(request.headers.accept, 'application/json')) {
      return refuse(400, 'invalid_request', say.accept);
    }
    const repeated = form.repeated[0];
    if (repeated) return refuse(400, 'invalid_request', say.repeated(repeated));
    if (!grantType) return refuse(400, 'invalid_request', say.missing('grant_type'));
    if (!GRANT_TYPES.includes(grantType)) return refuse(400, 'unsupported_grant_type', say.unsupportedGrant);
    for (const [field, max] of Object.entries(limits)) {
      if ((fields[field]?.length ?? 0) > max) return refuse(400, 'invalid_request', say.tooLong(field));
    }

    // Client authentication comes first: nothing about users is revealed to an unknown client.
    const clientId = fields.client_id;
    const clientAccounts = runtime.accounts.filter(
      (a) => !!clientId && a.credentials.clientId === clientId && a.credentials.clientSecret === fields.client_secret,
    );
    if (!clientId || clientAccounts.length === 0) return refuse(401, 'invalid_client', say.clientAuthentication);
    if (!clientAccounts.some((a) => (a.extras?.grantTypes ?? GRANT_TYPES).includes(grantType))) {
      return refuse(400, 'unauthorized_client', say.unauthorizedClient);
    }

    if (grantType === 'password') {
      for (const field of ['username', 'password']) {
        if (!fields[field]) return refuse(400, 'invalid_request', say.missing(field));
      }
      const account = clientAccounts.find((a) => a.credentials.username === fields.username && a.credentials.password === fields.password);
      if (!account) return refuse(400, 'invalid_grant', say.badCredentials);
      const allowed = account.extras?.scopes ?? options.defaultScopes;
      const requested = (fields.scope ?? '').split(' ').filter(Boolean);
      if (requested.some((s) => !allowed.includes(s))) return refuse(400, 'invalid_scope', say.badScope);
      const scopes = requested.length > 0 ? requested : allowed;
      const accessToken = runtime.issueAccessToken(options.subjectOf(account), options.claimsOf(account, clientId, scopes));
      const refreshToken = runtime.issueRefreshToken({ accountKey: fields.username!, clientId, scope: scopes.join(' ') });
      return { kind, status: 200, body: answer(runtime, account, accessToken, refreshToken) };
    }

    const presented = fields.refresh_token;
    if (!presented) return refuse(400, 'invalid_request', say.missing('refresh_token'));
    const binding = runtime.findRefreshToken(presented);
    // A refresh token is bound to the client it was issued to (RFC 6749 §6).
    const account = binding?.clientId === clientId ? clientAccounts.find((a) => a.credentials.username === binding.accountKey) : undefined;
    if (!binding || !account) return refuse(400, 'invalid_grant', say.badRefreshToken);
    const scopes = (binding.scope ?? '').split(' ').filter(Boolean);
    const accessToken = runtime.issueAccessToken(options.subjectOf(account), options.claimsOf(account, clientId, scopes));
    return { kind, status: 200, body: answer(runtime, account, accessToken, runtime.rotateRefreshToken(presented)) };
  }

  function answer(runtime: SimulatorRuntime, account: SimulatorAccount, accessToken: string, refreshToken?: string): JsonObject {
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: runtime.lifetimeValue(),
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
      ...options.answerFieldsOf?.(account),
    };
  }

  return {
    info,
    basePath: '',
    tokenRoutes: [options.tokenRoute],
    tokenFormat: 'jwt',
    defaults: { lifetimeSeconds: options.lifetimeSeconds, rotateRefreshTokens: options.rotateRefreshTokens },
    responseFields: { accessToken: 'access_token', lifetime: 'expires_in' },
    handle,
    reset: () => undefined,
  };
}
