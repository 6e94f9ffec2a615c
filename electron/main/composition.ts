// Composition root of core in the app, sibling of browser-host/composition.ts: the real core on
// electron-store, safeStorage and Chromium's network stack, with the built-in sandbox as the
// "Sandbox (built-in)" environment so a new user sees Tessera work without real credentials.
import { dirname } from 'node:path';

import { app, safeStorage } from 'electron';

import type { BundleFileHost } from '../core/bundle/transfers';
import { errorCode, errorName } from '../core/error-facts';
import type { Logger } from '../core/logger';
import type { TokenFileHost } from '../core/service/token-files';
import { type Sandbox, startSandbox } from '../core/simulator';
import { TesseraCore } from '../core/tessera-core';
import { createHttpClient } from './http';
import { createSafeStorageBox } from './safe-storage-box';
import { createElectronStore } from './store';

export interface AppComposition {
  core: TesseraCore;
  close(): Promise<void>;
}

export async function setupCore(opts: {
  dataDir: string;
  logger: Logger;
  /** Main's save dialog: the only way a token file is chosen in the app. */
  chooseTokenFile: NonNullable<TokenFileHost['choosePath']>;
  /** Main's open and save dialogs for profile bundles. */
  bundleFiles?: BundleFileHost;
}): Promise<AppComposition> {
  const { logger } = opts;
  const sandbox = await startSandboxOrNothing(logger);
  const box = createSafeStorageBox(safeStorage, { platform: process.platform, logger });
  let core: TesseraCore;
  try {
    core = await TesseraCore.create({
      store: createElectronStore(opts.dataDir),
      box,
      http: createHttpClient(),
      host: 'electron',
      version: app.getVersion(),
      systemLocale: systemLocale(),
      logger,
      ...(opts.bundleFiles ? { bundleFiles: opts.bundleFiles } : {}),
      // Without a sandbox, sandbox profiles report `sandbox_unavailable` and getAppInfo says so.
      ...(sandbox ? { sandbox: (id: string) => sandbox.baseUrlFor(id) } : {}),
      tokenFileHost: { protectedFolders: appFolders(opts.dataDir), choosePath: opts.chooseTokenFile },
    });
  } catch (err) {
    await sandbox?.close();
    throw err;
  }
  const status = await box.status();
  logger.info('core started', {
    backend: status.backend,
    encryption: status.available,
    warning: status.warning ?? null,
    sandbox: !!sandbox,
  });
  return {
    core,
    close: async () => {
      // Stops the token service and the timers, and writes any pending change to the store.
      await core.close();
      await sandbox?.close();
    },
  };
}

/** Tessera's own folders, where no token file may go: its data, its code and the Electron runtime. */
function appFolders(dataDir: string): string[] {
  return [dataDir, app.getPath('userData'), app.getAppPath(), process.resourcesPath, dirname(process.execPath)];
}

/** The OS's preferred language, for core's app info and main's own texts. */
export function systemLocale(): string {
  return app.getPreferredSystemLanguages()[0] ?? app.getLocale();
}

/** The sandbox is a convenience: failing to start it (ports, policy) must not stop the app. */
async function startSandboxOrNothing(logger: Logger): Promise<Sandbox | undefined> {
  try {
    return await startSandbox();
  } catch (err) {
    logger.error('built-in sandbox could not start', { name: errorName(err), code: errorCode(err) });
    return undefined;
  }
}
