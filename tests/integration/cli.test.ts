// The command line against real data folders and the built-in sandbox (in process, through
// runCli, plus one run of `node scripts/tessera.mjs` as a user would): a round trip of five
// providers onto a fresh folder with another POS serial, templates, every refusal with its exit
// code and message and nothing written, the lock, status's exit codes, refresh, --json, the
// three languages, and no secret in anything printed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { nodeHost } from '../../electron/cli/node-host';
import { runCli } from '../../electron/cli/program';
import { sealBundle } from '../../electron/core/bundle/crypto';
import { systemClock } from '../../electron/core/clock';
import { LOCK_FILE } from '../../electron/core/data-lock';
import { silentLogger } from '../../electron/core/logger';
import { findProvider } from '../../electron/core/providers';
import { type Sandbox, startSandbox } from '../../electron/core/simulator';
import { createConfStore } from '../../electron/core/vault/conf-store';
import { createDevSecretBox } from '../../electron/core/vault/dev-box';
import { Vault } from '../../electron/core/vault/vault';
import { draftOf, fleetOfFive, type FleetProfile, fleetProfile, folderSnapshot, leakForms, registerAccounts } from '../support/fleet';
import { removeTempDirs, tempDir } from '../support/temp-dir';

const ROOT = resolve(import.meta.dirname, '../..');
const PASSPHRASE = 'fleet passphrase 2026!';

let sandbox: Sandbox;
/** Every secret the tests used, and every line the command line printed. */
const secrets: string[] = [PASSPHRASE];
const printed: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox();
});

afterAll(async () => {
  await sandbox.close();
  removeTempDirs();
  // Nothing any command printed, in any test, holds a secret in any usual encoding.
  const all = printed.join('\n');
  for (const secret of secrets) for (const form of leakForms(secret)) expect(all).not.toContain(form);
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], opts: { env?: Record<string, string>; stdin?: string; cwd?: string } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const env = { LANG: 'en_US.UTF-8', ...opts.env };
  const code = await runCli(
    args,
    {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      stdin: Readable.from(opts.stdin !== undefined ? [Buffer.from(opts.stdin)] : []),
      env,
      cwd: opts.cwd ?? ROOT,
    },
    // A cheap scrypt keeps the suite quick; the default work factor is covered in tests/unit/bundle.
    nodeHost({ env, sandbox, workFactor: 12 }),
  );
  printed.push(stdout, stderr);
  return { code, stdout, stderr };
}

function passphraseFile(value = PASSPHRASE): string {
  const file = join(tempDir('tessera-pass-'), 'passphrase.txt');
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return file;
}

/** A data folder holding these profiles, made the way the app makes them. */
async function folderWith(profiles: FleetProfile[]): Promise<string> {
  const dir = tempDir('tessera-cli-');
  const vault = Vault.open({
    store: createConfStore(dir),
    box: createDevSecretBox(dir),
    catalog: (id) => findProvider(id)?.info,
    clock: systemClock,
    logger: silentLogger,
  });
  for (const p of profiles) await vault.create(draftOf(p));
  for (const p of profiles) secrets.push(...p.secrets);
  return dir;
}

async function exportFrom(dir: string, extra: string[] = []): Promise<string> {
  const out = join(tempDir('tessera-bundle-'), 'fleet.tessera');
  const run = await cli(['export', '--data-dir', dir, '--out', out, '--passphrase-file', passphraseFile(), ...extra]);
  expect(run, run.stderr).toMatchObject({ code: 0 });
  return out;
}

/** A lock held by a live process of another program, as the app would hold it. */
async function holdLock(dir: string, host: 'electron' | 'browser' | 'cli', run: () => Promise<void>): Promise<void> {
  const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: sleeper.pid, host, startedAt: new Date().toISOString(), nonce: 'x' }));
  try {
    await run();
  } finally {
    sleeper.kill();
    await new Promise((r) => sleeper.once('exit', r));
  }
}

