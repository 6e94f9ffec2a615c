// Explanations of the standard OAuth 2.0 token-endpoint errors (RFC 6749 §5.2) for providers
// that use them as documented, in a password-grant sign-in.
import type { ProviderInfo } from '#common/profile-schema';

export const OAUTH_PASSWORD_GRANT_ERRORS: ProviderInfo['errors'] = {
  invalid_client: {
    errorClass: 'credentials',
    text: {
      en: 'The client ID or client secret was rejected.',
      es: 'Se rechazó el ID o el secreto del cliente.',
      pt: 'O ID ou o segredo do cliente foi recusado.',
    },
  },
  invalid_grant: {
    errorClass: 'credentials',
    text: {
      en: 'The username or password was rejected.',
      es: 'Se rechazó el usuario o la contraseña.',
      pt: 'O usuário ou a senha foi recusado.',
    },
  },
  unauthorized_client: {
    errorClass: 'credentials',
    text: {
      en: 'This client is not allowed to sign in with a username and password.',
      es: 'Este cliente no está autorizado a iniciar sesión con usuario y contraseña.',
      pt: 'Este cliente não tem permissão para entrar com usuário e senha.',
    },
  },
  invalid_scope: {
    errorClass: 'credentials',
    text: {
      en: 'The requested scope is not allowed for this account. Check the Scope field.',
      es: 'El alcance solicitado no está permitido para esta cuenta. Revise el campo Alcance.',
      pt: 'O escopo solicitado não é permitido para esta conta. Verifique o campo Escopo.',
    },
  },
  unsupported_grant_type: {
    errorClass: 'credentials',
    text: {
      en: 'The server does not accept this kind of sign-in at this address. Check the environment.',
      es: 'El servidor no acepta este tipo de inicio de sesión en esta dirección. Revise el entorno.',
      pt: 'O servidor não aceita este tipo de login neste endereço. Verifique o ambiente.',
    },
  },
  invalid_request: {
    errorClass: 'credentials',
    text: {
      en: 'The server refused the sign-in request as incomplete or malformed.',
      es: 'El servidor rechazó la solicitud de inicio de sesión por incompleta o mal formada.',
      pt: 'O servidor recusou a solicitação de login como incompleta ou malformada.',
    },
  },
};
