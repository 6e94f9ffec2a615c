// eReceipt — Egyptian Tax Authority, POS authentication: OAuth 2.0 client credentials sent
// to the Identity Service with the terminal's POS identity in headers. No refresh token:
// renewal is a new login. The JWT names the taxpayer and its tags; only B2C may send receipts.
import { z } from 'zod';

import type { ProviderInfo } from '#common/profile-schema';

import { decodeJwt } from '../jwt';
import { joinUrl } from '../url';
import { callTokenEndpoint, lifetimeSchema, makeGrant, parseBody } from './oauth';
import type { Identity, ProviderAdapter } from './types';

const info: ProviderInfo = {
  id: 'ereceipt',
  label: { en: 'eReceipt (ETA Egypt)', es: 'eReceipt (ETA Egipto)', pt: 'eReceipt (ETA Egito)' },
  environments: [
    {
      id: 'preproduction',
      label: { en: 'Pre-production', es: 'Preproducción', pt: 'Pré-produção' },
      baseUrl: 'https://id.preprod.eta.gov.eg',
    },
    { id: 'production', label: { en: 'Production', es: 'Producción', pt: 'Produção' }, baseUrl: 'https://id.eta.gov.eg' },
  ],
  fields: {
    clientId: { required: true, max: 100 },
    clientSecret: { required: true, max: 100 },
    scope: { required: false, max: 200 },
    posSerial: { required: true, max: 100, format: 'header' },
    posOsVersion: { required: true, max: 50, format: 'header' },
    // Field evidence (PROVIDERS.md): live POS integrations send only the serial and the OS
    // version, one sends the key empty, and ETA's own sample request has the framework disabled.
    posFramework: { required: false, max: 10, format: 'header' },
    preSharedKey: { required: false, max: 200, format: 'header' },
  },
  renewal: 'login',
  errors: {
    unauthorized_client: {
      errorClass: 'credentials',
      text: {
        en: 'The client ID or secret was rejected, or the system user registered for this taxpayer is blocked or expired.',
        es: 'Se rechazó el ID o el secreto del cliente, o el usuario de sistema del contribuyente está bloqueado o vencido.',
        pt: 'O ID ou o segredo do cliente foi recusado, ou o usuário de sistema do contribuinte está bloqueado ou expirado.',
      },
    },
    // Not in the page's table: the live identity service answers a wrong client ID or secret so.
    invalid_client: {
      errorClass: 'credentials',
      text: {
        en: 'The client ID or client secret was rejected. Check both against the ones ETA issued for this POS.',
        es: 'Se rechazó el ID de cliente o el secreto de cliente. Compruebe ambos con los que emitió la ETA para este POS.',
        pt: 'O ID do cliente ou o segredo do cliente foi recusado. Confira os dois com os que a ETA emitiu para este PDV.',
      },
    },
    invalid_clientsecret: {
      errorClass: 'credentials',
      text: {
        en: 'The client secret was rejected.',
        es: 'Se rechazó el secreto del cliente.',
        pt: 'O segredo do cliente foi recusado.',
      },
    },
    invalid_posserial: {
      errorClass: 'credentials',
      text: {
        en: 'The POS serial was rejected: it is not registered for this client.',
        es: 'Se rechazó el número de serie del POS: no está registrado para este cliente.',
        pt: 'O número de série do PDV foi recusado: não está registrado para este cliente.',
      },
    },
    invalid_pososversion: {
      errorClass: 'credentials',
      text: {
        en: 'The POS OS version was rejected.',
        es: 'Se rechazó la versión del sistema operativo del POS.',
        pt: 'A versão do sistema operacional do PDV foi recusada.',
      },
    },
    invalid_posmodelframework: {
      errorClass: 'credentials',
      text: {
        en: 'The POS framework was rejected, or ETA expects one for this terminal: type the framework registered for it.',
        es: 'Se rechazó el framework del POS, o la ETA exige uno para este terminal: escriba el framework con el que se registró.',
        pt: 'O framework do PDV foi recusado, ou a ETA exige um para este terminal: digite o framework com que ele foi registrado.',
      },
    },
    invalid_presharedkey: {
      errorClass: 'credentials',
      text: {
        en: 'The POS pre-shared key was rejected, or ETA expects one for this terminal: type the key ETA issued for it.',
        es: 'Se rechazó la clave precompartida del POS, o la ETA exige una para este terminal: escriba la clave que emitió la ETA.',
        pt: 'A chave pré-compartilhada do PDV foi recusada, ou a ETA exige uma para este terminal: digite a chave que a ETA emitiu.',
      },
    },
    invalid_scope: {
      errorClass: 'credentials',
      text: {
        en: 'The requested scope is not granted to this client. Clear the Scope field or ask ETA which scope to use.',
        es: 'El alcance solicitado no está concedido a este cliente. Deje vacío el campo Alcance o consulte a la ETA.',
        pt: 'O escopo solicitado não é concedido a este cliente. Deixe o campo Escopo vazio ou consulte a ETA.',
      },
    },
    unsupported_grant_type: {
      errorClass: 'credentials',
      text: {
        en: 'The identity service does not accept client-credentials sign-in at this address. Check the environment.',
        es: 'El servicio de identidad no acepta este tipo de inicio de sesión en esta dirección. Revise el entorno.',
        pt: 'O serviço de identidade não aceita este tipo de login neste endereço. Verifique o ambiente.',
      },
    },
    invalid_request: {
      errorClass: 'credentials',
      text: {
        en: 'The identity service refused the request as incomplete. Check every POS identity field.',
        es: 'El servicio de identidad rechazó la solicitud por incompleta. Revise los datos de identidad del POS.',
        pt: 'O serviço de identidade recusou a solicitação como incompleta. Verifique os dados de identidade do PDV.',
      },
    },
  },
  sandboxDemo: {
    clientId: 'sandbox-client',
    clientSecret: 'sandbox-client-secret',
    posSerial: 'SANDBOX-POS-0001',
    posFramework: '1',
    preSharedKey: 'sandbox-pre-shared-key',
  },
};

const tokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: lifetimeSchema,
  scope: z.string().optional(),
});

// The claim names are not documented. Tags are read only from a claim named for them; a
// claim that merely mentions "B2C" elsewhere (a role, a scope) proves nothing either way.
const TAG_CLAIM = /^(taxpayer_?)?tags?$/i;
const TAXPAYER_CLAIM = /taxpayer|^rin$|registration|tax_?id/i;
const TAG_VALUE = /^[A-Za-z0-9_.-]{1,32}$/;

/** The tags a claim's value lists, or undefined when it is not a list of tag names. */
function readTags(value: unknown): string[] | undefined {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,;]+/).filter(Boolean) : undefined;
  if (!list || !list.every((t): t is string => typeof t === 'string' && TAG_VALUE.test(t))) return undefined;
  return list.map((t) => t.toUpperCase());
}

/**
 * Taxpayer claims and tags read from the token. "B2C missing" is a warning only when a tags
 * claim was read and lacks B2C; when none can be read, an information note says so instead.
 */
export function taxpayerIdentity(accessToken: string): Identity | undefined {
  const claims = decodeJwt(accessToken);
  if (!claims) return undefined;
  const taxpayer: Record<string, string> = {};
  let tags: string[] | undefined;
  let unreadable = false;
  for (const [key, value] of Object.entries(claims)) {
    if (TAG_CLAIM.test(key)) {
      const read = readTags(value);
      if (read) tags = [...new Set([...(tags ?? []), ...read])];
      else unreadable = true;
    } else if (TAXPAYER_CLAIM.test(key) && (typeof value === 'string' || typeof value === 'number')) {
      taxpayer[key] = String(value);
    }
  }
  if (tags?.includes('B2C')) return { taxpayer, tags, warnings: [] };
  // A tags claim that could not be read might hold B2C: say so rather than warn on a guess.
  if (tags === undefined || unreadable) return { taxpayer, ...(tags ? { tags } : {}), notes: ['tags-unreadable'], warnings: [] };
  return { taxpayer, tags, warnings: ['b2c-missing'] };
}

export const ereceipt: ProviderAdapter = {
  info,
  async login(ctx, { baseUrl, credentials: c }) {
    const { body, sentAt } = await callTokenEndpoint(ctx, info, {
      phase: 'login',
      url: joinUrl(baseUrl, 'connect/token'),
      encoding: 'form',
      // An empty field's header is left out, never sent empty.
      headers: {
        posserial: c.posSerial,
        pososversion: c.posOsVersion,
        posmodelframework: c.posFramework,
        presharedkey: c.preSharedKey,
      },
      body: {
        grant_type: 'client_credentials',
        client_id: c.clientId,
        client_secret: c.clientSecret,
        scope: c.scope,
      },
      secrets: [c.clientSecret, c.preSharedKey],
    });
    const r = parseBody(tokenResponse, body, 'expires_in');
    return makeGrant({
      accessToken: r.access_token,
      tokenType: r.token_type,
      lifetimeSeconds: r.expires_in,
      sentAt,
      scope: r.scope,
      identity: taxpayerIdentity(r.access_token),
    });
  },
};
