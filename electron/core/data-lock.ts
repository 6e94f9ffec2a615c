// Who holds a data folder: a lock file, `tessera.lock`, naming the process (pid, host, start) that
// has the folder open for writing. The app and the browser host hold it while they run, a
// command-line import or refresh while it works; `status` and `export` only read it. A lock
// whose process is gone is stale and is taken over.
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

import { writeNewFile } from './files';

export const LOCK_FILE = 'tessera.lock';

export type LockHost = 'electron' | 'browser' | 'cli';

/** The lock file's content: one JSON object on one line. */
export interface LockOwner {
  pid: number;
  host: LockHost;
  /** ISO 8601. */
  startedAt: string;
  /** Random: tells this holder's file from a later one, should the pid be reused. */
  nonce: string;
}

export interface DataLock {
  readonly owner: LockOwner;
  /** Removes the lock file if it is still ours; safe to call more than once. */
  release(): void;
}

export type LockAttempt = { ok: true; lock: DataLock } | { ok: false; owner: LockOwner | null };

/** A lock file this young with no readable owner is being written right now, not abandoned. */
const UNREADABLE_GRACE_MS = 5_000;

export function lockPath(dir: string): string {
  return join(dir, LOCK_FILE);
}

/** Whether a process with this pid exists (another user's counts: it may still hold the folder). */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (
      typeof value.pid === 'number' &&
      Number.isSafeInteger(value.pid) &&
      value.pid > 0 &&
      (value.host === 'electron' || value.host === 'browser' || value.host === 'cli') &&
      typeof value.startedAt === 'string' &&
      typeof value.nonce === 'string'
    ) {
      return { pid: value.pid, host: value.host, startedAt: value.startedAt, nonce: value.nonce };
    }
  } catch {
    // Not JSON: judged by its age below.
  }
  return undefined;
}

interface Inspection {
  text: string;
  owner: LockOwner | undefined;
  /** Nobody holds it any more: its process is gone, or it was never finished and is old. */
  stale: boolean;
}

function inspect(file: string): Inspection | undefined {
  let text: string;
  let mtimeMs: number;
  try {
    text = readFileSync(file, 'utf8');
    mtimeMs = statSync(file).mtimeMs;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const owner = parseOwner(text);
  const stale = owner ? !processAlive(owner.pid) : Date.now() - mtimeMs > UNREADABLE_GRACE_MS;
  return { text, owner, stale };
}

/** The live holder of a folder, if any. Reads only: for `status`, `export` and messages. */
export function lockHolder(dir: string): LockOwner | undefined {
  const found = inspect(lockPath(dir));
  return found && !found.stale ? found.owner : undefined;
}

/**
 * Takes the folder for this process. A live holder wins (its owner is returned, or null when
 * its file is being written); a stale lock is moved aside and replaced.
 */
export function acquireDataLock(dir: string, host: LockHost, now: () => Date = () => new Date()): LockAttempt {
  const file = lockPath(dir);
  const owner: LockOwner = { pid: process.pid, host, startedAt: now().toISOString(), nonce: randomBytes(12).toString('hex') };
  const content = `${JSON.stringify(owner)}\n`;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      // `wx`: created only if absent, so of two starting processes exactly one gets it.
      writeNewFile(file, content);
      return { ok: true, lock: heldLock(file, owner, content) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const found = inspect(file);
    if (!found) continue;
    if (!found.stale) return { ok: false, owner: found.owner ?? null };
    takeOverStale(file, found.text, owner.nonce);
  }
  const last = inspect(file);
  return { ok: false, owner: last?.owner ?? null };
}

/**
 * Moves a stale lock out of the way. Two processes may judge the same file stale at once: the
 * file is renamed aside (only one rename of it succeeds) and checked to be the one judged; a
 * fresh lock renamed aside by mistake is linked back, which fails harmlessly if yet another
 * lock was created meanwhile.
 */
function takeOverStale(file: string, judged: string, nonce: string): void {
  const aside = `${file}.stale-${process.pid}-${nonce}`;
  try {
    renameSync(file, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  try {
    if (readFileSync(aside, 'utf8') !== judged) {
      try {
        linkSync(aside, file);
      } catch {
        // Another lock exists already; the next round reads it.
      }
    }
  } finally {
    try {
      unlinkSync(aside);
    } catch {
      // Gone already.
    }
  }
}

function heldLock(file: string, owner: LockOwner, content: string): DataLock {
  let released = false;
  return {
    owner,
    release: () => {
      if (released) return;
      released = true;
      try {
        // Only our own file: after a takeover by someone else, theirs stays.
        if (readFileSync(file, 'utf8') === content) unlinkSync(file);
      } catch {
        // Already removed.
      }
    },
  };
}
