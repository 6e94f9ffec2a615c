// The installer lock under a fake clock: the PIN's hash, the unlock window (sliding, both
// clocks), the wrong-PIN backoff (doubling to 5 minutes, counted before the check, kept across
// restarts, cut back when the clock is set back), a damaged record, and the policy table.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { type LockView, METHODS } from '#common/contract';

import { backoffAfter, InstallerLock, LockError, MAX_WAIT_MS, UNLOCK_MS } from '../../../electron/core/lock/installer-lock';
import { hashPin, isPinFormat, pinHashSchema, SCRYPT_DEFAULTS, verifyPin } from '../../../electron/core/lock/pin';
import { METHOD_POLICY, requiredRole } from '../../../electron/core/lock/policy';
import { memoryLogger } from '../../../electron/core/logger';
import { findProvider } from '../../../electron/core/providers';
import { createConfStore } from '../../../electron/core/vault/conf-store';
import { createDevSecretBox } from '../../../electron/core/vault/dev-box';
import { Vault, VaultError } from '../../../electron/core/vault/vault';
import { type FakeClock, fakeClock } from '../../support/fake-clock';
import { removeTempDirs, tempDir } from '../../support/temp-dir';

const PIN = '4821';
const OTHER = '90817263';
const CHEAP = { N: 2 ** 10, r: 8, p: 1, keyLength: 32 };

afterEach(() => removeTempDirs());

function setup(dir = tempDir(), clock: FakeClock = fakeClock(), unlockMs?: number) {
  const logger = memoryLogger();
  const vault = Vault.open({
    store: createConfStore(dir),
    box: createDevSecretBox(dir),
    catalog: (id) => findProvider(id)?.info,
    clock,
    logger,
  });
  const events: LockView[] = [];
  const lock = new InstallerLock({
    vault,
    clock,
    logger,
    scrypt: CHEAP,
    onChange: (v) => events.push(v),
    ...(unlockMs ? { unlockMs } : {}),
  });
  return { dir, clock, vault, lock, events, logger };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (err: unknown) => err,
  );
}

async function lockError(promise: Promise<unknown>): Promise<LockError> {
  const err = await failure(promise);
  expect(err).toBeInstanceOf(LockError);
  return err as LockError;
}

describe('the PIN at rest', () => {
  it('accepts 4 to 12 ASCII digits only', () => {
    for (const ok of ['0000', '4821', '123456789012']) expect(isPinFormat(ok), ok).toBe(true);
    for (const bad of ['', '123', '1234567890123', '12a4', ' 1234', '1234\n', '١٢٣٤', '１２３４', '12.4'])
      expect(isPinFormat(bad), JSON.stringify(bad)).toBe(false);
  });

  it('is a salted scrypt hash with its parameters, never the PIN, and checks out only for the PIN', async () => {
    const a = await hashPin(PIN);
    const b = await hashPin(PIN);
    expect(a).toMatchObject({ algorithm: 'scrypt', ...SCRYPT_DEFAULTS });
    expect(pinHashSchema.safeParse(a).success).toBe(true);
    // A fresh salt each time: the same PIN never hashes alike twice.
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(JSON.stringify(a)).not.toContain(PIN);
    expect(await verifyPin(PIN, a)).toBe(true);
    expect(await verifyPin(PIN, b)).toBe(true);
    expect(await verifyPin('4822', a)).toBe(false);
    expect(await verifyPin('48210', a)).toBe(false);
  });

  it('refuses stored parameters that would cost gigabytes or compare nothing', async () => {
    const sound = await hashPin(PIN, CHEAP);
    expect(pinHashSchema.safeParse(sound).success).toBe(true);
    for (const patch of [{ N: 2 ** 24 }, { N: 3000 }, { r: 1000 }, { p: 64 }, { keyLength: 4 }, { hash: 'AAAA' }, { algorithm: 'sha1' }]) {
      expect(pinHashSchema.safeParse({ ...sound, ...patch }).success, JSON.stringify(patch)).toBe(false);
    }
  });
});

