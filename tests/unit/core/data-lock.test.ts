// The data folder's lock file: one holder at a time, its owner named, a dead holder's lock taken
// over (also when several processes race for it), and a holder's release never removing
// somebody else's lock.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { acquireDataLock, LOCK_FILE, lockHolder, type LockOwner } from '../../../electron/core/data-lock';
import { removeTempDirs, tempDir } from '../../support/temp-dir';

afterEach(() => removeTempDirs());

const ROOT = resolve(import.meta.dirname, '../../..');

/** The pid of a process that has exited: nobody holds a lock with it. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

function writeLock(dir: string, owner: Partial<LockOwner>): void {
  writeFileSync(
    join(dir, LOCK_FILE),
    `${JSON.stringify({ host: 'electron', startedAt: new Date().toISOString(), nonce: 'n', ...owner })}\n`,
  );
}

describe('the data lock', () => {
  it('names its holder in an owner-only file, and only one holder at a time', () => {
    const dir = tempDir();
    const first = acquireDataLock(dir, 'browser');
    expect(first.ok).toBe(true);
    const file = join(dir, LOCK_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const owner = JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
    expect(owner).toMatchObject({ pid: process.pid, host: 'browser' });
    expect(Date.parse(owner.startedAt)).not.toBeNaN();
    expect(lockHolder(dir)).toEqual(owner);

    const second = acquireDataLock(dir, 'cli');
    expect(second).toEqual({ ok: false, owner });

    if (first.ok) first.lock.release();
    expect(existsSync(file)).toBe(false);
    expect(lockHolder(dir)).toBeUndefined();
    if (first.ok) first.lock.release();
  });

  it('takes over the lock of a process that is gone', () => {
    const dir = tempDir();
    writeLock(dir, { pid: deadPid() });
    expect(lockHolder(dir)).toBeUndefined();
    const taken = acquireDataLock(dir, 'electron');
    expect(taken.ok).toBe(true);
    expect(lockHolder(dir)?.pid).toBe(process.pid);
  });

  it('treats a lock of a live process as held, whoever it is', async () => {
    const dir = tempDir();
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeLock(dir, { pid: sleeper.pid!, host: 'electron' });
      const attempt = acquireDataLock(dir, 'cli');
      expect(attempt.ok).toBe(false);
      if (!attempt.ok) expect(attempt.owner).toMatchObject({ pid: sleeper.pid, host: 'electron' });
    } finally {
      sleeper.kill();
      await new Promise((r) => sleeper.once('exit', r));
    }
    expect(acquireDataLock(dir, 'cli').ok).toBe(true);
  });

  it('a lock file being written (unreadable, fresh) is held; an abandoned one (old) is not', () => {
    const dir = tempDir();
    const file = join(dir, LOCK_FILE);
    writeFileSync(file, '');
    expect(acquireDataLock(dir, 'cli')).toEqual({ ok: false, owner: null });
    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    expect(acquireDataLock(dir, 'cli').ok).toBe(true);
  });

  it('release leaves a lock that someone else took over', () => {
    const dir = tempDir();
    const mine = acquireDataLock(dir, 'cli');
    expect(mine.ok).toBe(true);
    // Another process decided ours was stale and wrote its own (a reused pid, a clock change...).
    writeLock(dir, { pid: process.pid, nonce: 'someone-else' });
    if (mine.ok) mine.lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
  });

  it('of several processes racing for a stale lock, exactly one wins', async () => {
    const dir = tempDir();
    writeLock(dir, { pid: deadPid() });
    // Each child loads the code, says "ready", and tries only on "go", so the four really race
    // however long each took to start; a winner holds the lock until its stdin closes, after
    // every result is in, so a slow starter can never find it already released.
    const script = `
      import { acquireDataLock } from ${JSON.stringify(join(ROOT, 'electron/core/data-lock.ts'))};
      process.stdout.write('ready\\n');
      let r;
      process.stdin.setEncoding('utf8');
      process.stdin.on('data', () => {
        if (r) return;
        r = acquireDataLock(process.argv[1], 'cli');
        process.stdout.write(r.ok ? 'won\\n' : 'lost\\n');
      });
      process.stdin.on('end', () => { if (r?.ok) r.lock.release(); });
    `;
    const children = Array.from({ length: 4 }, () => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, dir], { cwd: ROOT });
      let out = '';
      let exited = false;
      const waiters: (() => void)[] = [];
      const wake = () => waiters.splice(0).forEach((w) => w());
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        wake();
      });
      const closed = new Promise<void>((resolvePromise) =>
        child.once('close', () => {
          exited = true;
          wake();
          resolvePromise();
        }),
      );
      const lines = () => out.split('\n').filter(Boolean);
      /** Resolves once the child has written `n` lines, or has exited (the lines then say what was missing). */
      const linesWritten = (n: number) =>
        new Promise<void>((resolvePromise) => {
          const check = () => (lines().length >= n || exited ? resolvePromise() : waiters.push(check));
          check();
        });
      return { child, closed, lines, linesWritten };
    });
    await Promise.all(children.map((c) => c.linesWritten(1)));
    expect(children.map((c) => c.lines()[0])).toEqual(['ready', 'ready', 'ready', 'ready']);
    for (const c of children) c.child.stdin.write('go\n');
    await Promise.all(children.map((c) => c.linesWritten(2)));
    const results = children.map((c) => c.lines()[1]);
    for (const c of children) c.child.stdin.end();
    await Promise.all(children.map((c) => c.closed));
    expect(results.filter((r) => r === 'won')).toHaveLength(1);
    expect(results.filter((r) => r === 'lost')).toHaveLength(3);
  }, 60_000);
});
