// OnAPI's lifetime rule. Its page never states the unit of `expiresIn` and its example is 0,
// and the live service is reported to send seconds, milliseconds or 0: the token's own `exp`
// decides, the field counts only where it agrees, and with neither a short lifetime is assumed.
import { decodeJwt, jwtExpiry } from '../jwt';
import { MAX_LIFETIME_SECONDS } from './oauth';

/** Taken when neither the token nor the answer says how long the token lives. */
export const ASSUMED_LIFETIME_SECONDS = 5 * 60;
/** How far `expiresIn` may stray from the JWT's lifetime and still count as agreeing with it. */
const AGREEMENT_FRACTION = 0.01;
/** A JWT's exp is whole seconds from a floored iat; the field may be rounded the other way. */
const AGREEMENT_MIN_SECONDS = 2;

export interface ResolvedLifetime {
  lifetimeSeconds: number;
  /** Set when the stated lifetime was not used (see TokenGrant.lifetimeSource). */
  source?: 'token' | 'assumed';
}

/** A positive, finite lifetime in seconds, at most 30 days, from a number or a numeric string. */
export function plausibleSeconds(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(n) && n > 0 && n <= MAX_LIFETIME_SECONDS ? n : undefined;
}

/**
 * The lifetime of a token whose answer states it in an unknown unit. With a JWT `exp`, the
 * token's own lifetime (`exp - iat`, so a skewed local clock does not matter) is authoritative;
 * the stated value is used only when it agrees with it, and is otherwise ignored (0, missing,
 * milliseconds, anything else) with `source: 'token'`. Without an `exp`, a plausible stated
 * value is taken as seconds; failing that, 5 minutes is assumed (`source: 'assumed'`).
 */
export function resolveLifetime(stated: unknown, accessToken: string, sentAt: number): ResolvedLifetime {
  const seconds = plausibleSeconds(stated);
  const claims = decodeJwt(accessToken);
  const exp = jwtExpiry(claims);
  if (exp !== null) {
    const iat = typeof claims?.iat === 'number' && Number.isFinite(claims.iat) && claims.iat * 1000 < exp ? claims.iat * 1000 : sentAt;
    // An exp already past stays past: makeGrant refuses that token as a clock problem.
    const own = Math.min(Math.max((exp - iat) / 1000, 0), MAX_LIFETIME_SECONDS);
    const agrees = seconds !== undefined && Math.abs(seconds - own) <= Math.max(AGREEMENT_MIN_SECONDS, AGREEMENT_FRACTION * own);
    return agrees ? { lifetimeSeconds: seconds } : { lifetimeSeconds: Math.max(own, 1), source: 'token' };
  }
  if (seconds !== undefined) return { lifetimeSeconds: seconds };
  return { lifetimeSeconds: ASSUMED_LIFETIME_SECONDS, source: 'assumed' };
}
