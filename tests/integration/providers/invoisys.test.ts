// The Invoisys adapter against its simulator, over real HTTP: a password grant without client
// credentials, opaque tokens with lower-case `bearer`, its two documented errors.
import axios from 'axios';
import { describe, expect, it } from 'vitest';

import type { CredentialValues } from '#common/profile-schema';

import { invoisys, invoisysTokenUrl } from '../../../electron/core/providers/invoisys';
import { describeCommonTokenEndpointCases } from '../../support/common-token-cases';
import {
  chain,
  expectExpiry,
  expectSecretFree,
  lastResponseJson,
  protectedStatus,
  providerError,
  requestContext,
  type Tamper,
  tamperBody,
  tamperForm,
  tamperHeader,
  timed,
  useSimulator,
} from '../../support/provider-harness';

const info = invoisys.info;
const credentials: CredentialValues = { ...info.sandboxDemo };
const secrets = [credentials.password!];

describeCommonTokenEndpointCases({
  providerId: 'invoisys',
  adapter: invoisys,
  credentials,
  secrets,
  tokenFormat: 'opaque',
  responseFields: { accessToken: 'access_token', lifetime: 'expires_in' },
  defaultLifetimeSeconds: 92843,
  loginPath: '/api/token',
});

describe('Invoisys sign-in', () => {
  const sim = useSimulator('invoisys');
  const target = (creds: CredentialValues = credentials) => ({ baseUrl: sim().baseUrl, credentials: creds });
  const login = (creds?: CredentialValues, tamper?: Tamper) => invoisys.login(requestContext({ tamper }), target(creds));

  it('signs in with grant_type, username and password only, form encoded, accepting JSON', async () => {
    const { value: grant, before, after } = await timed(() => login());
    const entry = sim().log.at(-1)!;
    expect(entry.method).toBe('POST');
    expect(entry.path).toBe('/api/token');
    expect(entry.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded\b/);
    expect(entry.headers.accept).toMatch(/application\/json/);
    expect(entry.body).toEqual({ grant_type: 'password', username: credentials.username, password: credentials.password });
    // An opaque token carries no expiry of its own: the lifetime alone decides, to the millisecond.
    expectExpiry(grant, { before, after }, 92843, 'opaque');
    expect(grant.refreshToken).toBeUndefined();
  });

  it('normalizes the lower-case token_type to Bearer', async () => {
    const ctx = requestContext();
    const grant = await invoisys.login(ctx, target());
    expect(lastResponseJson(ctx).token_type).toBe('bearer');
    expect(grant.tokenType).toBe('Bearer');
  });

  it('renews by signing in again', async () => {
    expect(info.renewal).toBe('login');
    expect(invoisys).not.toHaveProperty('refresh');
    const first = await login();
    const second = await login();
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(await protectedStatus(sim(), second.accessToken)).toBe(200);
  });

  it('stops accepting tokens once they expire', async () => {
    sim().configure({ lifetimeSeconds: 0.2 });
    const res = await axios.post<{ access_token: string }>(
      `${sim().baseUrl}/api/token`,
      new URLSearchParams({ grant_type: 'password', username: credentials.username!, password: credentials.password! }),
    );
    expect(await protectedStatus(sim(), res.data.access_token)).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await protectedStatus(sim(), res.data.access_token)).toBe(401);
  });

  describe('every documented error code', () => {
    it('covers every code the catalog documents', () => {
      expect(Object.keys(info.errors).sort()).toEqual(['credenciais_invalidas', 'http_401', 'unsupported_grant_type']);
    });

    it.each([
      ['a wrong password', { password: 'senha-errada' }],
      ['an unknown e-mail', { username: 'ninguem@invoisys.test' }],
      ['an empty password', { password: '' }],
    ])('credenciais_invalidas for %s, with the provider message', async (_label, change) => {
      const ctx = requestContext();
      const err = await providerError(invoisys.login(ctx, target({ ...credentials, ...change })));
      expect(err).toMatchObject({ errorClass: info.errors.credenciais_invalidas!.errorClass, code: 'credenciais_invalidas', status: 400 });
      expect(err.providerMessage).toBe(lastResponseJson(ctx).error_description);
      expect(err.providerMessage).toBe('Credenciais inválidas.');
      expectSecretFree(err, [...secrets, 'senha-errada']);
    });

    it('unsupported_grant_type for any other grant, without a description', async () => {
      const err = await providerError(
        login(
          credentials,
          tamperForm((p) => p.set('grant_type', 'client_credentials')),
        ),
      );
      expect(err).toMatchObject({
        errorClass: info.errors.unsupported_grant_type!.errorClass,
        code: 'unsupported_grant_type',
        status: 400,
      });
      expect(err.providerMessage).toBeUndefined();
      expectSecretFree(err, secrets);
    });

    it('unsupported_grant_type for a JSON body, which the server does not read as a form', async () => {
      const asJson = chain(
        tamperHeader('Content-Type', 'application/json'),
        tamperBody({ grant_type: 'password', username: credentials.username, password: credentials.password }),
      );
      const err = await providerError(login(credentials, asJson));
      expect(err.code).toBe('unsupported_grant_type');
    });
  });

  it("does not require the Accept header, as the provider's own PHP example omits it", async () => {
    await expect(login(credentials, tamperHeader('Accept', undefined))).resolves.toBeDefined();
  });

  it('forgets every token when reset, as a restarted provider would', async () => {
    const grant = await login();
    sim().reset();
    expect(await protectedStatus(sim(), grant.accessToken)).toBe(401);
    expect(sim().stats().issued).toBe(0);
  });

  describe('token API 3.0 errors: {"mensagem": ..., "token": null}', () => {
    it.each([
      ['a wrong password', { password: 'senha-errada' }],
      ['an unknown e-mail', { username: 'ninguem@invoisys.test' }],
    ])('%s: 401, a credentials error, with mensagem as the provider message', async (_label, change) => {
      sim().configure({ tokenApi: '3.0' });
      const ctx = requestContext();
      const err = await providerError(invoisys.login(ctx, target({ ...credentials, ...change })));
      const wire = lastResponseJson(ctx);
      expect(Object.keys(wire).sort()).toEqual(['mensagem', 'token']);
      expect(wire.token).toBeNull();
      expect(typeof wire.mensagem).toBe('string');
      expect(err).toMatchObject({ errorClass: 'credentials', code: 'http_401', status: 401 });
      expect(err.providerMessage).toBe(wire.mensagem);
      expect(info.errors.http_401!.text.pt).toBe('O e-mail ou a senha foi recusado.');
      expectSecretFree(err, [...secrets, 'senha-errada']);
    });

    it('a 400 in the same shape is a credentials error too', async () => {
      sim().configure({ tokenApi: '3.0' });
      const err = await providerError(
        login(
          credentials,
          tamperForm((p) => p.set('grant_type', 'client_credentials')),
        ),
      );
      expect(err).toMatchObject({ errorClass: 'credentials', code: 'http_400', status: 400 });
      expect(err.providerMessage).toEqual(expect.any(String));
    });

    it('a mensagem that echoes the password is redacted', async () => {
      sim().failNext(1, { kind: 'error', status: 401, body: { mensagem: `Senha ${credentials.password} inválida`, token: null } });
      const err = await providerError(login());
      expect(err.providerMessage).toContain('[redacted]');
      expectSecretFree(err, secrets);
    });

    it('signs in as before when the credentials are right', async () => {
      sim().configure({ tokenApi: '3.0' });
      await expect(login()).resolves.toMatchObject({ tokenType: 'Bearer' });
    });
  });

  describe('production', () => {
    it('has a Production preset whose token is at https://api.invoisys.com.br/api/token', () => {
      const production = info.environments.find((e) => e.id === 'production');
      expect(production?.label.en).toBe('Production');
      expect(invoisysTokenUrl(production!.baseUrl)).toBe('https://api.invoisys.com.br/api/token');
      expect(invoisysTokenUrl(info.environments.find((e) => e.id === 'sandbox')!.baseUrl)).toBe(
        'https://sandbox-api.invoisys.com.br/api/token',
      );
    });

    it('reaches /api/token whether a custom base ends in /api or not', async () => {
      await login(credentials);
      expect(sim().log.at(-1)!.path).toBe('/api/token');
      await invoisys.login(requestContext(), { baseUrl: `${sim().baseUrl}/api/`, credentials });
      expect(sim().log.at(-1)!.path).toBe('/api/token');
      expect(sim().stats()).toMatchObject({ logins: 2 });
    });
  });
});
