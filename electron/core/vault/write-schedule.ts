// When the vault's document goes to disk: a change the user made at once, tokens and timelines
// coalesced over a few milliseconds, bookkeeping within ten seconds. The StoreWriter beneath it
// survives a disk that says no.
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { StoreWriter, type StoreWriteStatus } from './store-writer';
import type { Store } from './types';

export class WriteSchedule {
  private pending: { timer: ReturnType<Clock['setTimeout']>; dueAt: number } | undefined;
  private readonly writer: StoreWriter;
  private readonly listeners = new Set<(status: StoreWriteStatus) => void>();

  constructor(
    private readonly opts: {
      store: Store;
      clock: Clock;
      logger: Logger;
      /** The document as it is at the moment of writing. */
      document: () => Record<string, unknown>;
      /** Delay that coalesces bursts of token and history writes into one. */
      coalesceMs?: number;
    },
  ) {
    this.writer = new StoreWriter({
      store: opts.store,
      clock: opts.clock,
      logger: opts.logger,
      onStatus: (status) => {
        for (const listener of this.listeners) listener(status);
      },
    });
  }

  /** A change the user made: written at once. Never throws; a failure is reported and retried. */
  now(): void {
    if (this.pending !== undefined) {
      this.opts.clock.clearTimeout(this.pending.timer);
      this.pending = undefined;
    }
    this.writer.write(this.opts.document());
  }

  /** Tokens and history: bursts (many renewals at once) coalesce into one write. */
  soon(): void {
    this.within(this.opts.coalesceMs ?? 20);
  }

  /** Bookkeeping (last use, repeated hand-outs): losing a few seconds of it costs nothing. */
  lazily(): void {
    this.within(10_000);
  }

  /** Writes anything still pending (or still failing); call before the process exits. */
  flush(): void {
    if (this.pending !== undefined || this.writer.failing) this.now();
  }

  get status(): StoreWriteStatus {
    return this.writer.status;
  }

  onStatus(listener: (status: StoreWriteStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops retrying a failed write (the core is closing; flush() has had its last try). */
  stop(): void {
    this.writer.stop();
  }

  private within(ms: number): void {
    const dueAt = this.opts.clock.now() + ms;
    if (this.pending !== undefined) {
      if (this.pending.dueAt <= dueAt) return;
      this.opts.clock.clearTimeout(this.pending.timer);
    }
    const timer = this.opts.clock.setTimeout(() => {
      this.pending = undefined;
      // From a timer: a failure here must never escape (it would end the process); while
      // writes fail, this waits for the writer's own retry.
      this.writer.writeWhenDue(this.opts.document());
    }, ms);
    this.pending = { timer, dueAt };
  }
}
