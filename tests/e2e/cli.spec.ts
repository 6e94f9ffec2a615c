// The command line beside the app (issue #12 §2, §4): export from the folder of a running
// terminal (read-only, so allowed), import on a fresh folder with another POS serial (all valid
// against the built-in sandbox), `status` before and while the app runs there, and the refusals
// a real running host causes (exit 3, one line, nothing written) next to a wrong passphrase and a
// missing serial. Everything the commands print, the bundle and the new folder go to the sweep.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { expect, openApp, test } from './fixtures';
import { DashboardPage } from './pages/dashboard';
import { PROVIDER_LABELS } from './pages/wizard';
import { runTessera, sandboxAccountsFile } from './support/cli';
import { addProfile, valuesOf } from './support/flows';
import { heldTokens } from './support/held-tokens';
import { startHost, stopHost } from './support/host';
import { type ProviderId, randomAccount, SandboxControls } from './support/sandbox';

const PROVIDERS = Object.keys(PROVIDER_LABELS) as ProviderId[];
const PASSPHRASE = 'command-line fleet passphrase';

function storeBytes(dataDir: string): string {
  return readFileSync(join(dataDir, 'tessera.json'), 'utf8');
}

test('export from a running terminal, import on a fresh one with its own serial; status and the app agree', async ({
  app: page,
  sandbox,
  host,
  context,
  leaks,
}) => {
  test.setTimeout(300_000);
  const secretsDir = mkdtempSync(join(tmpdir(), 'tessera-e2e-cli-'));
  const dirB = mkdtempSync(join(tmpdir(), 'tessera-e2e-cli-b-'));
  try {
    const accounts = PROVIDERS.map((p) => randomAccount(p));
    for (const a of accounts) await sandbox.addAccount(a.provider, a.credentials);
    for (const a of accounts) await addProfile(page, { name: `Till ${a.provider}`, provider: a.provider, values: valuesOf(a) });
    const passphraseFile = join(secretsDir, 'passphrase');
    writeFileSync(passphraseFile, `${PASSPHRASE}\n`, { mode: 0o600 });
    leaks.secret('passphrase', PASSPHRASE, 'the passphrase file of the command line');

    // Export reads the store only, so it runs while the browser host holds the folder.
    const bundle = join(secretsDir, 'fleet.tessera');
    const exported = await runTessera(['export', '--data-dir', host.dataDir, '--out', bundle, '--passphrase-file', passphraseFile]);
    expect(exported, exported.stderr).toMatchObject({
      code: 0,
      stdout: `Exported 5 profiles with their secrets to ${bundle}.\n`,
      stderr: '',
    });
    leaks.bundle(bundle);

    // Import and refresh change data: refused while the host runs, with exit 3 and one line.
    const before = storeBytes(host.dataDir);
    const locked = await runTessera([
      'import',
      '--data-dir',
      host.dataDir,
      '--in',
      bundle,
      '--passphrase-file',
      passphraseFile,
      '--on-clash',
      'replace',
    ]);
    expect(locked.code).toBe(3);
    expect(locked.stdout).toBe('');
    expect(locked.stderr).toMatch(
      /^A Tessera browser host \(pid \d+\) holds the data folder .+: stop it, then run this again\. Nothing was changed\.\n$/,
    );
    const refresh = await runTessera(['refresh', '--all', '--data-dir', host.dataDir]);
    expect(refresh.code).toBe(3);
    expect(storeBytes(host.dataDir)).toBe(before);
    // status reads the store while the app runs: every profile valid, the app running, OK.
    const live = await runTessera(['status', '--data-dir', host.dataDir, '--json']);
    expect(live.code).toBe(0);
    expect(JSON.parse(live.stdout)).toMatchObject({
      level: 'ok',
      app: { running: true, host: 'browser' },
      counts: { ok: 5, warning: 0, critical: 0 },
    });

    // The new terminal: its serial registered with the sandbox of each process that signs in.
    const serialB = `POS-B-${accounts[0]!.credentials.posSerial!.slice(4)}`;
    const registered = accounts.map((a) => ({
      provider: a.provider,
      credentials: a.provider === 'ereceipt' ? { ...a.credentials, posSerial: serialB } : a.credentials,
    }));
    const accountsFile = sandboxAccountsFile(join(secretsDir, 'accounts.json'), registered);

    const wrong = join(secretsDir, 'wrong');
    writeFileSync(wrong, 'not the passphrase\n');
    const refused = await runTessera(
      ['import', '--data-dir', dirB, '--in', bundle, '--passphrase-file', wrong, '--set', `posSerial=${serialB}`],
      { accountsFile },
    );
    expect(refused).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `The passphrase does not open ${bundle} (or the file was changed). Nothing was imported.\n`,
    });
    const noSerial = await runTessera(['import', '--data-dir', dirB, '--in', bundle, '--passphrase-file', passphraseFile], {
      accountsFile,
    });
    expect(noSerial).toMatchObject({
      code: 1,
      stderr: '“Till ereceipt” needs this terminal’s posSerial: give it with --set posSerial=…. Nothing was imported.\n',
    });
    expect(() => storeBytes(dirB)).toThrow();

    const imported = await runTessera(
      ['import', '--data-dir', dirB, '--in', bundle, '--passphrase-file', passphraseFile, '--set', `posSerial=${serialB}`, '--json'],
      { accountsFile },
    );
    expect(imported.code, imported.stderr).toBe(0);
    const result = JSON.parse(imported.stdout) as {
      ok: boolean;
      profiles: { name: string; outcome: string; valid: boolean; provider: string }[];
    };
    expect(result.ok).toBe(true);
    expect(result.profiles.map((p) => [p.name, p.provider, p.outcome, p.valid])).toEqual(
      accounts.map((a) => [`Till ${a.provider}`, a.provider, 'created', true]),
    );

    // Nobody runs Tessera on the new folder yet: the tokens are valid, but nothing renews them.
    const idle = await runTessera(['status', '--data-dir', dirB]);
    expect(idle.code).toBe(1);
    expect(idle.stdout.split('\n').slice(0, 2)).toEqual([
      'WARNING: Tessera is not running, so nothing renews the tokens.',
      'Tessera is not running.',
    ]);

    // The app on the new folder: the imported profiles, valid, and status says OK.
    const hostB = await startHost(dirB);
    try {
      const sandboxB = new SandboxControls(() => ({ origin: hostB.origin, accessKey: hostB.accessKey }));
      for (const a of registered) await sandboxB.addAccount(a.provider, a.credentials);
      const pageB = await context.newPage();
      await openApp(pageB, hostB.url);
      for (const a of accounts) await new DashboardPage(pageB).card(`Till ${a.provider}`).expectStatus('Valid');
      const ok = await runTessera(['status', '--data-dir', dirB]);
      expect(ok.code).toBe(0);
      expect(ok.stdout.split('\n')[0]).toBe('OK: all 5 profiles can get a token.');
    } finally {
      await stopHost(hostB);
      await hostB.closed;
      leaks.hostOutput(hostB.output);
    }
    await heldTokens(dirB);
    leaks.copyDataDir(dirB);
  } finally {
    rmSync(secretsDir, { recursive: true, force: true });
    rmSync(dirB, { recursive: true, force: true });
  }
});
