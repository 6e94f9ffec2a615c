// Multinexo (Argentina): OAuth 2.0 password grant, form encoded, with a refresh grant on the
// same endpoint. The response names who signed in (first and last name, uid).
import { z } from 'zod';

import type { ProviderInfo } from '#common/profile-schema';

import { joinUrl } from '../url';
import { callTokenEndpoint, makeGrant, oauthTokenResponse, parseBody } from './oauth';
import { OAUTH_PASSWORD_GRANT_ERRORS } from './oauth-errors';
import type { Identity, ProviderAdapter, TokenGrant } from './types';

const info: ProviderInfo = {
  id: 'multinexo',
  label: { en: 'Multinexo', es: 'Multinexo', pt: 'Multinexo' },
  environments: [{ id: 'production', label: { en: 'Production', es: 'Producción', pt: 'Produção' }, baseUrl: 'https://api.multinexo.com' }],
  fields: {
    clientId: { required: true, max: 200 },
    clientSecret: { required: true, max: 256 },
    username: { required: true, max: 254 },
    password: { required: true, max: 256 },
    scope: { required: true, max: 200, defaultValue: 'openid profile email voucher' },
  },
  renewal: 'refresh-token',
  errors: OAUTH_PASSWORD_GRANT_ERRORS,
  sandboxDemo: {
    clientId: 'sandbox-client',
    clientSecret: 'sandbox-client-secret',
    username: 'sandbox',
    password: 'sandbox-password',
    scope: 'openid profile email voucher',
  },
};

const tokenResponse = oauthTokenResponse.extend({
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  uid: z.union([z.string(), z.number()]).optional(),
});

function identityOf(r: z.infer<typeof tokenResponse>, previous?: Identity): Identity | undefined {
  const displayName = [r.first_name, r.last_name].filter(Boolean).join(' ').trim();
  if (!displayName && r.uid === undefined) return previous;
  return { ...(displayName ? { displayName } : {}), ...(r.uid !== undefined ? { uid: String(r.uid) } : {}) };
}

const tokenPath = 'auth/v1/token';

export const multinexo: ProviderAdapter = {
  info,
  async login(ctx, { baseUrl, credentials: c }) {
    const { body, sentAt } = await callTokenEndpoint(ctx, info, {
      phase: 'login',
      url: joinUrl(baseUrl, tokenPath),
      encoding: 'form',
      body: {
        grant_type: 'password',
        scope: c.scope || info.fields.scope?.defaultValue,
        username: c.username,
        password: c.password,
        client_id: c.clientId,
        client_secret: c.clientSecret,
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
      body: {
        grant_type: 'refresh_token',
        refresh_token: current.refreshToken,
        client_id: c.clientId,
        client_secret: c.clientSecret,
      },
      secrets: [c.password, c.clientSecret, current.accessToken, current.refreshToken],
    });
    return grantOf(body, sentAt, current);
  },
};

function grantOf(body: Record<string, unknown>, sentAt: number, current?: TokenGrant): TokenGrant {
  const r = parseBody(tokenResponse, body, 'expires_in');
  return makeGrant({
    accessToken: r.access_token,
    tokenType: r.token_type,
    refreshToken: r.refresh_token ?? current?.refreshToken,
    lifetimeSeconds: r.expires_in,
    sentAt,
    scope: r.scope,
    identity: identityOf(r, current?.identity),
  });
}
