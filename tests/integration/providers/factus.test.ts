// The Factus adapter against its simulator, over real HTTP: password and refresh grants on
// /oauth/token with Accept: application/json, rotation of every refresh token, OAuth errors.
import { describe, expect, it } from 'vitest';

import type { CredentialValues } from '#common/profile-schema';

import { factus } from '../../../electron/core/providers/factus';
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

const info = factus.info;
const credentials: CredentialValues = { ...info.sandboxDemo };
const secrets = [credentials.password!, credentials.clientSecret!];
const refresh = (...args: Parameters<NonNullable<typeof factus.refresh>>) => factus.refresh!(...args);

describeCommonTokenEndpointCases({
  providerId: 'factus',
  adapter: factus,
  credentials,
  secrets,
  tokenFormat: 'jwt',
  responseFields: { accessToken: 'access_token', lifetime: 'expires_in' },
  defaultLifetimeSeconds: 3600,
  loginPath: '/oauth/token',
});

describe('Factus sign-in and refresh', () => {
  const sim = useSimulator('factus');
  const target = (creds: CredentialValues = credentials) => ({ baseUrl: sim().baseUrl, credentials: creds });
  const login = (creds?: CredentialValues, tamper?: Tamper) => factus.login(requestContext({ tamper }), target(creds));

  it('signs in with the password grant, form encoded, accepting JSON', async () => {
    const { value: grant, before, after } = await timed(() => login());
    const entry = sim().log.at(-1)!;
    expect(entry.method).toBe('POST');
    expect(entry.path).toBe('/oauth/token');
    expect(entry.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded\b/);
    expect(entry.headers.accept).toMatch(/application\/json/);
    expect(entry.body).toEqual({
      grant_type: 'password',
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      username: credentials.username,
      password: credentials.password,
    });
    expectExpiry(grant, { before, after }, 3600, 'jwt');
    expect(grant.refreshToken).toEqual(expect.any(String));
  });

  it('refreshes with the refresh grant and uses the rotated token next time; the old one is refused', async () => {
    const first = await login();
    const { value: second, before, after } = await timed(() => refresh(requestContext(), target(), first));
    const entry = sim().log.at(-1)!;
    expect(entry.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded\b/);
    expect(entry.headers.accept).toMatch(/application\/json/);
    // The refresh page's header table lists the current access token as a Bearer credential.
    expect(entry.headers.authorization).toBe(`Bearer ${first.accessToken}`);
    expect(entry.body).toEqual({
      grant_type: 'refresh_token',
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      refresh_token: first.refreshToken,
    });
    expectExpiry(second, { before, after }, 3600, 'jwt');
    expect(second.refreshToken).toEqual(expect.any(String));
    expect(second.refreshToken).not.toBe(first.refreshToken);

    const ctx = requestContext();
    const err = await providerError(refresh(ctx, target(), first));
    expect(err).toMatchObject({ errorClass: 'refresh-rejected', code: 'invalid_grant', status: 400 });
    expect(err.providerMessage).toBe(lastResponseJson(ctx).error_description);
    expectSecretFree(err, [...secrets, first.refreshToken, second.refreshToken, first.accessToken]);

    const third = await refresh(requestContext(), target(), second);
    expect(sim().log.at(-1)!.body).toMatchObject({ refresh_token: second.refreshToken });
    expect(third.refreshToken).not.toBe(second.refreshToken);
    expect(sim().stats()).toMatchObject({ logins: 1, refreshes: 2, failedRefreshes: 1 });
  });

  it('keeps the refresh token when the server is configured not to rotate', async () => {
    sim().configure({ rotateRefreshTokens: false });
    const first = await login();
    const second = await refresh(requestContext(), target(), first);
    expect(second.refreshToken).toBe(first.refreshToken);
  });

  it('refuses a revoked refresh token as refresh-rejected', async () => {
    const grant = await login();
    sim().revokeRefreshTokens();
    const ctx = requestContext();
    const err = await providerError(refresh(ctx, target(), grant));
    expect(err).toMatchObject({ errorClass: 'refresh-rejected', code: 'invalid_grant' });
    expect(err.providerMessage).toBe(lastResponseJson(ctx).error_description);
    expectSecretFree(err, [...secrets, grant.refreshToken]);
  });

  it('refuses a refresh token issued to another client', async () => {
    const other = { ...credentials, clientId: 'other-client', clientSecret: 'other-client-secret' };
    sim().addAccount(other);
    const grant = await login(other);
    const err = await providerError(refresh(requestContext(), target(), grant));
    expect(err).toMatchObject({ errorClass: 'refresh-rejected', code: 'invalid_grant' });
  });

  it('refuses a client that does not accept JSON', async () => {
    const ctx = requestContext({ tamper: tamperHeader('Accept', 'text/html') });
    const err = await providerError(factus.login(ctx, target()));
    expect(err).toMatchObject({ errorClass: 'credentials', code: 'invalid_request', status: 400 });
    expect(err.providerMessage).toMatch(/application\/json/);
  });

  it('accepts an Accept list that includes JSON', async () => {
    await expect(login(credentials, tamperHeader('Accept', 'text/html, application/json;q=0.9'))).resolves.toBeDefined();
  });

  describe('every documented error code', () => {
    const wrongPassword = 'not-the-password';
    const wrongSecret = 'not-the-client-secret';
    const cases: Record<string, { status: number; credentials?: CredentialValues; tamper?: Tamper; arrange?: (s: Simulator) => void }> = {
      invalid_client: { status: 401, credentials: { ...credentials, clientSecret: wrongSecret } },
      invalid_grant: { status: 400, credentials: { ...credentials, password: wrongPassword } },
      unauthorized_client: {
        status: 400,
        arrange: (s) => s.setAccounts([{ credentials, extras: { grantTypes: ['client_credentials'] } }]),
      },
      invalid_scope: { status: 400, tamper: tamperForm((p) => p.set('scope', 'admin')) },
      unsupported_grant_type: { status: 400, tamper: tamperForm((p) => p.set('grant_type', 'authorization_code')) },
      invalid_request: { status: 400, tamper: tamperForm((p) => p.delete('password')) },
    };

    it('covers every code the catalog documents', () => {
      expect(Object.keys(cases).sort()).toEqual(Object.keys(info.errors).sort());
    });

    it.each(Object.entries(cases))('%s', async (code, c) => {
      c.arrange?.(sim());
      const ctx = requestContext({ tamper: c.tamper });
      const err = await providerError(factus.login(ctx, target(c.credentials)));
      expect(err).toMatchObject({ errorClass: info.errors[code]!.errorClass, code, status: c.status });
      const wire = lastResponseJson(ctx);
      expect(wire.error).toBe(code);
      expect(err.providerMessage).toEqual(expect.any(String));
      expect(err.providerMessage).toBe(wire.error_description);
      expectSecretFree(err, [...secrets, wrongPassword, wrongSecret]);
      expect(sim().stats()).toMatchObject({ failedLogins: 1, issued: 0 });
    });
  });
});
