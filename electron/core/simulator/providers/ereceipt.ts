// The ETA eReceipt Identity Service: client credentials on /connect/token, the terminal's POS
// identity in four headers, errors as a bare 400 `{"error": code}`, no refresh token. Switches
// make it behave as the live service is reported to: the framework and pre-shared key headers
// optional, `invalid_client` for a wrong client ID or secret, tags under another claim or none.
import type { CredentialField } from '#common/profile-schema';

import { ereceipt } from '../../providers/ereceipt';
import { fieldMax, type ProviderBehaviour, type SimulatorRuntime, type TokenReply, type TokenRequest } from '../behaviour';
import { parseForm } from '../wire';

const info = ereceipt.info;

/** The POS identity headers, each with the credential it carries and the code that refuses it. */
const POS_HEADERS: readonly { header: string; field: CredentialField; error: string; optionalLive: boolean }[] = [
  { header: 'posserial', field: 'posSerial', error: 'invalid_posserial', optionalLive: false },
  { header: 'pososversion', field: 'posOsVersion', error: 'invalid_pososversion', optionalLive: false },
  { header: 'posmodelframework', field: 'posFramework', error: 'invalid_posmodelframework', optionalLive: true },
  { header: 'presharedkey', field: 'preSharedKey', error: 'invalid_presharedkey', optionalLive: true },
];

const GRANT_TYPE_MAX = 20;
export const ERECEIPT_DEFAULT_SCOPES = ['InvoicingAPI'];
export const ERECEIPT_DEFAULT_TAGS = ['B2C', 'B2B'];

function handle(request: TokenRequest, runtime: SimulatorRuntime): TokenReply {
  const refuse = (error: string): TokenReply => ({ kind: 'login', status: 400, body: { error } });

  if (request.contentType !== 'application/x-www-form-urlencoded') return refuse('invalid_request');
  const { fields, repeated } = parseForm(request.body);
  if (repeated.length > 0) return refuse('invalid_request');
  const grantType = fields.grant_type;
  if (!grantType || grantType.length > GRANT_TYPE_MAX) return refuse('invalid_request');
  if (grantType !== 'client_credentials') return refuse('unsupported_grant_type');
  const clientId = fields.client_id;
  const clientSecret = fields.client_secret;
  if (!clientId || clientId.length > fieldMax(info, 'clientId')) return refuse('invalid_request');
  if (!clientSecret || clientSecret.length > fieldMax(info, 'clientSecret')) return refuse('invalid_request');
  if (fields.scope !== undefined && fields.scope.length > fieldMax(info, 'scope')) return refuse('invalid_request');
  const { optionalPosHeaders, invalidClient, tagsClaim } = runtime.config;
  const optional = (pos: (typeof POS_HEADERS)[number]) => !!optionalPosHeaders && pos.optionalLive;
  for (const pos of POS_HEADERS) {
    const value = request.headers[pos.header];
    if (!value && optional(pos)) continue;
    if (!value || value.length > fieldMax(info, pos.field)) return refuse(pos.error);
  }

  // Each check narrows the registered clients, so the first mismatch names what is wrong.
  let candidates = runtime.accounts.filter((a) => a.credentials.clientId === clientId);
  if (candidates.length === 0) return refuse(invalidClient ? 'invalid_client' : 'unauthorized_client');
  candidates = candidates.filter((a) => a.credentials.clientSecret === clientSecret);
  if (candidates.length === 0) return refuse(invalidClient ? 'invalid_client' : 'invalid_clientsecret');
  for (const pos of POS_HEADERS) {
    candidates = candidates.filter((a) => {
      const expected = a.credentials[pos.field];
      const sent = request.headers[pos.header];
      // The OS version is whatever the terminal runs, so only an account that pins one checks it.
      if (pos.field === 'posOsVersion' && !expected) return true;
      // Live, an optional header is checked only when the terminal has one and sends it.
      if (optional(pos) && (!expected || !sent)) return true;
      return expected === sent;
    });
    if (candidates.length === 0) return refuse(pos.error);
  }
  const account = candidates[0]!;
  const allowed = account.extras?.scopes ?? ERECEIPT_DEFAULT_SCOPES;
  const requested = (fields.scope ?? '').split(' ').filter(Boolean);
  if (requested.some((s) => !allowed.includes(s))) return refuse('invalid_scope');
  const scope = (requested.length > 0 ? requested : allowed).join(' ');

  const claimOfTags = tagsClaim === undefined ? 'tags' : tagsClaim;
  const accessToken = runtime.issueAccessToken(clientId, {
    client_id: clientId,
    taxpayer_rin: account.extras?.taxpayerRin ?? '100000001',
    taxpayer_name: account.extras?.taxpayerName ?? 'Sandbox Trading Co.',
    ...(claimOfTags === null ? {} : { [claimOfTags]: account.extras?.tags ?? ERECEIPT_DEFAULT_TAGS }),
    scope,
  });
  return {
    kind: 'login',
    status: 200,
    body: { access_token: accessToken, token_type: 'Bearer', expires_in: runtime.lifetimeValue(), scope },
  };
}

export function ereceiptBehaviour(): ProviderBehaviour {
  return {
    info,
    basePath: '',
    tokenRoutes: ['/connect/token'],
    tokenFormat: 'jwt',
    defaults: { lifetimeSeconds: 3600, rotateRefreshTokens: false },
    responseFields: { accessToken: 'access_token', lifetime: 'expires_in' },
    handle,
    reset: () => undefined,
  };
}
