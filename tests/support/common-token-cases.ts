// The token-endpoint cases every provider shares (transport failures, proxies, malformed
// answers, lifetimes, base URLs), registered once per provider test file against its simulator.
import axios from 'axios';
import { describe, expect, it } from 'vitest';

import type { CredentialValues } from '#common/profile-schema';

import { decodeJwt } from '../../electron/core/jwt';
import type { ProviderAdapter } from '../../electron/core/providers/types';
import { type SimulatedProviderId, startSimulator } from '../../electron/core/simulator';
import {
  expectExpiry,
  expectSecretFree,
  protectedStatus,
  providerError,
  requestContext,
  type TestContext,
  timed,
  useSimulator,
} from './provider-harness';

export interface CommonCasesSetup {
  providerId: SimulatedProviderId;
  adapter: ProviderAdapter;
  /** Credentials the simulator accepts by default. */
  credentials: CredentialValues;
  /** Every secret value in `credentials`. */
  secrets: readonly string[];
  tokenFormat: 'jwt' | 'opaque';
  /** Field names of a successful login answer. */
  responseFields: { accessToken: string; lifetime: string };
  defaultLifetimeSeconds: number;
  /** The path the login request must reach, base path included. */
  loginPath: string;
  /**
   * `strict` (PROVIDERS.md's general rule): a missing or absurd lifetime is a protocol error.
   * `token-first` (OnAPI, whose lifetime unit is undocumented): the JWT's exp decides, and
   * without one 5 minutes are assumed.
   */
  lifetimeRule?: 'strict' | 'token-first';
}

