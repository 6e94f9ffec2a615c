// OnAPI — factura-core's SUNAT CPE integrator (Peru). JSON bodies. Login returns an access and
// a refresh token; the refresh call also carries the current access token as a Bearer header
// and may rotate the refresh token. Failed logins can get the account blocked. The unit of
// `expiresIn` is undocumented: lifetime.ts decides how long a token lives.
import { z } from 'zod';

import type { ProviderInfo } from '#common/profile-schema';

import { joinUrl } from '../url';
import { resolveLifetime } from './lifetime';
import { callTokenEndpoint, makeGrant, parseBody } from './oauth';
import type { ProviderAdapter } from './types';

const info: ProviderInfo = {
  id: 'onapi',
  label: { en: 'OnAPI (SUNAT Peru)', es: 'OnAPI (SUNAT Perú)', pt: 'OnAPI (SUNAT Peru)' },
  environments: [
    {
      id: 'homologation',
      label: { en: 'Homologation', es: 'Homologación', pt: 'Homologação' },
      baseUrl: 'https://e-hom-onapi.factura-core.com/integrator/api/v1',
    },
    {
      id: 'production',
      label: { en: 'Production', es: 'Producción', pt: 'Produção' },
      baseUrl: 'https://e-prod-onapi.factura-core.com/integrator/api/v1',
    },
    {
      id: 'development',
      label: { en: 'Development', es: 'Desarrollo', pt: 'Desenvolvimento' },
      baseUrl: 'https://e-dev-onapi.factura-core.com/integrator/api/v1',
    },
  ],
  fields: {
    clientId: { required: true, max: 100 },
    username: { required: true, max: 254 },
    password: { required: true, max: 256 },
  },
  renewal: 'refresh-token',
  // The provider documents no error codes; refusals are classified by HTTP status.
  errors: {},
  sandboxDemo: { clientId: 'integra', username: 'sandbox@onapi.test', password: 'sandbox-password' },
};

// `expiresIn` is read by resolveLifetime, whatever it holds.
const loginResponse = z.object({
  token: z.string().min(1),
  refresh_token: z.string().min(1),
  expiresIn: z.unknown().optional(),
});
const refreshResponse = z.object({
  token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expiresIn: z.unknown().optional(),
});

export const onapi: ProviderAdapter = {
  info,
  async login(ctx, { baseUrl, credentials: c }) {
    const { body, sentAt } = await callTokenEndpoint(ctx, info, {
      phase: 'login',
      url: joinUrl(baseUrl, 'integrator/authenticate'),
      encoding: 'json',
      body: { clientId: c.clientId, username: c.username, password: c.password, grantType: 'password' },
      secrets: [c.password],
    });
    const r = parseBody(loginResponse, body, 'expiresIn');
    const lifetime = resolveLifetime(r.expiresIn, r.token, sentAt);
    return makeGrant({
      accessToken: r.token,
      refreshToken: r.refresh_token,
      lifetimeSeconds: lifetime.lifetimeSeconds,
      lifetimeSource: lifetime.source,
      sentAt,
    });
  },
  async refresh(ctx, { baseUrl, credentials: c }, current) {
    const { body, sentAt } = await callTokenEndpoint(ctx, info, {
      phase: 'refresh',
      url: joinUrl(baseUrl, 'integrator/refresh-token'),
      encoding: 'json',
      headers: { Authorization: `Bearer ${current.accessToken}` },
      body: { refreshToken: current.refreshToken },
      secrets: [c.password, current.accessToken, current.refreshToken],
    });
    const r = parseBody(refreshResponse, body, 'expiresIn');
    const lifetime = resolveLifetime(r.expiresIn, r.token, sentAt);
    return makeGrant({
      accessToken: r.token,
      // A new refresh token replaces the old one at once; otherwise the old one stays valid.
      refreshToken: r.refresh_token ?? current.refreshToken,
      lifetimeSeconds: lifetime.lifetimeSeconds,
      lifetimeSource: lifetime.source,
      sentAt,
    });
  },
};