describe('the unlock window', () => {
  it('without a PIN nothing is locked and locking does nothing', () => {
    const { lock } = setup();
    expect(lock.view()).toEqual({ pinSet: false, locked: false, unlockMs: UNLOCK_MS });
    expect(lock.lockNow()).toMatchObject({ pinSet: false, locked: false });
  });

  it('setting a PIN keeps its installer in for 5 minutes, then locks by itself and says so', async () => {
    const { lock, clock, events } = setup();
    const set = await lock.setPin(undefined, PIN);
    expect(set).toMatchObject({ pinSet: true, locked: false, relocksInMs: UNLOCK_MS });
    await clock.tick(UNLOCK_MS - 1000);
    expect(lock.isLocked()).toBe(false);
    expect(lock.view().relocksInMs).toBe(1000);
    events.length = 0;
    await clock.tick(1000);
    // The timer itself closed it and announced it: no call was needed to notice.
    expect(events.at(-1)).toMatchObject({ pinSet: true, locked: true });
    expect(lock.isLocked()).toBe(true);
  });

  it('slides with each installer action: 5 minutes after the last one', async () => {
    const { lock, clock } = setup();
    await lock.setPin(undefined, PIN);
    await clock.tick(4 * 60_000);
    lock.touch();
    await clock.tick(4 * 60_000);
    expect(lock.isLocked()).toBe(false);
    await clock.tick(60_000);
    expect(lock.isLocked()).toBe(true);
    // Touching a closed lock does not open it.
    lock.touch();
    expect(lock.isLocked()).toBe(true);
  });

  it('"Lock now" closes it at once', async () => {
    const { lock, events } = setup();
    await lock.setPin(undefined, PIN);
    expect(lock.lockNow()).toMatchObject({ locked: true });
    expect(events.at(-1)).toMatchObject({ locked: true });
    await lock.unlock(PIN);
    expect(lock.isLocked()).toBe(false);
  });

  it('a sleep (the wall clock moves, the monotonic one does not) ends it', async () => {
    const { lock, clock } = setup();
    await lock.setPin(undefined, PIN);
    clock.jumpWall(UNLOCK_MS + 1);
    expect(lock.isLocked()).toBe(true);
  });

  it('setting the system date back does not stretch it', async () => {
    const { lock, clock } = setup();
    await lock.setPin(undefined, PIN);
    clock.jumpWall(-24 * 3_600_000);
    await clock.tick(UNLOCK_MS);
    expect(lock.isLocked()).toBe(true);
  });

  it('a shorter window may be configured (tests), never a longer one', () => {
    expect(setup(undefined, undefined, 3000).lock.view().unlockMs).toBe(3000);
    expect(setup(undefined, undefined, 24 * 3_600_000).lock.view().unlockMs).toBe(UNLOCK_MS);
  });
});

