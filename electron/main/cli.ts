// `Tessera --cli <command>`: the installed app's command line (export, import, status, refresh;
// see docs/fleet.md). The same commands as `npm run tessera`, on the app's own store and
// safeStorage, so bundles imported here are sealed for this user's keyring. No window, no tray,
// no single-instance lock: the data folder's lock file says whether the app holds the folder.
import { app, safeStorage } from 'electron';

import type { CliHost } from '../cli/host';
import { runCli } from '../cli/program';
import { silentLogger } from '../core/logger';
import { guessOsVersion } from '../core/machine';
import { startSandbox } from '../core/simulator';
import { systemLocale } from './composition';
import { createHttpClient } from './http';
import { createSafeStorageBox } from './safe-storage-box';
import { createElectronStore } from './store';

export const CLI_FLAG = '--cli';

/** The command line's arguments when the app was started with --cli, else undefined. */
export function cliArguments(argv: readonly string[]): string[] | undefined {
  const at = argv.indexOf(CLI_FLAG);
  return at === -1 ? undefined : argv.slice(at + 1);
}

export function runAppCli(args: readonly string[], opts: { dataDir: string }): void {
  app.disableHardwareAcceleration();
  // A command, not an app: no dock icon on macOS.
  if (process.platform === 'darwin') app.dock?.hide();
  app
    .whenReady()
    .then(async () => {
      const host: CliHost = {
        programName: 'Tessera --cli',
        appVersion: app.getVersion(),
        defaultDataDir: opts.dataDir,
        store: (dir) => createElectronStore(dir),
        // Its logs would mix with the command's output; the command says what went wrong.
        box: () => createSafeStorageBox(safeStorage, { platform: process.platform, logger: silentLogger }),
        http: () => createHttpClient(),
        startSandbox: async () => {
          try {
            const sandbox = await startSandbox();
            return { locate: (id) => sandbox.baseUrlFor(id), close: () => sandbox.close() };
          } catch {
            // Sandbox profiles then fail with `sandbox_unavailable`, like in the app.
            return undefined;
          }
        },
        systemLocale: () => systemLocale(),
        osVersion: () => guessOsVersion(),
      };
      const code = await runCli(
        args,
        { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() },
        host,
      );
      app.exit(code);
    })
    .catch(() => app.exit(1));
}
