// What the token engine tells the world: a secret-free view of each profile's token and a
// history of what happened to it.
import type { FailureView } from './failure';
import type { Identity } from './grant';

export const TOKEN_STATES = ['signed-out', 'acquiring', 'valid', 'renewing', 'retrying', 'needs-attention', 'expired'] as const;
export type TokenState = (typeof TOKEN_STATES)[number];

export interface TimedFailure extends FailureView {
  at: number;
}

/** Everything the UI may know about a profile's token. Never the token itself. */
export interface TokenView {
  profileId: string;
  state: TokenState;
  /** When the current state began. */
  since: number;
  issuedAt?: number;
  expiresAt?: number;
  /** When the next automatic renewal is planned. */
  renewAt?: number;
  /** When the next attempt after a failure is planned. */
  nextAttemptAt?: number;
  /** Consecutive failed attempts. */
  failures: number;
  /**
   * Whether the current token may be handed out (not expired, not reported as rejected), as of
   * the view's making: a view does not change when the clock passes `expiresAt`.
   */
  usable?: boolean;
  /** First and last characters of the access token, for recognising it. */
  preview?: string;
  tokenType?: string;
  identity?: Identity;
  lastError?: TimedFailure;
  lastRenewedAt?: number;
  /** The current token's lifetime was not stated usably by the provider (TokenGrant.lifetimeSource). */
  lifetimeSource?: 'token' | 'assumed';
}

export const HISTORY_KINDS = [
  'signed-in',
  'renewed',
  'restored',
  'failed',
  'refresh-rejected',
  'needs-attention',
  'expired',
  'invalidated',
  'clock-jump',
  'woke',
  'served',
  'signed-out',
] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

/**
 * Facts worth a line in the timeline beside an event: the lifetime was taken from the token or
 * assumed, the login was the fallback after a refused refresh, the refresh answer was unusable.
 */
export const HISTORY_NOTES = ['lifetime-from-token', 'lifetime-assumed', 'refresh-fallback'] as const;
export type HistoryNote = (typeof HISTORY_NOTES)[number];

/** One line of a profile's timeline. Only ids, codes, numbers and short fixed words. */
export interface HistoryEvent {
  at: number;
  kind: HistoryKind;
  /** What started it: the schedule, the user, a POS program, startup, a wake-up. */
  trigger?: 'schedule' | 'user' | 'consumer' | 'startup' | 'wake' | 'retry';
  /** `refresh-token` or `login`. */
  mechanism?: 'refresh-token' | 'login';
  errorClass?: string;
  code?: string;
  status?: number;
  /** For `served`: the name of the access key that received the token. */
  consumer?: string;
  /** Milliseconds, e.g. a request's duration, a clock jump, a retry delay. */
  ms?: number;
  expiresAt?: number;
  /** For coalesced events (e.g. repeated `served`): how many. */
  count?: number;
  /** For coalesced events: when the first of them happened (with `consumer`, identifies the entry). */
  firstAt?: number;
  notes?: HistoryNote[];
}
