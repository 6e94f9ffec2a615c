// Shared by the bundle and command-line tests: a profile of each of the five providers on the
// built-in sandbox, with secrets of the test's own (registered with the sandbox as an account),
// and a store that counts its writes.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

import type { CredentialValues } from '#common/profile-schema';

import { type Sandbox, SIMULATED_PROVIDER_IDS, type SimulatedProviderId } from '../../electron/core/simulator';
import type { Store } from '../../electron/core/vault/types';

export const PROVIDER_IDS: readonly SimulatedProviderId[] = SIMULATED_PROVIDER_IDS;

export interface FleetProfile {
  name: string;
  provider: SimulatedProviderId;
  credentials: CredentialValues;
  /** The secret values, to look for where they must not be. */
  secrets: string[];
}

const random = () => randomBytes(12).toString('base64url');

/** One profile of a provider with fresh secrets; eReceipt's POS identity set to `posSerial`. */
export function fleetProfile(provider: SimulatedProviderId, name: string, posSerial = 'TILL-A-0001'): FleetProfile {
  const id = random()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')
    .slice(0, 8);
  const secret = () => `s3cr3t-${random()}`;
  const credentials: CredentialValues = {
    ereceipt: {
      clientId: `client-${id}`,
      clientSecret: secret(),
      posSerial,
      posOsVersion: 'Linux test 1',
      posFramework: '2.1',
      preSharedKey: secret(),
    },
    onapi: { clientId: `integra-${id}`, username: `cashier-${id}@onapi.test`, password: secret() },
    multinexo: {
      clientId: `client-${id}`,
      clientSecret: secret(),
      username: `cashier-${id}`,
      password: secret(),
      scope: 'openid profile email voucher',
    },
    factus: { clientId: `client-${id}`, clientSecret: secret(), username: `cashier-${id}@factus.test`, password: secret() },
    invoisys: { username: `cashier-${id}@invoisys.test`, password: secret() },
  }[provider];
  const secrets = [credentials.clientSecret, credentials.password, credentials.preSharedKey].filter((s): s is string => !!s);
  return { name, provider, credentials, secrets };
}

/** Five profiles, one per provider. */
export function fleetOfFive(posSerial = 'TILL-A-0001'): FleetProfile[] {
  return PROVIDER_IDS.map((p, i) => fleetProfile(p, `Till ${i + 1} ${p}`, posSerial));
}

export function draftOf(p: FleetProfile) {
  return { name: p.name, provider: p.provider, environment: { kind: 'sandbox' as const }, credentials: { ...p.credentials } };
}

/** Lets the sandbox accept each profile's credentials; eReceipt with `posSerial` instead of the profile's. */
export function registerAccounts(sandbox: Sandbox, profiles: readonly FleetProfile[], posSerial?: string): void {
  for (const p of profiles) {
    const credentials = { ...p.credentials };
    delete credentials.posOsVersion;
    if (posSerial && p.provider === 'ereceipt') credentials.posSerial = posSerial;
    sandbox.simulators[p.provider].addAccount(credentials);
  }
}

export interface CountingStore extends Store {
  writes: number;
}

export function countingStore(inner: Store): CountingStore {
  const store: CountingStore = {
    path: inner.path,
    writes: 0,
    read: () => inner.read(),
    write: (doc) => {
      store.writes += 1;
      inner.write(doc);
    },
  };
  return store;
}

/** Every file under a folder with its bytes: equal before and after means nothing was written. */
export function folderSnapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    let entries: string[];
    try {
      entries = readdirSync(d);
    } catch {
      return;
    }
    for (const name of entries) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(dir, path)] = readFileSync(path).toString('base64');
    }
  };
  walk(dir);
  return out;
}

/** A secret in the forms it could leak in: plain, base64, base64url, URL- and JSON-escaped. */
export function leakForms(secret: string): string[] {
  const b = Buffer.from(secret);
  return [
    secret,
    b.toString('base64').replace(/=+$/, ''),
    b.toString('base64url'),
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
  ];
}
