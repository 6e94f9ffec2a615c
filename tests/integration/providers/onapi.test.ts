// The OnAPI adapter against the factura-core simulator, over real HTTP: JSON login, refresh
// behind a Bearer header with rotation, refusals by status, and the temporary block.
import axios from 'axios';
import { describe, expect, it } from 'vitest';

import type { CredentialValues } from '#common/profile-schema';

import { onapi } from '../../../electron/core/providers/onapi';
import type { TokenGrant } from '../../../electron/core/providers/types';
import { startSimulator } from '../../../electron/core/simulator';
import { describeCommonTokenEndpointCases } from '../../support/common-token-cases';
import {
  chain,
  expectExpiry,
  expectSecretFree,
  lastResponseJson,
  providerError,
  requestContext,
  type Tamper,
  tamperBody,
  tamperHeader,
  timed,
  useSimulator,
} from '../../support/provider-harness';

const info = onapi.info;
const credentials: CredentialValues = { ...info.sandboxDemo };
const refresh = (...args: Parameters<NonNullable<typeof onapi.refresh>>) => onapi.refresh!(...args);

describeCommonTokenEndpointCases({
  providerId: 'onapi',
  adapter: onapi,
  credentials,
  secrets: [credentials.password!],
  tokenFormat: 'jwt',
  responseFields: { accessToken: 'token', lifetime: 'expiresIn' },
  defaultLifetimeSeconds: 3600,
  loginPath: '/integrator/api/v1/integrator/authenticate',
  lifetimeRule: 'token-first',
});

