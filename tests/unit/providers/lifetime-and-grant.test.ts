// lifetimeSchema and makeGrant: what counts as a usable lifetime, and how a grant's expiry is
// the earlier of sentAt + lifetime and the JWT's own exp.
import { describe, expect, it } from 'vitest';

import { ProviderError } from '../../../electron/core/errors';
import { lifetimeSchema, makeGrant, MAX_LIFETIME_SECONDS } from '../../../electron/core/providers/oauth';
import { fakeJwt } from '../../support/jwt';

describe('lifetimeSchema', () => {
  it.each([
    [3600, 3600],
    [0.5, 0.5],
    ['900', 900],
    [' 92843 ', 92843],
    ['12.5', 12.5],
    [MAX_LIFETIME_SECONDS, MAX_LIFETIME_SECONDS],
  ])('accepts %j as %j seconds', (input, seconds) => {
    expect(lifetimeSchema.parse(input)).toBe(seconds);
  });

  it.each([
    ['zero', 0],
    ['negative', -1],
    ['over 30 days', MAX_LIFETIME_SECONDS + 1],
    ['infinite', Infinity],
    ['NaN', NaN],
    ['a negative string', '-60'],
    ['a word', 'one hour'],
    ['an empty string', ''],
    ['a number with a unit', '3600s'],
    ['null', null],
    ['a boolean', true],
    ['an object', { seconds: 60 }],
  ])('refuses %s', (_label, input) => {
    expect(lifetimeSchema.safeParse(input).success).toBe(false);
  });
});

describe('makeGrant', () => {
  const sentAt = Date.parse('2025-03-01T12:00:00Z');

  it('expires sentAt + lifetime for an opaque token', () => {
    const grant = makeGrant({ accessToken: 'opaque-token-value', lifetimeSeconds: 900, sentAt });
    expect(grant.issuedAt).toBe(sentAt);
    expect(grant.expiresAt).toBe(sentAt + 900_000);
  });

  it('follows a JWT exp that is earlier than the lifetime', () => {
    const exp = sentAt / 1000 + 120;
    const grant = makeGrant({ accessToken: fakeJwt({ exp }), lifetimeSeconds: 3600, sentAt });
    expect(grant.expiresAt).toBe(exp * 1000);
  });

  it('keeps the lifetime when the JWT exp is later', () => {
    const grant = makeGrant({ accessToken: fakeJwt({ exp: sentAt / 1000 + 7200 }), lifetimeSeconds: 3600, sentAt });
    expect(grant.expiresAt).toBe(sentAt + 3_600_000);
  });

  it('ignores a JWT without a numeric exp', () => {
    const grant = makeGrant({ accessToken: fakeJwt({ exp: 'tomorrow' }), lifetimeSeconds: 60, sentAt });
    expect(grant.expiresAt).toBe(sentAt + 60_000);
  });

  it('refuses a token whose JWT has already expired: the clock is wrong', () => {
    let thrown: unknown;
    try {
      makeGrant({ accessToken: fakeJwt({ exp: sentAt / 1000 - 1 }), lifetimeSeconds: 3600, sentAt });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ProviderError);
    expect(thrown).toMatchObject({ errorClass: 'protocol', code: 'token_already_expired' });
  });

  it.each([
    ['bearer', 'Bearer'],
    ['BEARER', 'Bearer'],
    [' Bearer ', 'Bearer'],
    [undefined, 'Bearer'],
    ['', 'Bearer'],
    ['MAC', 'MAC'],
  ])('reports token_type %j as %j', (tokenType, expected) => {
    expect(makeGrant({ accessToken: 'x'.repeat(20), tokenType, lifetimeSeconds: 60, sentAt }).tokenType).toBe(expected);
  });

  it('leaves out what the provider did not send', () => {
    const grant = makeGrant({ accessToken: 'x'.repeat(20), lifetimeSeconds: 60, sentAt, refreshToken: '', scope: '' });
    expect(Object.keys(grant).sort()).toEqual(['accessToken', 'expiresAt', 'issuedAt', 'tokenType']);
  });

  it('keeps refresh token, scope and identity when sent', () => {
    const identity = { displayName: 'Ana Paz', uid: '7' };
    const grant = makeGrant({ accessToken: 'a'.repeat(20), refreshToken: 'r1', scope: 'openid', identity, lifetimeSeconds: 60, sentAt });
    expect(grant).toMatchObject({ refreshToken: 'r1', scope: 'openid', identity });
  });
});
