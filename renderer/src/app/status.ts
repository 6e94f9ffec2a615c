// What a token's state means on screen at a given moment. "Expiring soon" is derived here:
// the engine says valid, but renewal is overdue or less than a tenth of the lifetime is left.
import { isExpiringSoon as isExpiring } from '#common/health';

import type { TokenView } from '../bridge/types';

export const DISPLAY_STATUSES = [
  'valid',
  'expiring',
  'renewing',
  'acquiring',
  'retrying',
  'needs-attention',
  'expired',
  'signed-out',
] as const;
export type DisplayStatus = (typeof DISPLAY_STATUSES)[number];

/** Share of the token's lifetime still ahead, from 0 to 1; undefined without a token. */
export function remainingFraction(token: TokenView, now: number): number | undefined {
  const { issuedAt, expiresAt } = token;
  if (issuedAt === undefined || expiresAt === undefined) return undefined;
  const lifetime = expiresAt - issuedAt;
  if (lifetime <= 0) return 0;
  return Math.min(1, Math.max(0, (expiresAt - now) / lifetime));
}

/** The same rule as the dashboard's health (core/tokens/health.ts), so word and colour agree. */
export function isExpiringSoon(token: TokenView, now: number): boolean {
  return isExpiring(token, now);
}

export function displayStatus(token: TokenView, now: number): DisplayStatus {
  if (token.state === 'valid') {
    // The engine's own timer notices expiry a moment later; the screen should not lie meanwhile.
    if (token.expiresAt !== undefined && token.expiresAt <= now) return 'expired';
    if (isExpiringSoon(token, now)) return 'expiring';
  }
  return token.state;
}
