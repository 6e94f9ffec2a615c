// Composition root for Node (the browser host, tests, benchmarks): the real core on a conf
// store and the development SecretBox, with the built-in sandbox as the sandbox environment.
import { mkdirSync } from 'node:fs';

import pkg from '../../package.json' with { type: 'json' };
import type { Logger } from '../core/logger';
import { type Sandbox, startSandbox } from '../core/simulator';
import { type CoreOptions, TesseraCore } from '../core/tessera-core';
import { createConfStore } from '../core/vault/conf-store';
import { createDevSecretBox } from '../core/vault/dev-box';
import { createNodeHttpClient } from './eta-tls';

export interface NodeComposition {
  core: TesseraCore;
  sandbox: Sandbox;
  close(): Promise<void>;
}

/**
 * The real core on a data folder as Node runs it: the conf store and the development box in
 * that folder, axios (with legacy renegotiation for ETA hosts only), the browser host's identity. `overrides` replace any of it (tests
 * and benchmarks set their clock, sandbox, service port...).
 */
export function createFolderCore(dataDir: string, overrides: Partial<CoreOptions> = {}): Promise<TesseraCore> {
  return TesseraCore.create({
    store: createConfStore(dataDir),
    box: createDevSecretBox(dataDir),
    http: createNodeHttpClient(),
    host: 'browser',
    version: pkg.version,
    systemLocale: Intl.DateTimeFormat().resolvedOptions().locale,
    // A token file never goes where Tessera keeps its own data.
    tokenFileHost: { protectedFolders: [dataDir] },
    ...overrides,
  });
}

export async function createNodeComposition(opts: {
  dataDir: string;
  logger: Logger;
  systemLocale?: string;
  /** The token service's port instead of the saved setting (0 picks a free one). */
  servicePort?: number;
  /** A shorter installer unlock than 5 minutes (end-to-end tests of its expiry). */
  unlockMs?: number;
  /** Folders besides the data folder no token file may be in (the served renderer, the app's code). */
  protectedFolders?: readonly string[];
}): Promise<NodeComposition> {
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const sandbox = await startSandbox();
  const core = await createFolderCore(opts.dataDir, {
    logger: opts.logger,
    sandbox: (id) => sandbox.baseUrlFor(id),
    ...(opts.systemLocale !== undefined ? { systemLocale: opts.systemLocale } : {}),
    ...(opts.servicePort !== undefined ? { service: { port: opts.servicePort } } : {}),
    ...(opts.unlockMs !== undefined ? { installerLock: { unlockMs: opts.unlockMs } } : {}),
    tokenFileHost: { protectedFolders: [opts.dataDir, ...(opts.protectedFolders ?? [])] },
  });
  return {
    core,
    sandbox,
    close: async () => {
      await core.close();
      await sandbox.close();
    },
  };
}
