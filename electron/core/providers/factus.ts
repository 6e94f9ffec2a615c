// Factus (Colombia): OAuth 2.0 password grant plus refresh grant on /oauth/token, form encoded.
// Every refresh may return a new refresh token, which replaces the old one at once.
import type { ProviderInfo } from '#common/profile-schema';

import { joinUrl } from '../url';
import { callTokenEndpoint, makeGrant, oauthTokenResponse, parseBody } from './oauth';
import { OAUTH_PASSWORD_GRANT_ERRORS } from './oauth-errors';
import type { ProviderAdapter, TokenGrant } from './types';

const info: ProviderInfo = {
  id: 'factus',
  label: { en: 'Factus', es: 'Factus', pt: 'Factus' },
  environments: [
    { id: 'sandbox', label: { en: 'Sandbox', es: 'Sandbox', pt: 'Sandbox' }, baseUrl: 'https://api-sandbox.factus.com.co' },
    { id: 'production', label: { en: 'Production', es: 'Producción', pt: 'Produção' }, baseUrl: 'https://api.factus.com.co' },
  ],
  fields: {
    clientId: { required: true, max: 200 },
    clientSecret: { required: true, max: 256 },
    username: { required: true, max: 254, format: 'email' },
    password: { required: true, max: 256 },
  },
  renewal: 'refresh-token',
  errors: OAUTH_PASSWORD_GRANT_ERRORS,
  sandboxDemo: {
    clientId: 'sandbox-client',
    clientSecret: 'sandbox-client-secret',
    username: 'sandbox@factus.test',
    password: 'sandbox-password',
  },
};

const tokenPath = 'oauth/token';

function grantOf(body: Record<string, unknown>, sentAt: number, current?: TokenGrant): TokenGrant {
  const r = parseBody(oauthTokenResponse, body, 'expires_in');
  return makeGrant({
    accessToken: r.access_token,
    tokenType: r.token_type,
    refreshToken: r.refresh_token ?? current?.refreshToken,
    lifetimeSeconds: r.expires_in,
    sentAt,
    scope: r.scope,
  });
}

export const factus: ProviderAdapter = {
  info,
  async login(ctx, { baseUrl, credentials: c }) {
    const { body, sentAt } = await callTokenEndpoint(ctx, info, {
      phase: 'login',
      url: joinUrl(baseUrl, tokenPath),
      encoding: 'form',
      body: {
        grant_type: 'password',
        client_id: c.clientId,
        client_secret: c.clientSecret,
        username: c.username,
        password: c.password,
      },
      secrets: [c.password, c.clientSecret],
    });
    return grantOf(body, sentAt);
  },
  async refresh(ctx, { baseUrl, credentials: c }, current) {
    const { body, sentAt } = await callTokenEndpoint(ctx, info, {
      phase: 'refresh',
      url: joinUrl(baseUrl, tokenPath),
      encoding: 'form',
      // The refresh page's header table lists it (its code example omits it); a token
      // endpoint that does not need it ignores it.
      headers: { Authorization: `Bearer ${current.accessToken}` },
      body: {
        grant_type: 'refresh_token',
        client_id: c.clientId,
        client_secret: c.clientSecret,
        refresh_token: current.refreshToken,
      },
      secrets: [c.password, c.clientSecret, current.accessToken, current.refreshToken],
    });
    return grantOf(body, sentAt, current);
  },
};
