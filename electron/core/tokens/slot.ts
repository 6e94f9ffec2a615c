// What the engine knows of one profile between events; its state machine and the view read it.
import type { TimedFailure, TokenState } from '#common/token-view';

import type { TokenGrant } from '../providers/types';

export interface Slot {
  id: string;
  grant?: TokenGrant;
  /** A consumer reported the current token rejected (401). */
  invalidated: boolean;
  /** The refresh token was refused: the next renewal must be a login. */
  needsLogin: boolean;
  state: TokenState;
  since: number;
  renewAt?: number;
  nextAttemptAt?: number;
  failures: number;
  /** 2xx answers in a row that could not be used (any success or user action resets it). */
  unusable: number;
  lastError?: TimedFailure;
  lastRenewedAt?: number;
  /** When a consumer last reported the current token rejected. */
  rejectedAt?: number;
  inflight?: Promise<TokenGrant>;
  /** Bumped when the profile is edited or removed: a request in flight then is discarded. */
  generation: number;
}

/** Whether the slot's token stays valid for at least `marginMs` more, and nobody reported it rejected. */
export function usableFor(slot: Slot, now: number, marginMs: number): boolean {
  return !!slot.grant && !slot.invalidated && slot.grant.expiresAt - now > marginMs;
}
