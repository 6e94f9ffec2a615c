// Issue 10, finding 3: a store write that fails (EMFILE, ENOSPC, EACCES) is a reported, retried
// problem, never an exception, and nothing held in memory is lost. On a real conf file whose
// writes are made to fail for a while, under a fake clock.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import type { StoreWriteStatus } from '#common/vault-status';

import { memoryLogger } from '../../../electron/core/logger';
import { findProvider } from '../../../electron/core/providers';
import { createConfStore } from '../../../electron/core/vault/conf-store';
import { createDevSecretBox } from '../../../electron/core/vault/dev-box';
import { storeWriteReason } from '../../../electron/core/vault/store-writer';
import type { Store } from '../../../electron/core/vault/types';
import { Vault } from '../../../electron/core/vault/vault';
import { fakeClock } from '../../support/fake-clock';
import { removeTempDirs, tempDir } from '../../support/temp-dir';

afterEach(() => removeTempDirs());

/** A conf store on `dir` whose writes fail with `code` while `failing` is set; attempts are counted. */
function flakyStore(dir: string) {
  const real = createConfStore(dir);
  const state = { failing: undefined as string | undefined, attempts: [] as number[], clockNow: () => 0 };
  const store: Store = {
    path: real.path,
    read: () => real.read(),
    write: (doc) => {
      state.attempts.push(state.clockNow());
      if (state.failing) throw Object.assign(new Error(`${state.failing}: simulated, at ${real.path}`), { code: state.failing });
      real.write(doc);
    },
  };
  return { store, state };
}

function setup() {
  const dir = tempDir();
  const clock = fakeClock();
  const { store, state } = flakyStore(dir);
  state.clockNow = () => clock.now();
  const logger = memoryLogger();
  const vault = Vault.open({ store, box: createDevSecretBox(dir), catalog: (id) => findProvider(id)?.info, clock, logger });
  const statuses: StoreWriteStatus[] = [];
  vault.onWriteStatus((s) => statuses.push(s));
  const onDisk = () =>
    JSON.parse(readFileSync(join(dir, 'tessera.json'), 'utf8')) as {
      profiles: { name: string }[];
      settings: { tokenMarginSeconds: number };
      tokens: Record<string, string>;
    };
  return { dir, clock, state, vault, statuses, logger, onDisk };
}

const invoisys = (name: string) => ({
  name,
  provider: 'invoisys',
  environment: { kind: 'sandbox' },
  credentials: { username: 'till@shop.test', password: 'till-password-2291' },
});

describe('a store that cannot be written', () => {
  it('keeps every change in memory, reports the problem, and retries with backoff until it works', async () => {
    const t = setup();
    const first = await t.vault.create(invoisys('Till 1'));
    t.state.failing = 'EMFILE';

    // A user's change: the call still succeeds; the problem is reported, not thrown.
    const second = await t.vault.create(invoisys('Till 2'));
    t.vault.updateSettings({ tokenMarginSeconds: 90 });
    expect(t.vault.writeStatus).toMatchObject({ ok: false, reason: 'too_many_files' });
    const since = t.clock.now();

    // Background writes (a renewal) come from a timer: they must not throw out of it.
    await t.vault.saveToken(first.id, {
      accessToken: 'tok-1',
      tokenType: 'Bearer',
      issuedAt: t.clock.now(),
      expiresAt: t.clock.now() + 3_600_000,
    });
    await t.clock.tick(50);
    expect(t.vault.writeStatus).toMatchObject({ ok: false, reason: 'too_many_files', since });

    // Retries back off, doubling after each failure: the two changes above failed once each
    // (1 s, then 2 s), so the retries come 2 s, 4 s and 8 s apart, and the next 16 s later.
    const before = t.state.attempts.length;
    await t.clock.tick(15_100);
    const retries = t.state.attempts.slice(before).map((at) => at - since);
    expect(retries).toEqual([2000, 6000, 14000]);
    expect(t.statuses.at(-1)).toMatchObject({ ok: false, retryAt: since + 14_000 + 16_000 });

    // The disk works again: the next retry writes everything that happened meanwhile.
    t.state.failing = undefined;
    await t.clock.tick(16_000);
    expect(t.vault.writeStatus).toEqual({ ok: true });
    expect(t.statuses.at(-1)).toEqual({ ok: true });
    const disk = t.onDisk();
    expect(disk.profiles.map((p) => p.name)).toEqual(['Till 1', 'Till 2']);
    expect(disk.settings.tokenMarginSeconds).toBe(90);
    expect(Object.keys(disk.tokens)).toEqual([first.id]);
    expect(second.id).toBeTruthy();
    // The log names the code, not the message (which held a path).
    expect(t.logger.lines.join('\n')).toContain('"code":"EMFILE"');
    expect(t.logger.lines.join('\n')).not.toContain('simulated');
  });

  it('waits for its retry rather than hammering a full disk with every background change', async () => {
    const t = setup();
    const profile = await t.vault.create(invoisys('Till 1'));
    t.state.failing = 'ENOSPC';
    t.vault.updateSettings({ tokenMarginSeconds: 75 });
    const attempts = t.state.attempts.length;
    for (let i = 0; i < 50; i++) {
      t.vault.appendHistory(profile.id, { at: t.clock.now(), kind: 'renewed', trigger: 'schedule' } as never);
      await t.clock.tick(10);
    }
    // Fifty coalesced history writes inside the first second: no attempt before the retry.
    expect(t.state.attempts.length).toBe(attempts);
    expect(t.vault.writeStatus).toMatchObject({ ok: false, reason: 'no_space' });
  });

  it('flush() at quit tries once more, and a stopped vault retries no more', async () => {
    const t = setup();
    await t.vault.create(invoisys('Till 1'));
    t.state.failing = 'EACCES';
    t.vault.updateSettings({ tokenMarginSeconds: 120 });
    expect(t.vault.writeStatus).toMatchObject({ ok: false, reason: 'no_permission' });
    t.state.failing = undefined;
    t.vault.flush();
    expect(t.onDisk().settings.tokenMarginSeconds).toBe(120);
    expect(t.vault.writeStatus).toEqual({ ok: true });

    t.state.failing = 'EACCES';
    t.vault.updateSettings({ tokenMarginSeconds: 130 });
    t.vault.stopWriting();
    const attempts = t.state.attempts.length;
    await t.clock.tick(120_000);
    expect(t.state.attempts.length).toBe(attempts);
  });

  it('names the reason the user can act on', () => {
    const code = (c: string) => Object.assign(new Error(c), { code: c });
    expect(storeWriteReason(code('ENOSPC'))).toBe('no_space');
    expect(storeWriteReason(code('EDQUOT'))).toBe('no_space');
    expect(storeWriteReason(code('EACCES'))).toBe('no_permission');
    expect(storeWriteReason(code('EPERM'))).toBe('no_permission');
    expect(storeWriteReason(code('EROFS'))).toBe('no_permission');
    expect(storeWriteReason(code('EMFILE'))).toBe('too_many_files');
    expect(storeWriteReason(code('ENFILE'))).toBe('too_many_files');
    expect(storeWriteReason(new TypeError('x'))).toBe('failed');
  });
});
