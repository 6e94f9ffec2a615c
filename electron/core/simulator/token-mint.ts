// Makes the tokens a simulator hands out: HS256 JWTs under a key that never leaves this
// process, and opaque random strings for refresh tokens and providers without JWTs.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

import type { JsonObject } from './types';

export interface TokenMint {
  signJwt(claims: JsonObject): string;
  /** The claims of a JWT signed by this mint, or null for anything else (expiry not checked). */
  verifyJwt(token: string): Record<string, unknown> | null;
}

const JWT_HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

export function createTokenMint(): TokenMint {
  // One key per mint: a token from another simulator instance must look foreign here.
  const key = randomBytes(32);
  const signature = (input: string) => createHmac('sha256', key).update(input).digest();

  return {
    signJwt(claims) {
      const input = `${JWT_HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
      return `${input}.${signature(input).toString('base64url')}`;
    },
    verifyJwt(token) {
      const parts = token.split('.');
      if (parts.length !== 3) return null;
      const [header, payload, sig] = parts as [string, string, string];
      if (header !== JWT_HEADER) return null;
      const given = Buffer.from(sig, 'base64url');
      const expected = signature(`${header}.${payload}`);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      try {
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
        return claims && typeof claims === 'object' && !Array.isArray(claims) ? (claims as Record<string, unknown>) : null;
      } catch {
        return null;
      }
    },
  };
}

/** A URL-safe random string carrying `bytes` bytes of entropy. */
export function opaqueToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
