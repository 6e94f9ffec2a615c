// The eReceipt adapter against the ETA Identity Service simulator, over real HTTP: the POS
// identity headers, the taxpayer read from the JWT, and every documented error code.
import { describe, expect, it } from 'vitest';

import type { CredentialValues } from '#common/profile-schema';

import { ereceipt } from '../../../electron/core/providers/ereceipt';
import type { Simulator } from '../../../electron/core/simulator';
import { describeCommonTokenEndpointCases } from '../../support/common-token-cases';
import {
  chain,
  expectExpiry,
  expectSecretFree,
  providerError,
  requestContext,
  type Tamper,
  tamperBody,
  tamperForm,
  tamperHeader,
  timed,
  useSimulator,
} from '../../support/provider-harness';

const info = ereceipt.info;
// The OS version is the machine's own; the sandbox accepts any.
const credentials: CredentialValues = { ...info.sandboxDemo, posOsVersion: 'Linux 6.8.0-45-generic' };
const secrets = [credentials.clientSecret!, credentials.preSharedKey!];

describeCommonTokenEndpointCases({
  providerId: 'ereceipt',
  adapter: ereceipt,
  credentials,
  secrets,
  tokenFormat: 'jwt',
  responseFields: { accessToken: 'access_token', lifetime: 'expires_in' },
  defaultLifetimeSeconds: 3600,
  loginPath: '/connect/token',
});

