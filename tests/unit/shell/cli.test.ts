// `Tessera --cli <command>`: the installed app's command line, run by main instead of the app
// (electron/main/cli.ts). No window, tray or single-instance lock; the app's own store and
// safeStorage, so what the app sealed opens here; the exit code is the command's.
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { ProfileDraft } from '#common/contract';

import { acquireDataLock } from '../../../electron/core/data-lock';
import { findProvider } from '../../../electron/core/providers';
import { bootMain, type BootOptions, disposeShells, type MainShell } from '../../support/main-shell';

afterEach(async () => {
  vi.restoreAllMocks();
  await disposeShells();
});

const draft: ProfileDraft = {
  name: 'Till 1',
  provider: 'factus',
  environment: { kind: 'sandbox' },
  credentials: { ...findProvider('factus')!.info.sandboxDemo },
};

/** Runs the command line as main would; resolves with its exit code and what it printed. */
async function runCli(
  args: string[],
  options: BootOptions = {},
): Promise<{ shell: MainShell; code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => out.push(String(chunk)) > 0);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => err.push(String(chunk)) > 0);
  const shell = await bootMain({ ...options, args: ['--cli', ...args] });
  const code = await shell.exited();
  stdout.mockRestore();
  stderr.mockRestore();
  return { shell, code, stdout: out.join(''), stderr: err.join('') };
}

describe('the command line in the app', () => {
  it("signs in with what the app sealed, on the app's data folder, with no window or tray", async () => {
    const app = await bootMain();
    expect((await app.call('createProfile', draft)).ok).toBe(true);
    await app.quit();

    const { shell, code, stdout } = await runCli(['refresh', '--all', '--json'], {
      userData: app.dataDir,
      safeStorage: { keyring: app.electron.safeStorage.keyring },
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ command: 'refresh', ok: true, profiles: [{ name: 'Till 1' }] });
    expect(shell.electron.windows).toHaveLength(0);
    expect(shell.electron.trays).toHaveLength(0);
    expect(shell.electron.app.singleInstanceRequested).toBe(false);
    expect(shell.electron.app.hardwareAcceleration).toBe(false);
  });

  it('refuses to change a data folder the app holds, and says so', async () => {
    const { shell: first } = await runCli(['status']);
    const held = acquireDataLock(first.dataDir, 'electron');
    expect(held.ok).toBe(true);
    try {
      const { code, stderr } = await runCli(['refresh', '--all'], { userData: first.dataDir });
      expect(code).toBe(3);
      expect(stderr).toContain(
        `The Tessera app (pid ${process.pid}) holds the data folder ${first.dataDir}: quit it, then run this again. Nothing was changed.`,
      );
    } finally {
      if (held.ok) held.lock.release();
    }
  });

  it('on macOS, shows no dock icon', async () => {
    const { shell, code, stdout } = await runCli(['status', '--json'], { platform: 'darwin' });
    // A folder the app never used: status says so (exit 3), as documented in docs/fleet.md.
    expect(code).toBe(3);
    expect(JSON.parse(stdout)).toMatchObject({ command: 'status', reason: 'no-data', app: { running: false } });
    expect(shell.electron.app.dockHidden.value).toBe(true);
  });
});
