// The ETA eReceipt Identity Service: client credentials on /connect/token, the terminal's POS
// identity in four headers, errors as a bare 400 `{"error": code}`, no refresh token.
import { ereceipt } from '../../providers/ereceipt';
import type { CredentialField } from '../../profile-schema';
import { fieldMax, type ProviderBehaviour, type TokenReply, type TokenRequest, type SimulatorRuntime } from '../behaviour';
import { parseForm } from '../wire';

const info = ereceipt.info;

/** The POS identity headers, each with the credential it carries and the code that refuses it. */
const POS_HEADERS: readonly { header: string; field: CredentialField; error: string }[] = [
  { header: 'posserial', field: 'posSerial', error: 'invalid_posserial' },
  { header: 'pososversion', field: 'posOsVersion', error: 'invalid_pososversion' },
  { header: 'posmodelframework', field: 'posFramework', error: 'invalid_posmodelframework' },
  { header: 'presharedkey', field: 'preSharedKey', error: 'invalid_presharedkey' },
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
  for (const pos of POS_HEADERS) {
    const value = request.headers[pos.header];
    if (!value || value.length > fieldMax(info, pos.field)) return refuse(pos.error);
  }

  // Each check narrows the registered clients, so the first mismatch names what is wrong.
  let candidates = runtime.accounts.filter((a) => a.credentials.clientId === clientId);
  if (candidates.length === 0) return refuse('unauthorized_client');
  candidates = candidates.filter((a) => a.credentials.clientSecret === clientSecret);
  if (candidates.length === 0) return refuse('invalid_clientsecret');
  for (const pos of POS_HEADERS) {
    // The OS version is whatever the terminal runs, so only an account that pins one checks it.
    candidates = candidates.filter((a) => {
      const expected = a.credentials[pos.field];
      return pos.field === 'posOsVersion' && !expected ? true : expected === request.headers[pos.header];
    });
    if (candidates.length === 0) return refuse(pos.error);
  }
  const account = candidates[0]!;
  const allowed = account.extras?.scopes ?? ERECEIPT_DEFAULT_SCOPES;
  const requested = (fields.scope ?? '').split(' ').filter(Boolean);
  if (requested.some((s) => !allowed.includes(s))) return refuse('invalid_scope');
  const scope = (requested.length > 0 ? requested : allowed).join(' ');

  const accessToken = runtime.issueAccessToken(clientId, {
    client_id: clientId,
    taxpayer_rin: account.extras?.taxpayerRin ?? '100000001',
    taxpayer_name: account.extras?.taxpayerName ?? 'Sandbox Trading Co.',
    tags: account.extras?.tags ?? ERECEIPT_DEFAULT_TAGS,
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
