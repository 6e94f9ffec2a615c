// Factus's token endpoint (a Laravel Passport server): password and refresh grants on
// /oauth/token, JSON answers only for clients that accept JSON, refresh tokens rotated.
import { factus } from '../../providers/factus';
import type { ProviderBehaviour } from '../behaviour';
import { passwordGrantBehaviour } from './oauth-password';

export function factusBehaviour(): ProviderBehaviour {
  return passwordGrantBehaviour({
    info: factus.info,
    tokenRoute: '/oauth/token',
    lifetimeSeconds: 3600,
    rotateRefreshTokens: true,
    requireJsonAccept: true,
    // Passport clients get no scopes unless the application defines some.
    defaultScopes: [],
    messages: {
      contentType: 'The request body must be application/x-www-form-urlencoded.',
      accept: 'This endpoint only answers clients that accept application/json.',
      repeated: (field) => `The ${field} parameter was sent more than once.`,
      missing: (field) => `The request is missing the ${field} parameter.`,
      tooLong: (field) => `The ${field} parameter is too long.`,
      unsupportedGrant: 'The authorization grant type is not supported by the authorization server.',
      clientAuthentication: 'Client authentication failed.',
      unauthorizedClient: 'The client is not authorized to use this grant type.',
      badCredentials: 'The user credentials were incorrect.',
      badScope: 'The requested scope is invalid, unknown, or malformed.',
      badRefreshToken: 'The refresh token is invalid or has been revoked.',
    },
    subjectOf: (account) => account.credentials.username ?? '',
    claimsOf: (_account, clientId, scopes) => ({ aud: clientId, scopes: [...scopes] }),
  });
}