describe('wrong PINs', () => {
  it('wait 1 s, doubling, to at most 5 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 50, 5000].map(backoffAfter)).toEqual([
      1000,
      2000,
      4000,
      8000,
      16_000,
      32_000,
      64_000,
      128_000,
      256_000,
      MAX_WAIT_MS,
      MAX_WAIT_MS,
      MAX_WAIT_MS,
      MAX_WAIT_MS,
    ]);
  });

  it('each wrong PIN is refused with the wait; a PIN tried too soon is not even checked, right or not', async () => {
    const { lock, clock } = setup();
    await lock.setPin(undefined, PIN);
    lock.lockNow();
    const waits: number[] = [];
    for (let i = 0; i < 11; i++) {
      const err = await lockError(lock.unlock(OTHER));
      expect(err.code).toBe('wrong_pin');
      waits.push(err.retryInMs);
      // The right PIN during the wait is refused unchecked, and costs no extra wait.
      const early = await lockError(lock.unlock(PIN));
      expect(early.code).toBe('pin_backoff');
      expect(early.retryInMs).toBe(err.retryInMs);
      expect(lock.view().retryInMs).toBe(err.retryInMs);
      await clock.tick(err.retryInMs);
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 64_000, 128_000, 256_000, MAX_WAIT_MS, MAX_WAIT_MS]);
    // The right PIN after the wait opens, and the count starts over.
    expect(await lock.unlock(PIN)).toMatchObject({ locked: false });
    lock.lockNow();
    expect((await lockError(lock.unlock(OTHER))).retryInMs).toBe(1000);
  });

  it('wait from the verdict: a slow check on a busy till does not eat into the wait', async () => {
    const clock = fakeClock();
    const { vault } = setup(undefined, clock);
    const slow = new InstallerLock({
      vault,
      clock,
      logger: memoryLogger(),
      scrypt: CHEAP,
      onChange: () => undefined,
      verify: async (pin, stored) => {
        await clock.tick(1500);
        return verifyPin(pin, stored);
      },
    });
    await slow.setPin(undefined, PIN);
    slow.lockNow();
    expect((await lockError(slow.unlock(OTHER))).retryInMs).toBe(1000);
    await clock.tick(1000);
    expect((await lockError(slow.unlock(OTHER))).retryInMs).toBe(2000);
  });

  it('a malformed PIN is a field error and costs nothing', async () => {
    const { lock } = setup();
    await lock.setPin(undefined, PIN);
    lock.lockNow();
    const err = await failure(lock.unlock('12a4'));
    expect(err).toBeInstanceOf(VaultError);
    expect((err as VaultError).issues).toEqual([{ path: 'pin', message: 'installerLock.pinFormat' }]);
    expect(lock.view().retryInMs).toBeUndefined();
  });

  it('are counted before the hash is computed, so stopping Tessera mid-check saves no guess', async () => {
    const { lock, vault } = setup();
    await lock.setPin(undefined, PIN);
    lock.lockNow();
    const attempt = lock.unlock(PIN);
    // Still checking: the attempt is already on disk as a failure with its wait.
    await Promise.resolve();
    await Promise.resolve();
    expect(vault.installerLock()).toMatchObject({ failures: 1 });
    await attempt;
    expect(vault.installerLock()).toMatchObject({ failures: 0, retryAt: 0 });
  });

  it('keep their wait across a restart', async () => {
    const clock = fakeClock();
    const first = setup(undefined, clock);
    await first.lock.setPin(undefined, PIN);
    first.lock.lockNow();
    for (let i = 0; i < 3; i++) {
      const err = await lockError(first.lock.unlock(OTHER));
      if (i < 2) await clock.tick(err.retryInMs);
    }
    first.lock.dispose();
    await clock.tick(1000);
    const second = setup(first.dir, clock);
    // Started again: locked, and still 3 s of the 4 s wait to go.
    expect(second.lock.view()).toMatchObject({ pinSet: true, locked: true, retryInMs: 3000 });
    expect((await lockError(second.lock.unlock(PIN))).code).toBe('pin_backoff');
    await clock.tick(3000);
    expect((await lockError(second.lock.unlock(OTHER))).retryInMs).toBe(8000);
  });

  it('a clock set back cannot lock the installer out for longer than the backoff', async () => {
    const { lock, clock } = setup();
    await lock.setPin(undefined, PIN);
    lock.lockNow();
    await lockError(lock.unlock(OTHER));
    clock.jumpWall(-30 * 24 * 3_600_000);
    expect(lock.view().retryInMs).toBe(1000);
    await clock.tick(1000);
    expect(await lock.unlock(PIN)).toMatchObject({ locked: false });
  });

  it('guesses sent at once are checked one after the other, each under the backoff', async () => {
    const { lock } = setup();
    await lock.setPin(undefined, PIN);
    lock.lockNow();
    const results = await Promise.all(['1111', '2222', '3333', PIN].map((p) => failure(lock.unlock(p))));
    expect(results.map((r) => (r instanceof LockError ? r.code : r))).toEqual(['wrong_pin', 'pin_backoff', 'pin_backoff', 'pin_backoff']);
    expect(lock.isLocked()).toBe(true);
  });
});

