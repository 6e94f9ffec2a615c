// The Multinexo adapter against its simulator, over real HTTP: password and refresh grants on
// one form endpoint, who signed in, and the standard OAuth 2.0 error codes.
import { describe, expect, it } from 'vitest';

import type { CredentialValues } from '#common/profile-schema';

import { multinexo } from '../../../electron/core/providers/multinexo';
import type { TokenGrant } from '../../../electron/core/providers/types';
import type { Simulator } from '../../../electron/core/simulator';
import { describeCommonTokenEndpointCases } from '../../support/common-token-cases';
import {
  expectExpiry,
  expectSecretFree,
  lastResponseJson,
  providerError,
  requestContext,
  type Tamper,
  tamperForm,
  tamperHeader,
  timed,
  useSimulator,
} from '../../support/provider-harness';

const info = multinexo.info;
const credentials: CredentialValues = { ...info.sandboxDemo };
const secrets = [credentials.password!, credentials.clientSecret!];
const refresh = (...args: Parameters<NonNullable<typeof multinexo.refresh>>) => multinexo.refresh!(...args);

describeCommonTokenEndpointCases({
  providerId: 'multinexo',
  adapter: multinexo,
  credentials,
  secrets,
  tokenFormat: 'jwt',
  responseFields: { accessToken: 'access_token', lifetime: 'expires_in' },
  defaultLifetimeSeconds: 900,
  loginPath: '/auth/v1/token',
});

