// decodeJwt and jwtExpiry: reading claims without verifying, and telling JWTs from opaque tokens.
import { describe, expect, it } from 'vitest';

import { decodeJwt, jwtExpiry } from '../../../electron/core/jwt';
import { fakeJwt } from '../../support/jwt';

describe('decodeJwt', () => {
  it('returns the payload of a compact JWS', () => {
    const claims = { sub: 'client-1', exp: 1_740_000_000, tags: ['B2C', 'B2B'], taxpayer_name: 'مخبز النيل' };
    expect(decodeJwt(fakeJwt(claims))).toEqual(claims);
  });

  it('reads base64url characters (- and _) and missing padding', () => {
    // ">>>" and "???" encode to base64 with + and /, so base64url has - and _.
    const claims = { a: '>>>', b: '???', c: 'x' };
    const token = fakeJwt(claims);
    expect(token.split('.')[1]).toMatch(/[-_]/);
    expect(decodeJwt(token)).toEqual(claims);
  });

  it.each([
    ['an opaque token', 'pehddf4BLGV8UZ4ZbUIZ81BO6BG6Fzpmrd1RZMSTiZeESZulk48EU7FSq33G1Jhgx'],
    ['two parts', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0'],
    ['four parts', `${fakeJwt({ sub: '1' })}.extra`],
    ['an empty header', `.${fakeJwt({ sub: '1' }).split('.')[1]}.sig`],
    ['a header without alg', fakeJwt({ sub: '1' }, { typ: 'JWT' })],
    ['a payload that is an array', fakeJwt([1, 2] as unknown as Record<string, unknown>)],
    ['a payload that is not JSON', `${fakeJwt({}).split('.')[0]}.${Buffer.from('not json').toString('base64url')}.sig`],
    ['the empty string', ''],
  ])('returns null for %s', (_label, token) => {
    expect(decodeJwt(token)).toBeNull();
  });
});

describe('jwtExpiry', () => {
  it('converts exp seconds to milliseconds', () => {
    expect(jwtExpiry({ exp: 1_740_000_000 })).toBe(1_740_000_000_000);
  });

  it.each([[null], [{}], [{ exp: '1740000000' }], [{ exp: Infinity }], [{ exp: NaN }]])('is null for %j', (claims) => {
    expect(jwtExpiry(claims)).toBeNull();
  });
});