describe('setting, changing and removing the PIN', () => {
  it('needs the current PIN once one is set, even while unlocked', async () => {
    const { lock, clock } = setup();
    await lock.setPin(undefined, PIN);
    expect(lock.isLocked()).toBe(false);
    const missing = await failure(lock.setPin(undefined, OTHER));
    expect((missing as VaultError).issues).toEqual([{ path: 'currentPin', message: 'installerLock.pinFormat' }]);
    expect((await lockError(lock.setPin('0000', OTHER))).code).toBe('wrong_pin');
    await clock.tick(1000);
    await lock.setPin(PIN, OTHER);
    lock.lockNow();
    expect((await lockError(lock.unlock(PIN))).code).toBe('wrong_pin');
    await clock.tick(1000);
    await lock.unlock(OTHER);
    expect(await lock.setPin(OTHER, null)).toEqual({ pinSet: false, locked: false, unlockMs: UNLOCK_MS });
  });

  it('refuses a new PIN that is not 4 to 12 digits', async () => {
    const { lock } = setup();
    for (const bad of ['123', '1234567890123', 'abcd']) {
      const err = await failure(lock.setPin(undefined, bad));
      expect((err as VaultError).issues).toEqual([{ path: 'newPin', message: 'installerLock.pinFormat' }]);
    }
    expect(lock.view().pinSet).toBe(false);
  });

  it('never writes the PIN to the store or the log', async () => {
    const { lock, dir, logger, clock } = setup();
    const pin = '908172635401';
    await lock.setPin(undefined, pin);
    lock.lockNow();
    await lockError(lock.unlock('111122223333'));
    await clock.tick(1000);
    await lock.unlock(pin);
    const stored = readFileSync(join(dir, 'tessera.json'), 'utf8');
    expect(stored).toMatch(/"algorithm": ?"scrypt"/);
    for (const text of [stored, logger.lines.join('\n')]) {
      expect(text).not.toContain(pin);
      expect(text).not.toContain('111122223333');
      expect(text).not.toContain(Buffer.from(pin).toString('base64'));
    }
  });
});

describe('a damaged lock record', () => {
  it('fails closed: locked, no PIN opens it, and it says so', async () => {
    const dir = tempDir();
    const first = setup(dir);
    await first.lock.setPin(undefined, PIN);
    first.lock.dispose();
    const file = join(dir, 'tessera.json');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { installerLock: { pin: { hash: string } } };
    doc.installerLock.pin.hash = 'not base64!';
    createConfStore(dir).write(doc);
    const second = setup(dir);
    expect(second.vault.problems.map((p) => p.kind)).toEqual(['store-repaired']);
    expect(second.lock.view()).toMatchObject({ pinSet: true, locked: true, pinDamaged: true });
    expect((await lockError(second.lock.unlock(PIN))).code).toBe('wrong_pin');
  });

  it('a lock record that is not even an object still locks', () => {
    const dir = tempDir();
    createConfStore(dir).write({ version: 1, installerLock: 'open sesame' });
    const { lock } = setup(dir);
    expect(lock.view()).toMatchObject({ pinSet: true, locked: true, pinDamaged: true });
  });
});

describe('the policy table', () => {
  it('names a role for every contract method and nothing else', () => {
    expect(Object.keys(METHOD_POLICY).sort()).toEqual([...METHODS].sort());
  });

  it('splits updateSettings by field: the language is a cashier’s, the rest an installer’s', () => {
    expect(requiredRole('updateSettings', { language: 'es' })).toBe('cashier');
    expect(requiredRole('updateSettings', { language: null })).toBe('cashier');
    expect(requiredRole('updateSettings', { language: 'es', servicePort: 8000 })).toBe('installer');
    expect(requiredRole('updateSettings', { startAtLogin: true })).toBe('installer');
    expect(requiredRole('updateSettings', { tokenMarginSeconds: 30 })).toBe('installer');
    // Present but undefined changes nothing; not an object will not parse.
    expect(requiredRole('updateSettings', { language: 'pt', startAtLogin: undefined })).toBe('cashier');
    expect(requiredRole('updateSettings', 'servicePort')).toBe('cashier');
  });

  it('keeps what a cashier needs open and everything that configures closed', () => {
    const cashier = METHODS.filter((m) => METHOD_POLICY[m] === 'cashier').sort();
    expect(cashier).toEqual(
      [
        'closeImport',
        'getAppInfo',
        'getCatalog',
        'getDiagnostics',
        'getHistory',
        'getLockState',
        'getServiceStatus',
        'getSettings',
        'listProfiles',
        'lock',
        'refreshAll',
        'refreshToken',
        'resetInstallerPin',
        'unlock',
      ].sort(),
    );
  });
});
