// The adapters' rules where the providers' pages are silent and the live services are reported
// to differ: eReceipt's tags read only from a tags claim, OnAPI's lifetime decided by the JWT,
// Invoisys' production base with or without `/api`.
import { describe, expect, it } from 'vitest';

import { taxpayerIdentity } from '../../../electron/core/providers/ereceipt';
import { invoisysTokenUrl } from '../../../electron/core/providers/invoisys';
import { ASSUMED_LIFETIME_SECONDS, plausibleSeconds, resolveLifetime } from '../../../electron/core/providers/lifetime';
import { makeGrant } from '../../../electron/core/providers/oauth';
import { fakeJwt } from '../../support/jwt';

describe('eReceipt taxpayer tags', () => {
  const identity = (claims: Record<string, unknown>) => taxpayerIdentity(fakeJwt({ exp: 2e9, ...claims }));

  it.each([
    ['tags', ['B2B', 'B2C']],
    ['tag', 'B2C'],
    ['taxpayer_tags', 'b2b, b2c'],
    ['TaxpayerTags', ['B2C']],
  ])('reads the %s claim and sees B2C: no warning, no note', (claim, value) => {
    expect(identity({ [claim]: value })).toMatchObject({ warnings: [] });
    expect(identity({ [claim]: value })?.tags).toContain('B2C');
    expect(identity({ [claim]: value })).not.toHaveProperty('notes');
  });

  it('warns "B2C missing" only when a recognised tags claim was read and lacks it', () => {
    expect(identity({ tags: ['B2B'] })).toEqual({ taxpayer: {}, tags: ['B2B'], warnings: ['b2c-missing'] });
    expect(identity({ tags: [] })).toEqual({ taxpayer: {}, tags: [], warnings: ['b2c-missing'] });
  });

  it('without any tags claim: an information note, never a warning', () => {
    const read = identity({ taxpayer_rin: '287654321' });
    expect(read).toEqual({ taxpayer: { taxpayer_rin: '287654321' }, notes: ['tags-unreadable'], warnings: [] });
  });

  it('never guesses from unrelated claims that happen to mention B2C or B2B', () => {
    for (const claims of [{ roles: ['B2B'] }, { scope: 'B2B InvoicingAPI' }, { features: 'B2B' }, { tagged: 'B2B' }]) {
      const read = identity(claims);
      expect(read?.warnings).toEqual([]);
      expect(read?.notes).toEqual(['tags-unreadable']);
      expect(read).not.toHaveProperty('tags');
    }
  });

  it('a tags claim it cannot read is a note, not a verdict', () => {
    for (const value of [{ b2c: true }, 42, [1, 2], ['B2C but with spaces and more']]) {
      expect(identity({ tags: value })).toMatchObject({ notes: ['tags-unreadable'], warnings: [] });
    }
    // One tags claim readable with B2C settles it, whatever another says.
    expect(identity({ tag: 'B2C', tags: { odd: true } })).toMatchObject({ tags: ['B2C'], warnings: [] });
    // Readable without B2C plus one unreadable: it might be there; no warning.
    expect(identity({ tag: 'B2B', tags: { odd: true } })).toMatchObject({ tags: ['B2B'], notes: ['tags-unreadable'], warnings: [] });
  });

  it('an opaque token has no identity at all', () => {
    expect(taxpayerIdentity('opaque-token-value')).toBeUndefined();
  });
});

