// The installer lock's state: whether a PIN is set, whether it is open and until when, and the
// wrong-PIN backoff. One per core, so both transports (IPC, the browser host's WebSocket) see
// the same lock. Core's dispatch asks it before every installer call (policy.ts).
//
// An unlock lasts UNLOCK_MS after the last installer action (sliding): an installer in the
// middle of setting up a till is not thrown out mid-wizard, and a till left alone locks itself
// five minutes after its last change. It ends at whichever comes first of the wall clock and the
// monotonic clock passing the deadline, so neither a sleep (which stops the monotonic clock)
// nor a changed system date (which moves the wall clock) stretches it.
import type { LockView } from '#common/contract';

import type { Clock, TimerHandle } from '../clock';
import { errorName } from '../error-facts';
import type { Logger } from '../logger';
import type { Vault } from '../vault/vault';
import { VaultError } from '../vault/vault';
import { hashPin, type InstallerLockRecord, isPinFormat, type PinHash, type ScryptParameters, verifyPin } from './pin';

export const UNLOCK_MS = 5 * 60_000;
export const FIRST_WAIT_MS = 1_000;
export const MAX_WAIT_MS = 5 * 60_000;

/** The wait after the n-th wrong PIN in a row: 1 s, doubling, at most 5 minutes. */
export function backoffAfter(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** Math.min(failures - 1, 30));
}

export type LockErrorCode = 'wrong_pin' | 'pin_backoff';

/** A PIN that was wrong, or asked for too soon; says how long until the next one is checked. */
export class LockError extends Error {
  constructor(
    readonly code: LockErrorCode,
    readonly retryInMs: number,
  ) {
    super(code);
    this.name = 'LockError';
  }
}

export interface InstallerLockOptions {
  vault: Vault;
  clock: Clock;
  logger: Logger;
  /** How long an unlock lasts without installer actions (default 5 minutes; never longer). */
  unlockMs?: number;
  /** scrypt parameters for new PINs (tests use cheaper ones). */
  scrypt?: ScryptParameters;
  /** The hash check (tests stand in a slow one). */
  verify?: (pin: string, stored: PinHash) => Promise<boolean>;
  onChange: (view: LockView) => void;
}

