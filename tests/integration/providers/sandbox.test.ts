// The built-in sandbox as the app and the browser host use it: all five simulators at once,
// each accepting its catalog's demo credentials, driven through the dev-only control API.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import axios from 'axios';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { findProvider, PROVIDERS } from '../../../electron/core/providers';
import { type Sandbox, SIMULATED_PROVIDER_IDS, startSandbox } from '../../../electron/core/simulator';
import { handleSandboxControl } from '../../../electron/core/simulator/controls-http';
import { expectExpiry, providerError, requestContext, timed } from '../../support/provider-harness';

let sandbox: Sandbox;
let host: Server;
let hostUrl: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  // A stand-in for the browser host: it mounts the control API and answers everything else itself.
  host = createServer((req, res) => {
    if (!handleSandboxControl(sandbox, req, res)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('host route');
    }
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
});

afterAll(async () => {
  host.closeAllConnections();
  await new Promise((resolve) => host.close(resolve));
  await sandbox.close();
});

beforeEach(() => {
  for (const sim of Object.values(sandbox.simulators)) sim.reset();
});

const demoCredentials = (id: string) => {
  const info = findProvider(id)!.info;
  return { ...info.sandboxDemo, ...(info.fields.posOsVersion ? { posOsVersion: 'Linux 6.8' } : {}) };
};
const control = (path: string, body?: unknown) =>
  axios.request<Record<string, unknown>>({
    method: body === undefined && /\/(stats|log)$/.test(path) ? 'GET' : 'POST',
    url: `${hostUrl}/__sandbox/${path}`,
    data: body,
    validateStatus: () => true,
  });

describe('startSandbox', () => {
  it('runs one simulator per catalog provider', () => {
    expect([...SIMULATED_PROVIDER_IDS].sort()).toEqual(PROVIDERS.map((p) => p.info.id).sort());
    const ports = new Set(Object.values(sandbox.simulators).map((s) => s.port));
    expect(ports.size).toBe(SIMULATED_PROVIDER_IDS.length);
  });

  it('gives each provider a base URL where the documented paths live', () => {
    for (const id of SIMULATED_PROVIDER_IDS) {
      expect(sandbox.baseUrlFor(id)).toBe(sandbox.simulators[id].baseUrl);
      expect(sandbox.baseUrlFor(id)).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
    }
    expect(new URL(sandbox.baseUrlFor('onapi')!).pathname).toBe('/integrator/api/v1');
    expect(sandbox.baseUrlFor('not-a-provider')).toBeUndefined();
  });

  it.each(PROVIDERS.map((p) => [p.info.id, p] as const))('accepts the %s catalog demo credentials out of the box', async (id, adapter) => {
    const target = { baseUrl: sandbox.baseUrlFor(id)!, credentials: demoCredentials(id) };
    const grant = await adapter.login(requestContext(), target);
    expect(sandbox.simulators[adapter.info.id as (typeof SIMULATED_PROVIDER_IDS)[number]].isValidAccessToken(grant.accessToken)).toBe(true);
    if (adapter.refresh) {
      const renewed = await adapter.refresh(requestContext(), target, grant);
      expect(renewed.accessToken).not.toBe(grant.accessToken);
    }
  });

  it('refuses to start half a sandbox when a port is taken', async () => {
    const taken = sandbox.simulators.factus.port;
    await expect(startSandbox({ ports: { factus: taken } })).rejects.toThrow(/EADDRINUSE/);
  });
});