describe('OnAPI lifetime (the unit of expiresIn is undocumented)', () => {
  const sentAt = Date.parse('2026-03-01T12:00:00Z');
  const iat = sentAt / 1000;
  const hourJwt = fakeJwt({ iat, exp: iat + 3600 });

  it.each([
    ['seconds that agree', 3600, undefined],
    ['a numeric string that agrees', '3600', undefined],
    ['seconds within a rounding second', 3599, undefined],
  ])('takes %s with no note', (_label, stated, source) => {
    expect(resolveLifetime(stated, hourJwt, sentAt)).toEqual({ lifetimeSeconds: Number(stated), ...(source ? { source } : {}) });
  });

  it.each([
    ['milliseconds', 3_600_000],
    ['milliseconds, 1 % off', 3_600_000 * 0.991],
    ['0 (the page example)', 0],
    ['missing', undefined],
    ['null', null],
    ['negative', -3600],
    ['over 30 days', 30 * 24 * 3600 + 1],
    ['a word', 'soon'],
    ['seconds that disagree with the token', 60],
  ])('ignores %s: the JWT exp decides, noted as taken from the token', (_label, stated) => {
    const lifetime = resolveLifetime(stated, hourJwt, sentAt);
    expect(lifetime).toEqual({ lifetimeSeconds: 3600, source: 'token' });
    const grant = makeGrant({ accessToken: hourJwt, lifetimeSeconds: lifetime.lifetimeSeconds, lifetimeSource: lifetime.source, sentAt });
    expect(grant.expiresAt).toBe(sentAt + 3_600_000);
    expect(grant.lifetimeSource).toBe('token');
  });

  it('measures the token by its own iat and exp, so a skewed local clock cannot stretch it', () => {
    // This computer is 10 minutes behind the provider.
    const skewedSentAt = sentAt - 600_000;
    const lifetime = resolveLifetime(0, hourJwt, skewedSentAt);
    expect(lifetime.lifetimeSeconds).toBe(3600);
    const grant = makeGrant({ accessToken: hourJwt, lifetimeSeconds: lifetime.lifetimeSeconds, sentAt: skewedSentAt });
    expect(grant.expiresAt).toBe(skewedSentAt + 3_600_000);
  });

  it('a JWT without iat is measured from when the request was sent', () => {
    expect(resolveLifetime(0, fakeJwt({ exp: iat + 900 }), sentAt)).toEqual({ lifetimeSeconds: 900, source: 'token' });
  });

  it('a JWT already expired stays a clock problem', () => {
    const lifetime = resolveLifetime(3600, fakeJwt({ iat: iat - 7200, exp: iat - 3600 }), sentAt);
    expect(() =>
      makeGrant({ accessToken: fakeJwt({ iat: iat - 7200, exp: iat - 3600 }), lifetimeSeconds: lifetime.lifetimeSeconds, sentAt }),
    ).toThrow(/token_already_expired/);
  });

  it('without a JWT: a plausible value counts as seconds, anything else means 5 minutes assumed', () => {
    expect(resolveLifetime(1800, 'opaque-token', sentAt)).toEqual({ lifetimeSeconds: 1800 });
    for (const stated of [0, undefined, null, 3_600_000_000, -1, 'soon']) {
      expect(resolveLifetime(stated, 'opaque-token', sentAt)).toEqual({ lifetimeSeconds: ASSUMED_LIFETIME_SECONDS, source: 'assumed' });
    }
    expect(ASSUMED_LIFETIME_SECONDS).toBe(300);
  });

  it('plausible means positive, finite and at most 30 days', () => {
    expect(plausibleSeconds(30 * 24 * 3600)).toBe(30 * 24 * 3600);
    for (const v of [0, -1, Infinity, NaN, 30 * 24 * 3600 + 1, '', '1e3', true, {}]) expect(plausibleSeconds(v)).toBeUndefined();
  });
});

describe('Invoisys token URL', () => {
  it.each([
    ['https://sandbox-api.invoisys.com.br', 'https://sandbox-api.invoisys.com.br/api/token'],
    ['https://api.invoisys.com.br', 'https://api.invoisys.com.br/api/token'],
    ['https://api.invoisys.com.br/', 'https://api.invoisys.com.br/api/token'],
    ['https://api.invoisys.com.br/api', 'https://api.invoisys.com.br/api/token'],
    [' https://api.invoisys.com.br/api// ', 'https://api.invoisys.com.br/api/token'],
    ['https://gateway.example.com/invoisys', 'https://gateway.example.com/invoisys/api/token'],
  ])('%s -> %s', (base, url) => {
    expect(invoisysTokenUrl(base)).toBe(url);
  });
});
