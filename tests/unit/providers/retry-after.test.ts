// parseRetryAfter: both forms of Retry-After (RFC 9110 §10.2.3), clamped to [0, 1 h].
import { describe, expect, it } from 'vitest';

import { parseRetryAfter } from '../../../electron/core/providers/oauth';

const now = Date.parse('2025-03-01T12:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['0', 0],
    ['1', 1000],
    ['120', 120_000],
    [' 45 ', 45_000],
  ])('reads delta-seconds %j', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });

  it('reads an HTTP date as the time left until then', () => {
    expect(parseRetryAfter('Sat, 01 Mar 2025 12:01:30 GMT', now)).toBe(90_000);
  });

  it.each(['Saturday, 01-Mar-25 12:01:30 GMT', 'Sat Mar  1 12:01:30 2025'])('reads the obsolete HTTP-date form %j', (value) => {
    // The asctime form has no zone; it is read as local time, so only check it parses.
    expect(parseRetryAfter(value, now)).toEqual(expect.any(Number));
  });

  it('treats a date already past as "now"', () => {
    expect(parseRetryAfter('Sat, 01 Mar 2025 11:00:00 GMT', now)).toBe(0);
  });

  it('caps a long wait at one hour, whichever form it takes', () => {
    expect(parseRetryAfter('86400', now)).toBe(3_600_000);
    expect(parseRetryAfter('Sun, 02 Mar 2025 12:00:00 GMT', now)).toBe(3_600_000);
  });

  it.each([undefined, '', '   ', 'soon', '-5', '1.5', 'Thursday'])('ignores %j', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});
