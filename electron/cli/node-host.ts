// The command line's host in Node (`npm run tessera`), like the browser host: the conf store, the
// development SecretBox (its key file beside the data) and the built-in sandbox.
import { readFileSync } from 'node:fs';

import axios from 'axios';
import { z } from 'zod';

import pkg from '../../package.json' with { type: 'json' };
import { guessOsVersion } from '../core/machine';
import { type Sandbox, SIMULATED_PROVIDER_IDS, startSandbox } from '../core/simulator';
import { createConfStore } from '../core/vault/conf-store';
import { createDevSecretBox } from '../core/vault/dev-box';
import type { SecretBox } from '../core/vault/types';
import type { CliHost } from './host';

/**
 * Tests only (NODE_ENV=test): a JSON file of extra accounts for this process's built-in
 * sandbox, `{ "<provider>": [{ "credentials": {...} }] }`, since each process starts its own
 * sandbox and the browser host's test controls cannot reach it.
 */
export const SANDBOX_ACCOUNTS_ENV = 'TESSERA_SANDBOX_ACCOUNTS';

const accountsFile = z.partialRecord(
  z.enum(SIMULATED_PROVIDER_IDS),
  z.array(z.object({ credentials: z.record(z.string(), z.string()), extras: z.record(z.string(), z.unknown()).optional() })),
);

function seedAccounts(sandbox: Sandbox, env: Readonly<Record<string, string | undefined>>): void {
  const file = env[SANDBOX_ACCOUNTS_ENV];
  if (!file || env.NODE_ENV !== 'test') return;
  const accounts = accountsFile.parse(JSON.parse(readFileSync(file, 'utf8')));
  for (const [provider, list] of Object.entries(accounts)) {
    for (const account of list ?? [])
      sandbox.simulators[provider as keyof typeof sandbox.simulators].addAccount(account.credentials, account.extras);
  }
}

/** The development box creates its key file on first use only, so a refused command leaves none. */
function lazyBox(make: () => SecretBox): SecretBox {
  let box: SecretBox | undefined;
  const get = () => (box ??= make());
  return {
    status: () => get().status(),
    seal: (plain) => get().seal(plain),
    open: (sealed) => get().open(sealed),
  };
}

export function nodeHost(
  opts: { env?: Readonly<Record<string, string | undefined>>; sandbox?: Sandbox; workFactor?: number } = {},
): CliHost {
  const env = opts.env ?? process.env;
  return {
    programName: 'npm run tessera --',
    appVersion: pkg.version,
    store: (dir) => createConfStore(dir),
    box: (dir) => lazyBox(() => createDevSecretBox(dir)),
    http: () => axios.create(),
    startSandbox: async () => {
      // A sandbox given by a test is the test's to close.
      if (opts.sandbox) {
        const given = opts.sandbox;
        return { locate: (id) => given.baseUrlFor(id), close: () => Promise.resolve() };
      }
      const sandbox = await startSandbox();
      seedAccounts(sandbox, env);
      return { locate: (id) => sandbox.baseUrlFor(id), close: () => sandbox.close() };
    },
    systemLocale: () => Intl.DateTimeFormat().resolvedOptions().locale,
    osVersion: () => guessOsVersion(),
    ...(opts.workFactor !== undefined ? { workFactor: opts.workFactor } : {}),
  };
}
