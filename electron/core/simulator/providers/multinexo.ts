// Multinexo's token endpoint: password and refresh grants on /auth/v1/token, 15-minute
// tokens, answers that name who signed in. It speaks Spanish in its error descriptions.
import { createHash } from 'node:crypto';

import { multinexo } from '../../providers/multinexo';
import type { ProviderBehaviour } from '../behaviour';
import type { SimulatorAccount } from '../types';
import { passwordGrantBehaviour } from './oauth-password';

export const MULTINEXO_DEFAULT_SCOPES = ['openid', 'profile', 'email', 'voucher'];

/** A stable numeric uid per username, so that the same account keeps its id across restarts. */
function uidOf(account: SimulatorAccount): string {
  if (account.extras?.uid) return account.extras.uid;
  const digest = createHash('sha256')
    .update(account.credentials.username ?? '')
    .digest();
  return String(100_000 + (digest.readUInt32BE(0) % 900_000));
}

export function multinexoBehaviour(): ProviderBehaviour {
  return passwordGrantBehaviour({
    info: multinexo.info,
    tokenRoute: '/auth/v1/token',
    lifetimeSeconds: 900,
    rotateRefreshTokens: false,
    requireJsonAccept: false,
    defaultScopes: MULTINEXO_DEFAULT_SCOPES,
    messages: {
      contentType: 'El cuerpo debe enviarse como application/x-www-form-urlencoded.',
      accept: 'La respuesta solo está disponible en JSON.',
      repeated: (field) => `El parámetro ${field} está repetido.`,
      missing: (field) => `Falta el parámetro ${field}.`,
      tooLong: (field) => `El parámetro ${field} es demasiado largo.`,
      unsupportedGrant: 'Tipo de concesión no soportado.',
      clientAuthentication: 'Autenticación del cliente fallida.',
      unauthorizedClient: 'El cliente no está autorizado a usar este tipo de concesión.',
      badCredentials: 'Usuario o contraseña incorrectos.',
      badScope: 'El alcance solicitado no es válido.',
      badRefreshToken: 'El refresh token no es válido, expiró o fue revocado.',
    },
    subjectOf: uidOf,
    claimsOf: (_account, clientId, scopes) => ({ client_id: clientId, scope: scopes.join(' ') }),
    answerFieldsOf: (account) => ({
      first_name: account.extras?.firstName ?? 'Sandbox',
      last_name: account.extras?.lastName ?? 'Cashier',
      uid: uidOf(account),
    }),
  });
}
