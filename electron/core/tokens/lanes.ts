// Token requests go to each provider endpoint a few at a time. After a restart with hundreds
// of lapsed tokens, or "Renew all" on a large fleet, every renewal is due at once; sent
// together they would crowd one provider, and on a small till they would time out together and
// all back off together. Here they queue instead: at most `concurrency` exchanges per endpoint
// (scheme, host and port) at a time, so one slow provider never holds up the others, and a
// renewal somebody is waiting for (a POS program asking for a token, the user pressing
// "Refresh now") goes ahead of the scheduled ones.
import PQueue from 'p-queue';

/** Like a browser's connections per host: enough to keep a fleet fresh, few enough to be polite. */
export const MAX_EXCHANGES_PER_ENDPOINT = 6;

/** `waiting`: somebody waits for the answer. `scheduled`: the engine's own timing. */
export type Urgency = 'waiting' | 'scheduled';

const PRIORITY: Record<Urgency, number> = { waiting: 1, scheduled: 0 };

export interface LaneStats {
  endpoint: string;
  running: number;
  queued: number;
}

export class EndpointLanes {
  private readonly lanes = new Map<string, PQueue>();

  constructor(private readonly concurrency = MAX_EXCHANGES_PER_ENDPOINT) {}

  /**
   * Runs `exchange` as soon as `baseUrl`'s endpoint has room, `waiting` ones first. `ticket`
   * names it while it waits in line, for hurry().
   */
  run<T>(baseUrl: string, urgency: Urgency, exchange: () => Promise<T>, ticket?: string): Promise<T> {
    const endpoint = endpointOf(baseUrl);
    let lane = this.lanes.get(endpoint);
    if (!lane) {
      const created = new PQueue({ concurrency: this.concurrency });
      // An endpoint nobody uses any more holds nothing.
      created.addEventListener('idle', () => {
        if (this.lanes.get(endpoint) === created) this.lanes.delete(endpoint);
      });
      this.lanes.set(endpoint, created);
      lane = created;
    }
    return lane.add(exchange, { priority: PRIORITY[urgency], ...(ticket !== undefined ? { id: ticket } : {}) });
  }

  /** Somebody now waits for this exchange: ahead of the scheduled ones, if it is still in line. */
  hurry(ticket: string): void {
    for (const lane of this.lanes.values()) {
      try {
        lane.setPriority(ticket, PRIORITY.waiting);
        return;
      } catch (err) {
        // Not waiting in this lane: in another one, already running, or done.
        if (!(err instanceof ReferenceError)) throw err;
      }
    }
  }

  /** Exchanges running and waiting, per endpoint in use. */
  stats(): LaneStats[] {
    return [...this.lanes].map(([endpoint, lane]) => ({ endpoint, running: lane.pending, queued: lane.size }));
  }
}

function endpointOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return baseUrl;
  }
}
