// What the tray shows: the worst token state among all profiles (the icon's colour) and the
// dashboard's summary of who can get a token (the tooltip). Plain Node (no `electron` import)
// so tests/unit/main can check the rules.
import { type HealthInput, healthOf, type HealthSummary, nextHealthChange, summarizeHealth } from '#common/health';
import type { TokenState } from '#common/token-view';

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

/** The latest view of every profile, kept from core's token events. */
export class StateBook {
  private readonly views = new Map<string, HealthInput>();

  /** Records a profile's view (a bare state for a profile that never failed); true when it changed. */
  set(profileId: string, view: TokenState | HealthInput): boolean {
    const next: HealthInput = typeof view === 'string' ? { state: view, failures: 0 } : pickHealthInput(view);
    const current = this.views.get(profileId);
    if (current && HEALTH_FIELDS.every((f) => current[f] === next[f])) return false;
    this.views.set(profileId, next);
    return true;
  }

  /** Drops profiles that no longer exist; true when any was dropped. */
  retain(profileIds: Iterable<string>): boolean {
    const keep = new Set(profileIds);
    let dropped = false;
    for (const id of this.views.keys()) {
      if (!keep.has(id)) {
        this.views.delete(id);
        dropped = true;
      }
    }
    return dropped;
  }

  summary(): TraySummary {
    return summarize([...this.views.values()].map((v) => v.state));
  }

  /** Who can get a token at `now`: the sentence the tooltip shares with the dashboard. */
  health(now: number): HealthSummary {
    return summarizeHealth([...this.views.values()].map((v) => healthOf(v, now)));
  }

  /** When `health` may next change with no event (a token expiring, a renewal falling due). */
  nextChange(now: number): number | undefined {
    let next: number | undefined;
    for (const view of this.views.values()) {
      const at = nextHealthChange(view, now);
      if (at !== undefined && (next === undefined || at < next)) next = at;
    }
    return next;
  }
}

const HEALTH_FIELDS = ['state', 'issuedAt', 'expiresAt', 'renewAt', 'failures', 'usable'] as const;

function pickHealthInput(view: HealthInput): HealthInput {
  const out: HealthInput = { state: view.state, failures: view.failures };
  if (view.issuedAt !== undefined) out.issuedAt = view.issuedAt;
  if (view.expiresAt !== undefined) out.expiresAt = view.expiresAt;
  if (view.renewAt !== undefined) out.renewAt = view.renewAt;
  if (view.usable !== undefined) out.usable = view.usable;
  return out;
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