export function describeCommonTokenEndpointCases(setup: CommonCasesSetup): void {
  const { adapter, credentials, secrets } = setup;

  describe('every token endpoint', () => {
    const sim = useSimulator(setup.providerId);
    const login = (ctx: TestContext = requestContext(), baseUrl = sim().baseUrl) => adapter.login(ctx, { baseUrl, credentials });
    const failedLogin = async (ctx?: TestContext, baseUrl?: string) => {
      const err = await providerError(login(ctx, baseUrl));
      expectSecretFree(err, secrets);
      return err;
    };

    it('signs in for the default lifetime with a token the provider API accepts', async () => {
      const { value: grant, before, after } = await timed(() => login());
      expectExpiry(grant, { before, after }, setup.defaultLifetimeSeconds, setup.tokenFormat);
      expect(grant.tokenType).toBe('Bearer');
      expect(sim().isValidAccessToken(grant.accessToken)).toBe(true);
      expect(await protectedStatus(sim(), grant.accessToken)).toBe(200);
      expect(await protectedStatus(sim())).toBe(401);
      expect(await protectedStatus(sim(), `${grant.accessToken}x`)).toBe(401);
      expect(sim().stats()).toMatchObject({ tokenRequests: 1, logins: 1, failedLogins: 0, issued: 1 });
    });

    it('follows the lifetime the provider announces', async () => {
      sim().configure({ lifetimeSeconds: 1234 });
      const { value: grant, before, after } = await timed(() => login());
      expectExpiry(grant, { before, after }, 1234, setup.tokenFormat);
    });

    it('accepts a numeric string as the lifetime', async () => {
      sim().configure({ lifetimeSeconds: 600, lifetimeOverride: '600' });
      const { value: grant, before, after } = await timed(() => login());
      expectExpiry(grant, { before, after }, 600, setup.tokenFormat);
    });

    it('reaches the documented path whatever trailing slashes and spaces the base URL was typed with', async () => {
      const grant = await login(requestContext(), `  ${sim().baseUrl}///  `);
      expect(sim().isValidAccessToken(grant.accessToken)).toBe(true);
      expect(sim().log.at(-1)?.path).toBe(setup.loginPath);
    });

    it('reports a wrong address (404) as an unexpected response, not a credentials problem', async () => {
      const err = await failedLogin(requestContext(), `${sim().baseUrl}/not-the-api`);
      expect(err).toMatchObject({ errorClass: 'protocol', code: 'http_404', status: 404 });
      expect(sim().stats().tokenRequests).toBe(0);
    });

    it('answers only POST on the token endpoint', async () => {
      const res = await axios.get(`http://127.0.0.1:${sim().port}${setup.loginPath}`, { validateStatus: () => true });
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('POST');
    });

    it('treats 503 with Retry-After as transient and says when to retry', async () => {
      sim().failNext(1, { kind: 'error', status: 503, headers: { 'Retry-After': '30' } });
      const err = await failedLogin();
      expect(err).toMatchObject({ errorClass: 'transient', code: 'http_503', status: 503, retryAfterMs: 30_000 });
      // The fault answered one request only.
      await expect(login()).resolves.toMatchObject({ tokenType: 'Bearer' });
    });

    it('treats 429 as transient and honours a Retry-After date', async () => {
      const at = new Date(Date.now() + 120_000).toUTCString();
      sim().failNext(1, { kind: 'error', status: 429, headers: { 'Retry-After': at } });
      const err = await failedLogin();
      expect(err).toMatchObject({ errorClass: 'transient', code: 'http_429', status: 429 });
      expect(err.retryAfterMs).toBeGreaterThan(100_000);
      expect(err.retryAfterMs).toBeLessThanOrEqual(120_000);
    });

    it('treats a proxy HTML error page as transient (5xx) or unexpected (4xx), with a plain-text excerpt', async () => {
      sim().failNext(1, { kind: 'html', status: 502 });
      sim().failNext(1, { kind: 'html', status: 403 });
      const gateway = await failedLogin();
      expect(gateway).toMatchObject({ errorClass: 'transient', code: 'http_502', status: 502 });
      expect(gateway.excerpt).toContain('502 Bad Gateway');
      expect(gateway.excerpt).not.toMatch(/[<>]/);
      const forbidden = await failedLogin();
      expect(forbidden).toMatchObject({ errorClass: 'protocol', code: 'http_403', status: 403 });
      expect(forbidden.excerpt).toContain('403 Forbidden');
    });

    it('redacts secrets that an error page echoes back', async () => {
      const echoed = `<html><body><h1>Request blocked</h1><pre>${secrets.join(' ')}</pre></body></html>`;
      sim().failNext(1, { kind: 'raw', status: 400, body: echoed, contentType: 'text/html' });
      const err = await failedLogin();
      expect(err).toMatchObject({ errorClass: 'protocol', code: 'http_400' });
      expect(err.excerpt).toContain('Request blocked');
      expect(err.excerpt).toContain('[redacted]');
    });

    it('reports a cut-off JSON body as not_json', async () => {
      sim().failNext(1, { kind: 'truncated' });
      const err = await failedLogin();
      expect(err).toMatchObject({ errorClass: 'protocol', code: 'not_json', status: 200 });
      expect(err.excerpt).toContain(setup.responseFields.accessToken);
    });

    it('reports a 200 that is not JSON as not_json, redacting what it echoes', async () => {
      sim().failNext(1, { kind: 'raw', status: 200, body: `Welcome! ${secrets.join(' ')}`, contentType: 'text/plain' });
      const err = await failedLogin();
      expect(err).toMatchObject({ errorClass: 'protocol', code: 'not_json' });
      expect(err.excerpt).toContain('Welcome!');
    });

    it('shows nothing token-shaped of a 2xx answer it cannot read: it may hold the token just issued', async () => {
      const issued = 'Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0Lz';
      sim().failNext(1, {
        kind: 'raw',
        status: 200,
        body: `access_token=${issued}&token_type=bearer&expires_in=3600`,
        contentType: 'application/x-www-form-urlencoded',
      });
      const err = await failedLogin();
      expect(err).toMatchObject({ errorClass: 'protocol', code: 'not_json' });
      expect(err.excerpt).toContain('access_token=[redacted]');
      expect(JSON.stringify(err)).not.toContain(issued.slice(0, 12));
    });

    it('drops a provider error code that echoes a secret, keeping the refusal', async () => {
      const echoed = secrets.find((s) => /^[A-Za-z0-9_.-]{1,64}$/.test(s)) ?? secrets[0]!;
      sim().failNext(1, {
        kind: 'raw',
        status: 400,
        body: JSON.stringify({ error: echoed, error_description: `bad ${echoed}` }),
        contentType: 'application/json',
      });
      const err = await failedLogin();
      expect(err.errorClass).toBe('credentials');
      expect(err.code).toBe('http_400');
      expect(JSON.stringify(err)).not.toContain(echoed);
    });

    it('reports a JSON answer without the token as missing_field', async () => {
      const body = JSON.stringify({ token_type: 'Bearer', [setup.responseFields.lifetime]: 3600 });
      sim().failNext(1, { kind: 'raw', status: 200, body, contentType: 'application/json' });
      const err = await failedLogin();
      expect(err).toMatchObject({ errorClass: 'protocol', code: 'missing_field' });
      expect(err.excerpt).toContain(setup.responseFields.accessToken);
    });

    const lifetimeRule = setup.lifetimeRule ?? 'strict';
    if (lifetimeRule === 'strict') {
      it('reports a JSON answer without the lifetime as missing_field', async () => {
        const body = JSON.stringify({ [setup.responseFields.accessToken]: 'abc.def.ghi', refresh_token: 'r', token_type: 'Bearer' });
        sim().failNext(1, { kind: 'raw', status: 200, body, contentType: 'application/json' });
        const err = await failedLogin();
        expect(err).toMatchObject({ errorClass: 'protocol', code: 'missing_field' });
        expect(err.excerpt).toContain(setup.responseFields.lifetime);
      });
    } else {
      it('assumes 5 minutes for an opaque token answered without a lifetime, and says so', async () => {
        const body = JSON.stringify({ [setup.responseFields.accessToken]: 'abc.def.ghi', refresh_token: 'r', token_type: 'Bearer' });
        sim().failNext(1, { kind: 'raw', status: 200, body, contentType: 'application/json' });
        const { value: grant, before, after } = await timed(() => login());
        expectExpiry(grant, { before, after }, 300, 'opaque');
        expect(grant.lifetimeSource).toBe('assumed');
      });
    }

    const badLifetimes = [
      ['negative', -60],
      ['zero', 0],
      ['over 30 days', 30 * 24 * 3600 + 1],
      ['huge', 1e12],
      ['non-numeric', 'one hour'],
      ['empty', ''],
      ['null', null],
    ] as const;
    if (lifetimeRule === 'strict') {
      it.each(badLifetimes)('refuses a %s lifetime as bad_lifetime', async (_label, value) => {
        sim().configure({ lifetimeOverride: value });
        const err = await failedLogin();
        expect(err).toMatchObject({ errorClass: 'protocol', code: 'bad_lifetime' });
      });
    } else {
      it.each(badLifetimes)('takes the lifetime from the JWT when the stated one is %s, and notes it', async (_label, value) => {
        sim().configure({ lifetimeOverride: value });
        const { value: grant, before, after } = await timed(() => login());
        expectExpiry(grant, { before, after }, setup.defaultLifetimeSeconds, 'jwt');
        expect(grant.lifetimeSource).toBe('token');
      });
    }

    if (setup.tokenFormat === 'jwt') {
      it('issues a JWT whose exp is iat plus the lifetime, with a subject and a unique id', async () => {
        sim().configure({ lifetimeSeconds: 777 });
        const first = decodeJwt((await login()).accessToken);
        const second = decodeJwt((await login()).accessToken);
        expect(typeof first?.iat).toBe('number');
        expect(typeof first?.sub).toBe('string');
        expect(typeof first?.jti).toBe('string');
        expect((first?.exp as number) - (first?.iat as number)).toBe(777);
        expect(second?.jti).not.toBe(first?.jti);
      });

      it('expires when the JWT says so when that is earlier than the lifetime', async () => {
        sim().configure({ lifetimeSeconds: 3600, jwtExpSeconds: 120 });
        const grant = await login();
        const claims = decodeJwt(grant.accessToken);
        expect((claims?.exp as number) - (claims?.iat as number)).toBe(120);
        expect(grant.expiresAt).toBe((claims?.exp as number) * 1000);
      });

      if (lifetimeRule === 'strict') {
        it('keeps the lifetime when the JWT expires later', async () => {
          sim().configure({ lifetimeSeconds: 300, jwtExpSeconds: 7200 });
          const { value: grant, before, after } = await timed(() => login());
          expectExpiry(grant, { before, after }, 300, 'opaque');
        });
      } else {
        it('follows the JWT exp when the stated lifetime disagrees with it: exp is authoritative', async () => {
          sim().configure({ lifetimeSeconds: 300, jwtExpSeconds: 7200 });
          const { value: grant, before, after } = await timed(() => login());
          expectExpiry(grant, { before, after }, 7200, 'jwt');
          expect(grant.lifetimeSource).toBe('token');
        });
      }

      it('refuses a token that is already expired on arrival (a wrong clock)', async () => {
        sim().configure({ jwtExpSeconds: -60 });
        const err = await failedLogin();
        expect(err).toMatchObject({ errorClass: 'protocol', code: 'token_already_expired' });
      });
    } else {
      it('issues an opaque token, not a JWT', async () => {
        const grant = await login();
        expect(decodeJwt(grant.accessToken)).toBeNull();
        expect(grant.accessToken.length).toBeGreaterThan(200);
      });
    }

    it('gives up on a hanging request with a transient timeout', async () => {
      sim().failNext(1, { kind: 'hang' });
      const started = Date.now();
      const err = await failedLogin(requestContext({ timeoutMs: 300 }));
      expect(err).toMatchObject({ errorClass: 'transient', code: 'timeout' });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(sim().log.at(-1)?.status).toBeNull();
    });

    it('gives up on an answer that trickles in forever, within the timeout', async () => {
      sim().failNext(1, { kind: 'trickle' });
      const started = Date.now();
      const err = await failedLogin(requestContext({ timeoutMs: 300 }));
      expect(err).toMatchObject({ errorClass: 'transient', code: 'timeout' });
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('reports a reset connection as a transient network failure', async () => {
      sim().failNext(1, { kind: 'reset' });
      const err = await failedLogin();
      expect(err).toMatchObject({ errorClass: 'transient', code: 'network' });
    });

    it('reports a refused connection (provider down) as transient', async () => {
      const down = await startSimulator(setup.providerId);
      const { baseUrl } = down;
      await down.close();
      const err = await failedLogin(requestContext(), baseUrl);
      expect(err).toMatchObject({ errorClass: 'transient', code: 'connection_refused' });
    });

    it('applies queued faults in order, one request each', async () => {
      sim().failNext(2, { kind: 'error', status: 500 });
      sim().failNext(1, { kind: 'truncated' });
      expect((await failedLogin()).code).toBe('http_500');
      expect((await failedLogin()).code).toBe('http_500');
      expect((await failedLogin()).code).toBe('not_json');
      await expect(login()).resolves.toMatchObject({ tokenType: 'Bearer' });
      expect(sim().stats()).toMatchObject({ tokenRequests: 4, logins: 1, failedLogins: 0 });
    });

    it('answers after the configured latency', async () => {
      sim().configure({ latencyMs: 150 });
      const started = Date.now();
      await login();
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    });
  });
}
