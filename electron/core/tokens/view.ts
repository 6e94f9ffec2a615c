// What the renderer, the tray and diagnostics see of a profile's token: its state and a masked
// preview, computed from the engine's slot. Never the token itself.
import type { TimedFailure, TokenState, TokenView } from '#common/token-view';

import { maskToken } from '../redact';
import { type Slot, usableFor } from './slot';

/** `attention`: the stored failure that stopped attempts until the user acts, if any. */
export function stateOf(slot: Slot, now: number, attention: TimedFailure | null | undefined): TokenState {
  if (attention) return 'needs-attention';
  const usable = usableFor(slot, now, 0);
  if (slot.inflight) return usable ? 'renewing' : 'acquiring';
  if (usable) return slot.failures > 0 ? 'retrying' : 'valid';
  if (slot.grant) return 'expired';
  return slot.failures > 0 ? 'retrying' : 'signed-out';
}

export function viewOf(slot: Slot, now: number, attention: TimedFailure | null | undefined): TokenView {
  const g = slot.grant;
  const lastError = slot.lastError ?? attention ?? undefined;
  return {
    profileId: slot.id,
    state: stateOf(slot, now, attention),
    since: slot.since,
    failures: slot.failures,
    usable: usableFor(slot, now, 0),
    ...(g
      ? {
          issuedAt: g.issuedAt,
          expiresAt: g.expiresAt,
          preview: maskToken(g.accessToken),
          tokenType: g.tokenType,
          ...(g.identity ? { identity: g.identity } : {}),
          ...(g.lifetimeSource ? { lifetimeSource: g.lifetimeSource } : {}),
        }
      : {}),
    ...(slot.renewAt !== undefined && slot.failures === 0 ? { renewAt: slot.renewAt } : {}),
    ...(slot.nextAttemptAt !== undefined ? { nextAttemptAt: slot.nextAttemptAt } : {}),
    ...(lastError ? { lastError } : {}),
    ...(slot.lastRenewedAt !== undefined ? { lastRenewedAt: slot.lastRenewedAt } : {}),
  };
}