describe('export and import: a round trip', () => {
  it('five providers onto a fresh folder with another POS serial: all signed in, exit 0', async () => {
    const fleet = fleetOfFive('TILL-A-0001');
    const source = await folderWith(fleet);
    const bundle = await exportFrom(source);
    expect(readFileSync(bundle).subarray(0, 21).toString()).toBe('age-encryption.org/v1');
    // The new terminal is registered under its own serial only.
    registerAccounts(sandbox, fleet, 'TILL-B-0002');
    const target = join(tempDir('tessera-cli-'), 'new-terminal');
    const run = await cli([
      'import',
      '--data-dir',
      target,
      '--in',
      bundle,
      '--passphrase-file',
      passphraseFile(),
      '--set',
      'posSerial=TILL-B-0002',
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as {
      schema: number;
      command: string;
      ok: boolean;
      exitCode: number;
      profiles: {
        name: string;
        outcome: string;
        valid: boolean;
        state: string;
        provider: string;
        environment: string;
        expiresAt: string;
      }[];
    };
    expect(result).toMatchObject({ schema: 1, command: 'import', ok: true, exitCode: 0 });
    expect(result.profiles.map((p) => [p.name, p.provider, p.environment, p.outcome, p.state, p.valid])).toEqual(
      fleet.map((p) => [p.name, p.provider, 'sandbox', 'created', 'valid', true]),
    );
    // The serial is this terminal's; the OS version, this machine's.
    const vault = Vault.open({
      store: createConfStore(target),
      box: createDevSecretBox(target),
      catalog: (id) => findProvider(id)?.info,
      clock: systemClock,
      logger: silentLogger,
    });
    const ereceipt = vault.profiles().find((p) => p.provider === 'ereceipt')!;
    expect(ereceipt.fields.posSerial).toBe('TILL-B-0002');
    expect(ereceipt.fields.posOsVersion).not.toBe('Linux test 1');
    // Tokens were saved, the lock released, and the store holds no secret in clear.
    expect(existsSync(join(target, LOCK_FILE))).toBe(false);
    const stored = readFileSync(join(target, 'tessera.json'), 'utf8');
    expect(Object.keys((JSON.parse(stored) as { tokens: object }).tokens)).toHaveLength(5);
    for (const secret of fleet.flatMap((p) => p.secrets)) for (const form of leakForms(secret)) expect(stored).not.toContain(form);

    // status: all valid, but Tessera is not running here: WARNING, exit 1.
    const status = await cli(['status', '--data-dir', target, '--json']);
    expect(status.code).toBe(1);
    const report = JSON.parse(status.stdout) as {
      level: string;
      app: { running: boolean };
      counts: object;
      profiles: { state: string; expiresAt: string }[];
    };
    expect(report).toMatchObject({ level: 'warning', app: { running: false }, counts: { ok: 5, warning: 0, critical: 0 } });
    expect(report.profiles.every((p) => p.state === 'valid' && Date.parse(p.expiresAt) > Date.now())).toBe(true);
    // While the app holds the folder, status still reads it: OK, exit 0.
    await holdLock(target, 'electron', async () => {
      const live = await cli(['status', '--data-dir', target]);
      expect(live.code).toBe(0);
      expect(live.stdout.split('\n')[0]).toBe('OK: all 5 profiles can get a token.');
      expect(live.stdout).toMatch(/Tessera is running \(the app, pid \d+\)/);
    });
  });

  it('prints a human summary, one line per profile', async () => {
    const fleet = [fleetProfile('invoisys', 'Front till')];
    const bundle = await exportFrom(await folderWith(fleet));
    registerAccounts(sandbox, fleet);
    const run = await cli(['import', '--data-dir', tempDir(), '--in', bundle, '--passphrase-file', passphraseFile()]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Imported from .*fleet\.tessera: 1 new, 0 replaced, 0 skipped\.\n {2}✓ Front till \(Invoisys[^)]*\): token valid until .+\nEvery imported profile signed in\.\n$/,
    );
  });

  it('exports only the named profiles, or a template without secrets', async () => {
    const fleet = fleetOfFive();
    const source = await folderWith(fleet);
    const out = join(tempDir(), 'two.tessera');
    const two = await cli([
      'export',
      '--data-dir',
      source,
      '--out',
      out,
      '--passphrase-file',
      passphraseFile(),
      '--profiles',
      `${fleet[1]!.name}, ${fleet[3]!.name.toUpperCase()}`,
      '--json',
    ]);
    expect(two.code).toBe(0);
    expect(JSON.parse(two.stdout)).toMatchObject({
      command: 'export',
      ok: true,
      withSecrets: true,
      profiles: [fleet[1]!.name, fleet[3]!.name],
    });
    const template = await cli(['export', '--data-dir', source, '--out', out, '--passphrase-file', passphraseFile(), '--without-secrets']);
    expect(template.stdout).toBe(`Exported 5 profiles without secrets (a template) to ${out}.\n`);
    // A template cannot be completed on the command line: secrets are never arguments.
    const target = tempDir();
    const run = await cli(['import', '--data-dir', target, '--in', out, '--passphrase-file', passphraseFile(), '--set', 'posSerial=X1']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('comes without its client secret (the bundle is a template)');
    expect(folderSnapshot(target)).toEqual({});
  });

  it('a template replacing profiles of the same providers keeps their secrets (--on-clash replace)', async () => {
    const fleet = [fleetProfile('factus', 'Till 1')];
    const dir = await folderWith(fleet);
    registerAccounts(sandbox, fleet);
    const out = await exportFrom(dir, ['--without-secrets']);
    const run = await cli([
      'import',
      '--data-dir',
      dir,
      '--in',
      out,
      '--passphrase-file',
      passphraseFile(),
      '--on-clash',
      'replace',
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ profiles: [{ name: 'Till 1', outcome: 'replaced', valid: true }] });
  });

  it('reads the passphrase from standard input', async () => {
    const fleet = [fleetProfile('onapi', 'Till 1')];
    const bundle = await exportFrom(await folderWith(fleet));
    registerAccounts(sandbox, fleet);
    const run = await cli(['import', '--data-dir', tempDir(), '--in', bundle, '--passphrase-file', '-'], { stdin: `${PASSPHRASE}\n` });
    expect(run.code, run.stderr).toBe(0);
  });
});

describe('name clashes', () => {
  it('are refused unless --on-clash says what to do; skip, replace and rename do it', async () => {
    const fleet = [fleetProfile('factus', 'Till 1'), fleetProfile('invoisys', 'Till 2')];
    registerAccounts(sandbox, fleet);
    const bundle = await exportFrom(await folderWith(fleet));
    const mine = fleetProfile('factus', 'till 1');
    registerAccounts(sandbox, [mine]);
    const target = await folderWith([mine]);
    const before = folderSnapshot(target);
    const refused = await cli(['import', '--data-dir', target, '--in', bundle, '--passphrase-file', passphraseFile()]);
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toBe(
      `A profile named “Till 1” already exists in ${target}: choose --on-clash skip, replace or rename. Nothing was imported.\n`,
    );
    expect(folderSnapshot(target)).toEqual(before);

    const skip = await cli([
      'import',
      '--data-dir',
      target,
      '--in',
      bundle,
      '--passphrase-file',
      passphraseFile(),
      '--on-clash',
      'skip',
      '--json',
    ]);
    expect(JSON.parse(skip.stdout)).toMatchObject({
      ok: true,
      profiles: [
        { name: 'Till 1', outcome: 'skipped' },
        { name: 'Till 2', outcome: 'created', valid: true },
      ],
    });
    const rename = await cli([
      'import',
      '--data-dir',
      target,
      '--in',
      bundle,
      '--passphrase-file',
      passphraseFile(),
      '--on-clash',
      'rename',
      '--json',
    ]);
    expect(JSON.parse(rename.stdout)).toMatchObject({
      profiles: [
        { name: 'Till 1 (2)', outcome: 'created' },
        { name: 'Till 2 (2)', outcome: 'created' },
      ],
    });
    const replace = await cli([
      'import',
      '--data-dir',
      target,
      '--in',
      bundle,
      '--passphrase-file',
      passphraseFile(),
      '--on-clash',
      'replace',
      '--json',
    ]);
    expect(JSON.parse(replace.stdout)).toMatchObject({
      ok: true,
      profiles: [
        { name: 'Till 1', outcome: 'replaced', valid: true },
        { name: 'Till 2', outcome: 'replaced', valid: true },
      ],
    });
  });
});

describe('refusals: exit code, one clear line, nothing written', () => {
  let bundle: string;
  let ereceiptBundle: string;

  beforeAll(async () => {
    bundle = await exportFrom(await folderWith([fleetProfile('invoisys', 'Till 1')]));
    ereceiptBundle = await exportFrom(await folderWith([fleetProfile('ereceipt', 'Till E')]));
  });

  async function refused(args: (target: string) => string[], code: number, message: RegExp | string, opts: { target?: string } = {}) {
    const target = opts.target ?? join(tempDir(), 'terminal');
    const before = folderSnapshot(target);
    const run = await cli(args(target));
    expect(run.code).toBe(code);
    if (typeof message === 'string') expect(run.stderr).toBe(`${message}\n`);
    else expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
    expect(folderSnapshot(target)).toEqual(before);
    if (!opts.target) expect(existsSync(target)).toBe(false);
    return run;
  }

  it('a wrong passphrase', async () => {
    await refused(
      (t) => ['import', '--data-dir', t, '--in', bundle, '--passphrase-file', passphraseFile('not the passphrase')],
      1,
      `The passphrase does not open ${bundle} (or the file was changed). Nothing was imported.`,
    );
  });

  it('a truncated file and a changed byte', async () => {
    const bytes = readFileSync(bundle);
    const cut = join(tempDir(), 'cut.tessera');
    writeFileSync(cut, bytes.subarray(0, bytes.length - 30));
    await refused(
      (t) => ['import', '--data-dir', t, '--in', cut, '--passphrase-file', passphraseFile()],
      1,
      `${cut} is damaged: it was cut short or changed after it was made. Nothing was imported.`,
    );
    const changed = join(tempDir(), 'changed.tessera');
    const copy = Buffer.from(bytes);
    copy[copy.length - 40]! ^= 0x20;
    writeFileSync(changed, copy);
    await refused(
      (t) => ['import', '--data-dir', t, '--in', changed, '--passphrase-file', passphraseFile()],
      1,
      /is damaged: it was cut short or changed after it was made\. Nothing was imported\.\n$/,
    );
  });

  it('a file that is not a bundle, a missing file, a newer format', async () => {
    const notBundle = join(tempDir(), 'notes.txt');
    writeFileSync(notBundle, 'just some notes');
    await refused(
      (t) => ['import', '--data-dir', t, '--in', notBundle, '--passphrase-file', passphraseFile()],
      1,
      `${notBundle} is not a Tessera profile bundle.`,
    );
    await refused(
      (t) => ['import', '--data-dir', t, '--in', '/nonexistent/x.tessera', '--passphrase-file', passphraseFile()],
      1,
      'The file /nonexistent/x.tessera could not be read or written.',
    );
    const newer = join(tempDir(), 'newer.tessera');
    writeFileSync(newer, await sealBundle(JSON.stringify({ kind: 'tessera-profiles', version: 7 }), PASSPHRASE, 10));
    await refused(
      (t) => ['import', '--data-dir', t, '--in', newer, '--passphrase-file', passphraseFile()],
      1,
      `${newer} was made by a newer Tessera (bundle format 7). Update Tessera to import it; nothing was imported.`,
    );
  });

  it('an invalid profile, named', async () => {
    const invalid = join(tempDir(), 'invalid.tessera');
    const doc = {
      kind: 'tessera-profiles',
      version: 1,
      createdAt: new Date().toISOString(),
      app: { name: 'Tessera', version: '9' },
      withSecrets: true,
      profiles: [
        {
          name: 'Till 9',
          provider: 'invoisys',
          environment: { kind: 'sandbox' },
          fields: { username: 'no-email' },
          secrets: { password: 'pw-0123456789' },
        },
      ],
    };
    writeFileSync(invalid, await sealBundle(JSON.stringify(doc), PASSPHRASE, 10));
    await refused(
      (t) => ['import', '--data-dir', t, '--in', invalid, '--passphrase-file', passphraseFile()],
      1,
      `The profile “Till 9” in ${invalid} is not valid (username: not an e-mail address.). Nothing was imported.`,
    );
  });

  it('a missing or invalid POS serial', async () => {
    await refused(
      (t) => ['import', '--data-dir', t, '--in', ereceiptBundle, '--passphrase-file', passphraseFile()],
      1,
      '“Till E” needs this terminal’s posSerial: give it with --set posSerial=…. Nothing was imported.',
    );
    await refused(
      (t) => [
        'import',
        '--data-dir',
        t,
        '--in',
        ereceiptBundle,
        '--passphrase-file',
        passphraseFile(),
        '--set',
        `posSerial=${'9'.repeat(300)}`,
      ],
      1,
      'The posSerial given for “Till E” is not valid: too long. Nothing was imported.',
    );
  });

  it('an empty or unreadable passphrase file, a short export passphrase', async () => {
    const empty = passphraseFile('');
    await refused(
      (t) => ['import', '--data-dir', t, '--in', bundle, '--passphrase-file', empty],
      1,
      `The passphrase file ${empty} holds no passphrase.`,
    );
    await refused(
      (t) => ['import', '--data-dir', t, '--in', bundle, '--passphrase-file', '/nonexistent/pass'],
      1,
      'The passphrase file /nonexistent/pass could not be read.',
    );
    const source = await folderWith([fleetProfile('invoisys', 'Till 1')]);
    const out = join(tempDir(), 'short.tessera');
    const run = await cli(['export', '--data-dir', source, '--out', out, '--passphrase-file', passphraseFile('short')]);
    expect(run).toMatchObject({ code: 1, stderr: 'The passphrase is too short: a bundle needs one of at least 10 characters.\n' });
    expect(existsSync(out)).toBe(false);
  });

  it('the app, a browser host or another command holding the folder: exit 3, one line, before anything is read', async () => {
    const target = await folderWith([fleetProfile('invoisys', 'Till 0')]);
    for (const [host, line] of [
      ['electron', /^The Tessera app \(pid \d+\) holds the data folder .+: quit it, then run this again\. Nothing was changed\.\n$/],
      ['browser', /^A Tessera browser host \(pid \d+\) holds the data folder .+: stop it, then run this again\. Nothing was changed\.\n$/],
      [
        'cli',
        /^Another tessera command \(pid \d+\) is changing the data folder .+: wait for it, then run this again\. Nothing was changed\.\n$/,
      ],
    ] as const) {
      await holdLock(target, host, async () => {
        const lock = readFileSync(join(target, LOCK_FILE), 'utf8');
        // Even a wrong passphrase is not looked at: the folder is refused first.
        await refused(
          (t) => ['import', '--data-dir', t, '--in', bundle, '--passphrase-file', passphraseFile('wrong passphrase')],
          3,
          line,
          { target },
        );
        await refused((t) => ['refresh', '--data-dir', t, '--all'], 3, line, { target });
        expect(readFileSync(join(target, LOCK_FILE), 'utf8')).toBe(lock);
      });
    }
  });

  it('a stale lock of a dead process is taken over', async () => {
    const fleet = [fleetProfile('invoisys', 'Till 1')];
    registerAccounts(sandbox, fleet);
    const target = tempDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(
      join(target, LOCK_FILE),
      JSON.stringify({ pid: Number(dead), host: 'electron', startedAt: new Date().toISOString(), nonce: 'x' }),
    );
    const run = await cli([
      'import',
      '--data-dir',
      target,
      '--in',
      await exportFrom(await folderWith(fleet)),
      '--passphrase-file',
      passphraseFile(),
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(join(target, LOCK_FILE))).toBe(false);
  });

  it('a damaged store is left for the app to repair', async () => {
    const target = tempDir();
    writeFileSync(join(target, 'tessera.json'), '{"version":1,"profiles":[');
    await refused(
      (t) => ['import', '--data-dir', t, '--in', bundle, '--passphrase-file', passphraseFile()],
      1,
      `The store in ${target} cannot be read; open Tessera to repair it. Nothing was changed.`,
      { target },
    );
    await refused(
      (t) => ['refresh', '--data-dir', t, '--all'],
      1,
      `The store in ${target} cannot be read; open Tessera to repair it. Nothing was changed.`,
      { target },
    );
  });
});

describe('bad arguments: exit 64 with usage', () => {
  it.each([
    [[], 'Say what to do: export, import, status or refresh.', ''],
    [['launch'], 'Unknown command launch.', ''],
    [['status'], 'The option --data-dir is required.', 'status'],
    [['status', '--data-dir', '/x', '--verbose'], 'Unknown option --verbose.', 'status'],
    [['import', '--data-dir', '/x', '--in', 'b'], 'The option --passphrase-file is required.', 'import'],
    [
      ['import', '--data-dir', '/x', '--in', 'b', '--passphrase-file', 'p', '--set', 'posSerial'],
      '--set takes field=value, such as --set posSerial=POS-0042.',
      'import',
    ],
    [
      ['import', '--data-dir', '/x', '--in', 'b', '--passphrase-file', 'p', '--set', 'password=hunter22'],
      '--set takes posSerial or posOsVersion only',
      'import',
    ],
    [
      ['import', '--data-dir', '/x', '--in', 'b', '--passphrase-file', 'p', '--on-clash', 'merge'],
      '--on-clash takes skip, replace or rename.',
      'import',
    ],
    [
      ['import', '--data-dir', '/x', '--in', 'b', '--passphrase-file', 'p', '--passphrase', 'hunter22'],
      'Unknown option --passphrase.',
      'import',
    ],
    [['refresh', '--data-dir', '/x'], 'Name one profile, or give --all (not both).', 'refresh'],
    [['refresh', 'Till 1', '--all', '--data-dir', '/x'], 'Name one profile, or give --all (not both).', 'refresh'],
    [
      ['export', '--data-dir', '/x', '--out', 'o', '--passphrase-file', 'p', '--profiles', ' , '],
      '--profiles needs at least one profile name.',
      'export',
    ],
    [['export', '--data-dir'], 'The option --data-dir needs a value.', 'export'],
  ])('%j', async (args, message, command) => {
    const run = await cli(args);
    expect(run.code).toBe(64);
    expect(run.stdout).toBe('');
    const [first, usage, more] = run.stderr.trimEnd().split('\n');
    expect(first).toContain(message);
    expect(usage).toMatch(
      command ? new RegExp(`^Usage: npm run tessera -- ${command} \\[options\\]`) : /^Usage: npm run tessera -- \[options\] \[command\]$/,
    );
    expect(more).toBe(`More: npm run tessera -- help${command ? ` ${command}` : ''}`);
    // A secret typed where it does not belong is not echoed back.
    expect(run.stderr).not.toContain('hunter22');
  });

  it('help is exit 0, and lists every command and the exit codes', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    for (const word of ['export', 'import', 'status', 'refresh', 'Exit codes:', '64 bad arguments']) expect(run.stdout).toContain(word);
    expect((await cli(['help', 'import'])).stdout).toContain('--on-clash <action>');
  });
});

describe('the system language', () => {
  it('follows LC_ALL, then LC_MESSAGES, then LANG', async () => {
    const dir = join(tempDir(), 'empty');
    expect((await cli(['status', '--data-dir', dir], { env: { LANG: 'es_AR.UTF-8' } })).stdout).toBe(
      `UNKNOWN: no hay perfiles en ${dir}.\n`,
    );
    expect((await cli(['status', '--data-dir', dir], { env: { LANG: 'es_AR.UTF-8', LC_MESSAGES: 'pt_BR.UTF-8' } })).stdout).toBe(
      `UNKNOWN: não há perfis em ${dir}.\n`,
    );
    expect((await cli(['status', '--data-dir', dir], { env: { LANG: 'es_AR.UTF-8', LC_ALL: 'C' } })).stdout).toBe(
      `UNKNOWN: there are no profiles in ${dir}.\n`,
    );
    const usage = await cli(['import', '--data-dir', dir], { env: { LANG: 'pt_PT.UTF-8' } });
    expect(usage.stderr).toMatch(/^Falta a opção obrigatória --in\.\nUso: npm run tessera -- import \[opções\]/);
    const help = await cli(['help', 'status'], { env: { LANG: 'es_ES.UTF-8' } });
    expect(help.stdout).toContain('Opciones:');
    expect(help.stdout).toContain('--data-dir <carpeta>');
    expect(help.stdout).toContain('Códigos de salida:');
  });

  it('says refusals in the user’s language', async () => {
    const bundle = await exportFrom(await folderWith([fleetProfile('invoisys', 'Till 1')]));
    const run = await cli(['import', '--data-dir', tempDir(), '--in', bundle, '--passphrase-file', passphraseFile('wrong passphrase')], {
      env: { LANG: 'pt_BR.UTF-8' },
    });
    expect(run.stderr).toBe(`A frase-senha não abre ${bundle} (ou o arquivo foi alterado). Nada foi importado.\n`);
  });
});

describe('status and refresh', () => {
  it('status exit codes: 2 when a profile cannot get a token, 3 for an unreadable store', async () => {
    const good = fleetProfile('invoisys', 'Good till');
    const bad = fleetProfile('factus', 'Bad till');
    registerAccounts(sandbox, [good]);
    const dir = await folderWith([good, bad]);
    const refreshed = await cli(['refresh', '--data-dir', dir, '--all', '--json']);
    expect(refreshed.code).toBe(2);
    const result = JSON.parse(refreshed.stdout) as {
      command: string;
      ok: boolean;
      profiles: { name: string; valid: boolean; lastError: { errorClass: string } | null }[];
    };
    expect(result).toMatchObject({ command: 'refresh', ok: false });
    expect(result.profiles.map((p) => [p.name, p.valid, p.lastError?.errorClass ?? null])).toEqual([
      ['Good till', true, null],
      ['Bad till', false, 'credentials'],
    ]);
    const status = await cli(['status', '--data-dir', dir]);
    expect(status.code).toBe(2);
    const lines = status.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('CRITICAL: 1 profile cannot get a token.');
    expect(lines[1]).toBe('Tessera is not running.');
    expect(lines[2]).toMatch(/^✓ Good till \(Invoisys.*\): valid until /);
    expect(lines[3]).toMatch(
      /^✗ Bad till \(Factus.*\): needs attention: the provider refused the sign-in, Tessera stopped trying — last error .+: invalid_client$/,
    );

    writeFileSync(join(dir, 'tessera.json'), 'not json at all');
    const unknown = await cli(['status', '--data-dir', dir, '--json']);
    expect(unknown.code).toBe(3);
    expect(JSON.parse(unknown.stdout)).toMatchObject({ level: 'unknown', reason: 'unreadable', exitCode: 3, profiles: [] });
  });

  it('refresh renews one profile by name, and says so', async () => {
    const fleet = [fleetProfile('multinexo', 'Till 1'), fleetProfile('onapi', 'Till 2')];
    registerAccounts(sandbox, fleet);
    const dir = await folderWith(fleet);
    const run = await cli(['refresh', 'till 2', '--data-dir', dir]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^✓ Till 2 \(OnAPI.*\): token valid until .+\nEvery refreshed profile has a valid token\.\n$/);
    const status = JSON.parse((await cli(['status', '--data-dir', dir, '--json'])).stdout) as {
      profiles: { name: string; state: string }[];
    };
    expect(status.profiles.map((p) => [p.name, p.state])).toEqual([
      ['Till 1', 'signed-out'],
      ['Till 2', 'valid'],
    ]);
    expect(await cli(['refresh', 'Till 3', '--data-dir', dir])).toMatchObject({
      code: 1,
      stderr: `No profile is named “Till 3” in ${dir}.\n`,
    });
  });
});

describe('npm run tessera', () => {
  it('runs as its own process with the exit code and JSON on stdout', () => {
    const dir = join(tempDir(), 'nothing');
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts/tessera.mjs'), 'status', '--data-dir', dir, '--json'], {
      cwd: tempDir(),
      encoding: 'utf8',
      env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '' },
    });
    expect(run.status).toBe(3);
    expect(JSON.parse(run.stdout)).toMatchObject({ schema: 1, command: 'status', level: 'unknown', reason: 'no-data', dataDir: dir });
    const usage = spawnSync(process.execPath, [join(ROOT, 'scripts/tessera.mjs'), 'import'], {
      encoding: 'utf8',
      env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '' },
    });
    expect(usage.status).toBe(64);
  }, 60_000);
});
