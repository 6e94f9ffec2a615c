// Reads the claims of a JWT without verifying it: the signature is the issuer's business;
// Tessera only needs `exp` and the claims it shows to the user.

export type JwtClaims = Record<string, unknown>;

function base64UrlDecode(part: string): string {
  const padded = part.replace(/-/g, '+').replace(/_/g, '/');
  return Buffer.from(padded, 'base64').toString('utf8');
}

/** The payload of a compact JWS, or null when the string is not one (opaque tokens). */
export function decodeJwt(token: string): JwtClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[0] || !parts[1]) return null;
  try {
    const header = JSON.parse(base64UrlDecode(parts[0])) as unknown;
    if (typeof header !== 'object' || header === null || !('alg' in header)) return null;
    const payload = JSON.parse(base64UrlDecode(parts[1])) as unknown;
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return null;
    return payload as JwtClaims;
  } catch {
    return null;
  }
}

/** The `exp` claim in epoch milliseconds, when present and numeric. */
export function jwtExpiry(claims: JwtClaims | null): number | null {
  const exp = claims?.exp;
  return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
}