describe('the sandbox control API', () => {
  const factus = findProvider('factus')!;
  const factusTarget = () => ({ baseUrl: sandbox.baseUrlFor('factus')!, credentials: demoCredentials('factus') });

  it('leaves paths it does not own to the host', async () => {
    const res = await axios.get(`${hostUrl}/api/profiles`, { validateStatus: () => true });
    expect(res.status).toBe(404);
    expect(res.data).toBe('host route');
  });

  it('configures the lifetime, and puts a setting back to its default', async () => {
    const res = await control('factus/configure', { lifetimeSeconds: 120, lifetimeOverride: null });
    expect(res.status).toBe(200);
    expect(res.data.config).toMatchObject({ lifetimeSeconds: 120, lifetimeOverride: null });
    expect((await providerError(factus.login(requestContext(), factusTarget()))).code).toBe('bad_lifetime');

    expect((await control('factus/configure', { unset: ['lifetimeOverride'] })).status).toBe(200);
    const { value: grant, before, after } = await timed(() => factus.login(requestContext(), factusTarget()));
    expectExpiry(grant, { before, after }, 120, 'jwt');
  });

  it('switches each provider to how its live service is reported to behave, and back', async () => {
    const ereceipt = findProvider('ereceipt')!;
    const bare = { ...demoCredentials('ereceipt'), posFramework: '', preSharedKey: '' };
    const target = { baseUrl: sandbox.baseUrlFor('ereceipt')!, credentials: bare };
    expect((await providerError(ereceipt.login(requestContext(), target))).code).toBe('invalid_posmodelframework');
    const res = await control('ereceipt/configure', { optionalPosHeaders: true, invalidClient: true, tagsClaim: null });
    expect(res.status).toBe(200);
    expect(res.data.config).toMatchObject({ optionalPosHeaders: true, invalidClient: true, tagsClaim: null });
    expect((await ereceipt.login(requestContext(), target)).identity).toMatchObject({ notes: ['tags-unreadable'] });
    const wrong = { ...target, credentials: { ...bare, clientSecret: 'wrong' } };
    expect((await providerError(ereceipt.login(requestContext(), wrong))).code).toBe('invalid_client');
    expect((await control('ereceipt/configure', { unset: ['optionalPosHeaders', 'invalidClient', 'tagsClaim'] })).status).toBe(200);
    expect((await providerError(ereceipt.login(requestContext(), target))).code).toBe('invalid_posmodelframework');

    expect((await control('onapi/configure', { lifetimeUnit: 'milliseconds' })).data.config).toMatchObject({
      lifetimeUnit: 'milliseconds',
    });
    const onapi = findProvider('onapi')!;
    const grant = await onapi.login(requestContext(), { baseUrl: sandbox.baseUrlFor('onapi')!, credentials: demoCredentials('onapi') });
    expect(grant.lifetimeSource).toBe('token');

    expect((await control('invoisys/configure', { tokenApi: '3.0' })).status).toBe(200);
    const invoisys = findProvider('invoisys')!;
    const refused = await providerError(
      invoisys.login(requestContext(), {
        baseUrl: sandbox.baseUrlFor('invoisys')!,
        credentials: { ...demoCredentials('invoisys'), password: 'x' },
      }),
    );
    expect(refused).toMatchObject({ status: 401, errorClass: 'credentials' });

    expect((await control('factus/configure', { unusableSuccess: 'no-token' })).status).toBe(200);
    expect((await providerError(factus.login(requestContext(), factusTarget()))).code).toBe('missing_field');
    expect((await control('factus/configure', { unusableSuccess: 'html' })).status).toBe(200);
    expect((await providerError(factus.login(requestContext(), factusTarget()))).code).toBe('not_json');
  });

  it('queues faults', async () => {
    const res = await control('factus/fail-next', { count: 2, fault: { kind: 'error', status: 503, headers: { 'Retry-After': '7' } } });
    expect(res.status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const err = await providerError(factus.login(requestContext(), factusTarget()));
      expect(err).toMatchObject({ errorClass: 'transient', retryAfterMs: 7000 });
    }
    await expect(factus.login(requestContext(), factusTarget())).resolves.toBeDefined();
  });

  it('revokes refresh tokens', async () => {
    const grant = await factus.login(requestContext(), factusTarget());
    expect((await control('factus/revoke-refresh-tokens')).status).toBe(200);
    const err = await providerError(factus.refresh!(requestContext(), factusTarget(), grant));
    expect(err.errorClass).toBe('refresh-rejected');
  });

  it('replaces and adds accounts', async () => {
    const alt = { clientId: 'c2', clientSecret: 'c2-secret', username: 'alt@factus.test', password: 'alt-password' };
    expect((await control('factus/accounts', { accounts: [{ credentials: alt }] })).status).toBe(200);
    expect((await providerError(factus.login(requestContext(), factusTarget()))).code).toBe('invalid_client');
    await expect(factus.login(requestContext(), { ...factusTarget(), credentials: alt })).resolves.toBeDefined();

    const demo = { credentials: demoCredentials('factus') };
    expect((await control('factus/accounts', { accounts: [demo], mode: 'add' })).status).toBe(200);
    await expect(factus.login(requestContext(), factusTarget())).resolves.toBeDefined();
    await expect(factus.login(requestContext(), { ...factusTarget(), credentials: alt })).resolves.toBeDefined();
  });

  it('reports stats and a log whose secrets are masked', async () => {
    await factus.login(requestContext(), factusTarget());
    const stats = await control('factus/stats');
    expect(stats.data).toMatchObject({ tokenRequests: 1, logins: 1, issued: 1 });

    const log = await control('factus/log');
    const text = JSON.stringify(log.data);
    const { password, clientSecret, username } = demoCredentials('factus');
    expect(text).not.toContain(password);
    expect(text).not.toContain(clientSecret);
    const entries = log.data.entries as Record<string, unknown>[];
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ method: 'POST', path: '/oauth/token', status: 200 });
    expect(entries[0]!.body).toMatchObject({ grant_type: 'password', username, password: '[secret]', client_secret: '[secret]' });
  });

  it('resets a simulator', async () => {
    await control('factus/configure', { lifetimeSeconds: 60 });
    await factus.login(requestContext(), factusTarget());
    expect((await control('factus/reset')).status).toBe(200);
    expect(sandbox.simulators.factus.config.lifetimeSeconds).toBe(3600);
    expect((await control('factus/stats')).data).toMatchObject({ tokenRequests: 0 });
  });

  it.each([
    ['an unknown provider', 'nope/stats', undefined, 404, 'unknown_provider'],
    ['an unknown action', 'factus/explode', {}, 404, 'unknown_action'],
    ['a wrong method', 'factus/reset', undefined, 405, 'method_not_allowed'],
    ['a non-positive lifetime', 'factus/configure', { lifetimeSeconds: 0 }, 400, 'invalid_input'],
    ['an unknown setting', 'factus/configure', { lifetime: 5 }, 400, 'invalid_input'],
    ["another provider's switch", 'factus/configure', { optionalPosHeaders: true }, 400, 'invalid_input'],
    ['an unknown lifetime unit', 'onapi/configure', { lifetimeUnit: 'minutes' }, 400, 'invalid_input'],
    ['an unknown token API', 'invoisys/configure', { tokenApi: '4.0' }, 400, 'invalid_input'],
    ['an unknown fault', 'factus/fail-next', { fault: { kind: 'explode' } }, 400, 'invalid_input'],
    ['an unknown credential field', 'factus/accounts', { accounts: [{ credentials: { pin: '1' } }] }, 400, 'invalid_input'],
  ])('refuses %s', async (_label, path, body, status, error) => {
    const res =
      path === 'factus/reset' ? await axios.get(`${hostUrl}/__sandbox/${path}`, { validateStatus: () => true }) : await control(path, body);
    expect(res.status).toBe(status);
    expect(res.data).toMatchObject({ error });
  });
});
