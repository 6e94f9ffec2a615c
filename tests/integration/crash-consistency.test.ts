// Crash consistency: the browser host is killed with SIGKILL in the middle of 200 writes. The
// store must reopen with the old or the new state of each write: readable, no profile that was
// acknowledged lost, every stored secret still opening, nothing half-written.
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

import { afterEach, expect, it } from 'vitest';
import WebSocket from 'ws';

import { LOCK_FILE, lockHolder } from '../../electron/core/data-lock';
import { memoryLogger } from '../../electron/core/logger';
import { findProvider } from '../../electron/core/providers';
import { createConfStore } from '../../electron/core/vault/conf-store';
import { createDevSecretBox } from '../../electron/core/vault/dev-box';
import { Vault } from '../../electron/core/vault/vault';
import { fakeClock } from '../support/fake-clock';
import { removeTempDirs, tempDir } from '../support/temp-dir';

const ROOT = resolve(import.meta.dirname, '../..');
const WRITES = 200;
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  removeTempDirs();
});

async function startHost(dataDir: string): Promise<{ child: ChildProcess; url: URL }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/browser-host/cli.ts', '--port', '0', '--data-dir', dataDir, '--no-build'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  children.push(child);
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((res, rej) => {
    lines.once('line', res);
    child.once('exit', () => rej(new Error('the host exited before printing its address')));
  });
  return { child, url: new URL(first) };
}

const secretOf = (i: number) => `password-of-till-${i}-${'s'.repeat(12)}`;

it('a SIGKILL in the middle of 200 writes leaves the old or the new state, never a broken store', async () => {
  for (const killAfter of [7, 61, 133, 190]) {
    const dataDir = tempDir();
    const { child, url } = await startHost(dataDir);
    const key = new URLSearchParams(url.hash.slice(1)).get('key')!;
    const ws = new WebSocket(`ws://${url.host}/ws?key=${encodeURIComponent(key)}`, { origin: url.origin });
    await new Promise((res, rej) => {
      ws.once('open', res);
      ws.once('error', rej);
    });
    const acknowledged = new Set<number>();
    const exited = new Promise<void>((res) => child.once('exit', () => res()));
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: { ok: boolean } };
      if (message.id === undefined) return;
      expect(message.result?.ok).toBe(true);
      acknowledged.add(message.id);
      if (acknowledged.size === killAfter) child.kill('SIGKILL');
    });
    ws.on('error', () => undefined);
    // Every write at once: the kill lands while later ones are being handled and written.
    for (let i = 1; i <= WRITES; i++) {
      const profile = {
        name: `Till ${i}`,
        provider: 'invoisys',
        environment: { kind: 'custom', baseUrl: 'http://127.0.0.1:9/' },
        credentials: { username: `till${i}@shop.test`, password: secretOf(i) },
      };
      ws.send(JSON.stringify({ id: i, method: 'createProfile', input: profile }));
    }
    await exited;
    ws.terminate();

    const files = readdirSync(dataDir);
    const store = readFileSync(join(dataDir, 'tessera.json'), 'utf8');
    expect(() => JSON.parse(store) as unknown).not.toThrow();
    const vault = Vault.open({
      store: createConfStore(dataDir),
      box: createDevSecretBox(dataDir),
      catalog: (id) => findProvider(id)?.info,
      clock: fakeClock(),
      logger: memoryLogger(),
    });
    expect(vault.problems).toEqual([]);
    const names = new Set(vault.profiles().map((p) => p.name));
    // Nothing acknowledged is lost; at most the writes in flight at the kill are missing.
    for (const id of acknowledged) expect(names).toContain(`Till ${id}`);
    expect(names.size).toBeGreaterThanOrEqual(acknowledged.size);
    for (const profile of vault.profiles()) {
      const i = Number(profile.name.slice('Till '.length));
      expect(await vault.credentials(profile.id)).toMatchObject({ password: secretOf(i), username: `till${i}@shop.test` });
    }
    // No leftover beside the store but the key and, possibly, an abandoned temporary file, and
    // the killed host's lock file, which names a dead process: the next start takes it over.
    expect(
      files.filter((f) => !/^(tessera\.json|dev-secret\.key|tessera\.lock|\.?tessera\.json.*\.tmp.*|tessera\.json\.tmp-.*)$/.test(f)),
    ).toEqual([]);
    expect(files).toContain(LOCK_FILE);
    expect(lockHolder(dataDir)).toBeUndefined();
  }
}, 120_000);
