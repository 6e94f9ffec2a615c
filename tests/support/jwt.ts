// Builds compact JWS strings for unit tests of code that only decodes tokens (never verifies).

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token shaped like a JWT with these claims; the signature is filler. */
export function fakeJwt(claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
  return `${part(header)}.${part(claims)}.c2lnbmF0dXJl`;
}
