// The timeline's record of tokens handed to POS programs (never the token itself). Hand-outs to
// one consumer within a minute are one entry with a count, even when several consumers
// alternate; the timeline hears of a count going up at most every few seconds.
import type { HistoryEvent } from '#common/token-view';

import type { Clock } from '../clock';
import type { TokenStore } from './token-store';

const SERVED_COALESCE_MS = 60_000;
const SERVED_ANNOUNCE_MS = 5_000;

export class HandOutLog {
  /** When the timeline was last told about a hand-out, per profile. */
  private readonly announcedAt = new Map<string, number>();

  constructor(
    private readonly o: {
      store: Pick<TokenStore, 'history' | 'replaceHistory'>;
      clock: Clock;
      /** Appends a new entry to the timeline (stored and announced). */
      record: (id: string, event: Omit<HistoryEvent, 'at'>) => void;
      /** Announces an entry whose count went up. */
      announce: (id: string, event: HistoryEvent) => void;
    },
  ) {}

  served(id: string, consumer: string): void {
    const now = this.o.clock.now();
    const history = this.o.store.history(id);
    for (let i = history.length - 1; i >= 0 && history[i]!.kind === 'served'; i--) {
      const entry = history[i]!;
      if (entry.consumer !== consumer || now - entry.at >= SERVED_COALESCE_MS) continue;
      const event: HistoryEvent = { ...entry, at: now, count: (entry.count ?? 1) + 1, firstAt: entry.firstAt ?? entry.at };
      this.o.store.replaceHistory(id, i, event);
      if (now - (this.announcedAt.get(id) ?? -Infinity) >= SERVED_ANNOUNCE_MS) {
        this.announcedAt.set(id, now);
        this.o.announce(id, event);
      }
      return;
    }
    this.announcedAt.set(id, now);
    this.o.record(id, { kind: 'served', trigger: 'consumer', consumer, firstAt: now });
  }

  forget(id: string): void {
    this.announcedAt.delete(id);
  }
}
