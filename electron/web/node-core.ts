// Composition root for Node (the browser host, tests, benchmarks): the real core on a conf
// store and the development SecretBox, with the built-in sandbox as the sandbox environment.
import axios from 'axios';
import { mkdirSync } from 'node:fs';
import { TesseraCore } from '../core/app-core';
import type { Logger } from '../core/logger';
import { startSandbox, type Sandbox } from '../core/simulator';
import { createConfStore } from '../core/vault/conf-store';
import { createDevSecretBox } from '../core/vault/dev-box';
import pkg from '../../package.json' with { type: 'json' };

export interface NodeCore {
  core: TesseraCore;
  sandbox: Sandbox;
  close(): Promise<void>;
}

export async function createNodeCore(opts: {
  dataDir: string;
  logger: Logger;
  systemLocale?: string;
  /** The token service's port instead of the saved setting (0 picks a free one). */
  servicePort?: number;
}): Promise<NodeCore> {
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const sandbox = await startSandbox();
  const core = await TesseraCore.create({
    store: createConfStore(opts.dataDir),
    box: createDevSecretBox(opts.dataDir),
    http: axios.create(),
    host: 'browser',
    version: pkg.version,
    systemLocale: opts.systemLocale ?? Intl.DateTimeFormat().resolvedOptions().locale,
    logger: opts.logger,
    sandbox: (id) => sandbox.baseUrlFor(id),
    ...(opts.servicePort !== undefined ? { service: { port: opts.servicePort } } : {}),
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
