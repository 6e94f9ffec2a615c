// The benchmarks' statistics helpers: quantiles, summaries, per-round ratios and the orders
// used to interleave alternatives.
import { describe, expect, it } from 'vitest';

import { abOrder, mean, median, quantile, ratioSpread, rotate, summarize } from '../../../bench/lib/stats';

describe('quantile', () => {
  it('interpolates linearly between closest ranks and ignores input order', () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantile([10, 20], 0.99)).toBeCloseTo(19.9, 10);
    expect(quantile([7], 0.99)).toBe(7);
  });

  it('gives the extremes at 0 and 1, NaN for no values, and refuses q outside [0, 1]', () => {
    expect(quantile([3, 9, 1], 0)).toBe(1);
    expect(quantile([3, 9, 1], 1)).toBe(9);
    expect(quantile([], 0.5)).toBeNaN();
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
    expect(() => quantile([1], Number.NaN)).toThrow(RangeError);
  });

  it('does not reorder the caller array', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('summaries and ratios', () => {
  it('summarises a sample', () => {
    const s = summarize([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(s).toMatchObject({ n: 10, min: 1, p50: 5.5, max: 10, mean: 5.5 });
    expect(s.p25).toBeCloseTo(3.25, 10);
    expect(s.p75).toBeCloseTo(7.75, 10);
    expect(mean([])).toBeNaN();
  });

  it('takes the ratio round by round, then its median and quartiles', () => {
    const r = ratioSpread([2, 3, 4, 10], [1, 1, 2, 2]);
    // Per-round ratios 2, 3, 2, 5.
    expect(r).toEqual({ rounds: 4, median: 2.5, p25: 2, p75: 3.5, min: 2, max: 5 });
    expect(() => ratioSpread([1], [1, 2])).toThrow(RangeError);
  });
});

describe('interleaving orders', () => {
  it('alternates A/B inside a round and flips the start in the next round', () => {
    expect([0, 1, 2, 3].map((p) => abOrder(0, p).join(''))).toEqual(['ab', 'ba', 'ab', 'ba']);
    expect([0, 1, 2, 3].map((p) => abOrder(1, p).join(''))).toEqual(['ba', 'ab', 'ba', 'ab']);
  });

  it('rotates scenario lists so each one leads in turn', () => {
    expect(rotate(['x', 'y', 'z'], 0)).toEqual(['x', 'y', 'z']);
    expect(rotate(['x', 'y', 'z'], 4)).toEqual(['y', 'z', 'x']);
    expect(rotate(['x', 'y', 'z'], -1)).toEqual(['z', 'x', 'y']);
    expect(rotate([], 3)).toEqual([]);
  });
});
