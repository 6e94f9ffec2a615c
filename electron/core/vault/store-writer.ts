// Writes the vault's document to its Store and survives the disk saying no. A failed write
// (a full disk, a folder made read-only, file handles run out) is never thrown at the caller or
// from a timer: the document stays in memory, the problem is reported, and the whole document
// is written again with backoff until a write succeeds, which clears the report.
import type { StoreWriteReason, StoreWriteStatus } from '#common/vault-status';

import type { Clock, TimerHandle } from '../clock';
import type { Logger } from '../logger';
import type { Store } from './types';

export type { StoreWriteReason, StoreWriteStatus };

/** First retry after 1 s, doubling, at most every 30 s. */
export const STORE_RETRY_MS = { first: 1_000, max: 30_000 } as const;

export function storeWriteReason(err: unknown): StoreWriteReason {
  switch ((err as { code?: unknown } | null)?.code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'no_space';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'no_permission';
    case 'EMFILE':
    case 'ENFILE':
      return 'too_many_files';
    default:
      return 'failed';
  }
}

export class StoreWriter {
  private failure: { reason: StoreWriteReason; since: number; attempts: number; retryAt: number } | undefined;
  private retry: TimerHandle | undefined;
  private latest: Record<string, unknown> | undefined;
  private stopped = false;

  constructor(
    private readonly opts: {
      store: Store;
      clock: Clock;
      logger: Logger;
      onStatus: (status: StoreWriteStatus) => void;
    },
  ) {}

  get status(): StoreWriteStatus {
    const f = this.failure;
    return f ? { ok: false, reason: f.reason, since: f.since, retryAt: f.retryAt } : { ok: true };
  }

  /** Whether a write failed and has not succeeded since. */
  get failing(): boolean {
    return this.failure !== undefined;
  }

  /** Writes `doc` now. Never throws; a failure is reported and retried. True when it was written. */
  write(doc: Record<string, unknown>): boolean {
    this.latest = doc;
    return this.attempt();
  }

  /**
   * Writes `doc`, unless earlier writes are failing: then it waits for the scheduled retry, so
   * a burst of background changes (renewals, hand-outs) does not hammer a full disk.
   */
  writeWhenDue(doc: Record<string, unknown>): void {
    this.latest = doc;
    if (this.failure && this.retry !== undefined) return;
    this.attempt();
  }

  /** No more retries (the core is closing); a write already failing stays unwritten. */
  stop(): void {
    this.stopped = true;
    if (this.retry !== undefined) this.opts.clock.clearTimeout(this.retry);
    this.retry = undefined;
  }

  private attempt(): boolean {
    const doc = this.latest;
    if (!doc) return true;
    if (this.retry !== undefined) {
      this.opts.clock.clearTimeout(this.retry);
      this.retry = undefined;
    }
    try {
      this.opts.store.write(doc);
    } catch (err) {
      this.failed(err);
      return false;
    }
    this.latest = undefined;
    if (this.failure) {
      const { since, attempts } = this.failure;
      this.failure = undefined;
      this.opts.logger.info('store written again after failing', { attempts, failingMs: this.opts.clock.now() - since });
      this.opts.onStatus(this.status);
    }
    return true;
  }

  private failed(err: unknown): void {
    const now = this.opts.clock.now();
    const reason = storeWriteReason(err);
    const previous = this.failure;
    const attempts = (previous?.attempts ?? 0) + 1;
    const delay = Math.min(STORE_RETRY_MS.max, STORE_RETRY_MS.first * 2 ** (attempts - 1));
    this.failure = { reason, since: previous?.since ?? now, attempts, retryAt: now + delay };
    if (!this.stopped)
      this.retry = this.opts.clock.setTimeout(() => {
        this.retry = undefined;
        this.attempt();
      }, delay);
    // The code only: the message names paths and could one day quote more.
    const code = (err as { code?: unknown } | null)?.code;
    if (!previous || previous.reason !== reason) {
      this.opts.logger.error('store could not be written; changes are kept in memory and retried', {
        code: typeof code === 'string' ? code : null,
        retryInMs: delay,
      });
    } else {
      this.opts.logger.debug('store still cannot be written', { code: typeof code === 'string' ? code : null, attempts, retryInMs: delay });
    }
    this.opts.onStatus(this.status);
  }
}
