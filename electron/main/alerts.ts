// When Tessera interrupts the user: the decision rules behind the OS notifications. Plain Node
// (no `electron` import) so tests/unit/main can prove them; notifications.ts shows the result.
//
// Two things are worth a notification, each once per entry into the state:
//  - a profile ENTERS needs-attention (the engine stopped and waits for the user);
//  - a working token EXPIRED without being renewed (entered `expired` from valid or retrying).
// Requests in flight (acquiring, renewing) are passages, not states: needs-attention ->
// acquiring -> needs-attention (a retry that failed the same way) is no new entry. States
// present when watching starts (restored from the store, or a token that lapsed while Tessera
// was not running) are never announced.
import type { FailureView } from '#common/failure';
import type { TokenState, TokenView } from '#common/token-view';

export type AlertKind = 'needs-attention' | 'expired';

export interface Alert {
  kind: AlertKind;
  profileId: string;
  /** Why, for needs-attention: the failure that stopped the engine. */
  failure?: FailureView;
}

const PASSAGES: ReadonlySet<TokenState> = new Set(['acquiring', 'renewing']);
/** States in which the profile had a working token, from which lapsing is news. */
const LIVE: ReadonlySet<TokenState> = new Set(['valid', 'retrying']);

/** Follows every profile's settled state and reports the transitions worth telling. */
export class TransitionWatch {
  /** Each profile's last state that was not a passage. */
  private readonly settled = new Map<string, TokenState>();

  /** `views`: every profile as it is when watching starts; `startedAt`: that moment. */
  constructor(
    views: readonly TokenView[],
    private readonly startedAt: number,
  ) {
    for (const view of views) this.settled.set(view.profileId, this.settledAtStart(view));
  }

  /** A request in flight at startup: where the profile stood before it. */
  private settledAtStart(view: TokenView): TokenState {
    if (!PASSAGES.has(view.state)) return view.state;
    if (view.expiresAt === undefined) return 'signed-out';
    return view.expiresAt <= this.startedAt ? 'expired' : 'valid';
  }

  /** Takes a token event; returns the alert it deserves, if any. */
  observe(view: TokenView): Alert | undefined {
    const id = view.profileId;
    const state = view.state;
    if (PASSAGES.has(state)) return undefined;
    // A profile first seen now was just created: it starts signed out.
    const before = this.settled.get(id) ?? 'signed-out';
    this.settled.set(id, state);
    if (state === before) return undefined;
    if (state === 'needs-attention') {
      return { kind: 'needs-attention', profileId: id, ...(view.lastError ? { failure: stripTime(view.lastError) } : {}) };
    }
    if (state === 'expired' && LIVE.has(before)) {
      // Belt and braces: a token that had lapsed before watching started is old news.
      if (view.expiresAt !== undefined && view.expiresAt < this.startedAt) return undefined;
      return { kind: 'expired', profileId: id };
    }
    return undefined;
  }

  /**
   * Where a profile stands, passages aside: a token that expired is still expired while the
   * engine's next attempt is in flight, and an alert about it still holds.
   */
  settledStateOf(profileId: string): TokenState | undefined {
    return this.settled.get(profileId);
  }

  /** Forgets removed profiles. */
  retain(profileIds: Iterable<string>): void {
    const keep = new Set(profileIds);
    for (const id of this.settled.keys()) if (!keep.has(id)) this.settled.delete(id);
  }
}

function stripTime(failure: FailureView & { at?: number }): FailureView {
  const { at: _at, ...rest } = failure;
  return rest;
}

// ---- batching and rate limit ------------------------------------------------------------------

/** What is shown: one profile, or several collapsed into a count. */
export type Notice =
  | { kind: 'needs-attention'; profileId: string; failure?: FailureView }
  | { kind: 'expired'; profileId: string }
  | { kind: 'needs-attention-many'; count: number }
  | { kind: 'expired-many'; count: number };

export interface BatcherOptions {
  deliver(notices: Notice[]): void;
  /** Whether an alert still holds when it is about to be shown (the user may have fixed it). */
  stillApplies(alert: Alert): boolean;
  /** How long alerts gather before the first of them is shown (default 2 s). */
  batchMs?: number;
  /** The least time between two deliveries (default 10 s). */
  minGapMs?: number;
  /** More alerts than this in one delivery are collapsed per kind (default 3). */
  maxSingles?: number;
  now?: () => number;
}

/**
 * Gathers alerts and delivers them in batches: the first alert waits `batchMs` for company,
 * deliveries are at least `minGapMs` apart, and a batch of more than `maxSingles` alerts
 * becomes one notice per kind ("5 profiles need attention"). So at most `maxSingles`
 * notifications appear per `minGapMs`, however many profiles fail at once.
 */
export class AlertBatcher {
  private readonly pending = new Map<string, Alert>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastDelivery = -Infinity;
  private readonly batchMs: number;
  private readonly minGapMs: number;
  private readonly maxSingles: number;
  private readonly now: () => number;

  constructor(private readonly opts: BatcherOptions) {
    this.batchMs = opts.batchMs ?? 2_000;
    this.minGapMs = opts.minGapMs ?? 10_000;
    this.maxSingles = opts.maxSingles ?? 3;
    this.now = opts.now ?? Date.now;
  }

  push(alert: Alert): void {
    // One pending alert per profile and kind: the latest wins.
    this.pending.set(`${alert.kind}\u0000${alert.profileId}`, alert);
    if (this.timer) return;
    const now = this.now();
    const at = Math.max(now + this.batchMs, this.lastDelivery + this.minGapMs);
    this.timer = setTimeout(() => this.flush(), at - now);
    this.timer.unref?.();
  }

  /** Delivers what is pending now (also called by the timer). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const alerts = [...this.pending.values()].filter((a) => this.opts.stillApplies(a));
    this.pending.clear();
    const notices = collapse(alerts, this.maxSingles);
    if (notices.length === 0) return;
    this.lastDelivery = this.now();
    this.opts.deliver(notices);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }
}

/** Up to `maxSingles` alerts are shown one by one; more become one notice per kind. */
export function collapse(alerts: readonly Alert[], maxSingles: number): Notice[] {
  const single = (a: Alert): Notice =>
    a.kind === 'needs-attention'
      ? { kind: 'needs-attention', profileId: a.profileId, ...(a.failure ? { failure: a.failure } : {}) }
      : { kind: 'expired', profileId: a.profileId };
  if (alerts.length <= maxSingles) return alerts.map(single);
  const notices: Notice[] = [];
  const attention = alerts.filter((a) => a.kind === 'needs-attention');
  const expired = alerts.filter((a) => a.kind === 'expired');
  if (attention.length === 1) notices.push(single(attention[0]!));
  else if (attention.length > 1) notices.push({ kind: 'needs-attention-many', count: attention.length });
  if (expired.length === 1) notices.push(single(expired[0]!));
  else if (expired.length > 1) notices.push({ kind: 'expired-many', count: expired.length });
  return notices;
}
