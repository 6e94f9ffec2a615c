// Fleet set-up in the real app (issue #12): the app holds its data folder's lock while it runs;
// `Tessera --cli` exports from it (read-only) while it runs, refuses to import into it (exit 3),
// imports into another folder sealed with safeStorage, and reports status; export and import in
// the window go through main's native dialogs (stubbed here, as a user's choice would come back).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { ProfileDraft } from '#common/contract';

import { findProvider } from '../../electron/core/providers';
import { electronExecutable, expect, NO_BINARY_REASON, type PageGlobals, ROOT, test } from './support/electron-app';

test.skip(!electronExecutable(), NO_BINARY_REASON);

const PASSPHRASE = 'electron fleet passphrase';

/** `electron <project> --cli …`, as `Tessera --cli …` runs in an installed app. */
function cli(args: string[]) {
  const run = spawnSync(electronExecutable()!, [ROOT, '--cli', ...args], {
    encoding: 'utf8',
    env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '' },
    timeout: 120_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

test('the command line beside the running app: export yes, import no (exit 3), status reads it', async ({ app, page, dataDir }) => {
  const lock = JSON.parse(readFileSync(join(dataDir, 'tessera.lock'), 'utf8')) as { host: string; pid: number };
  expect(lock.host).toBe('electron');
  expect(lock.pid).toBe(await app.evaluate(() => process.pid));

  const demo = findProvider('invoisys')!.info.sandboxDemo;
  const draft: ProfileDraft = { name: 'Till 1', provider: 'invoisys', environment: { kind: 'sandbox' }, credentials: { ...demo } };
  const created = await page.evaluate((input) => (globalThis as unknown as PageGlobals).tessera!.createProfile(input), draft);
  expect(created.ok).toBe(true);

  const work = mkdtempSync(join(tmpdir(), 'tessera-electron-cli-'));
  try {
    const pass = join(work, 'pass');
    writeFileSync(pass, `${PASSPHRASE}\n`, { mode: 0o600 });
    const bundle = join(work, 'fleet.tessera');
    const exported = cli(['export', '--data-dir', dataDir, '--out', bundle, '--passphrase-file', pass]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(readFileSync(bundle).subarray(0, 21).toString()).toBe('age-encryption.org/v1');

    const locked = cli(['import', '--data-dir', dataDir, '--in', bundle, '--passphrase-file', pass, '--on-clash', 'rename']);
    expect(locked.code).toBe(3);
    expect(locked.stderr).toMatch(/^The Tessera app \(pid \d+\) holds the data folder/);

    const other = join(work, 'other');
    const imported = cli(['import', '--data-dir', other, '--in', bundle, '--passphrase-file', pass, '--json']);
    expect([0, 1]).toContain(imported.code);
    if (imported.code === 0) {
      // Sealed for this user with safeStorage (`v1:`), never the development box.
      const store = readFileSync(join(other, 'tessera.json'), 'utf8');
      expect(store).not.toContain(demo.password!);
      expect(store).toMatch(/"v1:/);
      expect(existsSync(join(other, 'dev-secret.key'))).toBe(false);
    } else {
      // No keyring here: refused, nothing written.
      expect(imported.stderr).toContain('Secrets cannot be sealed on this computer');
    }

    const status = cli(['status', '--data-dir', dataDir, '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ schema: 1, command: 'status', app: { running: true, host: 'electron' } });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test('export and import in the window go through main’s native dialogs', async ({ app, page }) => {
  const work = mkdtempSync(join(tmpdir(), 'tessera-electron-dialogs-'));
  try {
    const target = join(work, 'chosen.tessera');
    // What the user picks in the save and open dialogs.
    await app.evaluate(({ dialog }, path) => {
      dialog.showSaveDialog = () => Promise.resolve({ canceled: false, filePath: path });
      dialog.showOpenDialog = () => Promise.resolve({ canceled: false, filePaths: [path] });
    }, target);
    const demo = findProvider('factus')!.info.sandboxDemo;
    const created = await page.evaluate((input) => (globalThis as unknown as PageGlobals).tessera!.createProfile(input), {
      name: 'Till 1',
      provider: 'factus',
      environment: { kind: 'sandbox' },
      credentials: { ...demo },
    } as ProfileDraft);
    if (!created.ok) return expect(created.error.code).toBe('encryption_unavailable');
    const exported = await page.evaluate(
      ([id, passphrase]) => (globalThis as unknown as PageGlobals).tessera!.exportProfiles({ ids: [id], withSecrets: true, passphrase }),
      [created.value.id, PASSPHRASE] as const,
    );
    expect(exported).toEqual({ ok: true, value: { kind: 'saved', fileName: 'chosen.tessera', profiles: 1, withSecrets: true } });
    expect(existsSync(target)).toBe(true);
    // The page may not upload bytes in the app: files come from main's dialog only.
    const upload = await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).tessera!.openBundleFile({ kind: 'upload', fileName: 'x', data: '' }),
    );
    expect(upload).toMatchObject({ ok: false, error: { code: 'bundle' } });
    const opened = await page.evaluate(() => (globalThis as unknown as PageGlobals).tessera!.openBundleFile({ kind: 'dialog' }));
    expect(opened).toMatchObject({ ok: true, value: { fileName: 'chosen.tessera' } });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
