// Can POS programs get a token from a profile right now, and how urgent is what it shows? The
// one rule the dashboard's order and colours, its summary line, the window title and the tray
// tooltip all share. Pure and clock-free: every function takes `now`.
import type { TokenView } from './token-view';

/**
 * Worst first:
 * - `no-token`: POS programs can't get a token (expired, refused without a working token,
 *   retrying with nothing left);
 * - `attention`: sign-in refused, automatic attempts stopped, but the current token still works;
 * - `retrying`: a failure is being retried while the current token still works;
 * - `expiring`: valid, but renewal is overdue or under a tenth of the lifetime is left;
 * - `pending`: the first sign-in (nothing has failed yet);
 * - `ok`: valid, or renewing a valid token.
 */
export const HEALTHS = ['no-token', 'attention', 'retrying', 'expiring', 'pending', 'ok'] as const;
export type Health = (typeof HEALTHS)[number];

/** Health values that count as a problem in the summary ("2 of 5 need attention"). */
export const PROBLEMS: ReadonlySet<Health> = new Set(['no-token', 'attention', 'retrying', 'expiring']);

const EXPIRING_FRACTION = 0.1;

/** The parts of a token view health depends on. */
export type HealthInput = Pick<TokenView, 'state' | 'issuedAt' | 'expiresAt' | 'renewAt' | 'failures'> & { usable?: boolean };

/** Whether the token in the view can be handed out now (the engine's word, and the clock's). */
export function tokenWorks(view: HealthInput, now: number): boolean {
  if (view.expiresAt === undefined || view.expiresAt <= now) return false;
  // Older views carry no `usable`; then the states that never hold a working token decide.
  if (view.usable !== undefined) return view.usable;
  return view.state !== 'expired' && view.state !== 'signed-out' && view.state !== 'acquiring';
}

export function isExpiringSoon(view: HealthInput, now: number): boolean {
  if (view.expiresAt === undefined || view.expiresAt <= now) return false;
  if (view.renewAt !== undefined && now >= view.renewAt) return true;
  if (view.issuedAt === undefined) return false;
  const lifetime = view.expiresAt - view.issuedAt;
  return lifetime <= 0 || (view.expiresAt - now) / lifetime < EXPIRING_FRACTION;
}

export function healthOf(view: HealthInput, now: number): Health {
  const works = tokenWorks(view, now);
  switch (view.state) {
    case 'needs-attention':
      return works ? 'attention' : 'no-token';
    case 'retrying':
      return works ? 'retrying' : 'no-token';
    case 'acquiring':
    case 'signed-out':
      // A first sign-in in flight (or about to start) is no failure; after one it is.
      return view.failures > 0 ? 'no-token' : 'pending';
    case 'renewing':
      return works ? 'ok' : 'no-token';
    case 'valid':
      if (!works) return 'no-token';
      return isExpiringSoon(view, now) ? 'expiring' : 'ok';
    case 'expired':
      return 'no-token';
  }
}

/**
 * The next moment after `now` at which `healthOf` may change without any new event: the
 * token's expiry, the planned renewal, the point where a tenth of the lifetime is left.
 */
export function nextHealthChange(view: HealthInput, now: number): number | undefined {
  let next: number | undefined;
  const consider = (at: number | undefined) => {
    if (at !== undefined && at > now && (next === undefined || at < next)) next = at;
  };
  consider(view.expiresAt);
  consider(view.renewAt);
  if (view.issuedAt !== undefined && view.expiresAt !== undefined) {
    consider(view.expiresAt - EXPIRING_FRACTION * (view.expiresAt - view.issuedAt));
  }
  return next;
}

export interface HealthSummary {
  total: number;
  /** Profiles whose health is a problem (PROBLEMS). */
  problems: number;
  /** Of those, the ones POS programs can't get a token from. */
  noToken: number;
  /** First sign-ins still under way. */
  pending: number;
}

export function summarizeHealth(healths: Iterable<Health>): HealthSummary {
  const summary: HealthSummary = { total: 0, problems: 0, noToken: 0, pending: 0 };
  for (const health of healths) {
    summary.total += 1;
    if (PROBLEMS.has(health)) summary.problems += 1;
    if (health === 'no-token') summary.noToken += 1;
    if (health === 'pending') summary.pending += 1;
  }
  return summary;
}

/** Which sentence sums it up; each catalog (renderer, main) words it with the counts. */
export type SummaryKind = 'none' | 'all-ok' | 'problems' | 'pending';

export function summaryKind(summary: HealthSummary): SummaryKind {
  if (summary.total === 0) return 'none';
  if (summary.problems > 0) return 'problems';
  if (summary.pending > 0) return 'pending';
  return 'all-ok';
}

/** The colour of the summary: red when a POS can't get a token, amber for other problems. */
export function summaryTone(summary: HealthSummary): 'danger' | 'warning' | 'info' | 'ok' | 'neutral' {
  if (summary.total === 0) return 'neutral';
  if (summary.noToken > 0) return 'danger';
  if (summary.problems > 0) return 'warning';
  if (summary.pending > 0) return 'info';
  return 'ok';
}
