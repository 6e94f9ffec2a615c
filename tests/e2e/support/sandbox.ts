// The built-in sandbox's control API, as mounted by a browser host started with
// --test-controls: `/__sandbox/<provider>/<action>`, authorised with the host's access key.
// Accounts it adds and tokens it is asked about are registered with the test's leak sweep.
import { randomBytes } from 'node:crypto';

import type { CredentialValues } from '#common/profile-schema';

import type {
  AccountExtras,
  Fault,
  SimulatedProviderId,
  SimulatorConfigPatch,
  SimulatorLogEntry,
  SimulatorStats,
} from '../../../electron/core/simulator/types';
import { currentLeaks } from './leaks';

export type ProviderId = SimulatedProviderId;

export class SandboxControls {
  constructor(private readonly target: () => { origin: string; accessKey: string }) {}

  private async call<T>(provider: ProviderId, action: string, body?: unknown): Promise<T> {
    const { origin, accessKey } = this.target();
    const res = await fetch(`${origin}/__sandbox/${provider}/${action}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { Authorization: `Bearer ${accessKey}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`sandbox ${provider}/${action} answered ${res.status}: ${text}`);
    return JSON.parse(text) as T;
  }

  configure(provider: ProviderId, patch: Omit<SimulatorConfigPatch, 'lifetimeOverride'>): Promise<unknown> {
    return this.call(provider, 'configure', patch);
  }

  failNext(provider: ProviderId, count: number, fault: Fault): Promise<unknown> {
    return this.call(provider, 'fail-next', { count, fault });
  }

  addAccount(provider: ProviderId, credentials: CredentialValues, extras?: AccountExtras): Promise<unknown> {
    currentLeaks()?.credentials(credentials, `sandbox account (${provider})`);
    return this.call(provider, 'accounts', { mode: 'add', accounts: [{ credentials, ...(extras ? { extras } : {}) }] });
  }

  stats(provider: ProviderId): Promise<SimulatorStats> {
    return this.call(provider, 'stats');
  }

  /** Requests received (secrets masked by the control API). */
  async log(provider: ProviderId): Promise<SimulatorLogEntry[]> {
    return (await this.call<{ entries: SimulatorLogEntry[] }>(provider, 'log')).entries;
  }

  /** Token-endpoint requests only (the log also holds strays and protected-route calls). */
  async tokenRequests(provider: ProviderId): Promise<number> {
    return (await this.stats(provider)).tokenRequests;
  }

  /**
   * Whether the provider accepts `token` now, asked the way a POS program would use it: its
   * protected route (`/__sim/protected`, 200 for a live token it issued, 401 otherwise). The
   * simulator's address comes from the Host header Tessera sent it, so the profile must have
   * signed in already; OnAPI serves under a base path and is not supported here.
   */
  async acceptsToken(provider: Exclude<ProviderId, 'onapi'>, token: string): Promise<boolean> {
    currentLeaks()?.secret('access-token', token, `checked with the ${provider} sandbox`);
    const host = (await this.log(provider)).find((entry) => entry.headers.host)?.headers.host;
    if (!host) throw new Error(`Tessera has not called the ${provider} sandbox yet.`);
    const res = await fetch(`http://${host}/__sim/protected`, { headers: { Authorization: `Bearer ${token}` } });
    await res.body?.cancel();
    if (res.status !== 200 && res.status !== 401) throw new Error(`the ${provider} sandbox answered ${res.status}`);
    return res.status === 200;
  }
}

const random = (bytes = 18) => randomBytes(bytes).toString('base64url');

export interface TestAccount {
  provider: ProviderId;
  credentials: CredentialValues;
  extras?: AccountExtras;
  /** The values that must never come back to the page. */
  secrets: string[];
}

/**
 * An account with random secrets, so a leak of any of them can be spotted in what the page
 * receives. Only the fields the provider uses are set; the POS OS version is left free.
 */
export function randomAccount(provider: ProviderId, extras?: AccountExtras): TestAccount {
  const id = random(6)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x');
  const secret = () => `s3cr3t-${random()}`;
  let credentials: CredentialValues;
  switch (provider) {
    case 'ereceipt':
      credentials = {
        clientId: `client-${id}`,
        clientSecret: secret(),
        posSerial: `POS-${id.toUpperCase()}`,
        posFramework: '2.1',
        preSharedKey: secret(),
      };
      break;
    case 'onapi':
      credentials = { clientId: `integra-${id}`, username: `cashier-${id}@onapi.test`, password: secret() };
      break;
    case 'multinexo':
      credentials = { clientId: `client-${id}`, clientSecret: secret(), username: `cashier-${id}`, password: secret() };
      break;
    case 'factus':
      credentials = { clientId: `client-${id}`, clientSecret: secret(), username: `cashier-${id}@factus.test`, password: secret() };
      break;
    case 'invoisys':
      credentials = { username: `cashier-${id}@invoisys.test`, password: secret() };
      break;
  }
  const secrets = [credentials.clientSecret, credentials.password, credentials.preSharedKey].filter((s): s is string => !!s);
  return { provider, credentials, ...(extras ? { extras } : {}), secrets };
}