describe('eReceipt sign-in', () => {
  const sim = useSimulator('ereceipt');
  const login = (creds: CredentialValues = credentials, tamper?: Tamper) =>
    ereceipt.login(requestContext({ tamper }), { baseUrl: sim().baseUrl, credentials: creds });

  it('sends the four POS headers and the client credentials as a form, without scope when none is set', async () => {
    const { value: grant, before, after } = await timed(() => login());
    const entry = sim().log.at(-1)!;
    expect(entry.method).toBe('POST');
    expect(entry.path).toBe('/connect/token');
    expect(entry.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded\b/);
    expect(entry.headers).toMatchObject({
      posserial: credentials.posSerial,
      pososversion: credentials.posOsVersion,
      posmodelframework: credentials.posFramework,
      presharedkey: credentials.preSharedKey,
    });
    expect(entry.body).toEqual({
      grant_type: 'client_credentials',
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
    });
    expect(entry.status).toBe(200);
    expectExpiry(grant, { before, after }, 3600, 'jwt');
    expect(grant.refreshToken).toBeUndefined();
  });

  it('sends the scope when the profile sets one, and keeps the scope granted', async () => {
    const grant = await login({ ...credentials, scope: 'InvoicingAPI' });
    expect(sim().log.at(-1)!.body).toMatchObject({ scope: 'InvoicingAPI' });
    expect(grant.scope).toBe('InvoicingAPI');
  });

  it('shows the taxpayer and its tags decoded from the JWT', async () => {
    sim().setAccounts([
      { credentials: info.sandboxDemo, extras: { taxpayerRin: '287654321', taxpayerName: 'Nile Bakery', tags: ['b2b', 'B2C'] } },
    ]);
    const grant = await login();
    expect(grant.identity).toEqual({
      taxpayer: { taxpayer_rin: '287654321', taxpayer_name: 'Nile Bakery' },
      tags: ['B2B', 'B2C'],
      warnings: [],
    });
  });

  it('warns when the taxpayer lacks the B2C tag, which receipts need', async () => {
    sim().setAccounts([{ credentials: info.sandboxDemo, extras: { tags: ['B2B'] } }]);
    const grant = await login();
    expect(grant.identity?.tags).toEqual(['B2B']);
    expect(grant.identity?.warnings).toEqual(['b2c-missing']);
  });

  it('renews by signing in again: there is no refresh token', async () => {
    expect(info.renewal).toBe('login');
    expect(ereceipt).not.toHaveProperty('refresh');
    const first = await login();
    const second = await login();
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(sim().isValidAccessToken(second.accessToken)).toBe(true);
    expect(sim().stats()).toMatchObject({ logins: 2, issued: 2 });
  });

  describe('every documented error code', () => {
    const wrongSecret = 'not-the-client-secret';
    const wrongKey = 'not-the-pre-shared-key';
    const cases: Record<string, { credentials?: CredentialValues; tamper?: Tamper; arrange?: (sim: Simulator) => void }> = {
      unauthorized_client: { credentials: { ...credentials, clientId: 'unregistered-client' } },
      // Not in the page's table; the live service answers a wrong client ID or secret with it.
      invalid_client: { credentials: { ...credentials, clientSecret: wrongSecret }, arrange: (s) => s.configure({ invalidClient: true }) },
      invalid_clientsecret: { credentials: { ...credentials, clientSecret: wrongSecret } },
      invalid_posserial: { credentials: { ...credentials, posSerial: 'UNREGISTERED-POS-9' } },
      invalid_pososversion: {
        arrange: (s) => s.setAccounts([{ credentials: { ...info.sandboxDemo, posOsVersion: 'Windows 11 24H2' } }]),
      },
      invalid_posmodelframework: { credentials: { ...credentials, posFramework: '9' } },
      invalid_presharedkey: { credentials: { ...credentials, preSharedKey: wrongKey } },
      invalid_scope: { credentials: { ...credentials, scope: 'InvoicingAPI AdminAPI' } },
      unsupported_grant_type: { tamper: tamperForm((p) => p.set('grant_type', 'password')) },
      invalid_request: { tamper: tamperForm((p) => p.delete('client_id')) },
    };

    it('covers every code the catalog documents', () => {
      expect(Object.keys(cases).sort()).toEqual(Object.keys(info.errors).sort());
    });

    it.each(Object.entries(cases))('%s', async (code, c) => {
      c.arrange?.(sim());
      const err = await providerError(login(c.credentials, c.tamper));
      expect(err).toMatchObject({ errorClass: info.errors[code]!.errorClass, code, status: 400 });
      // The Identity Service sends the bare code; the explanation comes from the catalog.
      expect(err.providerMessage).toBeUndefined();
      expectSecretFree(err, [...secrets, wrongSecret, wrongKey]);
      expect(sim().stats()).toMatchObject({ failedLogins: 1, issued: 0 });
    });
  });

  describe('POS identity headers', () => {
    const headers = [
      ['posSerial', 'posserial', 'invalid_posserial', 100],
      ['posOsVersion', 'pososversion', 'invalid_pososversion', 50],
      ['posFramework', 'posmodelframework', 'invalid_posmodelframework', 10],
      ['preSharedKey', 'presharedkey', 'invalid_presharedkey', 200],
    ] as const;

    it.each(headers)('refuses %s over its documented limit, and accepts it at the limit', async (field, header, code, max) => {
      const atLimit = 'A'.repeat(max);
      sim().setAccounts([{ credentials: { ...info.sandboxDemo, [field]: atLimit } }]);
      await expect(login({ ...credentials, [field]: atLimit })).resolves.toMatchObject({ tokenType: 'Bearer' });
      const err = await providerError(login({ ...credentials, [field]: `${atLimit}A` }));
      expect(err).toMatchObject({ errorClass: 'credentials', code });
      expect(sim().log.at(-1)!.headers[header]).toHaveLength(max + 1);
      // Length is a rule on the request itself, checked before the client is even looked up.
      const stranger = { ...credentials, clientId: 'unregistered-client' };
      expect((await providerError(login({ ...stranger, [field]: atLimit }))).code).toBe('unauthorized_client');
      expect((await providerError(login({ ...stranger, [field]: `${atLimit}A` }))).code).toBe(code);
    });

    it.each(headers)(
      'never sends %s empty: an empty field leaves its header out, which the strict service refuses',
      async (field, header, code) => {
        const err = await providerError(login({ ...credentials, [field]: '' }));
        expect(err).toMatchObject({ errorClass: 'credentials', code });
        expect(sim().log.at(-1)!.headers).not.toHaveProperty(header);
      },
    );

    it.each(headers)('refuses a request without the %s header', async (_field, header, code) => {
      const err = await providerError(login(credentials, tamperHeader(header, undefined)));
      expect(err).toMatchObject({ errorClass: 'credentials', code });
      expect(sim().log.at(-1)!.headers[header]).toBeUndefined();
    });

    it('accepts whatever OS version the terminal runs, up to 50 characters', async () => {
      await expect(login({ ...credentials, posOsVersion: 'Windows 10 22H2' })).resolves.toBeDefined();
      await expect(login({ ...credentials, posOsVersion: 'v'.repeat(50) })).resolves.toBeDefined();
      const err = await providerError(login({ ...credentials, posOsVersion: 'v'.repeat(51) }));
      expect(err.code).toBe('invalid_pososversion');
    });
  });

  describe('malformed requests', () => {
    it('refuses a JSON body as invalid_request', async () => {
      const toJson = chain(
        tamperHeader('Content-Type', 'application/json'),
        tamperBody({ grant_type: 'client_credentials', client_id: credentials.clientId, client_secret: credentials.clientSecret }),
      );
      const err = await providerError(login(credentials, toJson));
      expect(err).toMatchObject({ errorClass: 'credentials', code: 'invalid_request' });
    });

    it('accepts a charset parameter on the form Content-Type', async () => {
      const tamper = tamperHeader('Content-Type', 'application/x-www-form-urlencoded; charset=UTF-8');
      await expect(login(credentials, tamper)).resolves.toMatchObject({ tokenType: 'Bearer' });
    });

    it('refuses a field sent twice', async () => {
      const err = await providerError(
        login(
          credentials,
          tamperForm((p) => p.append('client_id', 'other')),
        ),
      );
      expect(err.code).toBe('invalid_request');
    });

    it('refuses a client secret over 100 characters', async () => {
      const err = await providerError(login({ ...credentials, clientSecret: 'x'.repeat(101) }));
      expect(err.code).toBe('invalid_request');
    });
  });

  describe('as the live service is reported to behave', () => {
    const withoutOptional: CredentialValues = { ...credentials, posFramework: '', preSharedKey: '' };

    it('signs in with only the serial and the OS version, sending no empty header', async () => {
      sim().configure({ optionalPosHeaders: true });
      sim().setAccounts([
        {
          credentials: {
            clientId: info.sandboxDemo.clientId,
            clientSecret: info.sandboxDemo.clientSecret,
            posSerial: info.sandboxDemo.posSerial,
          },
        },
      ]);
      const grant = await login(withoutOptional);
      expect(grant.tokenType).toBe('Bearer');
      const sent = sim().log.at(-1)!.headers;
      expect(sent).toMatchObject({ posserial: credentials.posSerial, pososversion: credentials.posOsVersion });
      expect(sent).not.toHaveProperty('posmodelframework');
      expect(sent).not.toHaveProperty('presharedkey');
    });

    it('leaves out a pre-shared key of spaces only, which would arrive as an empty header', async () => {
      sim().configure({ optionalPosHeaders: true });
      await login({ ...credentials, preSharedKey: '   ' });
      expect(sim().log.at(-1)!.headers).not.toHaveProperty('presharedkey');
    });

    it('the strict, documented service (the default) still asks for the framework', async () => {
      const err = await providerError(login(withoutOptional));
      expect(err).toMatchObject({ errorClass: 'credentials', code: 'invalid_posmodelframework' });
    });

    it('checks a pre-shared key that is sent for a terminal that has one, and its length', async () => {
      sim().configure({ optionalPosHeaders: true });
      const wrong = await providerError(login({ ...credentials, preSharedKey: 'not-the-key' }));
      expect(wrong).toMatchObject({ errorClass: 'credentials', code: 'invalid_presharedkey' });
      expectSecretFree(wrong, [...secrets, 'not-the-key']);
      const long = await providerError(login({ ...credentials, preSharedKey: 'k'.repeat(201) }));
      expect(long.code).toBe('invalid_presharedkey');
      await expect(login({ ...credentials, preSharedKey: '' })).resolves.toBeDefined();
    });

    it('answers a wrong client ID or secret with invalid_client: a credentials error naming both', async () => {
      sim().configure({ invalidClient: true });
      for (const wrong of [{ clientId: 'unregistered-client' }, { clientSecret: 'not-the-client-secret' }]) {
        const ctx = requestContext();
        const err = await providerError(ereceipt.login(ctx, { baseUrl: sim().baseUrl, credentials: { ...credentials, ...wrong } }));
        expect(err).toMatchObject({ errorClass: 'credentials', code: 'invalid_client', status: 400 });
        expect(JSON.parse(ctx.responses.at(-1)!.body)).toEqual({ error: 'invalid_client' });
        expectSecretFree(err, [...secrets, 'not-the-client-secret']);
      }
      const text = info.errors.invalid_client!.text;
      expect(text.en).toMatch(/client ID or client secret/);
      expect(text.es).toMatch(/ID de cliente o el secreto de cliente/);
      expect(text.pt).toMatch(/ID do cliente ou o segredo do cliente/);
    });

    it('reads tags under another recognised claim name', async () => {
      sim().configure({ tagsClaim: 'taxpayer_tags' });
      sim().setAccounts([{ credentials: info.sandboxDemo, extras: { tags: ['B2B'] } }]);
      expect((await login()).identity).toMatchObject({ tags: ['B2B'], warnings: ['b2c-missing'] });
    });

    it('says the tags could not be read, without a warning, when the token has no tags claim', async () => {
      sim().configure({ tagsClaim: null });
      const grant = await login();
      expect(grant.identity).toMatchObject({ notes: ['tags-unreadable'], warnings: [] });
      expect(grant.identity).not.toHaveProperty('tags');
    });

    it('does not take an unrelated claim for the tags', async () => {
      sim().configure({ tagsClaim: 'roles' });
      sim().setAccounts([{ credentials: info.sandboxDemo, extras: { tags: ['B2B'] } }]);
      const grant = await login();
      expect(grant.identity).toMatchObject({ notes: ['tags-unreadable'], warnings: [] });
    });
  });
});
