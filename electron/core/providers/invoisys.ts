// Invoisys (Brazil), token API 2.0: password grant with no client credentials and no refresh
// token. The provider asks for a new login every 12 hours at most, and after any 401. Token
// API 3.0, at the same address, refuses with 401 {"mensagem": "...", "token": null}.
import type { ProviderInfo } from '#common/profile-schema';

import { joinUrl } from '../url';
import { callTokenEndpoint, makeGrant, oauthTokenResponse, parseBody } from './oauth';
import type { ProviderAdapter } from './types';

const info: ProviderInfo = {
  id: 'invoisys',
  label: { en: 'Invoisys', es: 'Invoisys', pt: 'Invoisys' },
  environments: [
    { id: 'sandbox', label: { en: 'Sandbox', es: 'Sandbox', pt: 'Sandbox' }, baseUrl: 'https://sandbox-api.invoisys.com.br' },
    { id: 'production', label: { en: 'Production', es: 'Producción', pt: 'Produção' }, baseUrl: 'https://api.invoisys.com.br' },
  ],
  fields: {
    username: { required: true, max: 254, format: 'email' },
    password: { required: true, max: 256 },
  },
  renewal: 'login',
  maxRenewIntervalSeconds: 12 * 3600,
  errors: {
    credenciais_invalidas: {
      errorClass: 'credentials',
      text: {
        en: 'The e-mail or password was rejected.',
        es: 'Se rechazó el correo electrónico o la contraseña.',
        pt: 'O e-mail ou a senha foi recusado.',
      },
    },
    // Token API 3.0 names no code: its 401 says only {"mensagem": ..., "token": null}.
    http_401: {
      errorClass: 'credentials',
      text: {
        en: 'The e-mail or password was rejected.',
        es: 'Se rechazó el correo electrónico o la contraseña.',
        pt: 'O e-mail ou a senha foi recusado.',
      },
    },
    unsupported_grant_type: {
      errorClass: 'credentials',
      text: {
        en: 'The server does not accept password sign-in at this address. Check the environment.',
        es: 'El servidor no acepta inicio de sesión con contraseña en esta dirección. Revise el entorno.',
        pt: 'O servidor não aceita login com senha neste endereço. Verifique o ambiente.',
      },
    },
  },
  sandboxDemo: { username: 'sandbox@invoisys.test', password: 'sandbox-password' },
};

/**
 * The token endpoint under a base URL. The documented base is the host (`{base}/api/token`);
 * public integration code uses `https://api.invoisys.com.br/api` as its base, so a base that
 * already ends in `/api` gets `/token` only, never `/api/api/token`.
 */
export function invoisysTokenUrl(baseUrl: string): string {
  const base = baseUrl.trim().replace(/\/+$/, '');
  return /\/api$/i.test(base) ? joinUrl(base, 'token') : joinUrl(base, 'api/token');
}

export const invoisys: ProviderAdapter = {
  info,
  async login(ctx, { baseUrl, credentials: c }) {
    const { body, sentAt } = await callTokenEndpoint(ctx, info, {
      phase: 'login',
      url: invoisysTokenUrl(baseUrl),
      encoding: 'form',
      body: { grant_type: 'password', username: c.username, password: c.password },
      secrets: [c.password],
    });
    const r = parseBody(oauthTokenResponse, body, 'expires_in');
    return makeGrant({ accessToken: r.access_token, tokenType: r.token_type, lifetimeSeconds: r.expires_in, sentAt });
  },
};
