// The app holds its data folder (tessera.lock, see core/data-lock.ts) from start to quit, so the
// command line refuses to change it underneath. A command-line import or refresh that holds it
// when the app starts (a silent install that starts Tessera right after) is waited for; another
// app or browser host keeps it, and the app says so instead of starting. Plain Node, tested.
import { acquireDataLock, type DataLock, type LockOwner } from '../core/data-lock';
import type { Logger } from '../core/logger';

export class DataFolderInUse extends Error {
  constructor(
    readonly dir: string,
    readonly owner: LockOwner | null,
  ) {
    super('the data folder is in use by another Tessera');
    this.name = 'DataFolderInUse';
  }
}

export interface HoldOptions {
  /** How long a command line holding the folder is waited for. */
  waitMs?: number;
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export async function holdDataFolder(dir: string, logger: Logger, opts: HoldOptions = {}): Promise<DataLock> {
  const { waitMs = 60_000, pollMs = 250, sleep = (ms) => new Promise((r) => setTimeout(r, ms)), now = Date.now } = opts;
  const deadline = now() + waitMs;
  let told = false;
  for (;;) {
    const attempt = acquireDataLock(dir, 'electron');
    if (attempt.ok) {
      // Also on a crash of main's JavaScript; a killed process leaves a stale lock, taken over next time.
      process.once('exit', () => attempt.lock.release());
      return attempt.lock;
    }
    // A lock being written (owner not yet readable) or a command line finishes on its own.
    const transient = attempt.owner === null || attempt.owner.host === 'cli';
    if (!transient || now() >= deadline) throw new DataFolderInUse(dir, attempt.owner);
    if (!told) logger.info('waiting for a command line to release the data folder', { pid: attempt.owner?.pid ?? null });
    told = true;
    await sleep(pollMs);
  }
}
