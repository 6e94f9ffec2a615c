// Where a test or a developer asks Tessera to keep its data instead of the OS's userData folder:
// `--data-dir=<dir>` on the command line, else TESSERA_DATA_DIR. Plain Node so it can be tested;
// data-folder.ts decides whether to honour it (only in an unpackaged app).
import { isAbsolute, resolve } from 'node:path';

export const DATA_DIR_FLAG = '--data-dir=';
export const DATA_DIR_ENV = 'TESSERA_DATA_DIR';

export interface DataDirOverride {
  dir: string;
  source: 'argument' | 'environment';
}

/**
 * The requested folder, resolved against `cwd`, or undefined. The flag wins over the variable;
 * an empty value counts as absent. Only the `=` form is read: Chromium parses the same command
 * line and would take a separate value for a file to open.
 */
export function dataDirOverride(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): DataDirOverride | undefined {
  const flagged = argv
    .findLast((arg) => arg.startsWith(DATA_DIR_FLAG))
    ?.slice(DATA_DIR_FLAG.length)
    .trim();
  if (flagged) return { dir: absolute(flagged, cwd), source: 'argument' };
  const fromEnv = env[DATA_DIR_ENV]?.trim();
  if (fromEnv) return { dir: absolute(fromEnv, cwd), source: 'environment' };
  return undefined;
}

function absolute(dir: string, cwd: string): string {
  return isAbsolute(dir) ? resolve(dir) : resolve(cwd, dir);
}
