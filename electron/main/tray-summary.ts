// What the tray shows: the worst token state among all profiles and how many profiles are in
// it. Plain Node (no `electron` import) so tests/unit/main can check the rules.
import type { TokenState } from '../core/tokens/types';

/** A token state, or `none` when there are no profiles at all. */
export type TrayLevel = TokenState | 'none';

/**
 * Worst first. Acquiring and renewing share a rank: both are a request in flight, and they are
 * counted together. A profile waiting for the user beats a lapsed token, which beats one the
 * engine is still retrying, which beats work in progress; never signed in is still better
 * news than any of those, and valid is the best.
 */
const RANK: Readonly<Record<TokenState, number>> = {
  'needs-attention': 5,
  expired: 4,
  retrying: 3,
  acquiring: 2,
  renewing: 2,
  'signed-out': 1,
  valid: 0,
};

export function rankOf(state: TokenState): number {
  return RANK[state];
}

export interface TraySummary {
  level: TrayLevel;
  /** Profiles at that level (acquiring and renewing together); 0 for `none`. */
  count: number;
  total: number;
}

/** The worst state among `states`, with how many share its rank. */
export function summarize(states: Iterable<TokenState>): TraySummary {
  let level: TrayLevel = 'none';
  let rank = -1;
  let count = 0;
  let total = 0;
  for (const state of states) {
    total++;
    const r = RANK[state];
    if (r > rank) {
      rank = r;
      level = state;
      count = 1;
    } else if (r === rank) {
      count++;
      // Of a shared rank, report the one that needs no grant: `acquiring` (a first sign-in).
      if (state === 'acquiring') level = state;
    }
  }
  return { level, count, total };
}

/** The latest state of every profile, kept from core's token events. */
export class StateBook {
  private readonly states = new Map<string, TokenState>();

  /** Records a state; true when it changed. */
  set(profileId: string, state: TokenState): boolean {
    if (this.states.get(profileId) === state) return false;
    this.states.set(profileId, state);
    return true;
  }

  /** Drops profiles that no longer exist; true when any was dropped. */
  retain(profileIds: Iterable<string>): boolean {
    const keep = new Set(profileIds);
    let dropped = false;
    for (const id of this.states.keys()) {
      if (!keep.has(id)) {
        this.states.delete(id);
        dropped = true;
      }
    }
    return dropped;
  }

  summary(): TraySummary {
    return summarize(this.states.values());
  }
}

/**
 * Runs `run` at most once per `waitMs`, after the first request of each window: a storm of
 * events (1,000 profiles renewing) costs one update, and the last state is never lost.
 */
export function coalesce(run: () => void, waitMs: number): { request(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    request: () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        run();
      }, waitMs);
      timer.unref?.();
    },
    cancel: () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
