// What the command line needs from the program it runs in: `npm run tessera` (Node: the conf
// store and the development box) or `Tessera --cli` (Electron: electron-store and safeStorage).
// The commands themselves are the same code on the same core.
import type { AxiosInstance } from 'axios';

import type { Clock } from '../core/clock';
import type { SandboxLocator } from '../core/environments';
import type { SecretBox, Store } from '../core/vault/types';

export interface CliHost {
  /** How the user calls it, for usage lines: `npm run tessera --` or `Tessera --cli`. */
  programName: string;
  appVersion: string;
  /** The data folder when --data-dir is absent; undefined makes --data-dir required. */
  defaultDataDir?: string;
  store(dir: string): Store;
  /** Created only when a secret must be sealed or opened. */
  box(dir: string): SecretBox;
  http(): AxiosInstance;
  /** The built-in sandbox, for profiles on "Sandbox (built-in)". */
  startSandbox(): Promise<{ locate: SandboxLocator; close(): Promise<void> } | undefined>;
  systemLocale(): string;
  osVersion(): string;
  /** scrypt work factor of exported bundles; tests lower it (default age's 18). */
  workFactor?: number;
}

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  clock?: Clock;
}

/** Exit codes of export, import and refresh (status uses 0–3 as monitoring does). */
export const EXIT = {
  ok: 0,
  /** Refused or failed; nothing was written. */
  failed: 1,
  /** Saved, but some profiles have no valid token. */
  notValid: 2,
  /** Another Tessera holds the data folder. */
  locked: 3,
  /** Bad arguments (sysexits' EX_USAGE). */
  usage: 64,
} as const;

/** A command that ends early: its exit code, a stable code for --json, and the message to print. */
export class CliFailure extends Error {
  constructor(
    readonly exitCode: number,
    readonly code: string,
    readonly text: string,
  ) {
    super(code);
    this.name = 'CliFailure';
  }
}

/** Bad arguments: printed with the command's usage, exit 64. */
export class UsageError extends Error {
  constructor(
    readonly text: string,
    readonly command?: string,
  ) {
    super('usage');
    this.name = 'UsageError';
  }
}