describe('OnAPI sign-in and refresh', () => {
  const sim = useSimulator('onapi');
  const target = (creds: CredentialValues = credentials) => ({ baseUrl: sim().baseUrl, credentials: creds });
  const login = (creds?: CredentialValues, tamper?: Tamper) => onapi.login(requestContext({ tamper }), target(creds));
  const renew = (grant: TokenGrant, tamper?: Tamper) => refresh(requestContext({ tamper }), target(), grant);
  const secretsOf = (...grants: TokenGrant[]) => [credentials.password, ...grants.flatMap((g) => [g.accessToken, g.refreshToken])];

  it('signs in with a JSON body of exactly the documented fields', async () => {
    const { value: grant, before, after } = await timed(() => login());
    const entry = sim().log.at(-1)!;
    expect(entry.method).toBe('POST');
    expect(entry.path).toBe('/integrator/api/v1/integrator/authenticate');
    expect(entry.headers['content-type']).toMatch(/^application\/json\b/);
    expect(entry.headers.authorization).toBeUndefined();
    expect(entry.body).toEqual({
      clientId: credentials.clientId,
      username: credentials.username,
      password: credentials.password,
      grantType: 'password',
    });
    expectExpiry(grant, { before, after }, 3600, 'jwt');
    expect(grant.refreshToken).toEqual(expect.any(String));
  });

  it('refreshes with the access token as Bearer and the refresh token in JSON', async () => {
    const grant = await login();
    const { value: renewed, before, after } = await timed(() => renew(grant));
    const entry = sim().log.at(-1)!;
    expect(entry.method).toBe('POST');
    expect(entry.path).toBe('/integrator/api/v1/integrator/refresh-token');
    expect(entry.headers['content-type']).toMatch(/^application\/json\b/);
    expect(entry.headers.authorization).toBe(`Bearer ${grant.accessToken}`);
    expect(entry.body).toEqual({ refreshToken: grant.refreshToken });
    expectExpiry(renewed, { before, after }, 3600, 'jwt');
    expect(renewed.accessToken).not.toBe(grant.accessToken);
    expect(sim().isValidAccessToken(renewed.accessToken)).toBe(true);
    expect(sim().stats()).toMatchObject({ logins: 1, refreshes: 1 });
  });

  it('uses a rotated refresh token next time; the old one is refused at once', async () => {
    const first = await login();
    const second = await renew(first);
    expect(second.refreshToken).toEqual(expect.any(String));
    expect(second.refreshToken).not.toBe(first.refreshToken);

    const err = await providerError(renew({ ...second, refreshToken: first.refreshToken }));
    expect(err).toMatchObject({ errorClass: 'refresh-rejected', code: 'http_401', status: 401 });
    expect(err.providerMessage).toMatch(/refresh token/i);
    expectSecretFree(err, secretsOf(first, second));

    const third = await renew(second);
    expect(sim().log.at(-1)!.body).toEqual({ refreshToken: second.refreshToken });
    expect(third.refreshToken).not.toBe(second.refreshToken);
  });

  it('keeps the refresh token when rotation is off', async () => {
    sim().configure({ rotateRefreshTokens: false });
    const first = await login();
    const second = await renew(first);
    expect(second.refreshToken).toBe(first.refreshToken);
    await expect(renew(second)).resolves.toMatchObject({ refreshToken: first.refreshToken });
  });

  it('refuses a revoked refresh token, so the engine signs in again', async () => {
    const grant = await login();
    sim().revokeRefreshTokens();
    const err = await providerError(renew(grant));
    expect(err).toMatchObject({ errorClass: 'refresh-rejected', status: 401 });
    expect(err.providerMessage).toMatch(/refresh token/i);
    expectSecretFree(err, secretsOf(grant));
    expect(sim().stats()).toMatchObject({ failedRefreshes: 1 });
    await expect(login()).resolves.toBeDefined();
  });

  it('accepts an expired access token as the Bearer of a refresh', async () => {
    sim().configure({ jwtExpSeconds: -60 });
    const res = await axios.post<{ token: string; refresh_token: string }>(`${sim().baseUrl}/integrator/authenticate`, {
      ...credentials,
      grantType: 'password',
    });
    sim().configure({ jwtExpSeconds: undefined });
    const expired = res.data.token;
    expect(sim().isValidAccessToken(expired)).toBe(false);
    const stale: TokenGrant = {
      accessToken: expired,
      refreshToken: res.data.refresh_token,
      tokenType: 'Bearer',
      issuedAt: Date.now() - 3_600_000,
      expiresAt: Date.now() - 60_000,
    };
    const renewed = await renew(stale);
    expect(sim().isValidAccessToken(renewed.accessToken)).toBe(true);
  });

  it('refuses a refresh whose Bearer token another server issued', async () => {
    const other = await startSimulator('onapi');
    try {
      const foreign = await onapi.login(requestContext(), { baseUrl: other.baseUrl, credentials });
      const grant = await login();
      const err = await providerError(renew({ ...grant, accessToken: foreign.accessToken }));
      expect(err).toMatchObject({ errorClass: 'refresh-rejected', status: 401 });
      expect(err.providerMessage).toMatch(/access token/i);
      expectSecretFree(err, secretsOf(grant, foreign));
    } finally {
      await other.close();
    }
  });

  it('refuses a refresh whose Bearer token belongs to another user', async () => {
    const colleague = { ...credentials, username: 'colleague@onapi.test', password: 'colleague-password' };
    sim().addAccount(colleague);
    const theirs = await login(colleague);
    const mine = await login();
    const err = await providerError(renew({ ...mine, accessToken: theirs.accessToken }));
    expect(err).toMatchObject({ errorClass: 'refresh-rejected', status: 401 });
  });

  it('refuses a refresh without a Bearer header', async () => {
    const grant = await login();
    const err = await providerError(renew(grant, tamperHeader('Authorization', undefined)));
    expect(err).toMatchObject({ errorClass: 'refresh-rejected', status: 401 });
    expect(sim().log.at(-1)!.headers.authorization).toBeUndefined();
  });

  it('refuses a refresh body without refreshToken', async () => {
    const grant = await login();
    const err = await providerError(renew(grant, tamperBody({ token: grant.refreshToken })));
    expect(err).toMatchObject({ errorClass: 'refresh-rejected', status: 400 });
    expect(err.providerMessage).toMatch(/refreshToken/);
    expectSecretFree(err, secretsOf(grant));
  });

  describe('refused logins (OnAPI documents no codes: the status decides)', () => {
    it('answers bad credentials with 401 and its message', async () => {
      const wrong = 'not-the-password';
      const err = await providerError(login({ ...credentials, password: wrong }));
      expect(err).toMatchObject({ errorClass: 'credentials', code: 'http_401', status: 401 });
      expect(err.providerMessage).toMatch(/invalid credentials/i);
      expectSecretFree(err, [credentials.password, wrong]);
      expect(sim().stats()).toMatchObject({ failedLogins: 1, issued: 0 });
    });

    it.each([
      ['an unknown client id', { clientId: 'someone-else' }],
      ['an unknown user', { username: 'nobody@onapi.test' }],
    ])('answers %s with 401', async (_label, change) => {
      const err = await providerError(login({ ...credentials, ...change }));
      expect(err).toMatchObject({ errorClass: 'credentials', status: 401 });
    });

    it('blocks the user after five failed logins in a row, even with the right password', async () => {
      const wrong = { ...credentials, password: 'guess-number-n' };
      for (let i = 0; i < 5; i++) {
        expect((await providerError(login(wrong))).status).toBe(401);
      }
      const err = await providerError(login());
      expect(err).toMatchObject({ errorClass: 'credentials', code: 'http_423', status: 423 });
      expect(err.providerMessage).toMatch(/temporarily blocked/i);
      expectSecretFree(err, [credentials.password, wrong.password]);
      expect(sim().stats()).toMatchObject({ logins: 0, failedLogins: 6 });

      sim().reset();
      await expect(login()).resolves.toBeDefined();
    });

    it('counts only failures in a row: a success starts the count again', async () => {
      const wrong = { ...credentials, password: 'guess' };
      for (let i = 0; i < 4; i++) await providerError(login(wrong));
      await login();
      for (let i = 0; i < 4; i++) await providerError(login(wrong));
      await expect(login()).resolves.toBeDefined();
    });

    it('blocks per user: another user can still sign in', async () => {
      const colleague = { ...credentials, username: 'colleague@onapi.test', password: 'colleague-password' };
      sim().addAccount(colleague);
      for (let i = 0; i < 5; i++) await providerError(login({ ...credentials, password: 'guess' }));
      await expect(login(colleague)).resolves.toBeDefined();
      expect((await providerError(login())).status).toBe(423);
    });

    it('answers a malformed JSON body with 400 and its message', async () => {
      const err = await providerError(login(credentials, tamperBody('{"clientId": "integra", ')));
      expect(err).toMatchObject({ errorClass: 'credentials', code: 'http_400', status: 400 });
      expect(err.providerMessage).toMatch(/malformed/i);
    });

    it('answers a body without grantType with 400', async () => {
      const { clientId, username, password } = credentials;
      const err = await providerError(login(credentials, tamperBody({ clientId, username, password })));
      expect(err).toMatchObject({ status: 400 });
      expect(err.providerMessage).toMatch(/grantType/);
      expectSecretFree(err, [password]);
    });

    it('answers a form body with 415, an unexpected response', async () => {
      const asForm = chain(
        tamperHeader('Content-Type', 'application/x-www-form-urlencoded'),
        tamperBody(new URLSearchParams({ ...credentials, grantType: 'password' }).toString()),
      );
      const err = await providerError(login(credentials, asForm));
      expect(err).toMatchObject({ errorClass: 'protocol', code: 'http_415', status: 415 });
    });

    it('accepts a charset parameter on the JSON Content-Type', async () => {
      const tamper = tamperHeader('Content-Type', 'application/json; charset=utf-8');
      await expect(login(credentials, tamper)).resolves.toBeDefined();
    });
  });

  it('refreshes through faults the same way it signs in (503 is transient)', async () => {
    const grant = await login();
    sim().failNext(1, { kind: 'error', status: 503, headers: { 'Retry-After': '5' } });
    const err = await providerError(renew(grant));
    expect(err).toMatchObject({ errorClass: 'transient', retryAfterMs: 5000 });
    await expect(renew(grant)).resolves.toBeDefined();
  });

  describe('expiresIn in whatever unit the live service uses', () => {
    it.each([
      ['seconds', 'seconds', undefined],
      ['milliseconds', 'milliseconds', 'token'],
      ['0', 'zero', 'token'],
      ['nothing', 'missing', 'token'],
    ] as const)('expiresIn in %s: the token lives as its JWT says', async (_label, unit, source) => {
      sim().configure({ lifetimeUnit: unit });
      const ctx = requestContext();
      const { value: grant, before, after } = await timed(() => onapi.login(ctx, target()));
      const wire = lastResponseJson(ctx);
      if (unit === 'milliseconds') expect(wire.expiresIn).toBe(3_600_000);
      if (unit === 'zero') expect(wire.expiresIn).toBe(0);
      if (unit === 'missing') expect(wire).not.toHaveProperty('expiresIn');
      expectExpiry(grant, { before, after }, 3600, 'jwt');
      expect(grant.lifetimeSource).toBe(source);
      // A refresh reads it the same way.
      const renewed = await renew(grant);
      expect(renewed.lifetimeSource).toBe(source);
      expect(renewed.expiresAt - renewed.issuedAt).toBeGreaterThan(3_598_000);
    });

    it('an opaque token with expiresIn 0: 5 minutes assumed', async () => {
      sim().configure({ lifetimeUnit: 'zero', tokenFormat: 'opaque' });
      const { value: grant, before, after } = await timed(() => login());
      expectExpiry(grant, { before, after }, 300, 'opaque');
      expect(grant.lifetimeSource).toBe('assumed');
      expect(sim().isValidAccessToken(grant.accessToken)).toBe(true);
      // The opaque token still works as the Bearer of a refresh.
      await expect(renew(grant)).resolves.toMatchObject({ lifetimeSource: 'assumed' });
    });

    it('an opaque token with expiresIn in seconds: taken as stated', async () => {
      sim().configure({ lifetimeSeconds: 1800, tokenFormat: 'opaque' });
      const { value: grant, before, after } = await timed(() => login());
      expectExpiry(grant, { before, after }, 1800, 'opaque');
      expect(grant).not.toHaveProperty('lifetimeSource');
    });
  });
});
