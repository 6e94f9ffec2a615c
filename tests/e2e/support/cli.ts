// Runs the command line as a user would (`node scripts/tessera.mjs …`, what `npm run tessera`
// runs) and hands what it printed to the test's leak sweep. Its own built-in sandbox knows only
// the demo accounts; `accounts` adds more (NODE_ENV=test only, see electron/cli/node-host.ts).
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import type { CredentialValues } from '#common/profile-schema';

import { currentLeaks } from './leaks';
import type { ProviderId } from './sandbox';

const ROOT = resolve(import.meta.dirname, '../../..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runTessera(args: string[], opts: { accountsFile?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    LANG: 'en_US.UTF-8',
    LC_ALL: '',
    LC_MESSAGES: '',
    ...(opts.accountsFile ? { TESSERA_SANDBOX_ACCOUNTS: opts.accountsFile } : {}),
    ...opts.env,
  };
  const child = spawn(process.execPath, [join(ROOT, 'scripts/tessera.mjs'), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  return new Promise((resolvePromise, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      currentLeaks()?.commandOutput({ stdout, stderr });
      resolvePromise({ code, stdout, stderr });
    });
  });
}

/** The accounts the command line's own sandbox should accept, written where `runTessera` reads them. */
export function sandboxAccountsFile(path: string, accounts: { provider: ProviderId; credentials: CredentialValues }[]): string {
  const byProvider: Record<string, { credentials: CredentialValues }[]> = {};
  for (const a of accounts) {
    currentLeaks()?.credentials(a.credentials, `command-line sandbox account (${a.provider})`);
    (byProvider[a.provider] ??= []).push({ credentials: a.credentials });
  }
  writeFileSync(path, JSON.stringify(byProvider), { mode: 0o600 });
  return path;
}
