// When to renew and how long to back off: the timing rules of PROVIDERS.md as pure functions.
import type { FailureView } from '#common/failure';
import type { ProviderInfo } from '#common/profile-schema';

import type { TokenGrant } from '../providers/types';

const RENEW_AT_FRACTION = 0.8;
const LATEST_BEFORE_EXPIRY_MS = 60_000;
const FLOOR_APPLIES_ABOVE_MS = 5 * 60_000;
const JITTER_FRACTION = 0.05;

export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_CAP_MS = 5 * 60_000;
/** Full jitter can draw zero; a floor keeps a failing provider from being hit in a tight loop. */
export const BACKOFF_FLOOR_MS = 250;

/**
 * A 2xx answer that cannot be used: the provider signed the account in and Tessera could not
 * take the token. Retrying soon would only sign in again and again, so these back off from a
 * minute up to an hour, and this many in a row stop automatic attempts until the user acts.
 */
export const UNUSABLE_BACKOFF_BASE_MS = 60_000;
export const UNUSABLE_BACKOFF_CAP_MS = 3600_000;
export const UNUSABLE_ANSWERS_BEFORE_STOP = 3;

/**
 * Whether a failure is an unusable successful answer. Every refusal (an HTTP status outside
 * 2xx) carries its status; a protocol failure without one was raised reading a 2xx body.
 */
export function isUnusableAnswer(failure: Pick<FailureView, 'errorClass' | 'status'>): boolean {
  if (failure.errorClass !== 'protocol') return false;
  return failure.status === undefined || (failure.status >= 200 && failure.status < 300);
}

/**
 * 80 % into the lifetime, no later than 60 s before expiry (lifetimes over 5 min), no later
 * than the provider's own cap, minus up to 5 % of the lifetime of random jitter so many
 * terminals do not renew in the same second.
 */
export function planRenewal(grant: TokenGrant, info: ProviderInfo, random: () => number): number {
  const lifetime = grant.expiresAt - grant.issuedAt;
  let at = grant.issuedAt + RENEW_AT_FRACTION * lifetime;
  if (lifetime > FLOOR_APPLIES_ABOVE_MS) at = Math.min(at, grant.expiresAt - LATEST_BEFORE_EXPIRY_MS);
  if (info.maxRenewIntervalSeconds !== undefined) {
    at = Math.min(at, grant.issuedAt + info.maxRenewIntervalSeconds * 1000);
  }
  at -= random() * JITTER_FRACTION * lifetime;
  return Math.round(Math.max(grant.issuedAt, at));
}

/**
 * Exponential backoff with full jitter: a random delay up to 2 s · 2^(n-1), capped at 5 min,
 * and never shorter than the provider's Retry-After.
 */
export function backoffDelay(failures: number, random: () => number, retryAfterMs?: number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  const jittered = Math.max(BACKOFF_FLOOR_MS, Math.round(random() * ceiling));
  return retryAfterMs === undefined ? jittered : Math.max(jittered, retryAfterMs);
}

/**
 * The backoff after an unusable 2xx answer: the same full jitter, from 1 min · 2^(n-1) capped at
 * an hour, but never under a minute, and never shorter than the provider's Retry-After.
 */
export function unusableBackoffDelay(failures: number, random: () => number, retryAfterMs?: number): number {
  const ceiling = Math.min(UNUSABLE_BACKOFF_CAP_MS, UNUSABLE_BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  const jittered = Math.max(UNUSABLE_BACKOFF_BASE_MS, Math.round(random() * ceiling));
  return retryAfterMs === undefined ? jittered : Math.max(jittered, retryAfterMs);
}