describe('Multinexo sign-in and refresh', () => {
  const sim = useSimulator('multinexo');
  const target = (creds: CredentialValues = credentials) => ({ baseUrl: sim().baseUrl, credentials: creds });
  const login = (creds?: CredentialValues, tamper?: Tamper) => multinexo.login(requestContext({ tamper }), target(creds));

  it('signs in with the password grant as a form of exactly the documented fields', async () => {
    const { value: grant, before, after } = await timed(() => login());
    const entry = sim().log.at(-1)!;
    expect(entry.method).toBe('POST');
    expect(entry.path).toBe('/auth/v1/token');
    expect(entry.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded\b/);
    expect(entry.body).toEqual({
      grant_type: 'password',
      scope: 'openid profile email voucher',
      username: credentials.username,
      password: credentials.password,
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
    });
    expectExpiry(grant, { before, after }, 900, 'jwt');
    expect(grant.refreshToken).toEqual(expect.any(String));
  });

  it('sends the default scope when the profile leaves it empty', async () => {
    await login({ ...credentials, scope: '' });
    expect(sim().log.at(-1)!.body).toMatchObject({ scope: info.fields.scope?.defaultValue });
  });

  it('shows who signed in: first and last name, uid', async () => {
    sim().setAccounts([{ credentials, extras: { firstName: 'Lucía', lastName: 'Fernández', uid: '40213' } }]);
    const grant = await login();
    expect(grant.identity).toEqual({ displayName: 'Lucía Fernández', uid: '40213' });
  });

  it('refreshes with the refresh grant, keeping the refresh token (no rotation by default)', async () => {
    sim().setAccounts([{ credentials, extras: { firstName: 'Ana', lastName: 'Paz', uid: '7' } }]);
    const grant = await login();
    const { value: renewed, before, after } = await timed(() => refresh(requestContext(), target(), grant));
    const entry = sim().log.at(-1)!;
    expect(entry.path).toBe('/auth/v1/token');
    expect(entry.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded\b/);
    expect(entry.body).toEqual({
      grant_type: 'refresh_token',
      refresh_token: grant.refreshToken,
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
    });
    expectExpiry(renewed, { before, after }, 900, 'jwt');
    expect(renewed.accessToken).not.toBe(grant.accessToken);
    expect(renewed.refreshToken).toBe(grant.refreshToken);
    expect(renewed.identity).toEqual({ displayName: 'Ana Paz', uid: '7' });
    // Still alive: it can be used again.
    await expect(refresh(requestContext(), target(), renewed)).resolves.toBeDefined();
    expect(sim().stats()).toMatchObject({ logins: 1, refreshes: 2 });
  });

  it('uses a rotated refresh token next time when the server rotates; the old one is refused', async () => {
    sim().configure({ rotateRefreshTokens: true });
    const first = await login();
    const second = await refresh(requestContext(), target(), first);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const ctx = requestContext();
    const err = await providerError(refresh(ctx, target(), first));
    expect(err).toMatchObject({ errorClass: 'refresh-rejected', code: 'invalid_grant', status: 400 });
    expect(err.providerMessage).toBe(lastResponseJson(ctx).error_description);
    await refresh(requestContext(), target(), second);
    expect(sim().log.at(-1)!.body).toMatchObject({ refresh_token: second.refreshToken });
  });

  it('refuses a revoked refresh token as refresh-rejected, with the description', async () => {
    const grant = await login();
    sim().revokeRefreshTokens();
    const ctx = requestContext();
    const err = await providerError(refresh(ctx, target(), grant));
    expect(err).toMatchObject({ errorClass: 'refresh-rejected', code: 'invalid_grant', status: 400 });
    expect(err.providerMessage).toEqual(expect.any(String));
    expect(err.providerMessage).toBe(lastResponseJson(ctx).error_description);
    expectSecretFree(err, [...secrets, grant.accessToken, grant.refreshToken]);
  });

  it('treats a client not allowed the refresh grant (unauthorized_client) as a refused refresh: a login may still work', async () => {
    const grant = await login();
    sim().setAccounts([{ credentials, extras: { grantTypes: ['password'] } }]);
    const err = await providerError(refresh(requestContext(), target(), grant));
    expect(err).toMatchObject({ errorClass: 'refresh-rejected', code: 'unauthorized_client', status: 400 });
    await expect(login()).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('sends no Authorization header on refresh: its refresh call is undocumented, so only the standard grant', async () => {
    const grant = await login();
    await refresh(requestContext(), target(), grant);
    expect(sim().log.at(-1)!.headers.authorization).toBeUndefined();
  });

  it('treats a refused client secret on refresh as a credentials problem, not a reason to sign in again', async () => {
    const grant = await login();
    const changed = { ...credentials, clientSecret: 'rotated-by-admin' };
    const err = await providerError(refresh(requestContext(), target(changed), grant));
    expect(err).toMatchObject({ errorClass: 'credentials', code: 'invalid_client', status: 401 });
    expectSecretFree(err, [...secrets, 'rotated-by-admin', grant.refreshToken]);
  });

  describe('every documented error code', () => {
    const wrongPassword = 'not-the-password';
    const wrongSecret = 'not-the-client-secret';
    const cases: Record<string, { status: number; credentials?: CredentialValues; tamper?: Tamper; arrange?: (s: Simulator) => void }> = {
      invalid_client: { status: 401, credentials: { ...credentials, clientSecret: wrongSecret } },
      invalid_grant: { status: 400, credentials: { ...credentials, password: wrongPassword } },
      unauthorized_client: {
        status: 400,
        arrange: (s) => s.setAccounts([{ credentials, extras: { grantTypes: ['refresh_token'] } }]),
      },
      invalid_scope: { status: 400, credentials: { ...credentials, scope: 'openid admin' } },
      unsupported_grant_type: { status: 400, tamper: tamperForm((p) => p.set('grant_type', 'client_credentials')) },
      invalid_request: { status: 400, tamper: tamperForm((p) => p.delete('username')) },
    };

    it('covers every code the catalog documents', () => {
      expect(Object.keys(cases).sort()).toEqual(Object.keys(info.errors).sort());
    });

    it.each(Object.entries(cases))('%s', async (code, c) => {
      c.arrange?.(sim());
      const ctx = requestContext({ tamper: c.tamper });
      const err = await providerError(multinexo.login(ctx, target(c.credentials)));
      expect(err).toMatchObject({ errorClass: info.errors[code]!.errorClass, code, status: c.status });
      const wire = lastResponseJson(ctx);
      expect(wire.error).toBe(code);
      expect(err.providerMessage).toEqual(expect.any(String));
      expect(err.providerMessage).toBe(wire.error_description);
      expectSecretFree(err, [...secrets, wrongPassword, wrongSecret]);
      expect(sim().stats()).toMatchObject({ failedLogins: 1, issued: 0 });
    });
  });

  it('refuses a JSON body as invalid_request', async () => {
    const err = await providerError(login(credentials, tamperHeader('Content-Type', 'application/json')));
    expect(err).toMatchObject({ errorClass: 'credentials', code: 'invalid_request' });
  });

  it('refuses a parameter sent twice as invalid_request', async () => {
    const err = await providerError(
      login(
        credentials,
        tamperForm((p) => p.append('scope', 'openid')),
      ),
    );
    expect(err.code).toBe('invalid_request');
  });

  it('keeps the identity of the last answer when a refresh answer names nobody', async () => {
    const grant: TokenGrant = { ...(await login()), identity: { displayName: 'Before', uid: '1' } };
    const body = JSON.stringify({ access_token: 'opaque-access', token_type: 'Bearer', expires_in: 900 });
    sim().failNext(1, { kind: 'raw', status: 200, body, contentType: 'application/json' });
    const renewed = await refresh(requestContext(), target(), grant);
    expect(renewed.identity).toEqual({ displayName: 'Before', uid: '1' });
    expect(renewed.refreshToken).toBe(grant.refreshToken);
  });
});