export class InstallerLock {
  private readonly unlockMs: number;
  /** Set while open: the two deadlines, on the wall and the monotonic clock. */
  private openUntil: { wall: number; monotonic: number } | undefined;
  private timer: TimerHandle | undefined;
  /** PIN checks run one at a time: a second guess waits for the first one's verdict. */
  private checking: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: InstallerLockOptions) {
    this.unlockMs = Math.min(UNLOCK_MS, Math.max(1, opts.unlockMs ?? UNLOCK_MS));
  }

  private get record(): InstallerLockRecord | null {
    return this.opts.vault.installerLock();
  }

  /** A PIN is set (or a damaged one stands in its place). */
  get pinSet(): boolean {
    return this.record !== null;
  }

  /** Installer calls are refused now. Notices an unlock that ran out before its timer fired. */
  isLocked(): boolean {
    if (!this.pinSet) return false;
    if (!this.openUntil) return true;
    if (this.clock.now() >= this.openUntil.wall || this.clock.monotonic() >= this.openUntil.monotonic) {
      this.close('expired');
      return true;
    }
    return false;
  }

  /** An installer call was let through: the unlock lasts UNLOCK_MS from now. */
  touch(): void {
    if (this.pinSet && this.openUntil && !this.isLocked()) this.open(false);
  }

  view(): LockView {
    const record = this.record;
    if (!record) return { pinSet: false, locked: false, unlockMs: this.unlockMs };
    const locked = this.isLocked();
    const wait = this.waitMs();
    return {
      pinSet: true,
      locked,
      ...(!locked && this.openUntil ? { relocksInMs: this.remainingOpenMs() } : {}),
      ...(wait > 0 ? { retryInMs: wait } : {}),
      ...(record.pin === null ? { pinDamaged: true } : {}),
      unlockMs: this.unlockMs,
    };
  }

  /** "Lock now", from anyone. */
  lockNow(): LockView {
    if (this.openUntil) this.close('lock now');
    return this.view();
  }

  /** Opens the lock with the PIN, or throws LockError (wrong, or too soon) or a field issue. */
  async unlock(pin: string): Promise<LockView> {
    const record = this.record;
    if (!record) return this.view();
    await this.check(pin, 'pin');
    this.open(true);
    this.opts.logger.info('installer lock opened');
    return this.view();
  }

  /**
   * Sets a first PIN, changes it or removes it (next = null). Once a PIN is set, the current one
   * must be typed too (with the same backoff as unlocking), even while unlocked: an installer who
   * walked away from an open till has not handed over the PIN.
   */
  async setPin(current: string | undefined, next: string | null): Promise<LockView> {
    if (next !== null && !isPinFormat(next)) throw new VaultError('validation', [{ path: 'newPin', message: 'installerLock.pinFormat' }]);
    if (this.pinSet) await this.check(current ?? '', 'currentPin');
    else if (next === null) return this.view();
    if (next === null) {
      this.opts.vault.setInstallerLock(null);
      this.stopTimer();
      this.openUntil = undefined;
      this.opts.logger.info('installer PIN removed');
    } else {
      const pin = await hashPin(next, this.opts.scrypt);
      this.opts.vault.setInstallerLock({ pin, failures: 0, retryAt: 0 });
      // Whoever set it proved they are the installer: the unlock starts (again) now.
      this.open(false);
      this.opts.logger.info('installer PIN set');
    }
    this.changed();
    return this.view();
  }

  /** After "Forgot the PIN?" (the vault already dropped the record): nothing stays open. */
  forgotten(): void {
    this.stopTimer();
    this.openUntil = undefined;
    this.opts.logger.warn('installer PIN reset: every secret was deleted');
    this.changed();
  }

  close(reason?: string): void {
    const wasOpen = this.openUntil !== undefined;
    this.stopTimer();
    this.openUntil = undefined;
    if (wasOpen && reason) {
      this.opts.logger.info('installer lock closed', { reason });
      this.changed();
    }
  }

  dispose(): void {
    this.stopTimer();
  }

  // ---- internals ------------------------------------------------------------------------

  private get clock(): Clock {
    return this.opts.clock;
  }

  /**
   * Checks a PIN against the stored hash under the backoff. The attempt is counted (and its wait
   * written) before the hash is computed, and forgiven only when it was right: stopping or
   * killing Tessera mid-check gains no free guess, and a restart keeps the wait. A wrong PIN's
   * wait then runs from the verdict, so a slow check (a busy till) does not eat into it.
   */
  private check(pin: string, field: 'pin' | 'currentPin'): Promise<void> {
    const run = this.checking.then(async () => {
      if (!isPinFormat(pin)) throw new VaultError('validation', [{ path: field, message: 'installerLock.pinFormat' }]);
      const wait = this.waitMs();
      if (wait > 0) throw new LockError('pin_backoff', wait);
      const record = this.record;
      if (!record) return;
      const failures = record.failures + 1;
      this.opts.vault.setInstallerLock({ ...record, failures, retryAt: this.clock.now() + backoffAfter(failures) });
      const right = record.pin !== null && (await this.verify(pin, record.pin));
      const now = this.record;
      if (right && now) {
        this.opts.vault.setInstallerLock({ ...now, failures: 0, retryAt: 0 });
        return;
      }
      if (now) this.opts.vault.setInstallerLock({ ...now, retryAt: this.clock.now() + backoffAfter(failures) });
      this.opts.logger.warn('wrong installer PIN', { failures, waitMs: backoffAfter(failures) });
      this.changed();
      throw new LockError('wrong_pin', this.waitMs());
    });
    this.checking = run.catch(() => undefined);
    return run;
  }

  private async verify(pin: string, stored: PinHash): Promise<boolean> {
    try {
      return await (this.opts.verify ?? verifyPin)(pin, stored);
    } catch (err) {
      // Parameters the schema let through but this machine cannot afford: fail closed.
      this.opts.logger.error('installer PIN could not be checked', { name: errorName(err) });
      return false;
    }
  }

  /**
   * How long until the next PIN is checked. A wait longer than the backoff allows means the
   * clock was set back: it is cut to the backoff (and written), so a date change cannot lock
   * the installer out for months.
   */
  private waitMs(): number {
    const record = this.record;
    if (!record || record.retryAt === 0) return 0;
    const now = this.clock.now();
    const allowed = backoffAfter(record.failures);
    if (record.retryAt - now > allowed) {
      this.opts.vault.setInstallerLock({ ...record, retryAt: now + allowed });
      return allowed;
    }
    return Math.max(0, record.retryAt - now);
  }

  private remainingOpenMs(): number {
    if (!this.openUntil) return 0;
    return Math.max(0, Math.min(this.openUntil.wall - this.clock.now(), this.openUntil.monotonic - this.clock.monotonic()));
  }

  private open(announce: boolean): void {
    const before = this.openUntil;
    this.openUntil = { wall: this.clock.now() + this.unlockMs, monotonic: this.clock.monotonic() + this.unlockMs };
    this.schedule();
    // Sliding: the renderer hears of a moved deadline too, so its countdown stays true.
    if (announce || !before || this.openUntil.wall - before.wall >= 1000) this.changed();
  }

  private schedule(): void {
    this.stopTimer();
    const due = this.remainingOpenMs();
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      // isLocked() closes (and announces) once a deadline has passed; otherwise wait on.
      if (this.openUntil && !this.isLocked()) this.schedule();
    }, due);
  }

  private stopTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private changed(): void {
    this.opts.onChange(this.view());
  }
}
