// The app takes its data folder's lock before opening the store: it waits for a command line
// that holds it (an install script importing profiles), and refuses to start beside another app
// or browser host on the same folder.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { LOCK_FILE, lockHolder } from '../../../electron/core/data-lock';
import { memoryLogger } from '../../../electron/core/logger';
import { DataFolderInUse, holdDataFolder } from '../../../electron/main/data-lock';
import { removeTempDirs, tempDir } from '../../support/temp-dir';

afterEach(() => removeTempDirs());

async function withLiveHolder(dir: string, host: string, run: (release: () => Promise<void>) => Promise<void>) {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: child.pid, host, startedAt: new Date().toISOString(), nonce: 'x' }));
  const exited = new Promise((r) => child.once('exit', r));
  const release = async () => {
    child.kill();
    await exited;
  };
  try {
    await run(release);
  } finally {
    await release();
  }
}

describe('the app and its data folder', () => {
  it('holds the folder from start, as electron', async () => {
    const dir = tempDir();
    const lock = await holdDataFolder(dir, memoryLogger());
    expect(lockHolder(dir)).toMatchObject({ pid: process.pid, host: 'electron' });
    lock.release();
    expect(lockHolder(dir)).toBeUndefined();
  });

  it('waits for a command line to finish, then takes the folder', async () => {
    const dir = tempDir();
    await withLiveHolder(dir, 'cli', async (release) => {
      let slept = 0;
      const logger = memoryLogger();
      const lock = await holdDataFolder(dir, logger, {
        pollMs: 10,
        sleep: async () => {
          slept += 1;
          if (slept === 3) await release();
        },
      });
      expect(slept).toBeGreaterThanOrEqual(3);
      expect(logger.lines.filter((l) => l.includes('waiting for a command line'))).toHaveLength(1);
      lock.release();
    });
  });

  it('refuses at once beside another app or browser host, and after the wait beside a command that never ends', async () => {
    const dir = tempDir();
    await withLiveHolder(dir, 'browser', async () => {
      const err = await holdDataFolder(dir, memoryLogger(), { sleep: () => Promise.reject(new Error('must not wait')) }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(DataFolderInUse);
      expect((err as DataFolderInUse).owner).toMatchObject({ host: 'browser' });
    });
    await withLiveHolder(dir, 'cli', async () => {
      let clock = 0;
      const err = await holdDataFolder(dir, memoryLogger(), {
        waitMs: 1000,
        pollMs: 250,
        now: () => clock,
        sleep: (ms) => Promise.resolve(void (clock += ms)),
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DataFolderInUse);
      expect(clock).toBe(1000);
    });
  });
});
